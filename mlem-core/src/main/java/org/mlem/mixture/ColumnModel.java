package org.mlem.mixture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.dist.CategoricalFamily;
import org.mlem.dist.Families;
import org.mlem.dist.MultinomialFamily;
import org.mlem.dist.UnivariateFamily;

/**
 * Which columns one factor of a mixture component covers and which family it is: one column of a
 * {@link UnivariateFamily}, or several count columns of one multinomial. A component is the
 * product of its factors (the columns are independent given the component), so a layout of
 * bernoulli columns is latent class analysis and a one-column layout is a univariate mixture.
 *
 * <p>Each factor's M-step is its family's weighted maximum-likelihood fit
 * ({@link UnivariateFamily#fitWeighted} or {@link MultinomialFamily#fitWeighted}) with the
 * responsibilities times the row weights as weights.
 */
public sealed interface ColumnModel extends java.io.Serializable {

    /** The 0-based data columns this factor covers, in order. */
    int[] columns();

    /** The family's name as the command line spells it ({@code poisson}, {@code binomial}, {@code multinomial}, ...). */
    String familyName();

    /**
     * The weighted MLE of this factor.
     *
     * @param values this factor's columns for every row, row-major (rows × {@code columns().length})
     * @param weights per-row weights (responsibility × frequency weight), not all zero
     * @param names the names of this factor's columns
     * @throws MlemUserException when the family cannot be fitted to these weights (e.g. all mass on one value)
     */
    ComponentPart fit(double[] values, double[] weights, List<String> names);

    /**
     * The first row (0-based) whose value lies outside the family's support, as a user error
     * naming the 1-based row and the column, or null when every row is inside.
     *
     * @param values this factor's columns for every row, row-major
     */
    Violation firstViolation(double[] values, List<String> names);

    /**
     * As {@link #firstViolation(double[], List)}, a missing cell (NaN) passed over when
     * {@code missingAllowed} and the model can marginalise it (a univariate family: its factor is 1).
     */
    default Violation firstViolation(double[] values, List<String> names, boolean missingAllowed) {
        return firstViolation(values, names);
    }

    /**
     * The first cell (by row, then column) of {@code data} that {@code layout} cannot take: outside
     * its column family's support, or missing unless {@code missingAllowed}; null when none.
     */
    static Violation firstViolation(List<ColumnModel> layout, DataMatrix data, boolean missingAllowed) {
        Violation first = null;
        for (ColumnModel m : layout) {
            int[] cols = m.columns();
            double[] values = new double[data.rows() * cols.length];
            for (int i = 0; i < data.rows(); i++) {
                for (int a = 0; a < cols.length; a++) {
                    values[i * cols.length + a] = data.get(i, cols[a]);
                }
            }
            List<String> names = new ArrayList<>();
            for (int c : cols) {
                names.add(data.columns().get(c));
            }
            Violation v = m.firstViolation(values, names, missingAllowed);
            if (v != null && (first == null || v.row() < first.row() || v.row() == first.row() && v.column() < first.column())) {
                first = v;
            }
        }
        return first;
    }

    /** A value outside a family's support: 0-based row and the error to raise. */
    record Violation(int row, int column, MlemUserException error) {}

    /** One column of {@code family}. */
    record Univariate(int column, UnivariateFamily family) implements ColumnModel {
        public Univariate {
            if (column < 0) {
                throw new IllegalArgumentException("column index must be >= 0, got " + column);
            }
            if (family == null) {
                throw new IllegalArgumentException("family is required");
            }
        }

        @Override
        public int[] columns() {
            return new int[] {column};
        }

        @Override
        public String familyName() {
            return family.name();
        }

        /** The weighted MLE of the observed values (missing cells, NaN, left out). */
        @Override
        public ComponentPart fit(double[] values, double[] weights, List<String> names) {
            int observed = 0;
            for (double v : values) {
                observed += Double.isNaN(v) ? 0 : 1;
            }
            if (observed < values.length) {
                double[] x = new double[observed];
                double[] w = new double[observed];
                for (int i = 0, o = 0; i < values.length; i++) {
                    if (!Double.isNaN(values[i])) {
                        x[o] = values[i];
                        w[o++] = weights[i];
                    }
                }
                values = x;
                weights = w;
            }
            return new ComponentPart.UnivariatePart(this, family.estimateWeighted(values, weights));
        }

        @Override
        public Violation firstViolation(double[] values, List<String> names) {
            return firstViolation(values, names, false);
        }

        @Override
        public Violation firstViolation(double[] values, List<String> names, boolean missingAllowed) {
            if (allFinite(values)) { // the common case in one call; the search below names the first bad cell
                try {
                    family.checkSupport(values);
                    return null;
                } catch (MlemUserException e) {
                    // some value is outside the support: find the first
                }
            }
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                String what = null;
                if (Double.isNaN(v) && missingAllowed) {
                    continue;
                }
                if (!Double.isFinite(v)) {
                    what = (Double.isNaN(v) ? " is missing" : " is infinite") + "; a mixture needs finite values: remove or impute it";
                } else {
                    try {
                        family.checkSupport(new double[] {v});
                    } catch (MlemUserException e) {
                        what = ": value " + v + " is outside the " + family.name() + " family's support ("
                                + family.supportDescription() + "); fix the value or choose a family whose support contains it";
                    }
                }
                if (what != null) {
                    return new Violation(i, column, new MlemUserException(
                            "row " + (i + 1) + ", column '" + names.get(0) + "'" + what));
                }
            }
            return null;
        }

        private static boolean allFinite(double[] values) {
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
            return true;
        }

        /** The number of free parameters of a member with these values (categorical: K − 1). */
        int freeParameters(int values) {
            return family instanceof CategoricalFamily ? values - 1 : values;
        }
    }

    /** Count columns with one multinomial: each row's counts have their own total (R's {@code dmultinom}). */
    record Multinomial(int[] columns) implements ColumnModel {
        public Multinomial {
            if (columns.length < 2) {
                throw new MlemUserException("a multinomial factor needs at least 2 count columns, got " + columns.length);
            }
            columns = columns.clone();
        }

        @Override
        public int[] columns() {
            return columns.clone();
        }

        @Override
        public String familyName() {
            return "multinomial";
        }

        @Override
        public ComponentPart fit(double[] values, double[] weights, List<String> names) {
            return new ComponentPart.MultinomialPart(this,
                    MultinomialFamily.fitWeighted(values, columns.length, weights, names).distribution());
        }

        @Override
        public Violation firstViolation(double[] values, List<String> names) {
            int d = columns.length;
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (!(v >= 0) || v != Math.rint(v) || Double.isInfinite(v)) {
                    return new Violation(i / d, columns[i % d], new MlemUserException("row " + (i / d + 1) + ", column '"
                            + names.get(i % d) + "': value " + v + " is not a count; the multinomial family needs "
                            + "non-negative whole numbers"));
                }
            }
            return null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Multinomial m && Arrays.equals(columns, m.columns);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(columns);
        }

        @Override
        public String toString() {
            return "Multinomial" + Arrays.toString(columns);
        }
    }

    /** One univariate factor per name, column i with family {@code names.get(i)} ({@link Families#byName}). */
    static List<ColumnModel> perColumn(List<String> familyNames) {
        List<ColumnModel> out = new ArrayList<>(familyNames.size());
        for (int i = 0; i < familyNames.size(); i++) {
            out.add(new Univariate(i, Families.byName(familyNames.get(i))));
        }
        return List.copyOf(out);
    }

    /** Columns 0..d−1, each of {@code family} (bernoulli: latent class analysis). */
    static List<ColumnModel> sameFamily(UnivariateFamily family, int d) {
        List<ColumnModel> out = new ArrayList<>(d);
        for (int i = 0; i < d; i++) {
            out.add(new Univariate(i, family));
        }
        return List.copyOf(out);
    }
}
