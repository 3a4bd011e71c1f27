package org.mlem.dist;

import java.util.Arrays;
import java.util.List;
import org.mlem.MlemUserException;

/** Input checks shared by the multivariate families, naming the 1-based row and the column. */
final class MultivariateChecks {
    private MultivariateChecks() {
    }

    static double[] weights(double[] w, int n) {
        if (w == null) {
            double[] ones = new double[n];
            Arrays.fill(ones, 1.0);
            return ones;
        }
        if (w.length != n) {
            throw new IllegalArgumentException(n + " rows but " + w.length + " weights");
        }
        for (int i = 0; i < n; i++) {
            if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                throw new MlemUserException("row " + (i + 1) + ": weight " + w[i]
                        + " is not a finite non-negative number; weights count how often a row occurs");
            }
        }
        return w;
    }

    static double total(double[] w) {
        double t = 0;
        for (double v : w) {
            t += v;
        }
        if (!(t > 0)) {
            throw new MlemUserException("the weights sum to 0 (or there are no rows); at least one row needs a positive weight");
        }
        return t;
    }

    static void requireFinite(double[] rows, int d, List<String> names) {
        for (int i = 0; i < rows.length; i++) {
            if (!Double.isFinite(rows[i])) {
                throw new MlemUserException("row " + (i / d + 1) + ", column " + names.get(i % d) + ": value " + rows[i]
                        + " is not a finite number; remove or impute missing values first");
            }
        }
    }
}
