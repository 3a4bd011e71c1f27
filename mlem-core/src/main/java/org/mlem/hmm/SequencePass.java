package org.mlem.hmm;

import org.mlem.MlemUserException;
import org.mlem.data.Block;

/**
 * One block of whole sequences under given parameters: log emission densities, known states
 * imposed, then forward–backward or Viterbi sequence by sequence.
 */
final class SequencePass {
    private SequencePass() {}

    /**
     * Log emission densities of the block's rows ({@code rows × K}), with every state but the known
     * one set to −∞ at steps whose state is known: the likelihood becomes p(x, known states).
     */
    static double[] logDensities(HiddenMarkovModel p, Block block) {
        int k = p.states();
        double[] logB = new double[block.rows() * k];
        p.emissions().logDensities(block, logB);
        if (block.labels() != null) {
            for (int i = 0; i < block.rows(); i++) {
                int z = block.label(i);
                if (z >= 0) {
                    for (int j = 0; j < k; j++) {
                        if (j != z) {
                            logB[i * k + j] = Double.NEGATIVE_INFINITY;
                        }
                    }
                }
            }
        }
        return logB;
    }

    /**
     * State posteriors of the block's rows into {@code gamma} (rows × K), the first steps'
     * posteriors added into {@code startSum} and expected transitions into {@code xi} (either may
     * be null). Returns the block's log-likelihood.
     *
     * @throws MlemUserException when a sequence has probability 0 under {@code p}
     */
    static double posteriors(HiddenMarkovModel p, SequenceData data, Block block, double[] gamma, double[] startSum,
            double[] xi) {
        return posteriors(p, data, block, gamma, startSum, xi, false);
    }

    /**
     * As {@link #posteriors(HiddenMarkovModel, SequenceData, Block, double[], double[], double[])};
     * when {@code weighted}, each sequence's posteriors, expected transitions and log-likelihood are
     * multiplied by its frequency weight ({@link SequenceData#sequenceWeight}), as EM's statistics
     * need them.
     */
    static double posteriors(HiddenMarkovModel p, SequenceData data, Block block, double[] gamma, double[] startSum,
            double[] xi, boolean weighted) {
        int k = p.states();
        double[] logB = logDensities(p, block);
        double[] scratch = new double[ForwardBackward.scratchSize(block.rows(), k)];
        double[] xiOne = xi == null ? null : new double[k * k];
        double ll = 0;
        int end = block.start() + block.rows();
        for (int s = data.sequenceOf(block.start()); s < data.sequences() && data.sequenceStart(s) < end; s++) {
            int off = (data.sequenceStart(s) - block.start()) * k;
            double w = weighted ? data.sequenceWeight(s) : 1;
            boolean scaled = w != 1;
            if (scaled && xiOne != null) {
                java.util.Arrays.fill(xiOne, 0);
            }
            double seqLl = ForwardBackward.posteriors(logB, off, data.length(s), k, p.start(), p.transitions(), gamma,
                    scaled ? xiOne : xi, scratch);
            if (seqLl == Double.NEGATIVE_INFINITY) {
                throw impossible(data, s);
            }
            if (scaled) {
                for (int i = off; i < off + data.length(s) * k; i++) {
                    gamma[i] *= w;
                }
                for (int i = 0; xiOne != null && i < xiOne.length; i++) {
                    xi[i] += w * xiOne[i];
                }
            }
            if (startSum != null) {
                for (int j = 0; j < k; j++) {
                    startSum[j] += gamma[off + j];
                }
            }
            ll += w == 0 ? 0 : w * seqLl;
        }
        return ll;
    }

    /** The Viterbi path of every sequence in the block into {@code path} (indexed by row); returns Σ max log p(x, z). */
    static double viterbi(HiddenMarkovModel p, SequenceData data, Block block, int[] path) {
        int k = p.states();
        double[] logB = logDensities(p, block);
        int[] back = new int[block.rows() * k];
        double[] scratch = new double[2 * k];
        double total = 0;
        int end = block.start() + block.rows();
        for (int s = data.sequenceOf(block.start()); s < data.sequences() && data.sequenceStart(s) < end; s++) {
            int off = (data.sequenceStart(s) - block.start()) * k;
            total += ForwardBackward.viterbi(logB, off, data.length(s), k, p.logStart(), p.logTransitions(), path,
                    data.sequenceStart(s), back, scratch);
        }
        return total;
    }

    static MlemUserException impossible(SequenceData data, int s) {
        return new MlemUserException("sequence " + (s + 1) + " (rows " + (data.sequenceStart(s) + 1) + "-"
                + data.sequenceStart(s + 1) + ") has probability 0 under the model: a value no state can emit, or known "
                + "states that the transitions cannot join; check the known states and the starting parameters");
    }
}
