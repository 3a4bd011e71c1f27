package org.mlem.uncertainty;

import java.util.Arrays;
import org.mlem.gmm.GaussianMixture;

/**
 * Undoing label switching: which component of a refitted mixture is which component of the
 * reference, by the assignment of least total cost (the Hungarian algorithm, Kuhn 1955, in its
 * O(k³) shortest-augmenting-path form with row and column potentials).
 */
public final class LabelMatching {
    private LabelMatching() {}

    /**
     * The order that matches {@code replicate}'s components to {@code reference}'s: reference
     * component j is replicate component {@code order[j]}. The cost of pairing reference a with
     * replicate b is {@code Σ_dims (μ_a − μ_b)² / v + (π_a − π_b)²}, v the reference mixture's
     * marginal variance in that dimension, so the match does not depend on the data's units.
     */
    public static int[] match(GaussianMixture reference, GaussianMixture replicate) {
        int k = reference.components();
        int d = reference.dimension();
        double[] scale = marginalVariances(reference);
        double[] wr = reference.weights();
        double[] wm = replicate.weights();
        double[][] cost = new double[k][k];
        for (int a = 0; a < k; a++) {
            double[] ma = reference.mean(a);
            for (int b = 0; b < k; b++) {
                double[] mb = replicate.mean(b);
                double c = (wr[a] - wm[b]) * (wr[a] - wm[b]);
                for (int x = 0; x < d; x++) {
                    c += (ma[x] - mb[x]) * (ma[x] - mb[x]) / scale[x];
                }
                cost[a][b] = c;
            }
        }
        return assign(cost);
    }

    /**
     * The order that matches a replicate's components to the reference's from per-component
     * features (a component's parameters, e.g. its means): reference component j is replicate
     * component {@code order[j]}. The cost of pairing reference a with replicate b is
     * {@code Σ_f (F_af − G_bf)² / s_f + (π_a − π_b)²}, s_f the variance of feature f across the
     * reference components (1 when they all agree), so the match does not depend on the units.
     *
     * @param weights the reference's weights (or any per-component share), k
     * @param features the reference's features, k rows of equal length
     */
    public static int[] byFeatures(double[] weights, double[][] features, double[] replicateWeights,
            double[][] replicateFeatures) {
        int k = features.length;
        int f = features[0].length;
        double[] scale = new double[f];
        for (int q = 0; q < f; q++) {
            double mean = 0;
            for (double[] row : features) {
                mean += row[q] / k;
            }
            double v = 0;
            for (double[] row : features) {
                v += (row[q] - mean) * (row[q] - mean) / k;
            }
            scale[q] = v > 0 && Double.isFinite(v) ? v : 1;
        }
        double[][] cost = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double c = (weights[a] - replicateWeights[b]) * (weights[a] - replicateWeights[b]);
                for (int q = 0; q < f; q++) {
                    double diff = features[a][q] - replicateFeatures[b][q];
                    c += Double.isFinite(diff) ? diff * diff / scale[q] : 0;
                }
                cost[a][b] = c;
            }
        }
        return assign(cost);
    }

    /** Var(x_a) under the mixture: {@code Σ_j π_j (Σ_j,aa + μ_j,a²) − (Σ_j π_j μ_j,a)²}. */
    static double[] marginalVariances(GaussianMixture m) {
        int d = m.dimension();
        double[] w = m.weights();
        double[] mean = new double[d];
        double[] second = new double[d];
        for (int j = 0; j < m.components(); j++) {
            double[] mu = m.mean(j);
            double[][] cov = m.covariance(j);
            for (int a = 0; a < d; a++) {
                mean[a] += w[j] * mu[a];
                second[a] += w[j] * (cov[a][a] + mu[a] * mu[a]);
            }
        }
        double[] v = new double[d];
        for (int a = 0; a < d; a++) {
            v[a] = second[a] - mean[a] * mean[a];
        }
        return v;
    }

    /**
     * The assignment of rows to distinct columns of a square cost matrix with least total cost:
     * row i goes to column {@code result[i]}. Costs must be finite.
     */
    public static int[] assign(double[][] cost) {
        int n = cost.length;
        // 1-based internally; column 0 is a virtual start column
        double[] rowPotential = new double[n + 1];
        double[] colPotential = new double[n + 1];
        int[] rowOfCol = new int[n + 1];
        int[] previous = new int[n + 1];
        for (int row = 1; row <= n; row++) {
            rowOfCol[0] = row;
            int col = 0;
            double[] slack = new double[n + 1];
            Arrays.fill(slack, Double.POSITIVE_INFINITY);
            boolean[] visited = new boolean[n + 1];
            do {
                visited[col] = true;
                int r = rowOfCol[col];
                double delta = Double.POSITIVE_INFINITY;
                int next = -1;
                for (int c = 1; c <= n; c++) {
                    if (!visited[c]) {
                        double reduced = cost[r - 1][c - 1] - rowPotential[r] - colPotential[c];
                        if (reduced < slack[c]) {
                            slack[c] = reduced;
                            previous[c] = col;
                        }
                        if (slack[c] < delta) {
                            delta = slack[c];
                            next = c;
                        }
                    }
                }
                for (int c = 0; c <= n; c++) {
                    if (visited[c]) {
                        rowPotential[rowOfCol[c]] += delta;
                        colPotential[c] -= delta;
                    } else {
                        slack[c] -= delta;
                    }
                }
                col = next;
            } while (rowOfCol[col] != 0);
            while (col != 0) { // augment along the path back to the start column
                int prev = previous[col];
                rowOfCol[col] = rowOfCol[prev];
                col = prev;
            }
        }
        int[] result = new int[n];
        for (int c = 1; c <= n; c++) {
            result[rowOfCol[c] - 1] = c - 1;
        }
        return result;
    }
}
