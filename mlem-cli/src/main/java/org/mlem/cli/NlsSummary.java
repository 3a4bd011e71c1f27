package org.mlem.cli;

import java.util.Locale;
import org.hipparchus.distribution.continuous.TDistribution;
import org.mlem.nls.NlsFit;

/**
 * The summary of a nonlinear regression, laid out as R's {@code summary.nls} prints it: the formula,
 * the "Parameters:" table (t values, two-sided p-values on the residual degrees of freedom), the
 * residual standard error and the convergence lines; then the log-likelihood, AIC and BIC.
 */
final class NlsSummary {
    private NlsSummary() {}

    static String of(NlsFit fit, String formula, String source, double seconds) {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append("Formula: ").append(formula).append(nl).append(nl).append("Parameters:").append(nl);
        double[] est = fit.estimates();
        double[] se = fit.standardErrors();
        CoefficientTable table = new CoefficientTable("t");
        TDistribution t = fit.dfResidual() > 0 ? new TDistribution(fit.dfResidual()) : null;
        for (int j = 0; j < est.length; j++) {
            double value = est[j] / se[j];
            double p = t == null || Double.isNaN(value) ? Double.NaN : 2 * t.cumulativeProbability(-Math.abs(value));
            table.row(fit.parameterNames().get(j), est[j], se[j], value, p);
        }
        sb.append(table.render()).append(nl);
        sb.append("Residual standard error: ").append(RNumbers.format(fit.residualSd(), 4)).append(" on ")
                .append(fit.dfResidual()).append(" degrees of freedom").append(nl).append(nl);
        if (fit.converged()) {
            sb.append("Number of iterations to convergence: ").append(fit.iterations()).append(nl);
            sb.append("Achieved convergence tolerance: ").append(RNumbers.format(fit.relativeOffset(), 4)).append(nl);
        } else {
            sb.append("Did NOT converge after ").append(fit.iterations()).append(" iterations: ").append(fit.message())
                    .append(nl).append("(try other --start values, or raise --max-iter)").append(nl);
        }
        if (fit.singularGradient()) {
            sb.append("Warning: singular gradient at the estimate: standard errors are not available").append(nl);
        }
        sb.append(nl).append(new TextTable().leftAligned()
                .row("log-likelihood", CsvNumbers.brief(fit.logLikelihood()) + " (df=" + (est.length + 1) + ")")
                .row("AIC", CsvNumbers.brief(fit.aic()))
                .row("BIC", CsvNumbers.brief(fit.bic()))
                .row("rows", fit.observations() + " of " + source)
                .row("time", String.format(Locale.ROOT, "%.3f s", seconds))
                .render());
        return sb.toString();
    }
}
