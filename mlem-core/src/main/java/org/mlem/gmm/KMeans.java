package org.mlem.gmm;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;

/**
 * Weighted k-means++ seeding (Arthur and Vassilvitskii, 2007) and Lloyd iterations, used only to
 * start EM. Deterministic for a given generator. Public so that a distributed fit can seed from
 * the same rows (or a sample of them) on its driver.
 *
 * <p>Speed without changing a bit: the per-row work (the nearest centre, the distance to the
 * newest seed) runs on the reducer's threads in ranges of rows that are independent, so the
 * labels are the same on any number of threads; the draws and the centres' sums stay sequential.
 * {@link #nearest} takes four centres at a time with four running sums, each summed in the same
 * order as one centre alone, so its distances are bit for bit the plain loop's
 * ({@code KMeansTest}) while the four additions overlap instead of waiting on one another.
 */
public final class KMeans {
    private KMeans() {}

    /**
     * Hard labels (0..k-1) for every row, and the final centres (k×d, row-major). Each label is
     * the {@link #nearest} centre of its row.
     */
    public record Result(int[] labels, double[] centres) {}

    /**
     * k-means++ seeding with probabilities proportional to weight × squared distance, then at most
     * {@code iterations} Lloyd iterations (stopping early when no label changes).
     */
    public static Result run(DataMatrix x, int k, int iterations, RandomGenerator rng) {
        try (BlockReducer one = new BlockReducer(1)) {
            return run(x, k, iterations, rng, one);
        }
    }

    /** As {@link #run(DataMatrix, int, int, RandomGenerator)}, the per-row work on {@code reducer}'s threads (same result). */
    public static Result run(DataMatrix x, int k, int iterations, RandomGenerator rng, BlockReducer reducer) {
        int n = x.rows();
        int d = x.cols();
        // The rows in place (DataMatrix.all() shares the one row-major array), not a copy:
        // a copy of a large data set is what would run the heap out during the start.
        double[] v = x.all().x();
        double[] centres = seed(x, v, k, rng, reducer);
        int[] labels = new int[n];
        assign(v, n, d, centres, k, labels, reducer);
        for (int it = 0; it < iterations; it++) {
            double[] sums = new double[k * d];
            double[] counts = new double[k];
            for (int i = 0; i < n; i++) {
                double w = x.weight(i);
                int j = labels[i];
                counts[j] += w;
                for (int a = 0; a < d; a++) {
                    sums[j * d + a] += w * v[i * d + a];
                }
            }
            for (int j = 0; j < k; j++) {
                if (counts[j] > 0) {
                    for (int a = 0; a < d; a++) {
                        centres[j * d + a] = sums[j * d + a] / counts[j];
                    }
                }
            }
            if (!assign(v, n, d, centres, k, labels, reducer)) {
                break;
            }
        }
        return new Result(labels, centres);
    }

    private static double[] seed(DataMatrix x, double[] v, int k, RandomGenerator rng, BlockReducer reducer) {
        int n = x.rows();
        int d = x.cols();
        double[] centres = new double[k * d];
        double[] dist = new double[n];
        // The first draw ∝ weight × 1, the same sums as ∝ weight: one pick for every draw, since a
        // pick that took null for the first met an array next, and the JIT compiled it three
        // times over in a fit's start (docs/benchmarks.md, 2026-12-07 16:10–17:40Z)
        Arrays.fill(dist, 1.0);
        int first = pick(x, dist, rng);
        System.arraycopy(v, first * d, centres, 0, d);
        reducer.forEachRange(n, CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) {
                dist[i] = squaredDistance(v, i * d, centres, 0, d);
            }
            return false;
        });
        for (int c = 1; c < k; c++) {
            int next = pick(x, dist, rng);
            System.arraycopy(v, next * d, centres, c * d, d);
            int co = c * d;
            reducer.forEachRange(n, CHUNK, (from, to) -> {
                for (int i = from; i < to; i++) {
                    dist[i] = Math.min(dist[i], squaredDistance(v, i * d, centres, co, d));
                }
                return false;
            });
        }
        return centres;
    }

    /** A row drawn with probability ∝ weight × dist (∝ weight when dist is all zero). */
    private static int pick(DataMatrix x, double[] dist, RandomGenerator rng) {
        int n = x.rows();
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += x.weight(i) * dist[i];
        }
        boolean uniform = !(total > 0);
        if (uniform) {
            for (int i = 0; i < n; i++) {
                total += x.weight(i);
            }
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

    /** Rows a task of the parallel per-row work takes (independent ranges, so any split gives the same labels). */
    private static final int CHUNK = 8192;

    /** Nearest centre for each row; returns whether any label changed. */
    private static boolean assign(double[] v, int n, int d, double[] centres, int k, int[] labels, BlockReducer reducer) {
        return reducer.forEachRange(n, CHUNK, (from, to) -> {
            boolean changed = false;
            for (int i = from; i < to; i++) {
                int best = nearest(v, i * d, centres, k, d);
                if (labels[i] != best) {
                    labels[i] = best;
                    changed = true;
                }
            }
            return changed;
        });
    }

    /**
     * The centre (of k, row-major k×d) nearest to the row at {@code v[off..off+d)} in Euclidean
     * distance; ties to the lowest index. Four centres at a time, each distance summed in the
     * order of {@link #squaredDistance}, so the distances, and so the answer, are that loop's.
     */
    public static int nearest(double[] v, int off, double[] centres, int k, int d) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        int j = 0;
        for (; j + 4 <= k; j += 4) {
            int c0 = j * d;
            int c1 = c0 + d;
            int c2 = c1 + d;
            int c3 = c2 + d;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int q = 0; q < d; q++) {
                double xq = v[off + q];
                double t0 = xq - centres[c0 + q];
                double t1 = xq - centres[c1 + q];
                double t2 = xq - centres[c2 + q];
                double t3 = xq - centres[c3 + q];
                s0 += t0 * t0;
                s1 += t1 * t1;
                s2 += t2 * t2;
                s3 += t3 * t3;
            }
            if (s0 < bestD) {
                bestD = s0;
                best = j;
            }
            if (s1 < bestD) {
                bestD = s1;
                best = j + 1;
            }
            if (s2 < bestD) {
                bestD = s2;
                best = j + 2;
            }
            if (s3 < bestD) {
                bestD = s3;
                best = j + 3;
            }
        }
        for (; j < k; j++) {
            double dd = squaredDistance(v, off, centres, j * d, d);
            if (dd < bestD) {
                bestD = dd;
                best = j;
            }
        }
        return best;
    }

    private static double squaredDistance(double[] a, int ao, double[] b, int bo, int d) {
        double s = 0;
        for (int q = 0; q < d; q++) {
            double t = a[ao + q] - b[bo + q];
            s += t * t;
        }
        return s;
    }
}
