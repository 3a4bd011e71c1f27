package org.mlem.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlem.dist.FittedDistribution;

/**
 * The summary of a distribution fit, laid out as R's {@code fitdistr} prints it: each parameter's
 * estimate with its standard error in parentheses (7 significant digits, one format for the column),
 * then the log-likelihood, AIC, BIC and the Kolmogorov-Smirnov statistic.
 */
final class DistSummary {
    private DistSummary() {}

    static String of(FittedDistribution fit, String column, String source, int rows, List<String> categories,
            double seconds) {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        String family = fit.distribution().family().name();
        sb.append(String.format(Locale.ROOT, "Distribution: %s, fitted by maximum likelihood to column '%s' of %s (%d rows)%n%n",
                family, column, source, rows));
        Map<String, Double> est = fit.estimates();
        Map<String, Double> se = fit.standardErrors();
        List<String> names = new ArrayList<>(est.keySet());
        int p = names.size();
        double[] both = new double[2 * p];
        for (int j = 0; j < p; j++) {
            both[j] = est.get(names.get(j));
            both[p + j] = se.get(names.get(j));
        }
        String[] text = RNumbers.format(both, 7);
        TextTable table = new TextTable().row("", "estimate", "(std. error)");
        for (int j = 0; j < p; j++) {
            String label = categories == null ? names.get(j) : names.get(j) + " '" + categories.get(j) + "'";
            table.row(label, text[j], "(" + text[p + j] + ")");
        }
        sb.append(table.render()).append(nl);
        TextTable facts = new TextTable().leftAligned()
                .row("log-likelihood", CsvNumbers.brief(fit.logLikelihood()))
                .row("parameters", String.valueOf(fit.nParameters()))
                .row("AIC", CsvNumbers.brief(fit.aic()))
                .row("BIC", CsvNumbers.brief(fit.bic()));
        if (!Double.isNaN(fit.ksStatistic())) {
            facts.row("KS statistic", CsvNumbers.brief(fit.ksStatistic())
                    + " (largest distance between the empirical and the fitted cdf)");
        }
        if (fit.n() != rows) {
            facts.row("total weight", CsvNumbers.brief(fit.n()) + " (the n of BIC)");
        }
        facts.row("time", String.format(Locale.ROOT, "%.3f s", seconds));
        return sb.append(facts.render()).toString();
    }
}
