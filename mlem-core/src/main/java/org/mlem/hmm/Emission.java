package org.mlem.hmm;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.mlem.data.Block;

/**
 * The emission distributions of a hidden Markov model's K states, with fixed parameter values.
 * Immutable. Implementations: {@link GaussianEmission} (full or diagonal covariances),
 * {@link CategoricalEmission}, and {@link FamilyEmission} over any univariate family of
 * {@code org.mlem.dist}.
 */
public interface Emission extends java.io.Serializable {

    /** The family and settings whose M-step produced (or will re-estimate) these parameters. */
    EmissionSpec spec();

    /** Number of states K. */
    int states();

    /** Columns of a row (time step) the emissions read. */
    int dimension();

    /**
     * Writes {@code out[i*K + j] = log p(x_i | state j)} (natural log; density or mass) for every
     * row i of the block; −∞ where row i is impossible in state j.
     */
    void logDensities(Block block, double[] out);

    /** Draws one row from state {@code state}'s distribution into {@code out} ({@link #dimension()} values). */
    void sample(int state, RandomGenerator rng, double[] out);

    /** Free emission parameters of all states, for AIC and BIC. */
    int nParameters();

    /**
     * State {@code state}'s parameters by R's names: gaussian in one dimension {@code mean},
     * {@code sd}; beyond, {@code mean} (double[d]) and {@code covariance} (double[d][d]);
     * categorical {@code prob} (double[M], category codes 0..M-1); a family its own names.
     */
    Map<String, Object> parameters(int state);

    /** Empty statistics for an E-step under these parameters, re-estimated by {@code spec}'s M-step. */
    EmissionStats emptyStats(EmissionSpec spec);

    /** Every state's parameters as one flat vector, for SQUAREM. */
    double[] toVector();

    /** Emissions shaped like these with the parameters of {@code v}, or null when {@code v} is outside the parameter space. */
    Emission fromVector(double[] v);
}
