package org.mlem.concomitant;

import org.mlem.data.Block;
import org.mlem.em.LatentModel;
import org.mlem.em.ParameterVector;
import org.mlem.kernel.GaussianKernels;

/**
 * A mixture with concomitant variables as a {@link LatentModel} over the rows of its gating design.
 * E-step: {@code log π_j(z_i) + log f_j(x_i)} normalised in log space per row; the block's
 * log-likelihood is the weighted sum of the rows' log-sum-exp. M-step: the components' own
 * weighted MLE from the responsibilities ({@link ComponentDensities#maximize}), and the gating's
 * weighted multinomial logit ({@link MultinomialLogit}) converged from the current γ. Each M-step
 * maximises the expected complete-data log-likelihood exactly, so EM never lowers the
 * log-likelihood and its fixed point is the MLE (flexmix's FLXPmultinom EM, with the inner fit run
 * to convergence).
 */
final class ConcomitantModel<M> implements LatentModel<ConcomitantMixture<M>, PosteriorStats<M>> {
    private final ComponentDensities<M> components;
    private final ConcomitantDesign design;
    private final double[] weights;

    ConcomitantModel(ComponentDensities<M> components, ConcomitantDesign design, double[] weights) {
        this.components = components;
        this.design = design;
        this.weights = weights;
    }

    @Override
    public PosteriorStats<M> emptyStats(ConcomitantMixture<M> params) {
        return new PosteriorStats<>(design.rows(), components.components(), params);
    }

    @Override
    public double accumulate(ConcomitantMixture<M> params, Block rows, PosteriorStats<M> into) {
        int k = components.components();
        int r = rows.rows();
        double[] out = new double[r * k];
        components.logDensities(params.components(), rows, out);
        double[] lp = new double[r * k];
        params.gating().logPriors(design.z(), rows.start(), r, lp);
        for (int i = 0; i < out.length; i++) {
            out[i] += lp[i];
        }
        double ll = GaussianKernels.normalizeRows(out, r, k, rows.weights(), null, rows.start());
        into.add(rows.start(), r, out);
        return ll;
    }

    @Override
    public ConcomitantMixture<M> maximize(PosteriorStats<M> stats) {
        return maximize(stats.under, stats.responsibilities());
    }

    /** The M-step from responsibilities, the components' iterative steps starting from {@code current}. */
    ConcomitantMixture<M> maximize(ConcomitantMixture<M> current, double[] resp) {
        M m = components.maximize(current.components(), resp);
        double[][] gamma;
        try {
            gamma = MultinomialLogit.fit(design.z(), design.rows(), resp, weights, current.gating().coefficients());
        } catch (MultinomialLogit.SingularGating e) {
            throw e.named(current.gating().terms());
        }
        return new ConcomitantMixture<>(m, current.gating().with(gamma));
    }

    @Override
    public ParameterVector<ConcomitantMixture<M>> parameterVector() {
        ParameterVector<M> v = components.vectors();
        return v == null ? null : new ConcomitantVectors<>(v, components.components());
    }
}
