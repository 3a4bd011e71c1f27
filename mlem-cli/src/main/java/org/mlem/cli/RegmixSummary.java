package org.mlem.cli;

import java.util.List;
import java.util.Locale;
import org.mlem.em.MixtureFit;
import org.mlem.regmix.RegressionMixture;

/** The human-readable summary of a mixture of regressions. */
final class RegmixSummary {
    private RegmixSummary() {}

    static String of(MixtureFit<RegressionMixture> fit, String formula, double readSeconds) {
        RegressionMixture m = fit.model();
        int k = m.components();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Mixture of %d %s regressions (link %s): %s, %d rows%n%n", k,
                m.family().name(), m.link().rName(), formula, fit.rows()));
        String[] header = new String[k];
        for (int j = 0; j < k; j++) {
            header[j] = GmmSummary.componentName(j, null);
        }
        TextTable t = new TextTable().row("", header).row("weight", m.weights());
        List<String> terms = m.terms();
        for (int q = 0; q < terms.size(); q++) {
            double[] row = new double[k];
            for (int j = 0; j < k; j++) {
                row[j] = m.coefficients(j)[q];
            }
            t.row(terms.get(q), row);
        }
        if (m.hasSd()) {
            t.row("sd", m.sds());
        }
        sb.append(t.render());
        sb.append(System.lineSeparator()).append(GmmSummary.fitLines(fit, readSeconds).render());
        return sb.toString();
    }
}
