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
        steps.add(new Step(g, null, tau, entropy(tau)));
        for (int k = g; k >= 2; k--) {
            int[] pair = bestPair(tau, k);
            tau = merge(tau, pair[0], pair[1]);
            steps.add(new Step(k - 1, pair, tau, entropy(tau)));
        }
        return new ClustCombi(steps);
    }

    /** The step with {@code clusters} clusters. */
    public Step at(int clusters) {
        return steps.get(steps.get(0).clusters() - clusters);
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

    private static int[] bestPair(double[][] tau, int k) {
        double best = Double.NEGATIVE_INFINITY;
        int[] pair = null;
        for (int b = 1; b < k; b++) { // R's column-major order: b, then a
            for (int a = 0; a < b; a++) {
                double gain = 0;
                for (double[] row : tau) {
                    gain += xlog(row[a] + row[b]) - xlog(row[a]) - xlog(row[b]);
                }
                if (gain > best) {
                    best = gain;
                    pair = new int[] {a, b};
                }
            }
        }
        return pair;
    }

    private static double[][] merge(double[][] tau, int a, int b) {
        int k = tau[0].length;
        double[][] out = new double[tau.length][k - 1];
        for (int i = 0; i < tau.length; i++) {
            for (int j = 0, o = 0; j < k; j++) {
                if (j != b) {
                    out[i][o++] = tau[i][j] + (j == a ? tau[i][b] : 0);
                }
            }
        }
        return out;
    }

    private static double entropy(double[][] tau) {
        double s = 0;
        for (double[] row : tau) {
            for (double v : row) {
                s -= xlog(v);
            }
        }
        return s;
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
