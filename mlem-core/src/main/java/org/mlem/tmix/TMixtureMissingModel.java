package org.mlem.tmix;

import java.util.HashMap;
import java.util.Map;
import org.mlem.data.Block;
import org.mlem.data.DataMatrix;
import org.mlem.em.MissingCellsModel;
import org.mlem.gmm.DegenerateComponentException;
import org.mlem.kernel.ConditionalGaussian;
import org.mlem.kernel.GaussianKernels;
import org.mlem.special.SpecialFunctions;

/**
 * The t mixture fit to rows with missing cells (NaN, missing at random), the cells marginalised in
 * the E-step (Liu, 1997; McLachlan and Peel, 2000, §7.8). A row with p_o observed cells has, under
 * component j, the p_o-variate t density of its observed block (μ_o, Σ_oo, ν_j): its Mahalanobis
 * distance δ_o uses that block only and its precision weight is u = (ν + p_o)/(ν + δ_o). Given the
 * observed cells and u the missing ones are normal with mean x̂_m = μ_m + Σ_mo Σ_oo⁻¹(x_o − μ_o) and
 * covariance C/u, C = Σ_mm − Σ_mo Σ_oo⁻¹ Σ_om; so E[u x] = u x̂ and E[u x xᵀ] = u x̂ x̂ᵀ + C, and the
 * statistics add τ·u·x̂ to the first moment and τ(u x̂ x̂ᵀ + C) to the second. The ECM step for ν
 * uses E[log u] = log u + ψ((ν + p_o)/2) − log((ν + p_o)/2) per row. The M-step, the ECME step for ν
 * (through this model's E-step, so on the observed-data log-likelihood) and SQUAREM's vectors are
 * {@link TMixtureModel}'s. On complete rows it is that model, to rounding.
 */
final class TMixtureMissingModel extends MissingCellsModel<TMixture, TMixtureStats> {
    TMixtureMissingModel(TMixtureModel complete) {
        super(complete);
    }

    @Override
    public double accumulate(TMixture p, Block rows, TMixtureStats into) {
        int k = p.components();
        int d = p.dimension();
        Rows r = new Rows(p);
        double[][] dfTerm = dfCorrection(p.df, d);
        double[] x = rows.x();
        double[] joint = new double[k];
        double[] maha = new double[k];
        double[] filled = new double[d];
        double ll = 0;
        for (int i = 0; i < rows.rows(); i++) {
            int off = rows.offset(i);
            ConditionalGaussian[] f = r.logJoint(x, off, joint, maha);
            double w = rows.weight(i);
            ll += w * GaussianKernels.normalizeRows(joint, 1, k, null, rows.labels(), rows.start() + i);
            if (w == 0) {
                continue;
            }
            int o = f[0].observed.length;
            for (int j = 0; j < k; j++) {
                double tau = joint[j] * w;
                if (tau != 0) {
                    double nu = p.df[j];
                    double u = nu == Double.POSITIVE_INFINITY ? 1 : (nu + o) / (nu + maha[j]);
                    into.n[j] += tau;
                    into.su[j] += tau * u;
                    into.slog[j] += tau * (Math.log(u) - u + dfTerm[j][o]);
                    addRow(into, j, tau, u, f[j], x, off, p.means, filled);
                }
            }
        }
        return ll;
    }

    /**
     * {@code ψ((ν + p)/2) − log((ν + p)/2) − [ψ((ν + d)/2) − log((ν + d)/2)]} for p = 0..d: what a
     * row with p observed cells adds to E[log u] − log u beyond the complete row's term, which
     * {@link TMixtureModel#solveDf} adds once (zero for p = d, so complete rows add what they add there).
     */
    private static double[][] dfCorrection(double[] df, int d) {
        double[][] c = new double[df.length][d + 1];
        for (int j = 0; j < df.length; j++) {
            double nu = df[j];
            if (nu == Double.POSITIVE_INFINITY) {
                continue;
            }
            double full = SpecialFunctions.digamma((nu + d) / 2) - Math.log((nu + d) / 2);
            for (int q = 1; q < d; q++) {
                c[j][q] = SpecialFunctions.digamma((nu + q) / 2) - Math.log((nu + q) / 2) - full;
            }
        }
        return c;
    }

    /** Adds {@code τ[u (x̂ − c)(x̂ − c)ᵀ + C]} and {@code τu (x̂ − c)} for component j, x̂ the row completed by j's conditional mean. */
    private static void addRow(TMixtureStats s, int j, double tau, double u, ConditionalGaussian c, double[] x, int off,
            double[] mu, double[] filled) {
        int d = s.d;
        c.fill(x, off, mu, j * d, filled);
        double tu = tau * u;
        for (int a = 0; a < d; a++) {
            filled[a] -= s.shift[j * d + a];
            s.s1[j * d + a] += tu * filled[a];
        }
        int base = j * d * d;
        for (int a = 0; a < d; a++) {
            double ta = tu * filled[a];
            for (int b = a; b < d; b++) {
                s.s2[base + a * d + b] += ta * filled[b];
            }
        }
        c.addConditional(s.s2, base, d, tau, true);
    }

    /**
     * Posterior component probabilities of each row of {@code data} from its observed cells: n
     * rows of k summing to 1 (labels and weights not applied).
     */
    static double[][] posteriors(TMixture p, DataMatrix data) {
        int k = p.components();
        Rows r = new Rows(p);
        double[] x = data.values();
        double[] maha = new double[k];
        double[][] out = new double[data.rows()][k];
        for (int i = 0; i < data.rows(); i++) {
            r.logJoint(x, i * data.cols(), out[i], maha);
            GaussianKernels.normalizeRows(out[i], 1, k, null, null, 0);
        }
        return out;
    }

    /** Per-pattern factors and per-(component, observed count) normalisers of one parameter set. */
    private static final class Rows {
        private final TMixture p;
        private final int k;
        private final int d;
        private final double[][] norm; // [j][p_o]: log π_j + log normaliser of the p_o-variate t
        private final Map<String, ConditionalGaussian[]> factors = new HashMap<>();
        private final double[] diff;

        Rows(TMixture p) {
            this.p = p;
            this.k = p.components();
            this.d = p.dimension();
            this.norm = new double[k][d + 1];
            for (int j = 0; j < k; j++) {
                for (int q = 1; q <= d; q++) {
                    norm[j][q] = Math.log(p.weights[j]) + SpecialFunctions.logStudentNormaliser(p.df[j], q);
                }
            }
            this.diff = new double[d];
        }

        /**
         * Writes {@code joint[j] = log π_j + log t_j(x_o)} and {@code maha[j] = δ_o} for the row at
         * {@code off}; returns the row's factors (one per component).
         */
        ConditionalGaussian[] logJoint(double[] x, int off, double[] joint, double[] maha) {
            ConditionalGaussian[] f = factors.computeIfAbsent(ConditionalGaussian.patternKey(x, off, d), this::factors);
            for (int j = 0; j < k; j++) {
                ConditionalGaussian c = f[j];
                int o = c.observed.length;
                for (int a = 0; a < o; a++) {
                    diff[a] = x[off + c.observed[a]] - p.means[j * d + c.observed[a]];
                }
                double delta = c.mahalanobis(diff);
                double nu = p.df[j];
                maha[j] = delta;
                joint[j] = norm[j][o] - 0.5 * c.logDet
                        - (nu == Double.POSITIVE_INFINITY ? 0.5 * delta : 0.5 * (nu + o) * Math.log1p(delta / nu));
            }
            return f;
        }

        private ConditionalGaussian[] factors(String key) {
            return MissingCellsModel.factors(p.scales, k, d, key, j -> new DegenerateComponentException(j, Double.NaN, 0));
        }
    }
}
