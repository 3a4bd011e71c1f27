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

    /** One pass over {@code data} under {@code base} storing what component c's profile needs. */
    static DfProfile of(TMixture base, int c, BlockSource data, BlockReducer reducer) {
        int n = data.rows();
        int k = base.components();
        int d = base.dimension();
        double[] maha = new double[n];
        double[] other = new double[n];
        boolean weighted = false;
        for (int b = 0; b < data.blockCount() && !weighted; b++) {
            weighted = data.block(b).weights() != null;
        }
        double[] weight = weighted ? new double[n] : null;
        boolean[] overflow = new boolean[data.blockCount()];
        reducer.forEachRange(data.blockCount(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                Block block = data.block(b);
                int rows = block.rows();
                int first = b * BlockSource.BLOCK_ROWS;
                double[] joint = new double[rows * k];
                double[] m = new double[rows * k];
                base.logJoint(block, joint, m);
                for (int i = 0; i < rows; i++) {
                    int g = first + i;
                    double w = block.weight(i);
                    if (weight != null) {
                        weight[g] = w;
                    }
                    int z = block.label(i);
                    if (w == 0 || (z >= 0 && z != c)) {
                        maha[g] = Double.NaN;
                        other[g] = w == 0 ? 0 : joint[i * k + z];
                        continue;
                    }
                    double delta = m[i * k + c];
                    overflow[b] |= delta == Double.POSITIVE_INFINITY;
                    maha[g] = delta;
                    other[g] = z == c ? Double.NEGATIVE_INFINITY : logSumExpExcept(joint, i * k, k, c);
                }
            }
            return false;
        });
        boolean finite = true;
        for (boolean o : overflow) {
            finite &= !o;
        }
        return new DfProfile(base, c, n, maha, other, weight, reducer, finite);
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
