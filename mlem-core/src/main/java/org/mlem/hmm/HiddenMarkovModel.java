package org.mlem.hmm;

import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.data.DataMatrix;

/**
 * A hidden Markov model with fixed parameters: start probabilities π (K), transition matrix A
 * (K×K, {@code A[i][j] = P(z_{t+1} = j | z_t = i)}, row = from) and an {@link Emission} per
 * state. Immutable; arrays are copied in and out.
 *
 * <p>Every method that takes data treats each sequence of a {@link SequenceData} separately and
 * honours its known states (the likelihood is then p(x, known states)).
 */
public final class HiddenMarkovModel implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final int k;
    private final double[] start;
    private final double[] trans; // K × K, row = from
    private final double[] logStart;
    private final double[] logTrans;
    private final Emission emission;

    HiddenMarkovModel(double[] start, double[] trans, Emission emission) {
        this.k = start.length;
        if (trans.length != k * k || emission.states() != k) {
            throw new IllegalArgumentException("expected " + k + " states throughout");
        }
        this.start = start;
        this.trans = trans;
        this.emission = emission;
        this.logStart = logs(start);
        this.logTrans = logs(trans);
    }

    /**
     * Whether {@code other} holds the same parameters, bit for bit (the same model sent to another
     * process and back, say).
     */
    boolean sameParameters(HiddenMarkovModel other) {
        return other == this || other.k == k && Arrays.equals(other.start, start) && Arrays.equals(other.trans, trans)
                && other.emission.spec().equals(emission.spec())
                && Arrays.equals(other.emission.toVector(), emission.toVector());
    }

    /**
     * A model from its parameters.
     *
     * @param startProbabilities K probabilities summing to 1 (within 1e-8)
     * @param transitionMatrix K rows of K probabilities, each summing to 1 (within 1e-8); row = from
     * @param emissions K states' emissions
     * @throws MlemUserException when the shapes disagree or a row is not a probability vector
     */
    public static HiddenMarkovModel of(double[] startProbabilities, double[][] transitionMatrix, Emission emissions) {
        int k = startProbabilities.length;
        if (k < 1 || transitionMatrix.length != k || emissions.states() != k) {
            throw new MlemUserException(k + " start probabilities, " + transitionMatrix.length + " transition rows and "
                    + emissions.states() + " emission states; give K of each");
        }
        Probabilities.requireRow(startProbabilities, 0, k, "start probabilities");
        double[] trans = new double[k * k];
        for (int i = 0; i < k; i++) {
            if (transitionMatrix[i].length != k) {
                throw new MlemUserException("transition row " + (i + 1) + " has " + transitionMatrix[i].length + " values, expected " + k);
            }
            System.arraycopy(transitionMatrix[i], 0, trans, i * k, k);
            Probabilities.requireRow(trans, i * k, k, "transition probabilities from state " + i);
        }
        return new HiddenMarkovModel(startProbabilities.clone(), trans, emissions);
    }

    /** Number of states K. */
    public int states() {
        return k;
    }

    /** Columns of a row the emissions read. */
    public int dimension() {
        return emission.dimension();
    }

    /** π, K values (a copy). */
    public double[] startProbabilities() {
        return start.clone();
    }

    /** A, K rows of K, row = from (a copy). */
    public double[][] transitionMatrix() {
        double[][] a = new double[k][];
        for (int i = 0; i < k; i++) {
            a[i] = Arrays.copyOfRange(trans, i * k, (i + 1) * k);
        }
        return a;
    }

    /** The emission distributions. */
    public Emission emissions() {
        return emission;
    }

    /** Free parameters: {@code (K−1) + K(K−1) +} the emissions'. */
    public int nParameters() {
        return nParameters(Set.of());
    }

    /** Free parameters when the groups in {@code fixed} are held fixed (they count 0). */
    public int nParameters(Set<HmmParameter> fixed) {
        int p = 0;
        p += fixed.contains(HmmParameter.START) ? 0 : k - 1;
        p += fixed.contains(HmmParameter.TRANSITIONS) ? 0 : k * (k - 1);
        p += fixed.contains(HmmParameter.EMISSIONS) ? 0 : emission.nParameters();
        return p;
    }

    /**
     * Total log-likelihood Σ_sequences w_s log p(x_s) (natural log; w_s the sequence's frequency
     * weight, 1 when unweighted); −∞ when a sequence is impossible.
     */
    public double logLikelihood(SequenceData data) {
        requireShape(data);
        double total = 0;
        for (int b = 0; b < data.blockCount(); b++) {
            Block block = data.block(b);
            try {
                total += SequencePass.posteriors(this, data, block, new double[block.rows() * k], null, null, true);
            } catch (MlemUserException impossible) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        return total;
    }

    /**
     * Posterior state probabilities {@code P(z_t = j | x)} of every row, given its whole sequence
     * (forward–backward): one row of K per data row, summing to 1.
     *
     * @throws MlemUserException when a sequence has probability 0 under the model
     */
    public double[][] posteriors(SequenceData data) {
        requireShape(data);
        double[][] out = new double[data.rows()][];
        for (int b = 0; b < data.blockCount(); b++) {
            Block block = data.block(b);
            double[] gamma = new double[block.rows() * k];
            SequencePass.posteriors(this, data, block, gamma, null, null);
            for (int i = 0; i < block.rows(); i++) {
                out[block.start() + i] = Arrays.copyOfRange(gamma, i * k, (i + 1) * k);
            }
        }
        return out;
    }

    /** The most probable state path per sequence and its joint log-probability. */
    public record ViterbiPath(int[] states, double logProbability) {
        public ViterbiPath {
            states = states.clone();
        }

        @Override
        public int[] states() {
            return states.clone();
        }
    }

    /**
     * The Viterbi decoding: for each sequence the state path maximising p(x, z) (ties to lower
     * state indices), as one state per data row, and Σ over sequences of that maximum's log
     * (−∞ when a sequence is impossible).
     */
    public ViterbiPath viterbi(SequenceData data) {
        requireShape(data);
        int[] path = new int[data.rows()];
        double total = 0;
        for (int b = 0; b < data.blockCount(); b++) {
            total += SequencePass.viterbi(this, data, data.block(b), path);
        }
        return new ViterbiPath(path, total);
    }

    /** Sequences drawn from the model: the rows (columns {@code x1..xd}) and the hidden states. */
    public record Sample(SequenceData sequences, int[] states) {
        public Sample {
            states = states.clone();
        }

        @Override
        public int[] states() {
            return states.clone();
        }
    }

    /** Draws sequences of the given lengths with a generator seeded by {@code seed}; the same seed gives the same rows. */
    public Sample sample(int[] lengths, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 0;
        for (int len : lengths) {
            if (len < 1) {
                throw new MlemUserException("sequence length " + len + " must be at least 1");
            }
            n += len;
        }
        int d = dimension();
        double[] values = new double[n * d];
        int[] states = new int[n];
        double[] row = new double[d];
        int t = 0;
        for (int len : lengths) {
            int z = Probabilities.draw(start, 0, k, rng);
            for (int step = 0; step < len; step++, t++) {
                if (step > 0) {
                    z = Probabilities.draw(trans, z * k, k, rng);
                }
                states[t] = z;
                emission.sample(z, rng, row);
                System.arraycopy(row, 0, values, t * d, d);
            }
        }
        return new Sample(SequenceData.of(DataMatrix.of(values, n, d, null), lengths), states);
    }

    double[] start() {
        return start;
    }

    double[] transitions() {
        return trans;
    }

    double[] logStart() {
        return logStart;
    }

    double[] logTransitions() {
        return logTrans;
    }

    private void requireShape(SequenceData data) {
        if (data.cols() != dimension()) {
            throw new MlemUserException("the data has " + data.cols() + " columns but the model's emissions read "
                    + dimension() + "; choose the model's columns (--columns)");
        }
        // missing cells are marginalised as in a fit with them (HmmMissing)
        HiddenMarkovEstimator.validate(data, k, emission.spec(), HmmMissing.any(data.matrix()));
    }

    private static double[] logs(double[] p) {
        double[] l = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            l[i] = Math.log(p[i]);
        }
        return l;
    }

    @Override
    public String toString() {
        return "HiddenMarkovModel[states=" + k + ", emission=" + emission.spec().name() + ", start=" + Arrays.toString(start)
                + ", transitions=" + Arrays.deepToString(transitionMatrix()) + "]";
    }
}
