package org.mlem.gmm;

import java.util.HashMap;
import java.util.Map;
import org.mlem.data.Block;
import org.mlem.em.MissingCellsModel;
import org.mlem.kernel.ConditionalGaussian;
import org.mlem.kernel.GaussianKernels;

/**
 * A Gaussian mixture fit to rows with censored cells ({@link CensoredCells}: each known only to lie
 * in (l, u]), read from data with NaN at those cells. Component j's term for a row is the density
 * of its exact cells x_o times the probability of the censored cells' box given them:
 * N(x_o; μ_o, Σ_oo) · P(l &lt; Y_c ≤ u | x_o), Y_c | x_o ~ N(μ_c + B(x_o − μ_o), C). The expected
 * statistics fill each censored cell with E[Y_c | x_o, box] and add its truncated conditional
 * variance (Tallis, 1961; Lee, 1979). Both are exact when C is diagonal: with a diagonal or
 * spherical structure (the censored cells are then independent given x_o, the box probability is a
 * product of univariate ones and each cell a univariate truncated normal, {@link TruncatedNormal})
 * and, for any structure, in a row with one censored cell. Rows with several censored cells under
 * a full-storage structure are refused before the fit ({@link CensoredGmmEstimator}). The
 * statistics and M-step are {@link GmmModel}'s, as for missing cells ({@link MissingCellsModel}).
 */
final class CensoredGmmModel extends MissingCellsModel<GaussianMixture, GmmStats> {
    private static final long serialVersionUID = 1L;

    private final CensoredCells cells;

    CensoredGmmModel(GmmModel complete, CensoredCells cells) {
        super(complete);
        this.cells = cells;
    }

    @Override
    public double accumulate(GaussianMixture params, Block rows, GmmStats into) {
        int k = params.components();
        int d = params.dimension();
        double[] covs = GmmMissingModel.stackedCovariances(params);
        double[] mu = params.meansFlat();
        double[] logW = GmmMissingModel.logWeights(params);
        Map<String, ConditionalGaussian[]> factors = new HashMap<>();
        double[] x = rows.x();
        double[] joint = new double[k];
        double[] diff = new double[d];
        double[] filled = new double[k * d]; // each component's completed row
        double[] variance = new double[k * d]; // each component's truncated variance of the censored cells
        double[] mv = new double[2];
        double ll = 0;
        for (int i = 0; i < rows.rows(); i++) {
            int off = rows.offset(i);
            int row = rows.start() + i;
            ConditionalGaussian[] f = factors.computeIfAbsent(ConditionalGaussian.patternKey(x, off, d),
                    key -> factorsOf(covs, k, d, key));
            for (int j = 0; j < k; j++) {
                ConditionalGaussian c = f[j];
                int o = c.observed.length;
                for (int a = 0; a < o; a++) {
                    diff[a] = x[off + c.observed[a]] - mu[j * d + c.observed[a]];
                }
                double logTerm = logW[j] - 0.5 * (o * GaussianKernels.LOG_2PI + c.logDet + c.mahalanobis(diff));
                c.fill(x, off, mu, j * d, diff); // diff now holds the row with conditional means at the censored cells
                System.arraycopy(diff, 0, filled, j * d, d);
                int m = c.missing.length;
                for (int q = 0; q < m; q++) {
                    int a = c.missing[q];
                    logTerm += TruncatedNormal.moments(diff[a], c.conditional[q * m + q], cells.lower(row, a),
                            cells.upper(row, a), mv, 0);
                    filled[j * d + a] = mv[0];
                    variance[j * d + a] = mv[1];
                }
                joint[j] = logTerm;
            }
            double w = rows.weight(i);
            ll += w * GaussianKernels.normalizeRows(joint, 1, k, null, rows.labels(), row);
            if (w == 0) {
                continue;
            }
            for (int j = 0; j < k; j++) {
                double r = joint[j] * w;
                if (r != 0) {
                    addRow(into, j, r, f[j], filled, variance, diff);
                }
            }
        }
        return ll;
    }

    /** The pattern's factors; a row whose every cell is censored conditions on nothing. */
    private static ConditionalGaussian[] factorsOf(double[] covs, int k, int d, String key) {
        return ConditionalGaussian.ofEach(covs, k, d, ConditionalGaussian.observedOf(key), ConditionalGaussian.missingOf(key),
                NotPositiveDefiniteException::new);
    }

    /** Adds {@code r · [(x̂ − c)(x̂ − c)ᵀ + V]} for component j, x̂ the completed row, V the censored cells' truncated variances. */
    private static void addRow(GmmStats s, int j, double r, ConditionalGaussian c, double[] filled, double[] variance,
            double[] centred) {
        int d = s.d;
        int base = j * d;
        s.nk[j] += r;
        for (int a = 0; a < d; a++) {
            centred[a] = filled[base + a] - s.shift[base + a];
            s.s1[base + a] += r * centred[a];
        }
        if (s.cross) {
            int sq = j * d * d;
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    s.s2[sq + a * d + b] += r * centred[a] * centred[b];
                }
            }
            for (int a : c.missing) {
                s.s2[sq + a * d + a] += r * variance[base + a];
            }
        } else {
            for (int a = 0; a < d; a++) {
                s.s2[base + a] += r * centred[a] * centred[a];
            }
            for (int a : c.missing) {
                s.s2[base + a] += r * variance[base + a];
            }
        }
    }
}
