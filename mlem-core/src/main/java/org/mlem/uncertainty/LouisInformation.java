package org.mlem.uncertainty;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.GaussianMixture;
import org.mlem.kernel.ConditionalGaussian;

/**
 * The observed information of a Gaussian mixture by Louis' method (Louis 1982, "Finding the
 * observed information matrix when using the EM algorithm", JRSS B 44:226–233): for each row,
 * {@code −∂² log p(x_i) = E[−∂² log p(x_i, z_i) | x_i] − Var[∂ log p(x_i, z_i) | x_i]}, the
 * expectation and variance over the posterior of the component z_i; summed over rows with their
 * frequency weights. The identity holds at any parameter value; at the MLE the inverse is the
 * usual asymptotic covariance.
 *
 * <p>Parameterisation: {@link GmmParameters}' free layout (k−1 weights, means, covariance
 * entries σ_ab themselves). With P = Σ_j⁻¹, r = x − μ_j, u = P r and a covariance entry's basis
 * matrix E (Σ_j linear in the entries), the complete-data score of component j is
 * {@code ∂/∂π_m = [j=m]/π_m − [j=k]/π_k}, {@code ∂/∂μ_j = u},
 * {@code ∂/∂θ_c = ½(uᵀE_c u − tr(P E_c))}, and its negative Hessian
 * {@code [j=m][m=l]/π_m² + [j=k]/π_k²}, {@code P}, {@code P E_c u} (mean × entry) and
 * {@code uᵀE_c P E_e u − ½ tr(P E_c P E_e)}. The expected part is assembled from posterior
 * moments Σ τ, Σ τu, Σ τuuᵀ per component (and per pattern of observed cells: a row with missing
 * cells contributes its observed cells' marginal, Σ_OO⁻¹ embedded with zeros standing for P); the
 * score covariance row by row. Rows with a label are certain of their component.
 */
public final class LouisInformation {
    private LouisInformation() {}

    /** The observed information of {@code m} on {@code data}, nothing held ({@link #of(GaussianMixture, DataMatrix, Predicate)}). */
    public static ObservedInformation of(GaussianMixture m, DataMatrix data) {
        return of(m, data, HeldParameters.NONE);
    }

    /**
     * The observed information of {@code m} on {@code data}: its row weights are frequency
     * weights, and a row with a label (its component known) adds its complete-data information.
     * The free parameters {@code held} names are known ({@code --fixed}): out of the inverse, SE NaN.
     */
    public static ObservedInformation of(GaussianMixture m, DataMatrix data, Predicate<String> held) {
        requireFreeLayout(m, "use --bootstrap B");
        GmmParameters layout = GmmParameters.of(m, data.columns());
        double[][] info = information(m, data, layout);
        return MixtureInformation.standardErrors(layout.names(), layout.values(m), info, m.components(),
                new boolean[info.length], held);
    }

    /**
     * Refuses a mixture whose parameters are not {@link GmmParameters}' free layout (a structure
     * sharing volume, shape or orientation; weights held at 1/k), naming {@code remedy}.
     */
    static void requireFreeLayout(GaussianMixture m, String remedy) {
        if (m.structure().storage() != m.structure()) {
            throw new org.mlem.MlemUserException("--standard-errors louis is for full, tied, diag and spherical covariances: "
                    + m.structure().id() + "'s shared volume, shape or orientation are not free covariance entries; "
                    + remedy);
        }
        if (m.equalProportions()) {
            throw new org.mlem.MlemUserException("--standard-errors louis treats the weights as free, but --equal-proportions "
                    + "holds them at 1/k; " + remedy);
        }
    }

    static double[][] information(GaussianMixture m, DataMatrix data, GmmParameters layout) {
        int k = m.components();
        int d = m.dimension();
        int p = layout.freeSize();
        List<CovarianceEntries.Entry> entries = layout.entries();
        double[][] prec = new double[k][];
        for (int j = 0; j < k; j++) {
            prec[j] = inverse(m.covariance(j));
        }
        String complete = "o".repeat(d);
        Map<String, Pattern> patterns = new LinkedHashMap<>();
        patterns.put(complete, new Pattern(prec, new double[k], d, k));
        double[][] tau = MixtureInformation.knownClasses(posteriors(m, data, patterns), MixtureInformation.labels(data));
        double[] w = m.weights();
        double[] nj = new double[k];
        double[][] info = new double[p][p];
        double[][] scores = new double[k][p];
        double[] mean = new double[p];
        double[] u = new double[d];
        double[] filled = new double[d];
        for (int i = 0; i < data.rows(); i++) {
            double wi = data.weight(i);
            if (wi == 0) {
                continue;
            }
            double[] x = data.row(i);
            Pattern pattern = patterns.get(ConditionalGaussian.patternKey(x, 0, d));
            Arrays.fill(mean, 0);
            for (int j = 0; j < k; j++) {
                double[] mu = m.mean(j);
                ObservedPrecision.filled(x, mu, filled); // a missing cell's residual is 0: P_O ignores it
                residualTimesPrecision(filled, mu, pattern.prec[j], u);
                double t = wi * tau[i][j];
                nj[j] += t;
                pattern.add(j, t, u);
                completeScore(j, k, d, w, u, pattern.prec[j], entries, scores[j]);
                for (int q = 0; q < p; q++) {
                    mean[q] += tau[i][j] * scores[j][q];
                }
            }
            // minus the conditional covariance of the complete-data score: Σ_j τ s_j s_jᵀ − s̄ s̄ᵀ
            for (int j = 0; j < k; j++) {
                double t = wi * tau[i][j];
                if (t != 0) {
                    MixtureInformation.addOuter(info, scores[j], -t);
                }
            }
            MixtureInformation.addOuter(info, mean, wi);
        }
        addWeightInformation(info, k, w, nj);
        for (Pattern pattern : patterns.values()) {
            addExpectedCompleteInformation(info, k, d, pattern.prec, pattern.nj, pattern.u1, pattern.u2, entries);
        }
        MixtureInformation.symmetrise(info);
        return info;
    }

    /**
     * Each component's complete-data score and negative Hessian of one row of {@code data} (the
     * class comment's formulas with u = P(x − μ_j) of that row alone) in {@link GmmParameters}' layout
     * without the weights: the k·d means, then the covariance entries. The rows must be complete (a
     * missing cell's derivatives are NaN). Null when the layout is not free ({@code requireFreeLayout}'s
     * structures).
     */
    public static RowDerivatives rowDerivatives(GaussianMixture m, DataMatrix data) {
        if (m.structure().storage() != m.structure()) {
            return null;
        }
        int k = m.components();
        int d = m.dimension();
        List<CovarianceEntries.Entry> entries = GmmParameters.of(m, data.columns()).entries();
        int size = k * d + entries.size();
        double[][] prec = new double[k][];
        for (int j = 0; j < k; j++) {
            prec[j] = inverse(m.covariance(j));
        }
        double[] x = new double[d];
        double[] u = new double[d];
        double[] uu = new double[d * d];
        return new RowDerivatives() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public void at(int row, int j, double[] grad, double[] negHessian) {
                Arrays.fill(grad, 0);
                Arrays.fill(negHessian, 0);
                double[] mu = m.mean(j);
                double[] pj = prec[j];
                for (int a = 0; a < d; a++) {
                    x[a] = data.get(row, a);
                }
                residualTimesPrecision(x, mu, pj, u);
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        uu[a * d + b] = u[a] * u[b];
                    }
                }
                int base = j * d;
                for (int a = 0; a < d; a++) {
                    grad[base + a] = u[a];
                    System.arraycopy(pj, a * d, negHessian, (base + a) * size + base, d);
                }
                for (int c = 0; c < entries.size(); c++) {
                    CovarianceEntries.Entry ec = entries.get(c);
                    if (!ec.belongsTo(j)) {
                        continue;
                    }
                    int cc = k * d + c;
                    double quad = 0;
                    double trace = 0;
                    for (int t = 0; t < ec.rows().length; t++) {
                        quad += u[ec.rows()[t]] * u[ec.cols()[t]];
                        trace += pj[ec.cols()[t] * d + ec.rows()[t]];
                    }
                    grad[cc] = 0.5 * (quad - trace);
                    for (int a = 0; a < d; a++) { // mean × entry: P E_c u
                        double v = 0;
                        for (int t = 0; t < ec.rows().length; t++) {
                            v += pj[a * d + ec.rows()[t]] * u[ec.cols()[t]];
                        }
                        negHessian[(base + a) * size + cc] = v;
                        negHessian[cc * size + base + a] = v;
                    }
                    for (int e = 0; e < entries.size(); e++) {
                        if (entries.get(e).belongsTo(j)) {
                            negHessian[cc * size + k * d + e] = entryPair(ec, entries.get(e), pj, uu, 1, d);
                        }
                    }
                }
            }
        };
    }

    /**
     * The rows of one pattern of observed cells: per component the precision of the observed
     * cells' marginal, Σ_OO⁻¹, embedded in d×d with zeros at the missing cells (so the complete
     * rows' formulas give the marginal's score and Hessian: Σ_OO is linear in the same entries),
     * log |Σ_OO|, and the posterior moments Σ τ, Σ τu, Σ τuuᵀ of its rows.
     */
    private static final class Pattern {
        final double[][] prec;
        final double[] logDet;
        final int observed;
        final double[] nj;
        final double[][] u1;
        final double[][] u2;

        Pattern(double[][] prec, double[] logDet, int observed, int k) {
            this.prec = prec;
            this.logDet = logDet;
            this.observed = observed;
            int d = (int) Math.round(Math.sqrt(prec[0].length));
            nj = new double[k];
            u1 = new double[k][d];
            u2 = new double[k][d * d];
        }

        static Pattern of(GaussianMixture m, String key) {
            int k = m.components();
            int[] o = ConditionalGaussian.observedOf(key);
            double[][] prec = new double[k][];
            double[] logDet = new double[k];
            for (int j = 0; j < k; j++) {
                ObservedPrecision p = ObservedPrecision.of(m.covariance(j), o);
                prec[j] = p.precision();
                logDet[j] = p.logDet();
            }
            return new Pattern(prec, logDet, o.length, k);
        }

        void add(int j, double t, double[] u) {
            int d = u.length;
            nj[j] += t;
            for (int a = 0; a < d; a++) {
                u1[j][a] += t * u[a];
                for (int b = 0; b < d; b++) {
                    u2[j][a * d + b] += t * u[a] * u[b];
                }
            }
        }
    }

    /**
     * The posterior of each row: on complete data {@link GaussianMixture#predictProba}; with
     * missing cells every row from each component's density of its observed cells (registering
     * each pattern in {@code patterns}).
     */
    private static double[][] posteriors(GaussianMixture m, DataMatrix data, Map<String, Pattern> patterns) {
        int k = m.components();
        int d = m.dimension();
        if (!hasMissingCells(data)) {
            return m.predictProba(data);
        }
        String complete = "o".repeat(d);
        patterns.put(complete, Pattern.of(m, complete)); // with its log-determinants: complete rows too from here
        double[][] tau = new double[data.rows()][];
        double[] logW = new double[k];
        for (int j = 0; j < k; j++) {
            logW[j] = Math.log(m.weights()[j]);
        }
        double[] u = new double[d];
        double[] filled = new double[d];
        for (int i = 0; i < data.rows(); i++) {
            double[] x = data.row(i);
            String key = ConditionalGaussian.patternKey(x, 0, d);
            Pattern pattern = patterns.computeIfAbsent(key, c -> Pattern.of(m, c));
            double[] joint = new double[k];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double[] mu = m.mean(j);
                ObservedPrecision.filled(x, mu, filled);
                residualTimesPrecision(filled, mu, pattern.prec[j], u);
                double quad = 0;
                for (int a = 0; a < d; a++) {
                    quad += (filled[a] - mu[a]) * u[a];
                }
                joint[j] = logW[j] - 0.5 * (pattern.observed * Math.log(2 * Math.PI) + pattern.logDet[j] + quad);
                max = Math.max(max, joint[j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                joint[j] = Math.exp(joint[j] - max);
                sum += joint[j];
            }
            for (int j = 0; j < k; j++) {
                joint[j] /= sum;
            }
            tau[i] = joint;
        }
        return tau;
    }

    private static boolean hasMissingCells(DataMatrix data) {
        for (int i = 0; i < data.rows(); i++) {
            for (double v : data.row(i)) {
                if (Double.isNaN(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code u = Σ⁻¹ (x − μ)}. */
    private static void residualTimesPrecision(double[] x, double[] mu, double[] prec, double[] u) {
        int d = mu.length;
        for (int a = 0; a < d; a++) {
            double s = 0;
            for (int b = 0; b < d; b++) {
                s += prec[a * d + b] * (x[b] - mu[b]);
            }
            u[a] = s;
        }
    }

    private static void completeScore(int j, int k, int d, double[] w, double[] u, double[] prec,
            List<CovarianceEntries.Entry> entries, double[] s) {
        Arrays.fill(s, 0);
        for (int m = 0; m < k - 1; m++) {
            s[m] = (j == m ? 1 / w[m] : 0) - (j == k - 1 ? 1 / w[k - 1] : 0);
        }
        int base = k - 1 + j * d;
        System.arraycopy(u, 0, s, base, d);
        int cov = k - 1 + k * d;
        for (int c = 0; c < entries.size(); c++) {
            CovarianceEntries.Entry e = entries.get(c);
            if (e.belongsTo(j)) {
                double quad = 0;
                double trace = 0;
                for (int t = 0; t < e.rows().length; t++) {
                    quad += u[e.rows()[t]] * u[e.cols()[t]];
                    trace += prec[e.cols()[t] * d + e.rows()[t]];
                }
                s[cov + c] = 0.5 * (quad - trace);
            }
        }
    }

    /** Adds the weights' part of {@code Σ_j E[−∂² log p(x, z=j)]}: n_m/π_m² on the diagonal, n_k/π_k² everywhere. */
    private static void addWeightInformation(double[][] info, int k, double[] w, double[] nj) {
        for (int m = 0; m < k - 1; m++) {
            info[m][m] += nj[m] / (w[m] * w[m]);
            for (int l = 0; l < k - 1; l++) {
                info[m][l] += nj[k - 1] / (w[k - 1] * w[k - 1]);
            }
        }
    }

    /** Adds the means' and covariance entries' part of {@code Σ_j E[−∂² log p(x, z=j)]} from posterior moments. */
    private static void addExpectedCompleteInformation(double[][] info, int k, int d, double[][] prec,
            double[] nj, double[][] u1, double[][] u2, List<CovarianceEntries.Entry> entries) {
        int cov = k - 1 + k * d;
        for (int j = 0; j < k; j++) {
            int base = k - 1 + j * d;
            double[] pj = prec[j];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    info[base + a][base + b] += nj[j] * pj[a * d + b];
                }
            }
            for (int c = 0; c < entries.size(); c++) {
                CovarianceEntries.Entry ec = entries.get(c);
                if (!ec.belongsTo(j)) {
                    continue;
                }
                // mean × entry: P E_c (Σ τ u)
                for (int a = 0; a < d; a++) {
                    double v = 0;
                    for (int t = 0; t < ec.rows().length; t++) {
                        v += pj[a * d + ec.rows()[t]] * u1[j][ec.cols()[t]];
                    }
                    info[base + a][cov + c] += v;
                    info[cov + c][base + a] += v;
                }
                for (int e = 0; e < entries.size(); e++) {
                    CovarianceEntries.Entry ee = entries.get(e);
                    if (ee.belongsTo(j)) {
                        info[cov + c][cov + e] += entryPair(ec, ee, pj, u2[j], nj[j], d);
                    }
                }
            }
        }
    }

    /** {@code tr(E_c P E_e U2) − ½ n tr(P E_c P E_e)}, U2 = Σ τ u uᵀ. */
    private static double entryPair(CovarianceEntries.Entry c, CovarianceEntries.Entry e, double[] prec, double[] u2,
            double n, int d) {
        double quad = 0;
        double trace = 0;
        for (int t = 0; t < c.rows().length; t++) {
            int rt = c.rows()[t];
            int ct = c.cols()[t];
            for (int s = 0; s < e.rows().length; s++) {
                int rs = e.rows()[s];
                int cs = e.cols()[s];
                quad += prec[ct * d + rs] * u2[cs * d + rt];
                trace += prec[cs * d + rt] * prec[ct * d + rs];
            }
        }
        return quad - 0.5 * n * trace;
    }

    private static double[] inverse(double[][] sigma) {
        RealMatrix inv = new CholeskyDecomposition(new Array2DRowRealMatrix(sigma), 1e-14, 1e-14).getSolver()
                .getInverse();
        int d = sigma.length;
        double[] flat = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                flat[a * d + b] = inv.getEntry(a, b);
            }
        }
        return flat;
    }

    /**
     * The inverse by Cholesky of the matrix scaled to unit diagonal (so the test for positive
     * definiteness does not depend on the parameters' units), or null when it is not positive definite.
     */
    static double[][] inverseIfPositiveDefinite(double[][] info) {
        int p = info.length;
        double[] scale = new double[p];
        for (int a = 0; a < p; a++) {
            if (!(info[a][a] > 0) || Double.isInfinite(info[a][a])) {
                return null;
            }
            scale[a] = 1 / Math.sqrt(info[a][a]);
        }
        double[][] r = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                r[a][b] = scale[a] * info[a][b] * scale[b];
            }
        }
        double[][] inv;
        try {
            inv = new CholeskyDecomposition(new Array2DRowRealMatrix(r, false), 1e-10, 1e-12).getSolver().getInverse()
                    .getData();
        } catch (MathIllegalArgumentException notPositiveDefinite) {
            return null;
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                inv[a][b] *= scale[a] * scale[b];
            }
        }
        return inv;
    }

    /**
     * Standard errors in the reported layout from a covariance in the free layout: square roots
     * of the diagonal, with π_k's inserted at index k−1 by the delta method, {@code sqrt(1ᵀ V_ππ 1)}.
     */
    static double[] reportedStandardErrors(double[][] cov, int k) {
        double[] se = new double[cov.length + 1];
        double lastWeight = 0;
        for (int a = 0; a < k - 1; a++) {
            for (int b = 0; b < k - 1; b++) {
                lastWeight += cov[a][b];
            }
        }
        for (int q = 0, f = 0; q < se.length; q++) {
            se[q] = q == k - 1 ? Math.sqrt(lastWeight) : Math.sqrt(cov[f][f++]);
        }
        return se;
    }
}
