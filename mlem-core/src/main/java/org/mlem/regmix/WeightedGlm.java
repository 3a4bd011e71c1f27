package org.mlem.regmix;

import java.util.ArrayList;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.formula.ModelFormula;
import org.mlem.glm.Coefficient;
import org.mlem.glm.Family;
import org.mlem.glm.GlmEstimator;
import org.mlem.glm.GlmFit;
import org.mlem.glm.Link;

/**
 * One component's M-step: the weighted GLM fit of the glm package ({@link GlmEstimator}, IRLS as
 * R's {@code glm.fit}) on a given model matrix, with prior weights = responsibility x row weight
 * (x trials for the binomial). The model matrix enters as plain numeric columns of a fresh frame
 * with a no-intercept formula, so the fit is that of {@code glm.fit(x, y, weights, offset)}.
 */
final class WeightedGlm {
    private static final DesignSpec SPEC = DesignSpec.DEFAULTS.withWeights("w").withOffset("o");

    private final GlmEstimator estimator;
    private final ModelFormula formula;
    private final List<String> names;

    WeightedGlm(Family family, Link link, int p) {
        this.estimator = new GlmEstimator(family, link, null);
        this.names = new ArrayList<>();
        StringBuilder f = new StringBuilder("y ~ ");
        for (int j = 0; j < p; j++) {
            names.add("c" + (j + 1));
            f.append(j == 0 ? "" : " + ").append(names.get(j));
        }
        this.formula = ModelFormula.parse(f.append(" - 1").toString());
    }

    /**
     * The coefficients of the weighted fit, or null with the reason in {@code why[0]} when the fit
     * is impossible (a rank-deficient weighted design, or an error from the GLM fit).
     */
    double[] fit(double[][] columns, double[] y, double[] priorWeights, double[] offset, String[] why) {
        Frame.Builder b = Frame.builder().numeric("y", y).numeric("w", priorWeights).numeric("o", offset);
        for (int j = 0; j < columns.length; j++) {
            b.numeric(names.get(j), columns[j]);
        }
        GlmFit fit;
        try {
            fit = estimator.fit(Design.build(formula, b.build(), SPEC));
        } catch (MlemUserException e) {
            why[0] = e.getMessage();
            return null;
        }
        double[] beta = new double[columns.length];
        for (int j = 0; j < beta.length; j++) {
            Coefficient c = fit.coefficients().get(j);
            if (c.aliased()) {
                why[0] = "its weighted model matrix is rank-deficient (column " + (j + 1) + " aliased)";
                return null;
            }
            beta[j] = c.estimate();
        }
        return beta;
    }
}
