package org.mlem.hmm;

/**
 * The inner loops of a hidden Markov model on one sequence: scaled forward–backward (Rabiner,
 * 1989, §V.A) and log-space Viterbi. Static and allocation-free; callers pass scratch.
 *
 * <p>Shapes: a sequence of T steps and K states has its log emission densities at
 * {@code logB[off + t*K + j]}; {@code start} (K) and {@code trans} (K×K, row = from) are
 * probabilities, {@code logStart}/{@code logTrans} their logs.
 *
 * <p>Scaling: each step's emission densities are divided by their largest value m_t before
 * exponentiation, and the forward variables are normalised to sum 1 by c_t, so nothing under- or
 * overflows; {@code log p(x) = Σ_t (log c_t + m_t)}. A step that every state gives probability 0
 * makes the sequence's log-likelihood −∞.
 */
final class ForwardBackward {
    private ForwardBackward() {}

    /** Scratch doubles {@link #posteriors} needs for a sequence of T steps and K states. */
    static int scratchSize(int steps, int states) {
        return steps + 3 * states;
    }

    /**
     * Posterior state probabilities of one sequence and its expected transition counts.
     *
     * @param logB log emission densities, overwritten (with the scaled densities)
     * @param gamma on exit {@code gamma[off + t*K + j] = P(z_t = j | x)}; rows sum to 1
     * @param xi when not null, {@code xi[i*K + j] += Σ_t P(z_t = i, z_{t+1} = j | x)}
     * @param scratch at least {@link #scratchSize} doubles
     * @return the sequence's log-likelihood {@code log p(x)}, or −∞ (gamma then unspecified)
     */
    static double posteriors(double[] logB, int off, int steps, int k, double[] start, double[] trans,
            double[] gamma, double[] xi, double[] scratch) {
        double[] c = scratch; // [0, steps): normalisers c_t
        int tmp = steps;
        int betaNext = steps + k;
        int betaCur = steps + 2 * k;
        double logLik = 0;
        for (int t = 0; t < steps; t++) {
            int o = off + t * k;
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                m = Math.max(m, logB[o + j]);
            }
            if (m == Double.NEGATIVE_INFINITY) {
                return Double.NEGATIVE_INFINITY;
            }
            for (int j = 0; j < k; j++) {
                logB[o + j] = Math.exp(logB[o + j] - m);
            }
            // α_t(j) = Σ_i α_{t-1}(i) a_ij, i outermost: the K sums run side by side (each still
            // adds its terms in the order of i, so the bits are those of one sum at a time)
            if (t == 0) {
                System.arraycopy(start, 0, gamma, o, k);
            } else {
                int prev = o - k;
                for (int j = 0; j < k; j++) {
                    gamma[o + j] = 0;
                }
                for (int i = 0; i < k; i++) {
                    double g = gamma[prev + i];
                    int row = i * k;
                    for (int j = 0; j < k; j++) {
                        gamma[o + j] += g * trans[row + j];
                    }
                }
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double a = gamma[o + j] * logB[o + j];
                gamma[o + j] = a;
                sum += a;
            }
            if (!(sum > 0)) {
                return Double.NEGATIVE_INFINITY;
            }
            c[t] = sum;
            double inv = 1.0 / sum;
            for (int j = 0; j < k; j++) {
                gamma[o + j] *= inv;
            }
            logLik += Math.log(sum) + m;
        }
        // Backward: β_{T-1} = 1, so γ_{T-1} = α_{T-1} as it stands.
        for (int j = 0; j < k; j++) {
            scratch[betaNext + j] = 1.0;
        }
        for (int t = steps - 2; t >= 0; t--) {
            int o = off + t * k;
            int on = o + k;
            double invC = 1.0 / c[t + 1];
            for (int j = 0; j < k; j++) {
                scratch[tmp + j] = logB[on + j] * scratch[betaNext + j] * invC;
            }
            double norm = 0;
            for (int i = 0; i < k; i++) {
                double b = 0;
                double ai = gamma[o + i];
                for (int j = 0; j < k; j++) {
                    double f = trans[i * k + j] * scratch[tmp + j];
                    b += f;
                    if (xi != null) {
                        xi[i * k + j] += ai * f;
                    }
                }
                scratch[betaCur + i] = b;
                gamma[o + i] = ai * b;
                norm += gamma[o + i];
            }
            double inv = 1.0 / norm;
            for (int i = 0; i < k; i++) {
                gamma[o + i] *= inv;
                scratch[betaNext + i] = scratch[betaCur + i];
            }
        }
        return logLik;
    }

    /**
     * The most probable state path of one sequence (ties to the lowest state index).
     *
     * @param path on exit {@code path[pathOff + t]} is the state at step t
     * @param back at least {@code steps * k} ints of scratch
     * @param scratch at least {@code 2k} doubles
     * @return {@code max_z log p(x, z)}, −∞ when every path has probability 0
     */
    static double viterbi(double[] logB, int off, int steps, int k, double[] logStart, double[] logTrans,
            int[] path, int pathOff, int[] back, double[] scratch) {
        int cur = 0;
        int next = k;
        for (int j = 0; j < k; j++) {
            scratch[cur + j] = logStart[j] + logB[off + j];
        }
        for (int t = 1; t < steps; t++) {
            int o = off + t * k;
            for (int j = 0; j < k; j++) {
                int best = 0;
                double bestV = scratch[cur] + logTrans[j];
                for (int i = 1; i < k; i++) {
                    double v = scratch[cur + i] + logTrans[i * k + j];
                    if (v > bestV) {
                        bestV = v;
                        best = i;
                    }
                }
                back[t * k + j] = best;
                scratch[next + j] = bestV + logB[o + j];
            }
            int swap = cur;
            cur = next;
            next = swap;
        }
        int state = 0;
        for (int j = 1; j < k; j++) {
            if (scratch[cur + j] > scratch[cur + state]) {
                state = j;
            }
        }
        double best = scratch[cur + state];
        for (int t = steps - 1; t >= 0; t--) {
            path[pathOff + t] = state;
            if (t > 0) {
                state = back[t * k + state];
            }
        }
        return best;
    }
}
