package org.mlem.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;

/** Seeded test mixtures and helpers to compare fitted mixtures up to label switching. */
public final class Mixtures {
    private Mixtures() {}

    /** Component indices of {@code m} sorted by their means, lexicographically: a canonical order. */
    public static int[] canonicalOrder(GaussianMixture m) {
        Integer[] idx = new Integer[m.components()];
        for (int j = 0; j < idx.length; j++) {
            idx[j] = j;
        }
        Arrays.sort(idx, Comparator.comparing(j -> m.mean(j), Arrays::compare));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    /**
     * A well-separated mixture of k components in d dimensions with the given structure, seeded:
     * means on a scaled simplex-like grid, covariances random but well conditioned.
     */
    public static GaussianMixture wellSeparated(int k, int d, CovarianceStructure structure, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] weights = new double[k];
        double sum = 0;
        for (int j = 0; j < k; j++) {
            weights[j] = 1 + rng.nextDouble();
            sum += weights[j];
        }
        for (int j = 0; j < k; j++) {
            weights[j] /= sum;
        }
        double[][] means = new double[k][d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                means[j][a] = 8.0 * j * (a % 2 == 0 ? 1 : -0.5) + rng.nextDouble();
            }
        }
        Object shape = switch (structure.storage()) {
            case FULL -> {
                double[][][] c = new double[k][][];
                for (int j = 0; j < k; j++) {
                    c[j] = randomSpd(d, rng);
                }
                yield c;
            }
            case TIED -> randomSpd(d, rng);
            case DIAG -> {
                double[][] v = new double[k][d];
                for (int j = 0; j < k; j++) {
                    for (int a = 0; a < d; a++) {
                        v[j][a] = 0.5 + rng.nextDouble();
                    }
                }
                yield v;
            }
            default -> {
                double[] v = new double[k];
                for (int j = 0; j < k; j++) {
                    v[j] = 0.5 + rng.nextDouble();
                }
                yield v;
            }
        };
        return GaussianMixture.of(weights, means, structure.fromShape(shape, k, d));
    }

    /** A random symmetric positive-definite matrix with eigenvalues in about [0.3, 2]. */
    public static double[][] randomSpd(int d, SplittableRandom rng) {
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = rng.nextGaussian() * 0.4 / Math.sqrt(d);
            }
        }
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int p = 0; p < d; p++) {
                    v += a[i][p] * a[j][p];
                }
                s[i][j] = v + (i == j ? 0.3 + 0.5 * rng.nextDouble() : 0);
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                s[i][j] = s[j][i];
            }
        }
        return s;
    }

    /** Random rows from a standard normal blob plus offsets, for property tests. */
    public static DataMatrix blobs(int n, int d, int clusters, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(clusters);
            for (int a = 0; a < d; a++) {
                v[i * d + a] = 3.0 * c * ((a + c) % 2 == 0 ? 1 : -1) + rng.nextGaussian() * (0.5 + a * 0.25);
            }
        }
        return DataMatrix.of(v, n, d, null);
    }

    /** The rows of {@code x} whose index is in {@code rows}, in that order. */
    public static DataMatrix select(DataMatrix x, List<Integer> rows) {
        int d = x.cols();
        double[] v = new double[rows.size() * d];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(x.row(rows.get(i)), 0, v, i * d, d);
        }
        return DataMatrix.of(v, rows.size(), d, x.columns());
    }

    /** Row indices repeated by integer weights. */
    public static List<Integer> repeatByWeights(int[] counts) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            for (int c = 0; c < counts[i]; c++) {
                rows.add(i);
            }
        }
        return rows;
    }

    /**
     * {@code x} with cells made missing (NaN) at random, each with probability {@code fraction},
     * one random cell of every row always kept.
     */
    public static DataMatrix holes(DataMatrix x, double fraction, long seed) {
        SplittableRandom rng = new SplittableRandom(seed + 17);
        double[] v = x.values();
        int d = x.cols();
        for (int i = 0; i < x.rows(); i++) {
            int keep = rng.nextInt(d);
            for (int a = 0; a < d; a++) {
                if (a != keep && rng.nextDouble() < fraction) {
                    v[i * d + a] = Double.NaN;
                }
            }
        }
        return DataMatrix.of(v, x.rows(), d, x.columns());
    }

    /** The bivariate normal density at (a, b), mean mu, covariance c: a brute-force oracle's integrand. */
    public static double bivariateNormalDensity(double a, double b, double[] mu, double[][] c) {
        double det = c[0][0] * c[1][1] - c[0][1] * c[1][0];
        double da = a - mu[0];
        double db = b - mu[1];
        double q = (c[1][1] * da * da - 2 * c[0][1] * da * db + c[0][0] * db * db) / det;
        return Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
    }
}
