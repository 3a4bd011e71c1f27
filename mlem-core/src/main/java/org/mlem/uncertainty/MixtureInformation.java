package org.mlem.uncertainty;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;

/**
 * Louis' observed information (Louis 1982) of any finite mixture whose component j has density
 * {@code f_j(x; θ_j)} with its own parameter vector θ_j of one common length: for each row,
 * {@code −∂² log p(x_i) = E[−∂² log p(x_i, z_i) | x_i] − Var[∂ log p(x_i, z_i) | x_i]} over the
 * posterior of the component z_i, summed with the rows' frequency weights.
 *
 * <p>The complete-data log-likelihood of a row from component j is {@code log π_j + log f_j(x; θ_j)},
 * so its score is the weights' part ({@code [j=m]/π_m − [j=k]/π_k} for the free weights
 * π_1..π_{k−1}) and {@code ∇ log f_j} in block j, and its negative Hessian is
 * {@code [j=m][m=l]/π_m² + [j=k]/π_k²} and {@code −∇² log f_j} in block j. A model supplies the
 * last two per row and component ({@link ComponentDerivatives}); this class does the rest. The
 * free layout is π_1..π_{k−1}, then θ_0, θ_1, ... ({@link ComponentBlocks}).
 */
public final class MixtureInformation {
    private MixtureInformation() {}

    /** The derivatives of one component's log density at one row, in the component's own parameters. */
    public interface ComponentDerivatives {
        /** Parameters per component. */
        int size();

        /**
         * Writes {@code ∂ log f_j(x_i) / ∂θ_j} into {@code grad} and {@code −∂² log f_j(x_i) / ∂θ_j∂θ_jᵀ}
         * into {@code negHessian} (size × size, row-major).
         */
        void at(int row, int component, double[] grad, double[] negHessian);
    }

    /**
     * The observed information in the free layout.
     *
     * @param weights the mixing weights π (k)
     * @param posterior n rows of k posterior probabilities
     * @param rowWeights frequency weight per row, or null for 1 each
     */
    public static double[][] information(double[] weights, double[][] posterior, double[] rowWeights,
            ComponentDerivatives f) {
        int k = weights.length;
        int s = f.size();
        int p = k - 1 + k * s;
        double[][] info = new double[p][p];
        double[][] scores = new double[k][p];
        double[] mean = new double[p];
        double[] grad = new double[s];
        double[] h = new double[s * s];
        double[] nj = new double[k];
        for (int i = 0; i < posterior.length; i++) {
            double wi = rowWeights == null ? 1 : rowWeights[i];
            if (wi == 0) {
                continue;
            }
            Arrays.fill(mean, 0);
            for (int j = 0; j < k; j++) {
                double tau = posterior[i][j];
                double[] sc = scores[j];
                Arrays.fill(sc, 0);
                for (int m = 0; m < k - 1; m++) {
                    sc[m] = (j == m ? 1 / weights[m] : 0) - (j == k - 1 ? 1 / weights[k - 1] : 0);
                }
                if (tau == 0) {
                    continue;
                }
                f.at(i, j, grad, h);
                int base = k - 1 + j * s;
                System.arraycopy(grad, 0, sc, base, s);
                double t = wi * tau;
                nj[j] += t;
                for (int a = 0; a < s; a++) {
                    for (int b = 0; b < s; b++) {
                        info[base + a][base + b] += t * h[a * s + b];
                    }
                }
                for (int q = 0; q < p; q++) {
                    mean[q] += tau * sc[q];
                }
            }
            for (int j = 0; j < k; j++) {
                double t = wi * posterior[i][j];
                if (t != 0) {
                    addOuter(info, scores[j], -t);
                }
            }
            addOuter(info, mean, wi);
        }
        for (int m = 0; m < k - 1; m++) {
            info[m][m] += nj[m] / (weights[m] * weights[m]);
            for (int l = 0; l < k - 1; l++) {
                info[m][l] += nj[k - 1] / (weights[k - 1] * weights[k - 1]);
            }
        }
        symmetrise(info);
        return info;
    }

    /**
     * Standard errors in the reported layout (all k weights, then the blocks) from the information
     * in the free layout; NaN throughout when it is not positive definite.
     */
    public static ObservedInformation standardErrors(List<String> names, double[] estimate, double[][] info, int k) {
        return standardErrors(names, estimate, info, k, new boolean[info.length]);
    }

    /**
     * As {@link #standardErrors(List, double[], double[][], int)}, the free parameters marked in
     * {@code boundary} taken as known: an estimate on the boundary of the parameter space has no
     * interior curvature to invert, so its rows and columns are left out of the inverse and its
     * standard error (and covariance entries) are NaN.
     */
    public static ObservedInformation standardErrors(List<String> names, double[] estimate, double[][] info, int k,
            boolean[] boundary) {
        return standardErrors(names, estimate, info, k, boundary, HeldParameters.NONE);
    }

    /**
     * As {@link #standardErrors(List, double[], double[][], int, boolean[])}, the free parameters
     * {@code held} names ({@code --fixed}) known too: left out of the inverse, standard error NaN.
     * The last weight's standard error is NaN when the weights are held.
     */
    public static ObservedInformation standardErrors(List<String> names, double[] estimate, double[][] info, int k,
            boolean[] boundary, Predicate<String> held) {
        List<String> free = ComponentBlocks.freeNames(names, k);
        double[][] cov = inverseWithout(info, or(boundary, HeldParameters.mask(free, held)));
        if (cov == null) {
            double[] se = new double[names.size()];
            Arrays.fill(se, Double.NaN);
            return new ObservedInformation(free, info, null, new ParameterEstimates(names, estimate, se), false);
        }
        return new ObservedInformation(free, info, cov,
                new ParameterEstimates(names, estimate, LouisInformation.reportedStandardErrors(cov, k)), true);
    }

    static boolean[] or(boolean[] a, boolean[] b) {
        boolean[] c = new boolean[a.length];
        for (int q = 0; q < c.length; q++) {
            c[q] = a[q] || b[q];
        }
        return c;
    }

    /**
     * {@code posterior} with each row whose class is known ({@code labels[i] ≥ 0}; null: none
     * known) certain of it: such a row's complete data are observed, so it adds the complete-data
     * information and no missing information (Louis' variance term vanishes).
     */
    public static double[][] knownClasses(double[][] posterior, int[] labels) {
        if (labels == null) {
            return posterior;
        }
        double[][] out = new double[posterior.length][];
        for (int i = 0; i < out.length; i++) {
            if (labels[i] < 0) {
                out[i] = posterior[i];
            } else {
                if (labels[i] >= posterior[i].length) {
                    throw new MlemUserException("row " + (i + 1) + " has known component " + labels[i] + "; the model has "
                            + posterior[i].length + " (numbered from 0)");
                }
                out[i] = new double[posterior[i].length];
                out[i][labels[i]] = 1;
            }
        }
        return out;
    }

    /** {@code data}'s known classes per row (-1 unknown), or null when it has none. */
    static int[] labels(DataMatrix data) {
        return data.hasLabels() ? data.labels() : null;
    }

    /** The inverse of {@code info} without the marked rows and columns (NaN there); null when that is not positive definite. */
    static double[][] inverseWithout(double[][] info, boolean[] drop) {
        int p = info.length;
        int[] keep = java.util.stream.IntStream.range(0, p).filter(q -> !drop[q]).toArray();
        if (keep.length == p) {
            return LouisInformation.inverseIfPositiveDefinite(info);
        }
        double[][] reduced = new double[keep.length][keep.length];
        for (int a = 0; a < keep.length; a++) {
            for (int b = 0; b < keep.length; b++) {
                reduced[a][b] = info[keep[a]][keep[b]];
            }
        }
        double[][] inv = LouisInformation.inverseIfPositiveDefinite(reduced);
        if (inv == null) {
            return null;
        }
        double[][] cov = new double[p][p];
        for (double[] row : cov) {
            Arrays.fill(row, Double.NaN);
        }
        for (int a = 0; a < keep.length; a++) {
            for (int b = 0; b < keep.length; b++) {
                cov[keep[a]][keep[b]] = inv[a][b];
            }
        }
        return cov;
    }

    /** Standard errors of a model without mixing weights: the free and reported layouts are one. */
    public static ObservedInformation standardErrors(List<String> names, double[] estimate, double[][] info) {
        double[][] cov = LouisInformation.inverseIfPositiveDefinite(info);
        double[] se = new double[names.size()];
        for (int q = 0; q < se.length; q++) {
            se[q] = cov == null ? Double.NaN : Math.sqrt(cov[q][q]);
        }
        return new ObservedInformation(names, info, cov, new ParameterEstimates(names, estimate, se), cov != null);
    }

    /** Averages the two triangles: they agree up to rounding, which Cholesky's symmetry test would reject. */
    public static void symmetrise(double[][] m) {
        for (int a = 0; a < m.length; a++) {
            for (int b = 0; b < a; b++) {
                double v = 0.5 * (m[a][b] + m[b][a]);
                m[a][b] = v;
                m[b][a] = v;
            }
        }
    }

    /** Adds {@code scale · v vᵀ} to {@code into}, skipping v's zeros. */
    public static void addOuter(double[][] into, double[] v, double scale) {
        for (int a = 0; a < v.length; a++) {
            if (v[a] == 0) {
                continue;
            }
            double sa = scale * v[a];
            for (int b = 0; b < v.length; b++) {
                into[a][b] += sa * v[b];
            }
        }
    }
}
