package org.mlem.hmm;

import org.mlem.em.Stats;

/**
 * Expected sufficient statistics of a hidden Markov model under its current parameters: the
 * posterior of the first state of every sequence (summed), the expected transition counts
 * Σ_t P(z_t = i, z_{t+1} = j | x), and the emission statistics weighted by the state posteriors.
 * Holds the parameters of the E-step, so that the M-step can keep fixed groups and rows that
 * received no weight. Serializable, so that statistics gathered in other processes (Spark's
 * executors) merge with one another: they must have been taken under the same parameters' bits.
 */
public final class HmmStats implements Stats<HmmStats>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final HiddenMarkovModel current;
    final double[] start;
    final double[] transitions;
    final EmissionStats emission; // null when the emissions are held fixed

    HmmStats(HiddenMarkovModel current, EmissionStats emission) {
        int k = current.states();
        this.current = current;
        this.start = new double[k];
        this.transitions = new double[k * k];
        this.emission = emission;
    }

    @Override
    public void merge(HmmStats other) {
        if (!current.sameParameters(other.current)) {
            throw new IllegalArgumentException("cannot merge statistics taken under different parameters");
        }
        Sums.addInto(start, other.start);
        Sums.addInto(transitions, other.transitions);
        if (emission != null) {
            emission.merge(other.emission);
        }
    }
}
