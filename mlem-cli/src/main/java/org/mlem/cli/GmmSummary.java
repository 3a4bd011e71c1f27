package org.mlem.cli;

import java.util.List;
import java.util.Locale;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;

/** The human-readable summary of a Gaussian mixture fit. */
final class GmmSummary {
    private GmmSummary() {}

    static String of(MixtureFit<GaussianMixture> fit, List<String> columns, List<String> classes, double readSeconds) {
        GaussianMixture m = fit.model();
        int k = m.components();
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        String model = m.dimension() == 1
                ? String.format(Locale.ROOT, "model %s (%s variances; %s)", m.structure().mclustName(1),
                        m.structure().mclustName(1).equals("E") ? "equal" : "unequal", m.structure().id())
                : m.structure().id() + " covariance";
        sb.append(String.format(Locale.ROOT, "Gaussian mixture: k=%d, %s, %d rows, columns %s%n%n", k,
                model, fit.rows(), String.join(", ", columns)));
        sb.append(parameterTable(m, columns, classes).render());
        if (m.structure().storage() == CovarianceStructure.FULL) {
            for (int j = 0; j < k; j++) {
                sb.append(nl).append("covariance of ").append(componentName(j, classes)).append(nl);
                sb.append(matrix(m.covariance(j), columns));
            }
        } else if (m.structure() == CovarianceStructure.TIED) {
            sb.append(nl).append("covariance (shared by every component)").append(nl);
            sb.append(matrix(m.covariance(0), columns));
        }
        sb.append(nl).append(fitLines(fit, readSeconds).render());
        return sb.toString();
    }

    /**
     * Lines naming each degenerate component (or state, as {@code noun} says) and why: its
     * likelihood is set by the ridge or a few rows, not estimated.
     */
    static String degenerateLines(List<DegenerateComponent> degenerate, String noun, String remedy) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "warning: %d degenerate %s%s (a likelihood spike, not an estimate; use fewer %ss or %s):%n",
                degenerate.size(), noun, degenerate.size() == 1 ? "" : "s", noun, remedy));
        for (DegenerateComponent d : degenerate) {
            sb.append(String.format(Locale.ROOT, "  %s %d: %s%n", noun, d.component(), d.message()));
        }
        return sb.toString();
    }

    /**
     * The lines every EM fit's summary ends with: log-likelihood, parameters, AIC, BIC, iterations,
     * starts, time, and a warning when the best of several starts was reached by one start only.
     */
    static TextTable fitLines(MixtureFit<?> fit, double readSeconds) {
        TextTable t = new TextTable().leftAligned()
                .row("log-likelihood", CsvNumbers.brief(fit.logLikelihood()))
                .row("parameters", String.valueOf(fit.nParameters()))
                .row("AIC", CsvNumbers.brief(fit.aic()))
                .row("BIC", CsvNumbers.brief(fit.bic()))
                .row("iterations", fit.iterations() + (fit.converged() ? " (converged)" : " (NOT converged: raise --max-iter or --tol)"))
                .row("starts", StartsReport.line(fit))
                .row("time", String.format(Locale.ROOT, "%.3f s (read %.3f, init %.3f, fit %.3f)",
                        readSeconds + fit.initSeconds() + fit.fitSeconds(), readSeconds, fit.initSeconds(), fit.fitSeconds()));
        String warning = StartsReport.singleStartWarning(fit);
        return warning == null ? t : t.row("warning", warning);
    }

    private static TextTable parameterTable(GaussianMixture m, List<String> columns, List<String> classes) {
        int k = m.components();
        String[] header = new String[k];
        for (int j = 0; j < k; j++) {
            header[j] = componentName(j, classes);
        }
        TextTable t = new TextTable().row("", header).row("weight", m.weights());
        double[][] means = m.means();
        for (int a = 0; a < columns.size(); a++) {
            double[] col = new double[k];
            for (int j = 0; j < k; j++) {
                col[j] = means[j][a];
            }
            t.row("mean " + columns.get(a), col);
        }
        CovarianceStructure storage = m.structure().storage();
        if (storage == CovarianceStructure.DIAG || storage == CovarianceStructure.SPHERICAL) {
            boolean spherical = storage == CovarianceStructure.SPHERICAL;
            double[][] variances = new double[k][];
            for (int j = 0; j < k; j++) {
                variances[j] = m.variances(j);
            }
            for (int a = 0; a < (spherical ? 1 : columns.size()); a++) {
                double[] col = new double[k];
                for (int j = 0; j < k; j++) {
                    col[j] = variances[j][a];
                }
                t.row(spherical ? "variance (every column)" : "variance " + columns.get(a), col);
            }
        }
        return t;
    }

    static String componentName(int j, List<String> classes) {
        return classes == null ? "component " + j : "component " + j + " (" + classes.get(j) + ")";
    }

    static String matrix(double[][] s, List<String> columns) {
        TextTable t = new TextTable().row("", columns.toArray(String[]::new));
        for (int a = 0; a < s.length; a++) {
            t.row(columns.get(a), s[a]);
        }
        return t.render();
    }
}
