package org.mlem.cli;

import java.util.List;
import java.util.Locale;
import org.mlem.count.CountDistribution;
import org.mlem.count.CountFit;
import org.mlem.count.CountModelKind;
import org.mlem.count.VuongComparison;
import org.mlem.io.CountJson;

/**
 * The summary of a zero-inflated or hurdle fit laid out as pscl's summary prints it: the call, the
 * count and zero parts' coefficient tables (z tests), theta, the log-likelihood; then AIC, BIC,
 * Vuong's test against the plain count model (as pscl::vuong prints it) and the run's facts.
 */
final class CountSummary {
    private CountSummary() {}

    /** {@code source}: the data file, then any further arguments of the call line ({@code ", weights = w"}). */
    static String of(CountFit fit, CountFit plain, VuongComparison v, String formula, String source, double seconds) {
        String nl = System.lineSeparator();
        boolean nb = fit.distribution() == CountDistribution.NEGBIN;
        boolean zi = fit.kind() == CountModelKind.ZEROINFL;
        StringBuilder sb = new StringBuilder();
        sb.append("Call:").append(nl).append(zi ? "zeroinfl" : "hurdle").append("(formula = ").append(formula)
                .append(", data = ").append(source).append(", dist = \"").append(fit.distribution().label()).append("\")")
                .append(nl).append(nl);
        String count = nb ? "negbin" : "poisson";
        sb.append(zi ? "Count model coefficients (" + count + " with log link):"
                : "Count model coefficients (truncated " + count + " with log link):").append(nl);
        CoefficientTable table = table(fit.countTerms(), fit.countCoefficients(), fit.countStandardErrors());
        if (nb) {
            double z = fit.logTheta() / fit.logThetaStandardError();
            table.row("Log(theta)", fit.logTheta(), fit.logThetaStandardError(), z, CountJson.twoSided(z));
        }
        sb.append(table.render());
        sb.append(zi ? "Zero-inflation model coefficients (binomial with logit link):"
                : "Zero hurdle model coefficients (binomial with logit link):").append(nl);
        sb.append(table(fit.zeroTerms(), fit.zeroCoefficients(), fit.zeroStandardErrors()).render());
        if (nb) {
            sb.append("Theta = ").append(RNumbers.format(fit.theta(), 4)).append(" (std. error ")
                    .append(RNumbers.format(fit.thetaStandardError(), 4)).append(')').append(nl);
        }
        sb.append("Number of iterations in Newton-Raphson optimization: ").append(fit.iterations()).append(nl);
        sb.append("Log-likelihood: ").append(RNumbers.format(fit.logLikelihood(), 5)).append(" on ")
                .append(fit.nParameters()).append(" Df").append(nl).append(nl);

        sb.append("Vuong Non-Nested Hypothesis Test-Statistic (this model against the plain ").append(count)
                .append(" model):").append(nl);
        TextTable vt = new TextTable().leftAligned();
        vt.row("", "Vuong z-statistic", "H_A", "p-value");
        vuongRow(vt, "Raw", v.raw(), v.pRaw());
        vuongRow(vt, "AIC-corrected", v.aicCorrected(), v.pAic());
        vuongRow(vt, "BIC-corrected", v.bicCorrected(), v.pBic());
        sb.append(vt.render()).append(nl);

        TextTable facts = new TextTable().leftAligned();
        facts.row("AIC", CsvNumbers.brief(fit.aic()) + " (plain model " + CsvNumbers.brief(plain.aic()) + ")")
                .row("BIC", CsvNumbers.brief(fit.bic()) + " (plain model " + CsvNumbers.brief(plain.bic()) + ")")
                .row("rows", String.valueOf(fit.rows()))
                .row("converged", fit.converged() ? "yes" : "NO (the gradient did not vanish; the estimates are not the maximum)")
                .row("time", String.format(Locale.ROOT, "%.3f s", seconds));
        sb.append(facts.render());
        return sb.toString();
    }

    private static void vuongRow(TextTable t, String name, double z, double p) {
        // format.pval(p) as pscl::vuong prints it: 5 significant digits, "< 2.22e-16" below machine epsilon
        String shown = p < 0x1p-52 ? "< 2.22e-16" : RNumbers.format(p, 5);
        t.row(name, RNumbers.format(z, 7), z > 0 ? "model1 > model2" : "model2 > model1", shown);
    }

    private static CoefficientTable table(List<String> terms, double[] est, double[] se) {
        CoefficientTable t = new CoefficientTable("z");
        for (int j = 0; j < terms.size(); j++) {
            double z = est[j] / se[j];
            t.row(terms.get(j), est[j], se[j], z, CountJson.twoSided(z));
        }
        return t;
    }
}
