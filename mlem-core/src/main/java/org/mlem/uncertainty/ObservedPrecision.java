package org.mlem.uncertainty;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * A normal (or t) component's precision over one pattern of observed cells: Σ_OO⁻¹ embedded in
 * d×d with zeros at the missing cells, and log |Σ_OO|. Σ_OO is linear in the same entries as Σ, so
 * the complete row's score and Hessian formulas in P = Σ⁻¹, with this P and the row's missing cells
 * set to the mean (residual 0), are those of the observed cells' marginal density; the zeros also
 * give ∂P/∂θ = −P E P its embedded form.
 *
 * @param precision d×d row-major
 * @param logDet log |Σ_OO| (0 when no cell is observed)
 * @param observed how many cells are observed, the marginal's dimension
 */
record ObservedPrecision(double[] precision, double logDet, int observed) {

    /** The precision of {@code sigma}'s marginal over the cells {@code observed}. */
    static ObservedPrecision of(double[][] sigma, int[] observed) {
        int d = sigma.length;
        double[] prec = new double[d * d];
        if (observed.length == 0) {
            return new ObservedPrecision(prec, 0, 0);
        }
        double[][] sub = new double[observed.length][observed.length];
        for (int a = 0; a < observed.length; a++) {
            for (int b = 0; b < observed.length; b++) {
                sub[a][b] = sigma[observed[a]][observed[b]];
            }
        }
        CholeskyDecomposition c = new CholeskyDecomposition(new Array2DRowRealMatrix(sub), 1e-14, 1e-14);
        RealMatrix inv = c.getSolver().getInverse();
        for (int a = 0; a < observed.length; a++) {
            for (int b = 0; b < observed.length; b++) {
                prec[observed[a] * d + observed[b]] = inv.getEntry(a, b);
            }
        }
        return new ObservedPrecision(prec, Math.log(c.getDeterminant()), observed.length);
    }

    /** {@code x} with each missing cell (NaN) set to {@code mu}'s, into {@code filled}: a missing cell's residual is 0. */
    static double[] filled(double[] x, double[] mu, double[] filled) {
        for (int a = 0; a < mu.length; a++) {
            filled[a] = Double.isNaN(x[a]) ? mu[a] : x[a];
        }
        return filled;
    }
}
