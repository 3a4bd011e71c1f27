package org.mlem.concomitant;

import org.mlem.data.Block;
import org.mlem.em.ParameterVector;

/**
 * What a concomitant-variable mixture needs of a mixture model's components, whatever their kind
 * (Gaussian, product of families, regressions): each row's log density under each component, and
 * the components' M-step from given responsibilities. The mixing weights of the model {@code M}
 * are not used by {@link #logDensities}; the M-step sets them to the mean responsibilities, which
 * at a concomitant fit with an intercept are the rows' mean prior probabilities.
 *
 * @param <M> the mixture model (its weights ignored, its components used)
 */
public interface ComponentDensities<M> {

    /** The number of components k. */
    int components();

    /** The number of rows the model is fit to (those of the gating design, in the same order). */
    int rows();

    /** Free parameters of the components alone (the model's count less its k − 1 weights). */
    int componentParameters(M model);

    /**
     * Writes {@code log f_j(x_i)} for the rows {@code rows.start() .. rows.start() + rows.rows() - 1}
     * into {@code out} (rows × k, row-major). {@code rows} is a block of the gating design, cut at
     * the same rows as the model's own data.
     */
    void logDensities(M model, Block rows, double[] out);

    /**
     * The components' weighted MLE from the n × k responsibilities {@code resp} (row-major; the rows'
     * frequency weights are applied here), starting from {@code current} where the M-step iterates.
     */
    M maximize(M current, double[] resp);

    /**
     * The components' vector for SQUAREM (its first k entries the mixing weights), or null when they
     * offer none (held parameters): the fit then runs plain EM.
     */
    ParameterVector<M> vectors();

    /**
     * The names of the model's parameters in its standard-error layout (the k weights first, then
     * each component's block), as its Louis information names them.
     */
    java.util.List<String> parameterNames(M model);

    /** The values of {@link #parameterNames}. */
    double[] parameterValues(M model);

    /** The model shaped like {@code like} with the free parameters θ (the weights but the last, then the blocks). */
    M fromFree(M like, double[] theta);

    /**
     * Each component's exact score and negative Hessian of {@code log f_j(x_i)} at each row in the
     * layout of {@link #parameterNames} without the k weights, or null when the kind has none for
     * {@code model} ({@link ConcomitantInformation} then differences the log-likelihood).
     */
    default org.mlem.uncertainty.RowDerivatives derivatives(M model) {
        return null;
    }

    /**
     * These components over the same rows with {@code weights} as the rows' frequency weights (a
     * bootstrap replicate's counts), or null when the kind cannot be reweighted.
     */
    default ComponentDensities<M> reweighted(double[] weights) {
        return null;
    }
}
