package org.mlem.cli;

import java.util.Arrays;
import java.util.Locale;
import org.mlem.formula.Design;
import org.mlem.glm.Coefficient;
import org.mlem.glm.Family;
import org.mlem.glm.GlmFit;

/**
 * The summary of a GLM fit, laid out as R's {@code summary.glm} prints it (R 4.2): the call, the
 * deviance residuals' quartiles, the coefficient table with stars, the dispersion line, null and
 * residual deviance, AIC and the number of Fisher scoring iterations; then what R reports
 * elsewhere (log-likelihood, BIC, theta) and any warnings.
 */
final class GlmSummary {
    private GlmSummary() {}

    static String of(GlmFit fit, double[] devianceResiduals, String source, double seconds) {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        boolean negbin = fit.family().equals("negbin");
        sb.append("Call:").append(nl);
        sb.append(negbin ? String.format(Locale.ROOT, "glm.nb(formula = %s, link = %s, data = %s)%n", fit.formula(), fit.link(), source)
                : String.format(Locale.ROOT, "glm(formula = %s, family = %s(link = \"%s\"), data = %s)%n", fit.formula(),
                        rFamily(fit.family()), fit.link(), source));
        sb.append(nl).append("Deviance Residuals: ").append(nl).append(quartiles(devianceResiduals)).append(nl);

        int aliased = (int) fit.coefficients().stream().filter(Coefficient::aliased).count();
        sb.append("Coefficients:");
        if (aliased > 0) {
            sb.append(" (").append(aliased).append(" not defined because of singularities)");
        }
        sb.append(nl);
        CoefficientTable table = new CoefficientTable(fit.tStatistics() ? "t" : "z");
        for (Coefficient c : fit.coefficients()) {
            table.row(c.term(), c.estimate(), c.standardError(), c.statistic(), c.pValue());
        }
        sb.append(table.render()).append(nl);

        String familyName = negbin ? "Negative Binomial(" + RNumbers.format(fit.theta(), 5) + ")" : rFamily(fit.family());
        sb.append("(Dispersion parameter for ").append(familyName).append(" family taken to be ")
                .append(RNumbers.format(fit.dispersion(), 7)).append(')').append(nl).append(nl);
        String[] dev = RNumbers.format(new double[] {fit.nullDeviance(), fit.deviance()}, 5);
        String[] df = {String.valueOf(fit.dfNull()), String.valueOf(fit.dfResidual())};
        int dw = Math.max(dev[0].length(), dev[1].length());
        int fw = Math.max(df[0].length(), df[1].length());
        sb.append(String.format(Locale.ROOT, "    Null deviance: %" + dw + "s  on %" + fw + "s  degrees of freedom%n", dev[0], df[0]));
        sb.append(String.format(Locale.ROOT, "Residual deviance: %" + dw + "s  on %" + fw + "s  degrees of freedom%n", dev[1], df[1]));
        sb.append("AIC: ").append(RNumbers.format(fit.aic(), 5)).append(nl).append(nl);
        sb.append("Number of Fisher Scoring iterations: ").append(fit.iterations()).append(nl).append(nl);

        TextTable facts = new TextTable().leftAligned();
        if (negbin) {
            facts.row("theta", RNumbers.format(fit.theta(), 5) + " (std. error " + RNumbers.format(fit.thetaStandardError(), 4) + ")");
        }
        facts.row("log-likelihood", CsvNumbers.brief(fit.logLikelihood()) + " (df=" + fit.nParameters() + ")")
                .row("BIC", CsvNumbers.brief(fit.bic()))
                .row("rows", fit.rows() + (fit.droppedRows() > 0 ? " (" + fit.droppedRows() + " dropped for missing cells)" : ""))
                .row("converged", fit.converged() ? "yes" : "NO (see the warnings)")
                .row("time", String.format(Locale.ROOT, "%.3f s", seconds));
        sb.append(facts.render());
        if (!fit.warnings().isEmpty()) {
            sb.append(nl).append(fit.warnings().size() == 1 ? "Warning:" : "Warnings:").append(nl);
            for (String w : fit.warnings()) {
                sb.append("  ").append(w).append(explanation(w)).append(nl);
            }
        }
        return sb.toString();
    }

    private static String explanation(String warning) {
        if (warning.startsWith("fitted probabilities numerically 0 or 1")) {
            return " (the classes are (quasi-)separated: some estimates run off towards infinity and their standard "
                    + "errors and p-values mean nothing; drop or combine the separating terms)";
        }
        return "";
    }

    /** R's family names ({@code Gamma} is capitalised in R). */
    private static String rFamily(String family) {
        return family.equals("gamma") ? "Gamma" : family;
    }

    /** R's Min, 1Q, Median, 3Q, Max block (quantile type 7, 4 significant digits). */
    static String quartiles(double[] r) {
        double[] s = r.clone();
        Arrays.sort(s);
        double[] q = new double[5];
        for (int k = 0; k < 5; k++) {
            double h = (s.length - 1) * k / 4.0;
            int i = (int) Math.floor(h);
            int j = Math.min(i + 1, s.length - 1);
            q[k] = s[i] + (h - i) * (s[j] - s[i]);
        }
        String[] v = RNumbers.format(q, 4);
        String[] head = {"Min", "1Q", "Median", "3Q", "Max"};
        int w = 0;
        for (int k = 0; k < 5; k++) {
            w = Math.max(w, Math.max(v[k].length(), head[k].length()));
        }
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 5; k++) {
            a.append(k == 0 ? "" : "  ").append(" ".repeat(w - head[k].length())).append(head[k]);
            b.append(k == 0 ? "" : "  ").append(" ".repeat(w - v[k].length())).append(v[k]);
        }
        return a + System.lineSeparator() + b + System.lineSeparator();
    }

    /**
     * Deviance residuals sign(y − mu)·√d_i, d_i the family's weighted deviance contribution (R's
     * {@code residuals(fit, "deviance")}); for the negative binomial at the fitted theta.
     */
    static double[] devianceResiduals(GlmFit fit, Design design) {
        Family fam = fit.family().equals("negbin") ? new Family.NegativeBinomial(fit.theta()) : Family.byName(fit.family());
        double[] y = design.response();
        double[] wt = design.weights();
        double[] mu = fit.fittedValues();
        double[] r = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            r[i] = fam.devianceResidual(y[i], mu[i], wt[i]);
        }
        return r;
    }
}
