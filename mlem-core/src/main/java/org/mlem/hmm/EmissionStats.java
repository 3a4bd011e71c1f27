package org.mlem.hmm;

/**
 * Expected sufficient statistics of the emissions, accumulated with the state posteriors as
 * weights; mergeable in a fixed order like every {@link org.mlem.em.Stats}.
 */
public interface EmissionStats extends java.io.Serializable {

    /** Adds the block's rows, row i weighted by {@code posteriors[i*K + j]} for state j. */
    void accumulate(org.mlem.data.Block block, double[] posteriors);

    /** Adds {@code other} (statistics of later rows, of the same kind) into this one. */
    void merge(EmissionStats other);

    /**
     * The M-step: each state's weighted maximum-likelihood parameters.
     *
     * @throws org.mlem.MlemUserException when a state's estimate is degenerate (no weight, a
     *     covariance that is not positive definite), naming the state and the fix
     */
    Emission maximize();
}
