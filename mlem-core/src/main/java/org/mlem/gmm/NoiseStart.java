package org.mlem.gmm;

import java.util.Arrays;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;

/**
 * mlem's default guess of the noise rows to start a noise component from, simpler than the
 * nearest-neighbour cleaning mclust's examples use (Byers and Raftery 1998, prabclus's
 * {@code NNclean}) and in its spirit: a row is noise when the Euclidean distance to its
 * {@link #NEIGHBOUR}th nearest other row lies above Tukey's upper fence, Q3 + 1.5 IQR, of those
 * distances over all rows (quartiles as R's {@code quantile} type 7). Distances are in the data's
 * own units (rescale columns first if their scales differ greatly); frequency weights are not used.
 * Costs n² distance evaluations, so it is offered up to {@link #MAX_ROWS} rows.
 */
public final class NoiseStart {
    private NoiseStart() {}

    /** Which nearest neighbour's distance is judged. */
    public static final int NEIGHBOUR = 5;

    /** The most rows the rule is computed for. */
    public static final int MAX_ROWS = 50_000;

    /** One flag per row: whether the rule calls it noise. */
    public static boolean[] byNearestNeighbours(DataMatrix x) {
        int n = x.rows();
        if (n <= NEIGHBOUR) {
            throw new MlemUserException("the default noise start needs more than " + NEIGHBOUR + " rows; there are " + n
                    + "; flag the noise rows with --noise-start COLUMN");
        }
        if (n > MAX_ROWS) {
            throw new MlemUserException("the default noise start compares every pair of rows and is offered up to "
                    + MAX_ROWS + " rows; there are " + n + "; flag the noise rows with --noise-start COLUMN");
        }
        int d = x.cols();
        double[] v = x.all().x();
        double[] kth = new double[n];
        double[] nearest = new double[NEIGHBOUR];
        for (int i = 0; i < n; i++) {
            Arrays.fill(nearest, Double.POSITIVE_INFINITY);
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double s = 0;
                for (int a = 0; a < d; a++) {
                    double t = v[i * d + a] - v[j * d + a];
                    s += t * t;
                }
                if (s < nearest[NEIGHBOUR - 1]) {
                    int p = NEIGHBOUR - 1;
                    while (p > 0 && nearest[p - 1] > s) {
                        nearest[p] = nearest[p - 1];
                        p--;
                    }
                    nearest[p] = s;
                }
            }
            kth[i] = Math.sqrt(nearest[NEIGHBOUR - 1]);
        }
        double[] sorted = kth.clone();
        Arrays.sort(sorted);
        double q1 = quantile(sorted, 0.25);
        double q3 = quantile(sorted, 0.75);
        double fence = q3 + 1.5 * (q3 - q1);
        boolean[] noise = new boolean[n];
        for (int i = 0; i < n; i++) {
            noise[i] = kth[i] > fence;
        }
        return noise;
    }

    /** R's {@code quantile(type = 7)} of sorted values. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
