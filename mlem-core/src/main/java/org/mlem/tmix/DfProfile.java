package org.mlem.tmix;

import org.mlem.data.Block;
import org.mlem.data.BlockSource;
import org.mlem.em.BlockReducer;
import org.mlem.kernel.Kernels;
import org.mlem.special.SpecialFunctions;

/**
 * The observed-data log-likelihood of a t mixture as a function of one component's degrees of
 * freedom ν<sub>c</sub>, every other parameter held: the ECME step's objective, evaluated without
 * a pass over the data. With the rest held, a row's Mahalanobis distance δ<sub>ic</sub> from
 * component c and the log-sum-exp of the other components' log joint densities do not depend on
 * ν<sub>c</sub>, so one pass stores both and each evaluation is
 * {@code Σ_i w_i logaddexp(o_i, log π_c + log t_ν(δ_ic))}: one log1p, one exp and one log1p a row,
 * where the full E-step it replaces computes k densities and the statistics. The E-step's
 * log-likelihood of {@code base.withDegreesOfFreedom(c, ν)} is the reference (equal to rounding,
 * {@code DfProfileTest}).
 *
 * <p>A row with a known label contributes its label's log joint: a constant unless the label is c.
 * Per-row sums are taken block by block and the blocks' sums added in block order, so the value
 * does not depend on the thread count. Holds 2 doubles a row (3 with frequency weights).
 */
final class DfProfile {
    private final TMixture base;
    private final int c;
    private final int n;
    private final double[] maha; // δ_ic, NaN for a row whose contribution does not depend on ν_c
    private final double[] other; // log-sum-exp of the other components' log joints, or the constant contribution
    private final double[] weight; // null when every row weighs 1
    private final BlockReducer reducer;
    private final boolean finite;

    private DfProfile(TMixture base, int c, int n, double[] maha, double[] other, double[] weight,
            BlockReducer reducer, boolean finite) {
        this.base = base;
        this.c = c;
        this.n = n;
        this.maha = maha;
        this.other = other;
        this.weight = weight;
        this.reducer = reducer;
        this.finite = finite;
    }

    /**
     * One pass over {@code data} under {@code base} storing what component c's profile needs (the
     * {@link #stored} pass, for one component). Not {@link #exact()} when some row's distance from
     * component c overflows.
     */
    static DfProfile of(TMixture base, int c, BlockSource data, BlockReducer reducer) {
        return stored(base, data, reducer).profile(base, c, null);
    }

    /**
     * The ECME step's k profiles from one pass (one profile a component took a pass of its own):
     * the pass under the M-step's mixture stores every row's distances δ<sub>ij</sub> and log joint
     * densities, and the profile of component c is built from them after the components before it
     * have moved their ν, each moved component's column recomputed first (one log1p a row) by
     * {@link TMixture#logJoint}'s arithmetic, so every profile is {@link #of}'s under the same
     * mixture bit for bit ({@code DfProfileTest}). Holds 2k doubles a row. A component some row's
     * distance from which overflows cannot move (its column is not recomputed, see
     * {@link Stored#finite()}), and its own profile is not {@link #exact()}.
     */
    static Stored stored(TMixture base, BlockSource data, BlockReducer reducer) {
        int n = data.rows();
        int k = base.components();
        double[] maha = new double[n * k];
        double[] joint = new double[n * k];
        int[] label = new int[n];
        double[] weight = weighted(data) ? new double[n] : null;
        boolean[] overflow = new boolean[data.blockCount() * k];
        reducer.forEachRange(data.blockCount(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                Block block = data.block(b);
                int rows = block.rows();
                int first = b * BlockSource.BLOCK_ROWS;
                double[] j = new double[rows * k];
                double[] m = new double[rows * k];
                base.logJoint(block, j, m);
                System.arraycopy(j, 0, joint, first * k, rows * k);
                System.arraycopy(m, 0, maha, first * k, rows * k);
                for (int i = 0; i < rows; i++) {
                    label[first + i] = block.label(i);
                    if (weight != null) {
                        weight[first + i] = block.weight(i);
                    }
                }
                for (int i = 0; i < rows * k; i++) {
                    overflow[b * k + i % k] |= m[i] == Double.POSITIVE_INFINITY;
                }
            }
            return false;
        });
        boolean[] columnOverflows = new boolean[k];
        for (int i = 0; i < overflow.length; i++) {
            columnOverflows[i % k] |= overflow[i];
        }
        return new Stored(base, n, maha, joint, label, weight, reducer, columnOverflows);
    }

    /** What {@link #stored} keeps: the rows' distances and log joints, each column with the ν it was computed at. */
    static final class Stored {
        private final TMixture pass;
        private final int n;
        private final int k;
        private final double[] maha;
        private final double[] joint;
        private final double[] columnDf;
        private final int[] label;
        private final double[] weight;
        private final BlockReducer reducer;
        private final boolean[] overflows;

        private Stored(TMixture pass, int n, double[] maha, double[] joint, int[] label, double[] weight,
                BlockReducer reducer, boolean[] overflows) {
            this.pass = pass;
            this.n = n;
            this.k = pass.components();
            this.maha = maha;
            this.joint = joint;
            this.columnDf = pass.df.clone();
            this.label = label;
            this.weight = weight;
            this.reducer = reducer;
            this.overflows = overflows;
        }

        /**
         * Whether no row's distance from any component overflows: then every profile is exact and
         * any component may move (a row so far away takes its log1p through log δ in
         * {@link TMixture#logJoint}, which the stored columns do not recompute).
         */
        boolean finite() {
            for (boolean o : overflows) {
                if (o) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Component c's profile under {@code current}, the pass's mixture with some ν moved (only
         * ν: the caller's contract); with {@code value} non-null, {@code value[0]} gets the
         * log-likelihood of {@code current} itself, {@link #logLikelihood(double)}'s at ν<sub>c</sub>
         * bit for bit, from the same pass.
         */
        DfProfile profile(TMixture current, int c, double[] value) {
            int d = current.dimension();
            if (!java.util.Arrays.equals(current.weights, pass.weights) || !java.util.Arrays.equals(current.logDetU, pass.logDetU)) {
                throw new IllegalArgumentException("the stored profiles hold for moves of the degrees of freedom only");
            }
            boolean[] stale = new boolean[k];
            double[] norm = new double[k];
            for (int j = 0; j < k; j++) {
                stale[j] = Double.doubleToRawLongBits(columnDf[j]) != Double.doubleToRawLongBits(current.df[j]);
                if (stale[j] && overflows[j]) {
                    throw new IllegalStateException("component " + j + " moved, but some row's distance from it overflows");
                }
                double nu = current.df[j];
                norm[j] = Math.log(current.weights[j]) + SpecialFunctions.logStudentNormaliser(nu, d) + current.logDetU[j];
            }
            double[] m = new double[n];
            double[] other = new double[n];
            boolean plain = TMixture.PLAIN_ESTEP;
            int blocks = (n + BlockSource.BLOCK_ROWS - 1) / BlockSource.BLOCK_ROWS;
            double[] sums = new double[Math.max(1, blocks)];
            reducer.forEachRange(blocks, 1, (from, to) -> {
                for (int b = from; b < to; b++) {
                    int lo = b * BlockSource.BLOCK_ROWS;
                    int hi = Math.min(n, lo + BlockSource.BLOCK_ROWS);
                    for (int j = 0; j < k; j++) {
                        if (stale[j]) {
                            double nu = current.df[j];
                            for (int i = lo; i < hi; i++) {
                                double delta = maha[i * k + j];
                                double log1p = plain ? Math.log1p(delta / nu) : Kernels.log1p(delta / nu);
                                joint[i * k + j] = norm[j] - (nu == Double.POSITIVE_INFINITY ? 0.5 * delta : 0.5 * (nu + d) * log1p);
                            }
                        }
                    }
                    double s = 0;
                    for (int i = lo; i < hi; i++) {
                        double w = weight == null ? 1.0 : weight[i];
                        int z = label[i];
                        if (w == 0 || (z >= 0 && z != c)) {
                            m[i] = Double.NaN;
                            other[i] = w == 0 ? 0 : joint[i * k + z];
                        } else {
                            m[i] = maha[i * k + c];
                            other[i] = z == c ? Double.NEGATIVE_INFINITY : logSumExpExcept(joint, i * k, k, c);
                        }
                        if (value != null && w != 0) {
                            s += w * (Double.isNaN(m[i]) ? other[i] : plain ? logAddExp(other[i], joint[i * k + c])
                                    : fastLogAddExp(other[i], joint[i * k + c]));
                        }
                    }
                    sums[b] = s;
                }
                return false;
            });
            System.arraycopy(current.df, 0, columnDf, 0, k);
            if (value != null) {
                double total = 0;
                for (double s : sums) {
                    total += s;
                }
                value[0] = total;
            }
            return new DfProfile(current, c, n, m, other, weight, reducer, !overflows[c]);
        }
    }

    /** Whether some block of {@code data} carries frequency weights. */
    private static boolean weighted(BlockSource data) {
        for (int b = 0; b < data.blockCount(); b++) {
            if (data.block(b).weights() != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every row's distance is finite: a row so far away that δ overflows takes the log1p
     * through log δ in the E-step, which this profile does not store, so the caller evaluates by
     * E-steps instead.
     */
    boolean exact() {
        return finite;
    }

    /** The log-likelihood of {@code base} with component c's degrees of freedom set to {@code nu}. */
    double logLikelihood(double nu) {
        return logLikelihood(nu, TMixture.PLAIN_ESTEP);
    }

    /** {@link #logLikelihood(double)}, with {@link Math#log1p} when {@code plain}, else {@link Kernels#log1p}. */
    double logLikelihood(double nu, boolean plain) {
        int d = base.dimension();
        double norm = Math.log(base.weights[c]) + SpecialFunctions.logStudentNormaliser(nu, d) + base.logDetU[c];
        double half = 0.5 * (nu + d);
        int blocks = (n + BlockSource.BLOCK_ROWS - 1) / BlockSource.BLOCK_ROWS;
        double[] sums = new double[Math.max(1, blocks)];
        reducer.forEachRange(blocks, 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                int lo = b * BlockSource.BLOCK_ROWS;
                int hi = Math.min(n, lo + BlockSource.BLOCK_ROWS);
                double s = 0;
                for (int i = lo; i < hi; i++) {
                    double w = weight == null ? 1.0 : weight[i];
                    double delta = maha[i];
                    double row;
                    if (Double.isNaN(delta)) {
                        row = other[i];
                    } else {
                        double joint = norm - (nu == Double.POSITIVE_INFINITY ? 0.5 * delta
                                : half * (plain ? Math.log1p(delta / nu) : Kernels.log1p(delta / nu)));
                        row = plain ? logAddExp(other[i], joint) : fastLogAddExp(other[i], joint);
                    }
                    if (w != 0) {
                        s += w * row;
                    }
                }
                sums[b] = s;
            }
            return false;
        });
        double total = 0;
        for (double s : sums) {
            total += s;
        }
        return total;
    }

    /**
     * The profile and its first two derivatives in x = log ν at ν = {@code nu} (finite), in one
     * pass: {value, dℓ/dx, d²ℓ/dx²}. The value is {@link #logLikelihood(double)}'s, bit for bit.
     * With J<sub>i</sub>(ν) = norm(ν) − h log(1 + δ<sub>i</sub>/ν), h = (ν + d)/2, a row's term
     * is logaddexp(o<sub>i</sub>, J<sub>i</sub>), whose ν-derivatives are r J′ and
     * r J″ + r(1 − r) J′², r the row's posterior of component c; norm′ and norm″ are the
     * digamma and trigamma differences of log Γ((ν + d)/2) − log Γ(ν/2) − (d/2) log ν. Block sums
     * in block order, as for the value.
     */
    double[] derivatives(double nu) {
        int d = base.dimension();
        double norm = Math.log(base.weights[c]) + SpecialFunctions.logStudentNormaliser(nu, d) + base.logDetU[c];
        double half = 0.5 * (nu + d);
        double norm1 = 0.5 * (SpecialFunctions.digamma(half) - SpecialFunctions.digamma(0.5 * nu)) - 0.5 * d / nu;
        double norm2 = 0.25 * (org.hipparchus.special.Gamma.trigamma(half) - org.hipparchus.special.Gamma.trigamma(0.5 * nu))
                + 0.5 * d / (nu * nu);
        int blocks = (n + BlockSource.BLOCK_ROWS - 1) / BlockSource.BLOCK_ROWS;
        double[] sums = new double[3 * Math.max(1, blocks)];
        reducer.forEachRange(blocks, 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                int lo = b * BlockSource.BLOCK_ROWS;
                int hi = Math.min(n, lo + BlockSource.BLOCK_ROWS);
                double s = 0;
                double s1 = 0;
                double s2 = 0;
                for (int i = lo; i < hi; i++) {
                    double w = weight == null ? 1.0 : weight[i];
                    double delta = maha[i];
                    if (w == 0) {
                        continue;
                    }
                    if (Double.isNaN(delta)) {
                        s += w * other[i];
                        continue;
                    }
                    double log1p = Kernels.log1p(delta / nu);
                    double joint = norm - half * log1p;
                    double top = Math.max(other[i], joint);
                    double row;
                    double r;
                    if (top == Double.NEGATIVE_INFINITY) {
                        row = top;
                        r = 0;
                    } else {
                        double t = Math.exp(Math.min(other[i], joint) - top);
                        row = top + Kernels.log1p(t);
                        r = joint >= other[i] ? 1 / (1 + t) : t / (1 + t);
                    }
                    double q = delta / (nu * (nu + delta));
                    double j1 = norm1 - 0.5 * log1p + half * q;
                    double j2 = norm2 + q - half * q * (2 * nu + delta) / (nu * (nu + delta));
                    s += w * row;
                    s1 += w * r * j1;
                    s2 += w * (r * j2 + r * (1 - r) * j1 * j1);
                }
                sums[3 * b] = s;
                sums[3 * b + 1] = s1;
                sums[3 * b + 2] = s2;
            }
            return false;
        });
        double total = 0;
        double first = 0;
        double second = 0;
        for (int b = 0; b < blocks; b++) {
            total += sums[3 * b];
            first += sums[3 * b + 1];
            second += sums[3 * b + 2];
        }
        return new double[] {total, nu * first, nu * first + nu * nu * second};
    }

    /** log(e^a + e^b). */
    static double logAddExp(double a, double b) {
        double hi = Math.max(a, b);
        if (hi == Double.NEGATIVE_INFINITY) {
            return hi;
        }
        double lo = Math.min(a, b);
        return hi + Math.log1p(Math.exp(lo - hi));
    }

    /** {@link #logAddExp} with {@link Kernels#log1p}. */
    static double fastLogAddExp(double a, double b) {
        double hi = Math.max(a, b);
        if (hi == Double.NEGATIVE_INFINITY) {
            return hi;
        }
        return hi + Kernels.log1p(Math.exp(Math.min(a, b) - hi));
    }

    /** The log-sum-exp of row {@code joint[o..o+k)} leaving out entry c (−∞ when k = 1). */
    private static double logSumExpExcept(double[] joint, int o, int k, int c) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            if (j != c) {
                max = Math.max(max, joint[o + j]);
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            if (j != c) {
                sum += Math.exp(joint[o + j] - max);
            }
        }
        return max + Math.log(sum);
    }
}
