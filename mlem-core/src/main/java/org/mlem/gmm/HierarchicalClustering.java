package org.mlem.gmm;

import org.mlem.MlemUserException;

/**
 * Model-based agglomerative hierarchical clustering with the unconstrained (VVV) Gaussian
 * criterion, as mclust's {@code hc(modelName = "VVV")} (Fraley 1998, "Algorithms for model-based
 * Gaussian hierarchical clustering", SIAM J. Sci. Comput. 20). Every row starts as its own
 * cluster; each step merges the pair of clusters whose merge raises the criterion least.
 *
 * <p>The criterion of a cluster C of n rows with scatter matrix W (about its mean) in p columns is
 * {@code n log(det(W/n) + β (tr W + α)/n)}, the determinant taken as 0 while n ≤ p (it is); α is
 * the data's total scatter trace over n·p ({@code traceW(x/sqrt(n p))}, at least the machine
 * epsilon) and β = 1, mclust's defaults, so singletons and small clusters, whose determinant
 * vanishes, are compared by their trace. The cost of merging A and B is the criterion of A ∪ B less
 * those of A and B; the smallest cost wins, and of equal costs the last in mclust's scan order
 * (clusters held in slots 1..m; pairs (i, j), i &lt; j, scanned by j then i; the merged cluster
 * takes slot i and the last slot moves into slot j), so ties break as mclust's do.
 *
 * <p>Cost: one pass over the pairs per merge (n³/6 comparisons in all) and, for a merge with more
 * than p rows, a p×p Cholesky factor per candidate pair; 2000 rows of 10 columns take about a
 * second. mclust caps the rows at 2000 for this reason ({@link HierarchicalStart}).
 */
public final class HierarchicalClustering {
    private final int rows;
    /** The clusters merged at step s, each named by one of its rows. */
    private final int[] mergedA;
    private final int[] mergedB;

    private HierarchicalClustering(int rows, int[] mergedA, int[] mergedB) {
        this.rows = rows;
        this.mergedA = mergedA;
        this.mergedB = mergedB;
    }

    /** The number of rows clustered. */
    public int rows() {
        return rows;
    }

    /**
     * The partition into {@code g} clusters: labels 0..g−1 numbered in the order of each cluster's
     * first row, as mclust's {@code hclass} numbers them (1..g there).
     *
     * @throws MlemUserException when {@code g} is not between 1 and the number of rows
     */
    public int[] partition(int g) {
        if (g < 1 || g > rows) {
            throw new MlemUserException("the hierarchical start (--init hc) cuts " + rows + " rows into " + g
                    + " clusters; it needs 1 <= k <= " + rows + " rows: lower k or give more rows");
        }
        int[] parent = new int[rows];
        for (int i = 0; i < rows; i++) {
            parent[i] = i;
        }
        for (int s = 0; s < rows - g; s++) {
            parent[root(parent, mergedB[s])] = root(parent, mergedA[s]);
        }
        int[] label = new int[rows];
        int[] byRoot = new int[rows];
        java.util.Arrays.fill(byRoot, -1);
        int next = 0;
        for (int i = 0; i < rows; i++) {
            int r = root(parent, i);
            if (byRoot[r] < 0) {
                byRoot[r] = next++;
            }
            label[i] = byRoot[r];
        }
        return label;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * Clusters the rows of {@code z} (n×p, row-major) by the VVV criterion.
     *
     * @throws IllegalArgumentException when {@code z} does not hold n·p values or n &lt; 1
     */
    public static HierarchicalClustering vvv(double[] z, int n, int p) {
        if (n < 1 || p < 1 || z.length != (long) n * p) {
            throw new IllegalArgumentException("z must hold n*p values, n, p >= 1");
        }
        return new Agglomeration(z, n, p).run();
    }

    /** The state of one agglomeration: clusters by id (a row of theirs), slots in mclust's order. */
    private static final class Agglomeration {
        private final int n;
        private final int p;
        private final double alpha;
        private final int[] count;
        private final double[] mean;
        private final double[][] scatter;
        private final double[] trace;
        private final double[] term;
        private final int[] slotId;
        /** Merge costs of the slot pairs (i, j), i &lt; j, packed at j(j−1)/2 + i. */
        private final double[] cost;
        private final double[] merged;
        private final double[] factor;
        private final double[] delta;

        Agglomeration(double[] z, int n, int p) {
            this.n = n;
            this.p = p;
            count = new int[n];
            mean = z.clone();
            scatter = new double[n][];
            trace = new double[n];
            term = new double[n];
            slotId = new int[n];
            double[] centre = new double[p];
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < p; a++) {
                    centre[a] += z[i * p + a];
                }
            }
            double total = 0;
            for (int a = 0; a < p; a++) {
                centre[a] /= n;
            }
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < p; a++) {
                    double e = z[i * p + a] - centre[a];
                    total += e * e;
                }
            }
            alpha = Math.max(total / ((double) n * p), Math.ulp(1.0));
            for (int i = 0; i < n; i++) {
                count[i] = 1;
                slotId[i] = i;
                term[i] = Math.log(alpha);
            }
            cost = new double[(int) Math.min(Integer.MAX_VALUE, (long) n * (n - 1) / 2)];
            if ((long) n * (n - 1) / 2 > cost.length) {
                throw new MlemUserException("the hierarchical start cannot cluster " + n + " rows at once; "
                        + "lower its subset of rows");
            }
            merged = new double[p * p];
            factor = new double[p * p];
            delta = new double[p];
        }

        HierarchicalClustering run() {
            int[] a = new int[Math.max(0, n - 1)];
            int[] b = new int[Math.max(0, n - 1)];
            for (int j = 1; j < n; j++) {
                for (int i = 0; i < j; i++) {
                    cost[index(i, j)] = mergeCost(slotId[i], slotId[j], null);
                }
            }
            int slots = n;
            for (int step = 0; step < n - 1; step++) {
                int best = 0;
                double min = cost[0];
                int pairs = slots * (slots - 1) / 2;
                for (int q = 1; q < pairs; q++) {
                    if (cost[q] <= min) {
                        min = cost[q];
                        best = q;
                    }
                }
                int j = (int) ((1 + Math.sqrt(1 + 8.0 * best)) / 2);
                while (j * (j - 1) / 2 > best) {
                    j--;
                }
                while ((j + 1) * j / 2 <= best) {
                    j++;
                }
                int i = best - j * (j - 1) / 2;
                int idA = slotId[i];
                int idB = slotId[j];
                a[step] = idA;
                b[step] = idB;
                merge(idA, idB);
                int last = slots - 1;
                if (j != last) {
                    for (int x = 0; x < last; x++) {
                        if (x != j) {
                            cost[pairIndex(x, j)] = cost[pairIndex(x, last)];
                        }
                    }
                    slotId[j] = slotId[last];
                }
                slots--;
                for (int x = 0; x < slots; x++) {
                    if (x != i) {
                        cost[pairIndex(x, i)] = mergeCost(slotId[x], idA, null);
                    }
                }
            }
            return new HierarchicalClustering(n, a, b);
        }

        private static int index(int i, int j) {
            return j * (j - 1) / 2 + i;
        }

        private static int pairIndex(int x, int y) {
            return x < y ? index(x, y) : index(y, x);
        }

        /** Merges cluster {@code idB} into {@code idA}: counts, means, scatter, trace and criterion. */
        private void merge(int idA, int idB) {
            double[] w = new double[p * p];
            term[idA] = mergeCost(idA, idB, w) + term[idA] + term[idB];
            int na = count[idA];
            int nb = count[idB];
            int nij = na + nb;
            for (int c = 0; c < p; c++) {
                mean[idA * p + c] = (na * mean[idA * p + c] + nb * mean[idB * p + c]) / nij;
            }
            trace[idA] = lastTrace;
            scatter[idA] = w;
            scatter[idB] = null;
            count[idA] = nij;
        }

        private double lastTrace;

        /**
         * The criterion of A ∪ B less those of A and B; the union's scatter is written to {@code w}
         * when it is not null (and its trace kept for {@link #merge}).
         */
        private double mergeCost(int idA, int idB, double[] w) {
            int na = count[idA];
            int nb = count[idB];
            int nij = na + nb;
            double c = (double) na * nb / nij;
            double dd = 0;
            for (int a = 0; a < p; a++) {
                delta[a] = mean[idA * p + a] - mean[idB * p + a];
                dd += delta[a] * delta[a];
            }
            double tr = trace[idA] + trace[idB] + c * dd;
            lastTrace = tr;
            double[] target = w != null ? w : merged;
            boolean needScatter = w != null || nij > p;
            if (needScatter) {
                for (int a = 0; a < p; a++) {
                    for (int e = 0; e < p; e++) {
                        double v = c * delta[a] * delta[e];
                        if (scatter[idA] != null) {
                            v += scatter[idA][a * p + e];
                        }
                        if (scatter[idB] != null) {
                            v += scatter[idB][a * p + e];
                        }
                        target[a * p + e] = v;
                    }
                }
            }
            double b = (tr + alpha) / nij;
            double f;
            if (nij <= p || tr == 0) {
                f = Math.log(b);
            } else {
                double logDet = logDetOver(target, nij);
                f = logDet == Double.NEGATIVE_INFINITY ? Math.log(b)
                        : logDet <= 0 ? Math.log(Math.exp(logDet) + b) : logDet + Math.log1p(Math.exp(-logDet) * b);
            }
            return nij * f - term[idA] - term[idB];
        }

        /** log det(W / m) by a Cholesky factor; −∞ when W is not positive definite in double precision. */
        private double logDetOver(double[] w, int m) {
            System.arraycopy(w, 0, factor, 0, p * p);
            double logDet = 0;
            for (int a = 0; a < p; a++) {
                for (int e = 0; e <= a; e++) {
                    double s = factor[a * p + e];
                    for (int k = 0; k < e; k++) {
                        s -= factor[a * p + k] * factor[e * p + k];
                    }
                    if (a == e) {
                        if (!(s > 0)) {
                            return Double.NEGATIVE_INFINITY;
                        }
                        factor[a * p + a] = Math.sqrt(s);
                        logDet += Math.log(s / m);
                    } else {
                        factor[a * p + e] = s / factor[e * p + e];
                    }
                }
            }
            return logDet;
        }
    }
}
