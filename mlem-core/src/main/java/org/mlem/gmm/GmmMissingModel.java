package org.mlem.gmm;

import java.util.HashMap;
import java.util.Map;
import org.mlem.data.Block;
import org.mlem.em.MissingCellsModel;
import org.mlem.kernel.ConditionalGaussian;
import org.mlem.kernel.GaussianKernels;

/**
 * A Gaussian mixture fit to rows with missing cells (NaN, missing at random), marginalising them
 * in the E-step: responsibilities come from each component's density of the row's observed cells,
 * and the moments add each component's conditional mean and covariance of the missing cells
 * (Ghahramani and Jordan, 1994). The statistics and M-step are {@link GmmModel}'s
 * ({@link MissingCellsModel}). With no missing cell it is the ordinary mixture, slower.
 */
final class GmmMissingModel extends MissingCellsModel<GaussianMixture, GmmStats> {
    GmmMissingModel(GmmModel complete) {
        super(complete);
    }

    @Override
    public double accumulate(GaussianMixture params, Block rows, GmmStats into) {
        int k = params.components();
        int d = params.dimension();
        double[] covs = stackedCovariances(params);
        double[] mu = params.meansFlat();
        double[] logW = logWeights(params);
        Map<String, ConditionalGaussian[]> factors = new HashMap<>();
        double[] x = rows.x();
        double[] joint = new double[k];
        double[] diff = new double[d];
        double[] filled = new double[d];
        double ll = 0;
        for (int i = 0; i < rows.rows(); i++) {
            int off = rows.offset(i);
            ConditionalGaussian[] f = factors.computeIfAbsent(ConditionalGaussian.patternKey(x, off, d),
                    key -> factors(covs, k, d, key, NotPositiveDefiniteException::new));
            for (int j = 0; j < k; j++) {
                ConditionalGaussian c = f[j];
                int o = c.observed.length;
                for (int a = 0; a < o; a++) {
                    diff[a] = x[off + c.observed[a]] - mu[j * d + c.observed[a]];
                }
                joint[j] = logW[j] - 0.5 * (o * GaussianKernels.LOG_2PI + c.logDet + c.mahalanobis(diff));
            }
            double w = rows.weight(i);
            ll += w * GaussianKernels.normalizeRows(joint, 1, k, null, rows.labels(), rows.start() + i);
            if (w == 0) {
                continue;
            }
            for (int j = 0; j < k; j++) {
                double r = joint[j] * w;
                if (r != 0) {
                    addRow(into, j, r, f[j], x, off, mu, filled);
                }
            }
        }
        return ll;
    }

    /** The k d×d covariance matrices (regCovar included) one after another. */
    static double[] stackedCovariances(GaussianMixture params) {
        int k = params.components();
        int d = params.dimension();
        double[] covs = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(params.covariances().covarianceMatrix(j), 0, covs, j * d * d, d * d);
        }
        return covs;
    }

    /** log π_j. */
    static double[] logWeights(GaussianMixture params) {
        double[] logW = new double[params.components()];
        for (int j = 0; j < logW.length; j++) {
            logW[j] = Math.log(params.weights()[j]);
        }
        return logW;
    }

    /** Adds {@code r · [(x̂ − c)(x̂ − c)ᵀ + C]} for component j, x̂ the row completed by j's conditional mean. */
    private static void addRow(GmmStats s, int j, double r, ConditionalGaussian c, double[] x, int off, double[] mu,
            double[] filled) {
        int d = s.d;
        c.fill(x, off, mu, j * d, filled);
        s.nk[j] += r;
        for (int a = 0; a < d; a++) {
            filled[a] -= s.shift[j * d + a];
            s.s1[j * d + a] += r * filled[a];
        }
        if (s.cross) {
            int base = j * d * d;
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    s.s2[base + a * d + b] += r * filled[a] * filled[b];
                }
            }
            c.addConditional(s.s2, base, d, r, true);
        } else {
            for (int a = 0; a < d; a++) {
                s.s2[j * d + a] += r * filled[a] * filled[a];
            }
            c.addConditional(s.s2, j * d, d, r, false);
        }
    }
}
