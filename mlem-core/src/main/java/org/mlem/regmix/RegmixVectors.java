package org.mlem.regmix;

import java.util.Arrays;
import org.mlem.em.ParameterVector;

/**
 * A mixture of regressions' parameters as one vector for SQUAREM: weights (k), coefficients (k×p)
 * and, for the gaussian, the standard deviations (k). An extrapolated vector with a negative
 * weight, a non-finite coefficient or a standard deviation that is not positive is outside the
 * parameter space.
 */
final class RegmixVectors implements ParameterVector<RegressionMixture> {

    @Override
    public double[] toVector(RegressionMixture m) {
        int k = m.components();
        int p = m.terms().size();
        double[] v = new double[k + k * p + (m.hasSd() ? k : 0)];
        System.arraycopy(m.weightsView(), 0, v, 0, k);
        System.arraycopy(m.coefficientsFlat(), 0, v, k, k * p);
        if (m.hasSd()) {
            System.arraycopy(m.sdView(), 0, v, k + k * p, k);
        }
        return v;
    }

    @Override
    public RegressionMixture fromVector(double[] v, RegressionMixture like) {
        int k = like.components();
        int p = like.terms().size();
        double[] w = ParameterVector.weights(v, k);
        if (w == null) {
            return null;
        }
        double[][] beta = new double[k][];
        for (int j = 0; j < k; j++) {
            beta[j] = Arrays.copyOfRange(v, k + j * p, k + (j + 1) * p);
            for (double b : beta[j]) {
                if (!Double.isFinite(b)) {
                    return null;
                }
            }
        }
        double[] sd = null;
        if (like.hasSd()) {
            sd = Arrays.copyOfRange(v, k + k * p, k + k * p + k);
            for (double s : sd) {
                if (!(s > 0 && Double.isFinite(s))) {
                    return null;
                }
            }
        }
        return new RegressionMixture(like.family(), like.link(), like.terms(), w, beta, sd);
    }
}
