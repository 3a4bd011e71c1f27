package org.mlem.gmm;

import org.mlem.data.DataMatrix;

/**
 * A ridge on the variances in the data's own units. scikit-learn's {@code reg_covar} is an
 * absolute 1e-6 ({@link GaussianMixtureEstimator#DEFAULT_REG_COVAR}): negligible for data of unit
 * scale, but 1% of the variance of data measured in units a hundred times larger (iris in metres),
 * where it swamps every component, and nothing for data in small units. The data-scaled ridge is
 * {@value #SCALED_FACTOR} times the mean of the per-column (weighted, divisor n) variances, so the
 * fit, and which components sit at the floor, do not depend on the units.
 */
public final class RegCovar {
    private RegCovar() {}

    /** The multiple of the mean column variance that {@link #scaled} returns (scikit-learn's 1e-6, made relative). */
    public static final double SCALED_FACTOR = 1e-6;

    /** {@value #SCALED_FACTOR} × the mean over columns of the weighted column variance (divisor the total weight). */
    public static double scaled(DataMatrix data) {
        int d = data.cols();
        double[] mean = data.weightedMeans();
        double sum = 0;
        for (int i = 0; i < data.rows(); i++) {
            double w = data.weight(i);
            for (int a = 0; a < d; a++) {
                double c = data.get(i, a) - mean[a];
                sum += w * c * c;
            }
        }
        return SCALED_FACTOR * sum / (data.totalWeight() * d);
    }
}
