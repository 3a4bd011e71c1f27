package org.mlem.gmm.combi;

import java.util.ArrayList;
import java.util.List;

/**
 * Merging a mixture's components into clusters by entropy (Baudry, Raftery, Celeux, Lo and
 * Gottardo 2010, "Combining mixture components for clustering", JCGS 19:332–353; mclust's
 * {@code clustCombi}). From the K components' posteriors τ (n×K), each step merges the two
 * clusters whose union lowers the entropy {@code −Σ_i Σ_k τ_ik log τ_ik} the most, i.e. maximises
 * {@code Σ_i [(τ_ia + τ_ib) log(τ_ia + τ_ib) − τ_ia log τ_ia − τ_ib log τ_ib]}, until one cluster
 * is left. Merging a into b (a &lt; b) keeps a's place and drops b's, the others keeping their
 * order, as mclust's {@code combMat}; of equal gains the pair with the smaller b, then a, wins (R's
 * column-major {@code which}). The entropies against the number of clusters are the entropy plot;
 * its elbow suggests how many clusters to keep.
 *
 * @param steps for K = G, G−1, ..., 1 clusters: the pair merged to reach K (none for G), the
 *     posteriors and the entropy
 */
public record ClustCombi(List<Step> steps) {

    /**
     * The clustering with {@code clusters} clusters.
     *
     * @param clusters K
     * @param merged the 0-based pair {a, b} (a &lt; b, in the labelling of K + 1 clusters) merged to
     *     reach K, or null for the mixture's own K = G
     * @param posteriors τ, n rows of K
     * @param entropy {@code −Σ τ log τ} (natural log; 0 log 0 = 0)
     */
    public record Step(int clusters, int[] merged, double[][] posteriors, double entropy) {
        /** The most probable cluster of each row, the first of ties. */
        public int[] classification() {
            return org.mlem.model.LatentClasses.argmax(posteriors);
        }
    }

    public ClustCombi {
        steps = List.copyOf(steps);
    }

    /** The merges from posteriors {@code z} (n rows of G, each summing to 1). */
    public static ClustCombi of(double[][] z) {
        int g = z[0].length;
        List<Step> steps = new ArrayList<>();
        double[][] tau = copy(z);
        int[] merged = null;
        for (int k = g; k >= 1; k--) {
            double[] sums = new double[sumsLength(k)];
            for (double[] row : tau) {
                addRow(row, sums);
            }
            steps.add(new Step(k, merged, tau, sums[0]));
            if (k > 1) {
                merged = bestPair(sums, k);
                tau = merge(tau, merged[0], merged[1]);
            }
        }
        return new ClustCombi(steps);
    }

    /**
     * The length of the sums {@link #addRow} adds one row of K clusters to: the entropy, then the
     * gain of merging each pair (a &lt; b), in R's column-major order (b, then a).
     */
    public static int sumsLength(int clusters) {
        return 1 + clusters * (clusters - 1) / 2;
    }

    /**
     * Adds one row's terms to {@code sums} ({@link #sumsLength} of the row's K): its entropy
     * {@code −Σ τ log τ} to {@code sums[0]} and, for each pair a &lt; b, its gain
     * {@code xlog(τ_a + τ_b) − xlog(τ_a) − xlog(τ_b)}. Sums of rows held anywhere merge by addition,
     * so the criteria of a merge are computed over a cluster's partitions as over one table.
     */
    public static void addRow(double[] tau, double[] sums) {
        for (double v : tau) {
            sums[0] -= xlog(v);
        }
        int i = 1;
        for (int b = 1; b < tau.length; b++) { // R's column-major order: b, then a
            for (int a = 0; a < b; a++) {
                sums[i++] += xlog(tau[a] + tau[b]) - xlog(tau[a]) - xlog(tau[b]);
            }
        }
    }

    /** The pair {a, b} whose summed gain ({@link #addRow}'s sums over every row of K clusters) is largest; the first of ties. */
    public static int[] bestPair(double[] sums, int clusters) {
        double best = Double.NEGATIVE_INFINITY;
        int[] pair = null;
        int i = 1;
        for (int b = 1; b < clusters; b++) {
            for (int a = 0; a < b; a++, i++) {
                if (sums[i] > best) {
                    best = sums[i];
                    pair = new int[] {a, b};
                }
            }
        }
        return pair;
    }

    /**
     * One row's cluster probabilities after merging b into a (a &lt; b): a's entry becomes
     * τ_a + τ_b, b's is dropped, the others keep their order.
     */
    public static double[] mergeRow(double[] tau, int a, int b) {
        double[] out = new double[tau.length - 1];
        for (int j = 0, o = 0; j < tau.length; j++) {
            if (j != b) {
                out[o++] = tau[j] + (j == a ? tau[b] : 0);
            }
        }
        return out;
    }

    /** One row's probabilities of the clusters after every merge of {@code merges} (pairs {a, b}, in order). */
    public static double[] mergeRow(double[] tau, List<int[]> merges) {
        double[] t = tau;
        for (int[] m : merges) {
            t = mergeRow(t, m[0], m[1]);
        }
        return t;
    }

    /** The step with {@code clusters} clusters. */
    public Step at(int clusters) {
        return steps.get(steps.get(0).clusters() - clusters);
    }

    /** The merges, in order, that take the G components to {@code clusters} clusters (pairs {a, b}, {@link Step#merged}). */
    public List<int[]> mergesTo(int clusters) {
        List<int[]> out = new ArrayList<>();
        for (Step s : steps) {
            if (s.merged() != null && s.clusters() >= clusters) {
                out.add(s.merged().clone());
            }
        }
        return out;
    }

    /** The entropy of K = 1 .. G clusters (index K − 1): the entropy plot's points. */
    public double[] entropies() {
        int g = steps.get(0).clusters();
        double[] e = new double[g];
        for (Step s : steps) {
            e[s.clusters() - 1] = s.entropy();
        }
        return e;
    }

    private static double[][] merge(double[][] tau, int a, int b) {
        double[][] out = new double[tau.length][];
        for (int i = 0; i < tau.length; i++) {
            out[i] = mergeRow(tau[i], a, b);
        }
        return out;
    }

    /** x log x, 0 at 0 (mclust's {@code xlog}). */
    private static double xlog(double x) {
        return x > 0 ? x * Math.log(x) : 0.0;
    }

    private static double[][] copy(double[][] z) {
        double[][] c = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            c[i] = z[i].clone();
        }
        return c;
    }
}
