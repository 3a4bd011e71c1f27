package org.mlem.model;

import org.mlem.hmm.HiddenMarkovModel;

/**
 * A model of sequences (a hidden Markov model): per-sequence log-likelihoods ({@code score}), the
 * decoding ({@code decode}) and sequences drawn ({@code sample}) are the HMM's own; the sequences
 * are read as {@link RowInput.Sequences} says.
 */
public interface SequenceModel extends FittedModel {
    HiddenMarkovModel hmm();
}
