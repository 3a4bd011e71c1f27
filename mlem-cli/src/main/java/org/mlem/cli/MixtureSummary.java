package org.mlem.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlem.cli.plot.MixturePlot;
import org.mlem.em.MixtureFit;
import org.mlem.mixture.ProductMixture;

/** The human-readable summary of a mixture of any families. */
final class MixtureSummary {
    private MixtureSummary() {}

    static String of(MixtureFit<ProductMixture> fit, List<String> classes, double readSeconds) {
        ProductMixture m = fit.model();
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Mixture of %s: k=%d, %d rows, columns %s%n%n", describe(m), m.k(),
                fit.rows(), String.join(", ", m.columns())));
        sb.append(parameterTable(m, classes).render());
        sb.append(nl).append(GmmSummary.fitLines(fit, readSeconds).render());
        return sb.toString();
    }

    /** "poisson", or "product (a: poisson, b: normal)". */
    static String describe(ProductMixture m) {
        if (!m.family().equals("product")) {
            return m.family();
        }
        List<String> parts = new ArrayList<>();
        m.columnFamilies().forEach((c, f) -> parts.add(c + ": " + f));
        return "product (" + String.join(", ", parts) + ")";
    }

    static TextTable parameterTable(ProductMixture m, List<String> classes) {
        int k = m.k();
        String[] header = new String[k];
        for (int j = 0; j < k; j++) {
            header[j] = GmmSummary.componentName(j, classes);
        }
        TextTable t = new TextTable().row("", header).row("weight", m.weights());
        for (Map.Entry<String, double[]> row : MixturePlot.parameterValues(m).entrySet()) {
            t.row(row.getKey(), row.getValue());
        }
        return t;
    }
}
