package org.mlem.gmm;

import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Newton steps for the common orientation D of EVE and VVE, taken once Browne and McNicholas' MM
 * iteration ({@link MclustSteps}) has come near its fixed point: the MM converges linearly (about
 * 0.94 a round on iris), Newton quadratically to the same point, so the MM's own stopping rule (no
 * entry of D moving by 1e-14) is then met within a round or two instead of hundreds.
 * <p>
 * With the diagonals profiled out, the M-step's objective is a function h(Q) of the quadratic forms
 * {@code q_jm = d_mᵀ W_j d_m} alone (see {@link Profile}). D moves as {@code D·R(A)} for a skew
 * A = Σ_{l<m} a_lm (e_l e_mᵀ − e_m e_lᵀ), R the Cayley transform (orthogonal, equal to exp(A) to
 * second order); the gradient in a is exact, {@code ∂h/∂a_lm = 2 Σ_j P_j[l,m] (∂h/∂q_jm − ∂h/∂q_jl)}
 * with {@code P_j = Dᵀ W_j D}, and the Hessian is central differences of that gradient (its error
 * only slows the convergence; the point reached is where the exact gradient vanishes). A step is
 * taken only where that Hessian is positive definite, the step is small and the objective does not
 * rise beyond its rounding; otherwise the MM iteration carries on alone. The Hessian is kept from
 * step to step while the steps shrink tenfold or more (a chord iteration), else computed afresh.
 * Every answer still ends with MM rounds that move no entry of D by 1e-14, so the point returned is
 * the MM's fixed point whatever the path: the same for every partitioning of the data to rounding
 * (a stop that ended the MM early, where it happened to flatten, was not; docs/benchmarks.md).
 */
final class OrientationNewton {
    /** The profiled objective and its gradient in the quadratic forms q (k×d, entry (j, m)). */
    interface Profile {
        /** h(q); {@code gradient} (k×d) receives ∂h/∂q_jm. NaN when q is not positive. */
        double value(double[] nk, double[] q, int k, int d, double[] gradient);
    }

    /** VVE: Λ_j = diag(q_j)/n_j, so h = Σ_j n_j Σ_m log q_jm (up to a constant). */
    static final Profile VVE = (nk, q, k, d, gradient) -> {
        double h = 0;
        for (int j = 0; j < k; j++) {
            for (int m = 0; m < d; m++) {
                double x = q[j * d + m];
                if (!(x > 0) || !Double.isFinite(x)) {
                    return Double.NaN;
                }
                h += nk[j] * Math.log(x);
                gradient[j * d + m] = nk[j] / x;
            }
        }
        return h;
    };

    /**
     * EVE: λ A_j with det A_j = 1 profiled out leaves h = n d log Σ_j g_j, g_j = (Π_m q_jm)^{1/d}
     * (up to a constant), as {@link MclustSteps#evi} solves it.
     */
    static final Profile EVE = (nk, q, k, d, gradient) -> {
        double n = 0;
        double s = 0;
        double[] g = new double[k];
        for (int j = 0; j < k; j++) {
            double logs = 0;
            for (int m = 0; m < d; m++) {
                double x = q[j * d + m];
                if (!(x > 0) || !Double.isFinite(x)) {
                    return Double.NaN;
                }
                logs += Math.log(x);
            }
            g[j] = Math.exp(logs / d);
            s += g[j];
            n += nk[j];
        }
        for (int j = 0; j < k; j++) {
            for (int m = 0; m < d; m++) {
                gradient[j * d + m] = n * g[j] / (q[j * d + m] * s);
            }
        }
        return n * d * Math.log(s);
    };

    /**
     * Newton steps start once an MM round moves no entry of D by more than this (and again, should
     * they stop short, once the MM rounds come a hundred times nearer).
     */
    static final double START = 1e-2;
    /** No step moves any a_lm by more than this (the quadratic model is trusted only near D). */
    private static final double MAX_STEP = 0.1;
    /** Newton stops once its step is below this (the MM rounds then confirm the fixed point). */
    private static final double STEP_TOLERANCE = 1e-13;
    private static final int MAX_STEPS = 20;
    /** Central-difference width for the Hessian. */
    private static final double H = 1e-5;

    private OrientationNewton() {}

    /**
     * Newton steps from {@code axes} (d×d, column m = axis m, orthogonal); the improved axes, or
     * {@code axes} itself when no step could be taken.
     */
    static double[][] polish(double[] w, double[] nk, double[][] axes, int k, int d, Profile profile) {
        int p = d * (d - 1) / 2;
        if (p == 0) {
            return axes;
        }
        double[][] current = axes;
        double[] gradient = new double[p];
        double value = gradient(w, nk, current, k, d, profile, gradient);
        CholeskyDecomposition hessian = null;
        double previousStep = Double.POSITIVE_INFINITY;
        for (int step = 0; step < MAX_STEPS && Double.isFinite(value); step++) {
            if (hessian == null) {
                hessian = hessian(w, nk, current, k, d, profile);
                if (hessian == null) {
                    break;
                }
            }
            double[] a = solve(hessian, gradient);
            double largest = 0;
            for (double x : a) {
                largest = Math.max(largest, Math.abs(x));
            }
            if (!(largest <= MAX_STEP)) {
                break;
            }
            double[][] next = rotate(current, a, d);
            double[] nextGradient = new double[p];
            double nextValue = gradient(w, nk, next, k, d, profile, nextGradient);
            if (!(nextValue <= value + 1e-13 * Math.abs(value))) {
                break;
            }
            current = next;
            value = nextValue;
            gradient = nextGradient;
            if (largest < STEP_TOLERANCE) {
                break;
            }
            if (largest > 0.1 * previousStep) {
                hessian = null; // the Hessian kept from an earlier point no longer contracts fast: recompute it
            }
            previousStep = largest;
        }
        return current;
    }

    /** The symmetrised central-difference Hessian's Cholesky factorisation; null unless it is positive definite. */
    private static CholeskyDecomposition hessian(double[] w, double[] nk, double[][] axes, int k, int d, Profile profile) {
        int p = d * (d - 1) / 2;
        double[][] hessian = new double[p][p];
        double[] e = new double[p];
        double[] plus = new double[p];
        double[] minus = new double[p];
        for (int b = 0; b < p; b++) {
            e[b] = H;
            double vp = gradient(w, nk, rotate(axes, e, d), k, d, profile, plus);
            e[b] = -H;
            double vm = gradient(w, nk, rotate(axes, e, d), k, d, profile, minus);
            e[b] = 0;
            if (!Double.isFinite(vp) || !Double.isFinite(vm)) {
                return null;
            }
            for (int a = 0; a < p; a++) {
                hessian[a][b] = (plus[a] - minus[a]) / (2 * H);
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                double s = 0.5 * (hessian[a][b] + hessian[b][a]);
                hessian[a][b] = s;
                hessian[b][a] = s;
            }
        }
        try {
            return new CholeskyDecomposition(new Array2DRowRealMatrix(hessian, false));
        } catch (MathIllegalArgumentException notPositiveDefinite) {
            return null;
        }
    }

    /** −H⁻¹ g. */
    private static double[] solve(CholeskyDecomposition hessian, double[] g) {
        RealMatrix solution = hessian.getSolver().solve(new Array2DRowRealMatrix(g));
        double[] step = new double[g.length];
        for (int a = 0; a < g.length; a++) {
            step[a] = -solution.getEntry(a, 0);
        }
        return step;
    }

    /** h at D = {@code axes}; {@code into} receives ∂h/∂a_lm (pairs l < m in row order). NaN when h is not defined. */
    static double gradient(double[] w, double[] nk, double[][] axes, int k, int d, Profile profile, double[] into) {
        double[] rotated = new double[k * d * d]; // P_j = Dᵀ W_j D
        double[] wd = new double[d * d];
        for (int j = 0; j < k; j++) {
            int off = j * d * d;
            for (int a = 0; a < d; a++) {
                for (int m = 0; m < d; m++) {
                    double s = 0;
                    for (int b = 0; b < d; b++) {
                        s += w[off + a * d + b] * axes[b][m];
                    }
                    wd[a * d + m] = s;
                }
            }
            for (int l = 0; l < d; l++) {
                for (int m = 0; m < d; m++) {
                    double s = 0;
                    for (int a = 0; a < d; a++) {
                        s += axes[a][l] * wd[a * d + m];
                    }
                    rotated[off + l * d + m] = s;
                }
            }
        }
        double[] q = new double[k * d];
        for (int j = 0; j < k; j++) {
            for (int m = 0; m < d; m++) {
                q[j * d + m] = rotated[j * d * d + m * d + m];
            }
        }
        double[] dq = new double[k * d];
        double h = profile.value(nk, q, k, d, dq);
        if (!Double.isFinite(h)) {
            return Double.NaN;
        }
        int index = 0;
        for (int l = 0; l < d; l++) {
            for (int m = l + 1; m < d; m++) {
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += rotated[j * d * d + l * d + m] * (dq[j * d + m] - dq[j * d + l]);
                }
                into[index++] = 2 * s;
            }
        }
        return h;
    }

    /** D·R for R = (I − A/2)⁻¹(I + A/2), A the skew matrix of {@code a}. */
    static double[][] rotate(double[][] axes, double[] a, int d) {
        double[][] minus = new double[d][d];
        double[][] plus = new double[d][d];
        for (int i = 0; i < d; i++) {
            minus[i][i] = 1;
            plus[i][i] = 1;
        }
        int index = 0;
        for (int l = 0; l < d; l++) {
            for (int m = l + 1; m < d; m++) {
                double half = 0.5 * a[index++];
                plus[l][m] = half;
                plus[m][l] = -half;
                minus[l][m] = -half;
                minus[m][l] = half;
            }
        }
        RealMatrix r = new LUDecomposition(new Array2DRowRealMatrix(minus, false)).getSolver()
                .solve(new Array2DRowRealMatrix(plus, false));
        return new Array2DRowRealMatrix(axes, false).multiply(r).getData();
    }
}
