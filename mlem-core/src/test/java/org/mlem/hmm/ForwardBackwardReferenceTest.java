package org.mlem.hmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The forward pass with its K sums side by side against the plain loop, one state's sum at a time,
 * as the kernel was written before (oracle: {@link #plainForward}; tolerance: none, the same
 * bits), for K = 1..7, sequences up to 300 steps, emissions far from 0 and impossible steps.
 */
class ForwardBackwardReferenceTest {

    /** The scaled forward pass one state at a time: α_t(j) = (Σ_i α_{t-1}(i) a_ij) b_t(j) / c_t. */
    private static double plainForward(double[] logB, int steps, int k, double[] start, double[] trans, double[] alpha) {
        double logLik = 0;
        for (int t = 0; t < steps; t++) {
            int o = t * k;
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                m = Math.max(m, logB[o + j]);
            }
            if (m == Double.NEGATIVE_INFINITY) {
                return Double.NEGATIVE_INFINITY;
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double a;
                if (t == 0) {
                    a = start[j];
                } else {
                    a = 0;
                    for (int i = 0; i < k; i++) {
                        a += alpha[o - k + i] * trans[i * k + j];
                    }
                }
                a *= Math.exp(logB[o + j] - m);
                alpha[o + j] = a;
                sum += a;
            }
            if (!(sum > 0)) {
                return Double.NEGATIVE_INFINITY;
            }
            for (int j = 0; j < k; j++) {
                alpha[o + j] *= 1.0 / sum;
            }
            logLik += Math.log(sum) + m;
        }
        return logLik;
    }

    @Test
    void logLikelihoodAndLastPosteriorAreThePlainLoopsBits() {
        for (int seed = 0; seed < 400; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            int k = 1 + rng.nextInt(7);
            int steps = 1 + rng.nextInt(300);
            double[] logB = new double[steps * k];
            for (int i = 0; i < logB.length; i++) {
                logB[i] = seed % 5 == 0 && rng.nextInt(10) == 0 ? Double.NEGATIVE_INFINITY : 40 * rng.nextGaussian() - 300;
            }
            double[] start = Hmms.simplex(k, rng);
            double[] trans = new double[k * k];
            double[][] rows = Hmms.stochastic(k, rng, 0.3);
            for (int i = 0; i < k; i++) {
                System.arraycopy(rows[i], 0, trans, i * k, k);
            }
            double[] alpha = new double[steps * k];
            double expected = plainForward(logB, steps, k, start, trans, alpha);
            double[] gamma = new double[steps * k];
            double ll = ForwardBackward.posteriors(logB.clone(), 0, steps, k, start, trans, gamma, new double[k * k],
                    new double[ForwardBackward.scratchSize(steps, k)]);
            assertThat(ll).as("seed %d (k=%d, T=%d)", seed, k, steps).isEqualTo(expected);
            if (ll != Double.NEGATIVE_INFINITY) {
                for (int j = 0; j < k; j++) { // γ_{T-1} = α_{T-1}: the forward pass's last row as it stands
                    assertThat(gamma[(steps - 1) * k + j]).as("seed %d", seed).isEqualTo(alpha[(steps - 1) * k + j]);
                }
            }
        }
    }
}
