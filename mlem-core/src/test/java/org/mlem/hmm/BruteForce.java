package org.mlem.hmm;

/**
 * The oracle for tiny HMMs: every one of the K^T state paths enumerated, joint probabilities
 * summed in log space. Exact up to rounding; exponential, so only for T ≤ 6.
 */
final class BruteForce {
    private BruteForce() {}

    /** Results of enumerating one sequence. */
    record Result(double logLikelihood, double[] gamma, double[] xi, int[] bestPath, double bestLog) {}

    /**
     * @param logB T×K log emission densities (−∞ allowed)
     */
    static Result enumerate(double[] logB, int steps, int k, double[] start, double[] trans) {
        int paths = (int) Math.pow(k, steps);
        double[] logJoint = new double[paths];
        double max = Double.NEGATIVE_INFINITY;
        int best = 0;
        int[] z = new int[steps];
        for (int p = 0; p < paths; p++) {
            decode(p, k, z);
            double l = Math.log(start[z[0]]) + logB[z[0]];
            for (int t = 1; t < steps; t++) {
                l += Math.log(trans[z[t - 1] * k + z[t]]) + logB[t * k + z[t]];
            }
            logJoint[p] = l;
            if (l > max) {
                max = l;
                best = p;
            }
        }
        double total = 0;
        for (double l : logJoint) {
            total += Math.exp(l - max);
        }
        double logLik = max + Math.log(total);
        double[] gamma = new double[steps * k];
        double[] xi = new double[k * k];
        for (int p = 0; p < paths; p++) {
            double w = Math.exp(logJoint[p] - logLik);
            decode(p, k, z);
            for (int t = 0; t < steps; t++) {
                gamma[t * k + z[t]] += w;
                if (t > 0) {
                    xi[z[t - 1] * k + z[t]] += w;
                }
            }
        }
        int[] bestPath = new int[steps];
        decode(best, k, bestPath);
        return new Result(logLik, gamma, xi, bestPath, max);
    }

    private static void decode(int p, int k, int[] z) {
        for (int t = z.length - 1; t >= 0; t--) {
            z[t] = p % k;
            p /= k;
        }
    }
}
