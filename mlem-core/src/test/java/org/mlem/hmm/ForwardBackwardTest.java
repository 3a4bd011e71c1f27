package org.mlem.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.CovarianceStructure;

/**
 * Forward–backward and Viterbi against brute-force enumeration of all K^T state paths
 * ({@link BruteForce}) on tiny inputs (K = 2..3, T ≤ 6). Tolerance 1e-12 (absolute on
 * probabilities, relative on log-likelihoods): both sides are exact up to rounding.
 */
class ForwardBackwardTest {
    private static final double TOL = 1e-12;

    @Test
    void kernelEqualsEnumeration() {
        for (int seed = 0; seed < 300; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            int k = 2 + rng.nextInt(2);
            int steps = 1 + rng.nextInt(6);
            double[] logB = new double[steps * k];
            for (int i = 0; i < logB.length; i++) {
                logB[i] = 3 * rng.nextGaussian() - 20; // far from 0: the scaling must carry it
            }
            if (seed % 3 == 0) { // a known state: the others impossible at one step
                int t = rng.nextInt(steps);
                int z = rng.nextInt(k);
                for (int j = 0; j < k; j++) {
                    if (j != z) {
                        logB[t * k + j] = Double.NEGATIVE_INFINITY;
                    }
                }
            }
            double[] start = Hmms.simplex(k, rng);
            double[] trans = flat(Hmms.stochastic(k, rng, 0.3));
            BruteForce.Result expected = BruteForce.enumerate(logB, steps, k, start, trans);

            double[] gamma = new double[steps * k];
            double[] xi = new double[k * k];
            double ll = ForwardBackward.posteriors(logB.clone(), 0, steps, k, start, trans, gamma, xi,
                    new double[ForwardBackward.scratchSize(steps, k)]);
            assertThat(ll).as("seed %d", seed).isCloseTo(expected.logLikelihood(), within(TOL * Math.abs(expected.logLikelihood())));
            for (int i = 0; i < gamma.length; i++) {
                assertThat(gamma[i]).as("gamma seed %d", seed).isCloseTo(expected.gamma()[i], within(TOL));
            }
            for (int i = 0; i < xi.length; i++) {
                assertThat(xi[i]).as("xi seed %d", seed).isCloseTo(expected.xi()[i], within(TOL));
            }

            int[] path = new int[steps];
            double best = ForwardBackward.viterbi(logB, 0, steps, k, logs(start), logs(trans), path, 0,
                    new int[steps * k], new double[2 * k]);
            assertThat(path).as("viterbi seed %d", seed).isEqualTo(expected.bestPath());
            assertThat(best).isCloseTo(expected.bestLog(), within(TOL * Math.abs(expected.bestLog())));
        }
    }

    /**
     * The model on several sequences with a few known states: log-likelihood, posteriors and
     * Viterbi per sequence equal enumeration with 1-D normal densities written out here
     * (the oracle does not use the emission code); the total is the sum over sequences.
     */
    @Test
    void modelOnManySequencesEqualsEnumerationPerSequence() {
        SplittableRandom rng = new SplittableRandom(7);
        int k = 3;
        GaussianEmission e = Hmms.gaussian(k, 1, CovarianceStructure.DIAG, rng);
        HiddenMarkovModel m = Hmms.model(e, rng, 0.5);
        int[] lengths = {4, 1, 6, 5};
        HiddenMarkovModel.Sample sample = m.sample(lengths, 11);
        DataMatrix x = sample.sequences().matrix();
        int[] known = new int[x.rows()];
        java.util.Arrays.fill(known, -1);
        known[2] = 1;
        known[9] = 0;
        known[14] = 2;
        SequenceData data = SequenceData.of(x, lengths).withKnownStates(known);

        double[][] post = m.posteriors(data);
        int[] viterbi = m.viterbi(data).states();
        double total = 0;
        double totalBest = 0;
        for (int s = 0; s < lengths.length; s++) {
            int t0 = data.sequenceStart(s);
            int steps = lengths[s];
            double[] logB = new double[steps * k];
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < k; j++) {
                    double mu = e.means()[j][0];
                    double var = e.covariance(j)[0][0];
                    double v = x.get(t0 + t, 0);
                    boolean allowed = known[t0 + t] < 0 || known[t0 + t] == j;
                    logB[t * k + j] = allowed ? -0.5 * Math.log(2 * Math.PI * var) - (v - mu) * (v - mu) / (2 * var)
                            : Double.NEGATIVE_INFINITY;
                }
            }
            BruteForce.Result r = BruteForce.enumerate(logB, steps, k, m.startProbabilities(), flat(m.transitionMatrix()));
            total += r.logLikelihood();
            totalBest += r.bestLog();
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < k; j++) {
                    assertThat(post[t0 + t][j]).isCloseTo(r.gamma()[t * k + j], within(TOL));
                }
                assertThat(viterbi[t0 + t]).isEqualTo(r.bestPath()[t]);
            }
        }
        assertThat(m.logLikelihood(data)).isCloseTo(total, within(TOL * Math.abs(total)));
        assertThat(m.viterbi(data).logProbability()).isCloseTo(totalBest, within(TOL * Math.abs(totalBest)));
        // known steps: posterior exactly 1 on the known state, and Viterbi takes it
        assertThat(post[2][1]).isEqualTo(1.0);
        assertThat(post[9][0]).isEqualTo(1.0);
        assertThat(post[14][2]).isEqualTo(1.0);
        assertThat(viterbi[2]).isEqualTo(1);
        assertThat(viterbi[9]).isEqualTo(0);
        assertThat(viterbi[14]).isEqualTo(2);
    }

    /** Many sequences: the total log-likelihood is the sum of the sequences' own (identity; 1e-12 relative). */
    @Test
    void manySequencesEqualTheSumOfSingles() {
        SplittableRandom rng = new SplittableRandom(3);
        HiddenMarkovModel m = Hmms.model(Hmms.gaussian(2, 2, CovarianceStructure.FULL, rng), rng, 0.8);
        int[] lengths = {300, 2500, 1, 40, 3000};
        SequenceData data = m.sample(lengths, 5).sequences();
        double sum = 0;
        for (int s = 0; s < lengths.length; s++) {
            int from = data.sequenceStart(s);
            double[] v = java.util.Arrays.copyOfRange(data.matrix().values(), from * 2, (from + lengths[s]) * 2);
            sum += m.logLikelihood(SequenceData.single(DataMatrix.of(v, lengths[s], 2, null)));
        }
        assertThat(data.blockCount()).isGreaterThan(1);
        assertThat(m.logLikelihood(data)).isCloseTo(sum, within(TOL * Math.abs(sum)));
    }

    static double[] flat(double[][] a) {
        int k = a.length;
        double[] f = new double[k * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(a[i], 0, f, i * k, k);
        }
        return f;
    }

    private static double[] logs(double[] p) {
        double[] l = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            l[i] = Math.log(p[i]);
        }
        return l;
    }
}
