package org.mlem.glm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;

/**
 * The analysis of deviance between separately fitted, nested GLMs, as R's
 * {@code anova(m0, m1, ..., test = "Chisq" | "F")} ({@code anova.glmlist} and {@code stat.anova}):
 * each model's residual df and deviance; from the second on, the change from the model before
 * (df and deviance: the earlier minus this one) and its test. The scale is the dispersion of the
 * model with the fewest residual df (1 for binomial and Poisson); the χ² test (R's "Chisq" or
 * "LRT") refers change / scale to χ² on |df|; the F test refers (change / df) / scale to F on |df|
 * and the big model's residual df (infinite df when the scale is 1, as R, which warns then).
 *
 * <p>R warns and drops a model whose response differs, and stops on different numbers of rows;
 * this refuses, in one line, models that differ in response, rows, total prior weight, response
 * total, weights or offset column, family or link, or whose coefficient names are not nested
 * (those of the model with more residual df a subset of the other's), which R does not check.
 */
public final class NestedAnova {
    /** The test of each change. */
    public enum Test {
        /** R's "Chisq" (also "LRT"). */
        CHISQ,
        /** R's "F". */
        F;

        /** {@code Chisq}, {@code LRT} or {@code F}, in any case. */
        public static Test byName(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "chisq", "lrt" -> CHISQ;
                case "f" -> F;
                default -> throw new MlemUserException("--test '" + name + "' is not a test; use Chisq (or LRT) or F");
            };
        }
    }

    /**
     * What the comparison needs of one fitted model.
     *
     * @param label how errors name it (its file)
     * @param family the family's name ({@code negbin:THETA} style for a fixed theta)
     * @param link the link's R name
     * @param response the formula's left-hand side, spaces removed
     * @param rows rows fitted
     * @param totalWeight the sum of the prior weights (trials included for a binomial cbind response)
     * @param responseTotal sum of prior weight × response (NaN when unknown: not compared)
     * @param weightsColumn the prior weights' column, or null
     * @param offsetColumn the offset column, or null
     * @param terms the coefficient names
     * @param residualDf residual degrees of freedom
     * @param residualDeviance residual deviance
     * @param dispersion the fit's dispersion (summary.glm's)
     */
    public record Model(String label, String family, String link, String response, int rows, double totalWeight,
            double responseTotal, String weightsColumn, String offsetColumn, List<String> terms, int residualDf,
            double residualDeviance, double dispersion) {

        public Model {
            terms = List.copyOf(terms);
        }

        /** The model of {@code fit}, the fit of {@code design}. */
        public static Model of(String label, GlmFit fit, Design design, String weightsColumn, String offsetColumn) {
            double tw = 0;
            for (double w : design.weights()) {
                tw += w;
            }
            String family = fit.family().equals("negbin") && Double.isNaN(fit.thetaStandardError())
                    ? "negbin:" + fit.theta() : fit.family();
            return new Model(label, family, fit.link(), responseOf(fit.formula()), fit.rows(), tw, NestedAnova.responseTotal(design),
                    weightsColumn,
                    offsetColumn, fit.coefficients().stream().map(Coefficient::term).toList(), fit.dfResidual(),
                    fit.deviance(), fit.dispersion());
        }

        /** The left-hand side of an R formula with spaces removed (R's deparse of formula[[2]] compares the same). */
        public static String responseOf(String formula) {
            int tilde = formula.indexOf('~');
            return (tilde < 0 ? "" : formula.substring(0, tilde)).replaceAll("\\s+", "");
        }
    }

    /** The sum of prior weight × response over the rows fitted (the successes of a binomial fit). */
    public static double responseTotal(Design design) {
        double[] y = design.response();
        double[] w = design.weights();
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += w[i] * y[i];
        }
        return s;
    }

    /**
     * One row of the table: {@code df}, {@code deviance}, {@code statistic} and {@code pValue} NaN
     * for the first model (R's NA), or when the change is 0 df or a negative deviance.
     */
    public record Row(int residualDf, double residualDeviance, double df, double deviance, double statistic,
            double pValue) {}

    private NestedAnova() {
    }

    /** The table of {@code models}, in the order given (at least two). */
    public static List<Row> table(List<Model> models, Test test) {
        if (models.size() < 2) {
            throw new MlemUserException("anova compares two or more nested models; give at least two model files");
        }
        for (int k = 1; k < models.size(); k++) {
            checkComparable(models.get(0), models.get(k));
            checkNested(models.get(k - 1), models.get(k));
        }
        Model big = models.get(0);
        for (Model m : models) {
            big = m.residualDf() < big.residualDf() ? m : big;
        }
        double scale = big.dispersion();
        double dfScale = scale == 1 ? Double.POSITIVE_INFINITY : big.residualDf();
        List<Row> rows = new ArrayList<>();
        Model first = models.get(0);
        rows.add(new Row(first.residualDf(), first.residualDeviance(), Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        for (int k = 1; k < models.size(); k++) {
            Model before = models.get(k - 1);
            Model m = models.get(k);
            double df = before.residualDf() - m.residualDf();
            double change = before.residualDeviance() - m.residualDeviance();
            double stat;
            double p;
            if (test == Test.CHISQ) {
                stat = change / scale * Math.signum(df);
                stat = df == 0 || stat < 0 ? Double.NaN : stat;
                p = Double.isNaN(stat) ? Double.NaN : Gamma.regularizedGammaQ(Math.abs(df) / 2, stat / 2);
            } else {
                stat = change / df / scale;
                stat = df == 0 || stat < 0 ? Double.NaN : stat;
                p = Double.isNaN(stat) ? Double.NaN : upperF(stat, Math.abs(df), dfScale);
            }
            rows.add(new Row(m.residualDf(), m.residualDeviance(), df, change, stat, p));
        }
        return rows;
    }

    /** P(F(d1, d2) > f), the upper tail directly (d2 infinite: χ²(d1)/d1). */
    static double upperF(double f, double d1, double d2) {
        if (Double.isInfinite(d2)) {
            return Gamma.regularizedGammaQ(d1 / 2, d1 * f / 2);
        }
        return Beta.regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
    }

    private static void checkComparable(Model a, Model b) {
        String what = null;
        if (!a.response().equals(b.response())) {
            what = "responses differ (" + a.response() + " and " + b.response() + ")";
        } else if (a.rows() != b.rows()) {
            what = "they were fitted to different numbers of rows (" + a.rows() + " and " + b.rows() + ")";
        } else if (!a.family().equals(b.family()) || !a.link().equals(b.link())) {
            what = "families differ (" + a.family() + "/" + a.link() + " and " + b.family() + "/" + b.link() + ")";
        } else if (!Objects.equals(a.weightsColumn(), b.weightsColumn()) || !close(a.totalWeight(), b.totalWeight())) {
            what = "their prior weights differ";
        } else if (!Objects.equals(a.offsetColumn(), b.offsetColumn())) {
            what = "their offset columns differ";
        } else if (!close(a.responseTotal(), b.responseTotal())) {
            what = "their responses sum to different totals, so the data differ";
        }
        if (what != null) {
            throw new MlemUserException("anova: " + a.label() + " and " + b.label() + " are not fits to the same data: "
                    + what + "; fit both to the same file with the same --family, --link, --weights and --offset");
        }
    }

    private static boolean close(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    }

    private static void checkNested(Model a, Model b) {
        Model small = a.residualDf() >= b.residualDf() ? a : b;
        Model large = small == a ? b : a;
        if (!new HashSet<>(large.terms()).containsAll(small.terms())) {
            List<String> extra = new ArrayList<>(small.terms());
            extra.removeAll(large.terms());
            throw new MlemUserException("anova: " + small.label() + " is not nested in " + large.label() + " (its "
                    + String.join(", ", extra) + " are not terms of the larger model); compare models whose terms "
                    + "are a subset of the other's");
        }
    }
}
