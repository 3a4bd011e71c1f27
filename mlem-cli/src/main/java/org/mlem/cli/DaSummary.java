package org.mlem.cli;

import java.util.List;
import java.util.Locale;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.da.CrossValidation;
import org.mlem.gmm.da.DiscriminantEstimator;
import org.mlem.gmm.da.GaussianDiscriminant;
import org.mlem.io.DaJson;
import org.mlem.model.FittedGmmda;

/** fit gmmda's summary: the classes (rows, prior, G, model), the fit's figures, the errors and the parameters. */
final class DaSummary {
    private DaSummary() {}

    static String of(DiscriminantEstimator.Fit fit, DataMatrix x, int[] classOf, List<String> columns, CrossValidation cv,
            Holdout held, double seconds) {
        GaussianDiscriminant m = fit.model();
        int d = m.dimension();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Gaussian discriminant analysis (%s): %d rows, %d classes, columns %s%n%n", m.type() == org.mlem.gmm.da.DaType.EDDA
                        ? "EDDA, covariance " + m.edda().mclustName(d) : "MclustDA", fit.rows(), m.classCount(),
                String.join(", ", columns)));
        int[] counts = new int[m.classCount()];
        for (int c : classOf) {
            counts[c]++;
        }
        TextTable classes = new TextTable().row("class", "rows", "prior", "G", "model");
        for (int c = 0; c < m.classCount(); c++) {
            GaussianMixture g = m.densities().get(c);
            classes.row(m.classes().get(c), String.valueOf(counts[c]), CsvNumbers.brief(m.priors()[c]),
                    String.valueOf(g.components()), (m.edda() != null ? m.edda() : g.structure()).mclustName(d));
        }
        sb.append(classes.render());
        double[] train = CrossValidation.errorAndBrier(m.predictProba(x), classOf);
        TextTable lines = new TextTable().leftAligned()
                .row("log-likelihood", CsvNumbers.brief(fit.logLikelihood()) + " (rows with their class unknown, as mclust)")
                .row("parameters", String.valueOf(m.nParameters()))
                .row("AIC", CsvNumbers.brief(fit.aic()))
                .row("BIC", CsvNumbers.brief(fit.bic()) + " (lower is better; mclust prints -BIC)")
                .row("training error", rate(train[0]) + ", Brier score " + CsvNumbers.brief(train[1]));
        if (cv != null) {
            int k = java.util.Arrays.stream(cv.folds()).max().orElse(0) + 1;
            lines.row(k + "-fold CV error", rate(cv.error()) + " (se " + CsvNumbers.brief(cv.errorSe()) + "), Brier score "
                    + CsvNumbers.brief(cv.brier()) + " (se " + CsvNumbers.brief(cv.brierSe()) + ")");
        }
        if (held != null) {
            lines.row("test error", rate(held.error()) + " on " + held.n() + " rows, Brier score " + CsvNumbers.brief(held.brier()));
        }
        lines.row("time", String.format(Locale.ROOT, "%.3f s", seconds));
        sb.append(System.lineSeparator()).append(lines.render()).append(System.lineSeparator());
        sb.append(new FittedGmmda(new DaJson.DaFile(m, columns)).summary()).append(System.lineSeparator());
        return sb.toString();
    }

    private static String rate(double e) {
        return String.format(Locale.ROOT, "%.4f", e);
    }
}
