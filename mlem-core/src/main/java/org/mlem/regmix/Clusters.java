package org.mlem.regmix;

import java.util.SplittableRandom;

/**
 * Starting assignments of rows to components: uniformly at random (flexmix's default) or by
 * k-means on the standardised (non-constant model-matrix columns, response). Sequential and
 * deterministic for a given generator.
 */
final class Clusters {
    private Clusters() {
    }

    /** Each of n rows to a uniformly drawn component of k. */
    static int[] random(int n, int k, SplittableRandom rng) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(k);
        }
        return labels;
    }

    /** k-means++ seeding (rows of positive weight) and up to {@code iterations} Lloyd steps. */
    static int[] kMeans(RegmixData data, int k, int iterations, SplittableRandom rng) {
        double[][] cols = standardisedColumns(data);
        int n = data.n;
        int d = cols.length;
        double[][] centres = new double[k][];
        double[] nearest = new double[n];
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 0; c < k; c++) {
            int row = c == 0 ? draw(data.rowWeights, null, rng) : draw(data.rowWeights, nearest, rng);
            centres[c] = new double[d];
            for (int a = 0; a < d; a++) {
                centres[c][a] = cols[a][row];
            }
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], distance(cols, i, centres[c]));
            }
        }
        int[] labels = new int[n];
        assign(cols, centres, labels);
        for (int it = 0; it < iterations; it++) {
            double[][] sums = new double[k][d];
            double[] counts = new double[k];
            for (int i = 0; i < n; i++) {
                counts[labels[i]] += data.rowWeights[i];
                for (int a = 0; a < d; a++) {
                    sums[labels[i]][a] += data.rowWeights[i] * cols[a][i];
                }
            }
            for (int c = 0; c < k; c++) {
                for (int a = 0; a < d && counts[c] > 0; a++) {
                    centres[c][a] = sums[c][a] / counts[c];
                }
            }
            if (!assign(cols, centres, labels)) {
                break;
            }
        }
        return labels;
    }

    private static double[][] standardisedColumns(RegmixData data) {
        java.util.List<double[]> used = new java.util.ArrayList<>();
        for (double[] c : data.columns) {
            used.add(c);
        }
        used.add(data.y);
        java.util.List<double[]> out = new java.util.ArrayList<>();
        for (double[] c : used) {
            double mean = 0;
            for (double v : c) {
                mean += v / c.length;
            }
            double ss = 0;
            for (double v : c) {
                ss += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(ss / c.length);
            if (sd > 0) {
                double[] z = new double[c.length];
                for (int i = 0; i < c.length; i++) {
                    z[i] = (c[i] - mean) / sd;
                }
                out.add(z);
            }
        }
        return out.toArray(new double[0][]);
    }

    /** A row drawn with probability proportional to weight x score (x 1 when score is null or all zero). */
    private static int draw(double[] w, double[] score, SplittableRandom rng) {
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            total += w[i] * (score == null ? 1 : score[i]);
        }
        boolean flat = !(total > 0);
        if (flat) {
            score = null;
            total = 0;
            for (double v : w) {
                total += v;
            }
        }
        double u = rng.nextDouble() * total;
        int last = 0;
        for (int i = 0; i < w.length; i++) {
            double mass = w[i] * (score == null ? 1 : score[i]);
            if (mass > 0) {
                last = i;
                u -= mass;
                if (u < 0) {
                    return i;
                }
            }
        }
        return last;
    }

    private static boolean assign(double[][] cols, double[][] centres, int[] labels) {
        boolean changed = false;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centres.length; c++) {
                double dd = distance(cols, i, centres[c]);
                if (dd < bestD) {
                    bestD = dd;
                    best = c;
                }
            }
            changed |= labels[i] != best;
            labels[i] = best;
        }
        return changed;
    }

    private static double distance(double[][] cols, int i, double[] centre) {
        double s = 0;
        for (int a = 0; a < centre.length; a++) {
            double t = cols[a][i] - centre[a];
            s += t * t;
        }
        return s;
    }
}
