package org.mlem.gmm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.Moments;

/**
 * Finds the components of a fitted Gaussian mixture that the data do not support. A component j
 * with effective count {@code n_j = Σ_i w_i τ_ij} (w the row weights, τ the posterior) and
 * covariance Σ_j (ridge included) is degenerate for any of these reasons:
 *
 * <ul>
 *   <li>{@link DegenerateComponent#FEW_POINTS}: it holds fewer rows than determine its
 *       parameters, {@code n_j < m − }{@value #LEAK}, with m = d + 1 for a full covariance (d
 *       points span at most d − 1 dimensions: "supported by at most d points"), 2 for diag and
 *       spherical (a variance needs two values), 1 for tied (only its mean is its own). The
 *       allowance {@value #LEAK} is posterior mass that leaks away from a component's own rows:
 *       a component of exactly one row has n_j just under 1.</li>
 *   <li>{@link DegenerateComponent#COVARIANCE_FLOOR}: with {@code regCovar > 0}, the smallest
 *       eigenvalue of Σ_j is at most {@value #FLOOR_FACTOR}·regCovar: in that direction the
 *       component's own spread is less than {@value #FLOOR_FACTOR} − 1 times the ridge, so the
 *       ridge, not the data, sets its density. For tied covariances the shared matrix is judged
 *       and every component is reported.</li>
 *   <li>{@link DegenerateComponent#SPIKE}: along the eigenvector u of Σ_j's smallest eigenvalue
 *       λ, the component is narrower than the whole data by a variance ratio
 *       {@code λ / uᵀSu < }{@value #SPIKE_RATIO} (S the data's weighted covariance, divisor the
 *       total weight) while it holds {@code n_j ≤ }{@value #SPIKE_ROWS_PER_DIMENSION}{@code ·(d + 1)}
 *       rows: a few points whose likelihood is a spike. This catches collapses that
 *       {@code regCovar = 0} or a ridge too small for the data's scale lets through.</li>
 * </ul>
 *
 * <p>The rules are scale-free except the floor, which is in the ridge's own units. They need one
 * pass over the data for n_j and S (or the posterior, when the caller has it).
 */
public final class Degeneracy {
    private Degeneracy() {}

    /** The fraction of a row by which n_j may fall short of the rows a component needs (posterior leakage). */
    public static final double LEAK = 1e-3;

    /** An eigenvalue at most this multiple of regCovar is at the floor. */
    public static final double FLOOR_FACTOR = 10;

    /** A component this much narrower (in variance) than the data in some direction is a spike, when it holds few rows. */
    public static final double SPIKE_RATIO = 1e-4;

    /** "Few rows" for a spike: at most this many per dimension, plus as many again. */
    public static final int SPIKE_ROWS_PER_DIMENSION = 2;

    /** The degenerate components of {@code model} fitted to {@code data} with ridge {@code regCovar}, in component order. */
    public static List<DegenerateComponent> of(GaussianMixture model, DataMatrix data, double regCovar) {
        return of(model, data, model.predictProba(data), regCovar);
    }

    /**
     * As {@link #of(GaussianMixture, DataMatrix, double)}, with the posterior already computed.
     *
     * @param posterior n rows of k posterior probabilities of {@code data} under {@code model}
     */
    public static List<DegenerateComponent> of(GaussianMixture model, DataMatrix data, double[][] posterior,
            double regCovar) {
        return of(model, effectiveCounts(posterior, data, model.components()), dataCovariance(data), regCovar);
    }

    /**
     * The rules on {@code model} given what they need of the data, for data not held as a matrix
     * (streamed rows, rows with missing cells).
     *
     * @param counts n_j = Σ_i w_i τ_ij for every component
     * @param scatter the data's covariance (divisor the total weight), or an estimate of it
     */
    public static List<DegenerateComponent> of(GaussianMixture model, double[] counts, double[][] scatter, double regCovar) {
        int k = model.components();
        int d = model.dimension();
        CovarianceStructure structure = model.structure();
        int needs = structure.rowsNeeded(d);
        double[][][] covariances = new double[k][][];
        for (int j = 0; j < k; j++) {
            covariances[j] = model.covariance(j);
        }
        return of(covariances, needs, counts, scatter, regCovar);
    }

    /**
     * The rules on any mixture of elliptical components: component j has the d×d matrix
     * {@code covariances[j]} (for a t mixture its scale matrix, ridge included) and needs
     * {@code needs} rows to determine its parameters (d + 1 for a free d×d matrix).
     *
     * @param posterior n rows of k posterior probabilities of {@code data}
     */
    public static List<DegenerateComponent> of(double[][][] covariances, int needs, DataMatrix data, double[][] posterior,
            double regCovar) {
        return of(covariances, needs, effectiveCounts(posterior, data, covariances.length), dataCovariance(data), regCovar);
    }

    /**
     * As {@link #of(double[][][], int, DataMatrix, double[][], double)} with {@code scatter}, an
     * estimate of the data's covariance, given: for rows with missing cells, whose covariance
     * cannot be taken directly ({@link #impliedScatter}).
     */
    public static List<DegenerateComponent> of(double[][][] covariances, int needs, DataMatrix data, double[][] posterior,
            double[][] scatter, double regCovar) {
        return of(covariances, needs, effectiveCounts(posterior, data, covariances.length), scatter, regCovar);
    }

    /**
     * A mixture's own covariance of the data, {@code Σ w_j (S_j + (μ_j − μ̄)(μ_j − μ̄)ᵀ)} with
     * μ̄ = Σ w_j μ_j and S_j component j's matrix (its covariance, or a t component's scale): the
     * stand-in for the data's covariance when cells are missing.
     */
    public static double[][] impliedScatter(double[] weights, double[][] means, double[][][] matrices) {
        int d = means[0].length;
        double[] centre = new double[d];
        for (int j = 0; j < weights.length; j++) {
            for (int a = 0; a < d; a++) {
                centre[a] += weights[j] * means[j][a];
            }
        }
        double[][] s = new double[d][d];
        for (int j = 0; j < weights.length; j++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    s[a][b] += weights[j] * (matrices[j][a][b] + (means[j][a] - centre[a]) * (means[j][b] - centre[b]));
                }
            }
        }
        return s;
    }

    /** {@code (A + Aᵀ) / 2}, a new matrix. */
    static double[][] symmetrised(double[][] a) {
        int d = a.length;
        double[][] s = new double[d][d];
        for (int r = 0; r < d; r++) {
            s[r][r] = a[r][r];
            for (int c = 0; c < r; c++) {
                s[r][c] = s[c][r] = 0.5 * (a[r][c] + a[c][r]);
            }
        }
        return s;
    }

    /**
     * The rules given what they need of the data, for rows held elsewhere (a cluster's partitions).
     *
     * @param covariances component j's d×d matrix (a t component's scale), ridge included
     * @param needs rows a component needs to determine its parameters
     * @param counts n_j = Σ_i w_i τ_ij
     * @param scatter the data's covariance (divisor the total weight)
     */
    public static List<DegenerateComponent> of(double[][][] covariances, int needs, double[] counts, double[][] scatter,
            double regCovar) {
        int k = covariances.length;
        int d = scatter.length;
        List<DegenerateComponent> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            // symmetrised: a structure's covariance built as a product (mclust's D A Dᵀ) can differ from its
            // transpose by rounding, which the decomposition's check would take for an asymmetric matrix
            EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(symmetrised(covariances[j]), false));
            double[] values = eig.getEigenvalues();
            int m = 0;
            for (int a = 1; a < d; a++) {
                if (values[a] < values[m]) {
                    m = a;
                }
            }
            double smallest = values[m];
            double ratio = smallest / quadratic(scatter, eig.getEigenvector(m).toArray());
            double nj = counts[j];
            List<String> reasons = new ArrayList<>();
            List<String> why = new ArrayList<>();
            if (nj < needs - LEAK) {
                reasons.add(DegenerateComponent.FEW_POINTS);
                why.add(String.format(Locale.ROOT, "it holds n_k = %.4g rows, fewer than the %d its parameters need", nj, needs));
            }
            if (regCovar > 0 && smallest <= FLOOR_FACTOR * regCovar) {
                reasons.add(DegenerateComponent.COVARIANCE_FLOOR);
                why.add(String.format(Locale.ROOT, "its smallest variance %.3g is at the regCovar floor %.3g", smallest, regCovar));
            }
            if (ratio < SPIKE_RATIO && nj <= SPIKE_ROWS_PER_DIMENSION * (d + 1)) {
                reasons.add(DegenerateComponent.SPIKE);
                why.add(String.format(Locale.ROOT, "it is %.3g times narrower (in variance) than the data", 1 / ratio));
            }
            if (!reasons.isEmpty()) {
                out.add(new DegenerateComponent(j, reasons, nj, smallest, String.join("; ", why)));
            }
        }
        return out;
    }

    /** n_j = Σ_i w_i τ_ij. */
    static double[] effectiveCounts(double[][] posterior, DataMatrix data, int k) {
        double[] n = new double[k];
        for (int i = 0; i < posterior.length; i++) {
            double w = data.weight(i);
            for (int j = 0; j < k; j++) {
                n[j] += w * posterior[i][j];
            }
        }
        return n;
    }

    /** The data's weighted covariance, divisor the total weight. */
    static double[][] dataCovariance(DataMatrix data) {
        Moments m = new Moments(data.weightedMeans());
        m.add(data.all());
        return m.covariance();
    }

    private static double quadratic(double[][] s, double[] u) {
        double q = 0;
        for (int a = 0; a < u.length; a++) {
            for (int b = 0; b < u.length; b++) {
                q += u[a] * s[a][b] * u[b];
            }
        }
        return q;
    }
}
