package org.mlem.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.mlem.kernel.Cholesky;
import org.mlem.kernel.FloatKernels;
import org.mlem.kernel.Kernels;

/**
 * The full-covariance E-step in double ({@link Kernels#fullLogDensity}) against single-precision
 * products ({@link FloatKernels#fullLogDensity}) on one thread: seconds in the kernel calls per pass over n
 * rows and k components (median of 7 after 3 warm-up passes; the log-sum-exp over components is not timed), nominal GFLOP/s (2·n·k·d²), and the relative
 * difference of the total log-likelihood of the data under the generating mixture (equal weights,
 * means N(0, 3²), covariances A·Aᵀ/d + 0.1·I with A standard normal):
 * {@code java --add-modules jdk.incubator.vector -cp mlem-bench.jar org.mlem.bench.FloatEStep N D K SEED}.
 */
public final class FloatEStep {
    private FloatEStep() {}

    private static final int BLOCK = 2048;

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        SplittableRandom rng = new SplittableRandom(Long.parseLong(args[3]));
        double[] means = new double[k * d];
        double[] l = new double[k * d * d];
        double[] u = new double[k * d * d];
        double[] logDetU = new double[k];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                means[j * d + a] = 3 * rng.nextGaussian();
            }
            double[] cov = randomCovariance(d, rng);
            Cholesky.factor(cov, 0, d, l, j * d * d);
            Cholesky.precisionFactor(l, j * d * d, d, u, j * d * d);
            logDetU[j] = Cholesky.logDiagonalSum(u, j * d * d, d);
        }
        double[] x = new double[n * d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            int j = rng.nextInt(k);
            for (int a = 0; a < d; a++) {
                z[a] = rng.nextGaussian();
            }
            for (int a = 0; a < d; a++) {
                double s = means[j * d + a];
                for (int b = 0; b <= a; b++) {
                    s += l[j * d * d + a * d + b] * z[b];
                }
                x[i * d + a] = s;
            }
        }
        int pw = Kernels.panelWidth(d);
        double[] packed = new double[k * d * pw];
        float[] packedF = new float[k * FloatKernels.packedSize(d)];
        for (int j = 0; j < k; j++) {
            Kernels.packUpper(u, j * d * d, d, packed, j * d * pw);
            FloatKernels.packUpper(u, j * d * d, d, packedF, j * FloatKernels.packedSize(d));
        }
        double[] out = new double[BLOCK * k];
        double[] scratch = new double[Kernels.scratchSize(d)];
        float[] scratchF = new float[FloatKernels.scratchSize(d)];
        double[][] results = new double[2][];
        for (int precision = 0; precision < 2; precision++) {
            double[] times = new double[10];
            double ll = 0;
            for (int rep = 0; rep < times.length; rep++) {
                long kernelNanos = 0;
                ll = 0;
                for (int b0 = 0; b0 < n; b0 += BLOCK) {
                    int rows = Math.min(BLOCK, n - b0);
                    long t0 = System.nanoTime();
                    for (int j = 0; j < k; j++) {
                        if (precision == 0) {
                            Kernels.fullLogDensity(x, b0 * d, rows, d, means, j * d, packed, j * d * pw, logDetU[j],
                                    out, j, k, scratch);
                        } else {
                            FloatKernels.fullLogDensity(x, b0 * d, rows, d, means, j * d, packedF,
                                    j * FloatKernels.packedSize(d), logDetU[j], out, j, k, scratchF);
                        }
                    }
                    kernelNanos += System.nanoTime() - t0;
                    ll += logSumExpRows(out, rows, k) - rows * Math.log(k);
                }
                times[rep] = kernelNanos / 1e9;
            }
            double[] steady = Arrays.copyOfRange(times, 3, times.length);
            Arrays.sort(steady);
            results[precision] = new double[] {steady[steady.length / 2], ll};
        }
        double flops = 2.0 * n * k * d * d;
        System.out.printf(Locale.ROOT, "n=%d d=%d k=%d kernels=%s: double %.4f s/pass (%.1f GFLOP/s), float %.4f s/pass "
                + "(%.1f GFLOP/s), speed-up %.2fx; mean log-lik double %.15g float %.15g, rel. diff %.1e%n", n, d, k,
                Kernels.name(), results[0][0], flops / results[0][0] / 1e9, results[1][0], flops / results[1][0] / 1e9,
                results[0][0] / results[1][0], results[0][1] / n, results[1][1] / n,
                Math.abs(results[1][1] - results[0][1]) / Math.abs(results[0][1]));
    }

    private static double[] randomCovariance(int d, SplittableRandom rng) {
        double[] a = new double[d * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextGaussian();
        }
        double[] cov = new double[d * d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double s = r == c ? 0.1 : 0;
                for (int t = 0; t < d; t++) {
                    s += a[r * d + t] * a[c * d + t] / d;
                }
                cov[r * d + c] = s;
            }
        }
        return cov;
    }

    private static double logSumExpRows(double[] out, int rows, int k) {
        double total = 0;
        for (int i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, out[i * k + j]);
            }
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += Math.exp(out[i * k + j] - max);
            }
            total += max + Math.log(s);
        }
        return total;
    }
}
