package org.mlem.mixture;

import java.util.random.RandomGenerator;
import org.mlem.data.DataMatrix;

/**
 * Hard starting labels for a product mixture: weighted k-means++ seeding (Arthur and
 * Vassilvitskii, 2007) and Lloyd iterations on the columns standardised to weighted mean 0 and
 * sd 1, so that a count column in the thousands does not drown a 0/1 column. Deterministic for a
 * given generator.
 */
final class StandardisedKMeans {
    private StandardisedKMeans() {}

    static int[] labels(DataMatrix data, int k, int iterations, RandomGenerator rng) {
        int n = data.rows();
        int d = data.cols();
        double[] z = standardised(data);
        double[] centres = new double[k * d];
        double[] dist = new double[n];
        java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
        for (int c = 0; c < k; c++) {
            int row = pick(data, c == 0 ? null : dist, rng);
            System.arraycopy(z, row * d, centres, c * d, d);
            for (int i = 0; i < n; i++) {
                dist[i] = Math.min(dist[i], squaredDistance(z, i * d, centres, c * d, d));
            }
        }
        int[] labels = new int[n];
        assign(z, n, d, centres, k, labels);
        for (int it = 0; it < iterations; it++) {
            double[] sums = new double[k * d];
            double[] counts = new double[k];
            for (int i = 0; i < n; i++) {
                double w = data.weight(i);
                counts[labels[i]] += w;
                for (int a = 0; a < d; a++) {
                    sums[labels[i] * d + a] += w * z[i * d + a];
                }
            }
            for (int j = 0; j < k; j++) {
                for (int a = 0; counts[j] > 0 && a < d; a++) {
                    centres[j * d + a] = sums[j * d + a] / counts[j];
                }
            }
            if (!assign(z, n, d, centres, k, labels)) {
                break;
            }
        }
        return labels;
    }

    /** Columns shifted and scaled to weighted mean 0, sd 1 (a constant column is only shifted). */
    private static double[] standardised(DataMatrix data) {
        int n = data.rows();
        int d = data.cols();
        double[] z = data.values();
        double total = data.totalWeight();
        for (int a = 0; a < d; a++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += data.weight(i) * z[i * d + a];
            }
            mean /= total;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double e = z[i * d + a] - mean;
                var += data.weight(i) * e * e;
            }
            double sd = Math.sqrt(var / total);
            double scale = sd > 0 ? 1 / sd : 1;
            for (int i = 0; i < n; i++) {
                z[i * d + a] = (z[i * d + a] - mean) * scale;
            }
        }
        return z;
    }

    /** A row drawn with probability ∝ weight × dist (∝ weight when dist is null or all zero). */
    private static int pick(DataMatrix x, double[] dist, RandomGenerator rng) {
        int n = x.rows();
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += x.weight(i) * (dist == null ? 1 : dist[i]);
        }
        boolean uniform = dist == null || !(total > 0);
        if (uniform) {
            total = x.totalWeight();
        }
        double u = rng.nextDouble() * total;
        double c = 0;
        int last = 0;
        for (int i = 0; i < n; i++) {
            double p = x.weight(i) * (uniform ? 1 : dist[i]);
            if (p > 0) {
                last = i;
                c += p;
                if (u < c) {
                    return i;
                }
            }
        }
        return last;
    }

    /** Nearest centre for each row; returns whether any label changed. */
    private static boolean assign(double[] z, int n, int d, double[] centres, int k, int[] labels) {
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double dd = squaredDistance(z, i * d, centres, j * d, d);
                if (dd < bestD) {
                    bestD = dd;
                    best = j;
                }
            }
            changed |= labels[i] != best;
            labels[i] = best;
        }
        return changed;
    }

    private static double squaredDistance(double[] a, int ao, double[] b, int bo, int d) {
        double s = 0;
        for (int q = 0; q < d; q++) {
            double e = a[ao + q] - b[bo + q];
            s += e * e;
        }
        return s;
    }
}
