package org.mlem.hmm;

/** The parameter groups of a hidden Markov model, each of which a fit can hold fixed. */
public enum HmmParameter {
    /** The initial-state probabilities π. */
    START,
    /** The transition matrix A (row = from). */
    TRANSITIONS,
    /** Every state's emission parameters. */
    EMISSIONS
}
