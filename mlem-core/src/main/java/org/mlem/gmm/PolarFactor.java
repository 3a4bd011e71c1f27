package org.mlem.gmm;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The orthogonal polar factor {@code U Vᵀ} of a small square matrix {@code F = U S Vᵀ}: the
 * orthogonal Q maximising {@code tr(Qᵀ F)}, which the common-orientation MM step of EVE and VVE
 * needs every round ({@link MclustSteps}). One-sided Jacobi (Hestenes 1958; Demmel and Veselić
 * 1992, "Jacobi's method is more accurate than QR", SIAM J. Matrix Anal. Appl. 13:1204–1245):
 * plane rotations on the right orthogonalise F's columns, {@code F V = U S}, so
 * {@code U Vᵀ = Σ_m (col_m(F V) / s_m) v_mᵀ}; on plain arrays, since a general SVD object costs
 * more than the arithmetic at d of a few (hipparchus' was a third of iris's whole selection).
 * For a nonsingular F the polar factor is unique, so this agrees with the SVD's to rounding;
 * with zero singular values (below 1e-13 of the largest), where it is not unique, the free
 * columns are completed from a reference (the MM step's current orientation; F = 0 leaves it
 * where it is), and without a reference such an F goes to hipparchus' SVD as before; a
 * non-finite F gives NaN everywhere, as that SVD does.
 */
final class PolarFactor {
    private PolarFactor() {}

    /** Sweeps over every column pair before giving up on Jacobi (it converges quadratically in a few). */
    static final int SWEEPS = 60;

    /** Columns p and q count as orthogonal when |a_pᵀ a_q| ≤ this · d · ‖a_p‖ ‖a_q‖ (the rounding of the product). */
    static final double TOLERANCE = 0x1p-52;

    /** {@code U Vᵀ} for {@code f} (d×d, not changed). */
    static double[][] of(double[][] f) {
        return of(f, null);
    }

    /**
     * {@code U Vᵀ} for {@code f} (d×d, not changed); when F has singular values of zero (below
     * 1e-13 of the largest), where the maximisers of {@code tr(Qᵀ F)} are many, one completed
     * from {@code reference} (an orthogonal matrix, or null for hipparchus' SVD's choice): for
     * each null right singular vector v in turn, {@code Q v = u} with u the part of
     * {@code reference · v} orthogonal to the left singular vectors already set, normalised (one
     * zero singular value: the maximiser on the reference's side; F = 0: the reference).
     */
    static double[][] of(double[][] f, double[][] reference) {
        int d = f.length;
        for (double[] row : f) {
            for (double x : row) {
                if (!Double.isFinite(x)) {
                    return nans(d);
                }
            }
        }
        double[][] a = new double[d][];
        double[][] v = new double[d][d];
        for (int i = 0; i < d; i++) {
            a[i] = f[i].clone();
            v[i][i] = 1.0;
        }
        boolean rotated = true;
        for (int sweep = 0; sweep < SWEEPS && rotated; sweep++) {
            rotated = false;
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    rotated |= rotate(a, v, p, q, d);
                }
            }
        }
        if (rotated) {
            return svd(f);
        }
        double[] s = new double[d];
        double largest = 0;
        for (int m = 0; m < d; m++) {
            double n = 0;
            for (int i = 0; i < d; i++) {
                n += a[i][m] * a[i][m];
            }
            s[m] = Math.sqrt(n);
            largest = Math.max(largest, s[m]);
        }
        boolean[] isNull = new boolean[d];
        boolean anyNull = false;
        for (int m = 0; m < d; m++) {
            isNull[m] = !(s[m] > 1e-13 * largest);
            anyNull |= isNull[m];
        }
        if (anyNull && reference == null) {
            return svd(f);
        }
        double[][] u = new double[d][d]; // u[i][m]: coordinate i of left singular vector m
        for (int m = 0; m < d; m++) {
            if (!isNull[m]) {
                for (int i = 0; i < d; i++) {
                    u[i][m] = a[i][m] / s[m];
                }
            }
        }
        for (int c = 0; c < d; c++) {
            if (isNull[c] && !completeBasis(u, v, reference, c, isNull, d)) {
                return svd(f);
            }
            isNull[c] = false;
        }
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double x = 0;
                for (int m = 0; m < d; m++) {
                    x += u[i][m] * v[j][m];
                }
                out[i][j] = x;
            }
        }
        return out;
    }

    /**
     * Sets column {@code c} of {@code u} to {@code reference · v_c} made orthogonal to u's columns
     * that are set (not {@code unset}; two Gram–Schmidt passes) and of unit length; false when that
     * vector all but lies in their span (it then says nothing of the side).
     */
    private static boolean completeBasis(double[][] u, double[][] v, double[][] reference, int c, boolean[] unset, int d) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                x[i] += reference[i][j] * v[j][c];
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int m = 0; m < d; m++) {
                if (unset[m]) {
                    continue;
                }
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += u[i][m] * x[i];
                }
                for (int i = 0; i < d; i++) {
                    x[i] -= dot * u[i][m];
                }
            }
        }
        double norm = 0;
        for (double xi : x) {
            norm += xi * xi;
        }
        norm = Math.sqrt(norm);
        if (!(norm > 1e-3)) {
            return false;
        }
        for (int i = 0; i < d; i++) {
            u[i][c] = x[i] / norm;
        }
        return true;
    }

    /**
     * Rotates columns p and q of {@code a} (and of {@code v}) to make them orthogonal; false when
     * they already are to working precision.
     */
    private static boolean rotate(double[][] a, double[][] v, int p, int q, int d) {
        double alpha = 0;
        double beta = 0;
        double gamma = 0;
        for (int i = 0; i < d; i++) {
            alpha += a[i][p] * a[i][p];
            beta += a[i][q] * a[i][q];
            gamma += a[i][p] * a[i][q];
        }
        if (!(Math.abs(gamma) > TOLERANCE * d * Math.sqrt(alpha * beta))) {
            return false;
        }
        double zeta = (beta - alpha) / (2 * gamma);
        double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        if (zeta == 0) {
            t = 1.0;
        }
        double c = 1 / Math.sqrt(1 + t * t);
        double s = c * t;
        for (int i = 0; i < d; i++) {
            double x = a[i][p];
            double y = a[i][q];
            a[i][p] = c * x - s * y;
            a[i][q] = s * x + c * y;
            x = v[i][p];
            y = v[i][q];
            v[i][p] = c * x - s * y;
            v[i][q] = s * x + c * y;
        }
        return true;
    }

    /**
     * Every entry NaN, as hipparchus' SVD returns for a non-finite F (a component of one row: its
     * Λ_j has a zero, C_j an infinity; the M-step then reports the collapse). Returned at once: the
     * SVD reaches it only after its iteration limit, about 20 ms a call on iris's starts.
     */
    private static double[][] nans(int d) {
        double[][] out = new double[d][d];
        for (double[] row : out) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        return out;
    }

    /** hipparchus' SVD: {@code U Vᵀ}. */
    static double[][] svd(double[][] f) {
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(f, true));
        return svd.getU().multiply(svd.getVT()).getData();
    }
}
