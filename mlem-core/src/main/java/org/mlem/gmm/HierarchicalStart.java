package org.mlem.gmm;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.WeakHashMap;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;

/**
 * mclust's default start (issue 14 part 3): {@link HierarchicalClustering} of the rows after
 * mclust's {@code hcUse = "SVD"} transformation, on at most {@link #SUBSET} rows drawn at random
 * (mclust's {@code mclust.options("subset")}), cut at k clusters. The tree is computed once per
 * data set, subset size and seed and shared by every k and covariance model that starts from it,
 * as mclust's {@code mclustBIC} shares its {@code hcPairs}.
 */
public final class HierarchicalStart {
    /** mclust's {@code mclust.options("subset")}: the rows the tree is built on when there are more. */
    public static final int SUBSET = 2000;

    private static final Map<DataMatrix, Map<Key, Tree>> TREES = new WeakHashMap<>();

    private HierarchicalStart() {}

    /**
     * A tree over some rows of a data set.
     *
     * @param rows the data's rows clustered, in the order the tree saw them (all rows in order when
     *     there were at most the subset's size)
     */
    public record Tree(int[] rows, HierarchicalClustering clustering) {
        /** The labels of {@link #rows()} at {@code k} clusters (mclust's {@code hclass}, 0-based). */
        public int[] partition(int k) {
            return clustering.partition(k);
        }
    }

    private record Key(int subset, long seed) {}

    /**
     * The tree of {@code data} (memoised per data object, {@code subset} and {@code seed}): all
     * rows when there are at most {@code subset}, else {@code subset} rows drawn without
     * replacement by a {@code SplittableRandom(seed)}.
     *
     * @throws MlemUserException when a column is not finite (missing cells are filled first by the caller)
     */
    public static Tree of(DataMatrix data, int subset, long seed) {
        Key key = new Key(subset, seed);
        // one lock for every tree: candidates fit in parallel wait for the one computing it
        synchronized (TREES) {
            return TREES.computeIfAbsent(data, x -> new HashMap<>()).computeIfAbsent(key, x -> build(data, subset, seed));
        }
    }

    private static Tree build(DataMatrix data, int subset, long seed) {
        data.requireFinite("the hierarchical start (--init hc)");
        int[] rows = subsetRows(data.rows(), subset, seed);
        int d = data.cols();
        double[] all = data.all().x();
        double[] x = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(all, rows[i] * d, x, i * d, d);
        }
        Transformed z = svdTransform(x, rows.length, d);
        return new Tree(rows, HierarchicalClustering.vvv(z.values(), rows.length, z.cols()));
    }

    /** The given rows of {@code data}, in that order, with their weights and labels. */
    static DataMatrix rowsOf(DataMatrix data, int[] rows) {
        int d = data.cols();
        double[] v = new double[rows.length * d];
        double[] w = data.hasWeights() ? new double[rows.length] : null;
        int[] l = data.hasLabels() ? new int[rows.length] : null;
        double[] all = data.all().x();
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(all, rows[i] * d, v, i * d, d);
            if (w != null) {
                w[i] = data.weight(rows[i]);
            }
            if (l != null) {
                l[i] = data.label(rows[i]);
            }
        }
        return DataMatrix.of(v, rows.length, d, data.columns()).withWeights(w).withLabels(l);
    }

    /** Rows 0..n−1 when n ≤ subset, else {@code subset} of them drawn without replacement, in draw order. */
    static int[] subsetRows(int n, int subset, long seed) {
        if (subset < 1) {
            throw new MlemUserException("the hierarchical start's subset must hold at least 1 row, got " + subset);
        }
        int m = Math.min(n, subset);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (m == n) {
            return all;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, m);
    }

    /** Transformed rows: n × cols, row-major. */
    public record Transformed(double[] values, int cols) {}

    /**
     * mclust's {@code hcUse = "SVD"}: each column centred and scaled by its standard deviation
     * (divisor n − 1), then Z = X V D^(−1/2) from the thin SVD X = U D Vᵀ, so the directions of
     * small variance are stretched. Columns with no spread and directions with a zero singular
     * value are left out (mclust keeps them and divides by zero). The VVV criterion does not change
     * under an orthogonal map of the columns, so the SVD's signs do not matter.
     */
    public static Transformed svdTransform(double[] x, int n, int d) {
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                mean[a] += x[i * d + a];
            }
        }
        for (int a = 0; a < d; a++) {
            mean[a] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double e = x[i * d + a] - mean[a];
                sd[a] += e * e;
            }
        }
        int kept = 0;
        int[] keep = new int[d];
        for (int a = 0; a < d; a++) {
            sd[a] = Math.sqrt(sd[a] / Math.max(1, n - 1));
            if (sd[a] > 0 && Double.isFinite(sd[a])) {
                keep[kept++] = a;
            }
        }
        if (kept == 0 || n < 2) {
            return new Transformed(new double[n], 1);
        }
        double[][] s = new double[n][kept];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < kept; c++) {
                int a = keep[c];
                s[i][c] = (x[i * d + a] - mean[a]) / sd[a];
            }
        }
        RealMatrix xs = new Array2DRowRealMatrix(s, false);
        SingularValueDecomposition svd = new SingularValueDecomposition(xs);
        double[] sv = svd.getSingularValues();
        double top = sv.length == 0 ? 0 : sv[0];
        int q = 0;
        while (q < sv.length && sv[q] > top * 1e-12 * Math.max(n, kept)) {
            q++;
        }
        RealMatrix v = svd.getV();
        double[] z = new double[n * q];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < q; c++) {
                double t = 0;
                for (int a = 0; a < kept; a++) {
                    t += s[i][a] * v.getEntry(a, c);
                }
                z[i * q + c] = t / Math.sqrt(sv[c]);
            }
        }
        return new Transformed(z, q);
    }
}
