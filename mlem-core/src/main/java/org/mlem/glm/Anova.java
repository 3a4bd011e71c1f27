package org.mlem.glm;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.special.Gamma;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;

/**
 * The analysis of deviance of a GLM, as R's {@code anova(fit, test = "Chisq")}: the terms added one
 * at a time in formula order, each sub-model refitted from the family's start, with the deviance
 * each term removes and its likelihood-ratio test, the deviance change over the full model's
 * dispersion against χ² on the term's degrees of freedom (R's test "Chisq", i.e. "LRT").
 */
public final class Anova {
    /**
     * One row: {@code term} null for R's NULL row (the model with the intercept alone, or nothing),
     * whose {@code df}, {@code deviance} and {@code pValue} are NaN.
     */
    public record Row(String term, double df, double deviance, int residualDf, double residualDeviance, double pValue) {}

    private Anova() {
    }

    /** The sequential table of {@code fit}, the fit of {@code design} by {@code estimator}. */
    public static List<Row> sequential(GlmEstimator estimator, Design design, GlmFit fit) {
        if (estimator.family() instanceof Family.NegativeBinomial nb && nb.thetaEstimated()) {
            throw new MlemUserException("--anova is not available for negbin with theta estimated (R's anova.negbin "
                    + "refits theta per model); fix theta with --family negbin:THETA");
        }
        return sequential(fit, design.formula().termLabels(), t -> {
            GlmFit sub = estimator.fit(design.upToTerm(t));
            return new SubModel(sub.deviance(), sub.dfResidual());
        });
    }

    /** What the table needs of a sub-model: its residual deviance and degrees of freedom. */
    public record SubModel(double deviance, int dfResidual) {}

    /** The fit of the sub-model with the terms up to one, wherever the rows are. */
    @FunctionalInterface
    public interface SubModels {
        /** The sub-model whose model-matrix columns are those of terms 0..{@code lastTerm} (and the intercept). */
        SubModel fit(int lastTerm);
    }

    /**
     * The sequential table of {@code fit}, whose formula's terms are {@code terms}, the sub-models
     * of all but the last term fitted by {@code subModels}.
     */
    public static List<Row> sequential(GlmFit fit, List<String> terms, SubModels subModels) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(null, Double.NaN, Double.NaN, fit.dfNull(), fit.nullDeviance(), Double.NaN));
        double previousDeviance = fit.nullDeviance();
        int previousDf = fit.dfNull();
        for (int t = 0; t < terms.size(); t++) {
            SubModel sub = t == terms.size() - 1 ? new SubModel(fit.deviance(), fit.dfResidual()) : subModels.fit(t);
            double df = previousDf - sub.dfResidual();
            double change = previousDeviance - sub.deviance();
            // the upper tail directly (Q(df/2, x/2)), so tiny p-values keep their digits
            double p = df > 0 ? Gamma.regularizedGammaQ(df / 2, Math.max(0, change / fit.dispersion()) / 2) : Double.NaN;
            rows.add(new Row(terms.get(t), df, change, sub.dfResidual(), sub.deviance(), p));
            previousDeviance = sub.deviance();
            previousDf = sub.dfResidual();
        }
        return rows;
    }
}
