package org.mlem.count;

/**
 * The rows of a count regression as the fitter sees them: the log-likelihood and its gradient
 * summed over the rows, at several parameter points at once. {@link CountBlock} holds rows in
 * memory; mlem-spark sums the blocks of its partitions, so one pass over the data serves the 2k
 * gradients of a finite-difference Hessian.
 */
public interface CountRows {

    /**
     * For each of {@code points} (laid out as {@link CountLikelihood} lays them out for {@code kind}
     * and {@code dist}), the row {ℓ, ∂ℓ/∂par_1, ..., ∂ℓ/∂par_k} with prior weights applied: ℓ is
     * −∞ or NaN where a row's term is.
     */
    double[][] sums(CountModelKind kind, CountDistribution dist, double[][] points);

    /**
     * Whether a pass costs far more than its arithmetic (a Spark job): the fitter then evaluates a
     * Newton trial point's Hessian neighbours in the same pass, in case the step is taken. False
     * for rows in memory.
     */
    default boolean passesAreCostly() {
        return false;
    }

    /** The sum of the prior weights (the number of rows when unweighted). */
    double totalWeight();
}
