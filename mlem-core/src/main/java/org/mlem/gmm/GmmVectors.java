package org.mlem.gmm;

import org.mlem.em.NestedArrays;
import org.mlem.em.ParameterVector;

/**
 * A Gaussian mixture's parameters as one vector for SQUAREM: weights, means, then the covariance
 * parameters in scikit-learn's shape, flattened. An extrapolated vector with a negative weight or
 * a covariance that is not positive definite is outside the parameter space.
 */
final class GmmVectors implements ParameterVector<GaussianMixture> {

    @Override
    public double[] toVector(GaussianMixture m) {
        int k = m.components();
        int d = m.dimension();
        Object shape = m.covariances().toShape();
        double[] v = new double[k + k * d + NestedArrays.count(shape)];
        System.arraycopy(m.weights(), 0, v, 0, k);
        System.arraycopy(m.meansFlat(), 0, v, k, k * d);
        NestedArrays.flatten(shape, v, k + k * d);
        return v;
    }

    @Override
    public GaussianMixture fromVector(double[] v, GaussianMixture like) {
        int k = like.components();
        int d = like.dimension();
        double[] w = new double[k];
        double sum = 0;
        for (int j = 0; j < k; j++) {
            w[j] = v[j];
            if (!(w[j] >= 0)) {
                return null;
            }
            sum += w[j];
        }
        for (int j = 0; j < k; j++) {
            w[j] /= sum;
        }
        double[] means = new double[k * d];
        System.arraycopy(v, k, means, 0, k * d);
        Object shape = like.covariances().toShape();
        NestedArrays.unflatten(shape, v, k + k * d);
        try {
            return new GaussianMixture(w, means, like.structure().fromShape(shape, k, d), like.equalProportions());
        } catch (NotPositiveDefiniteException | IllegalArgumentException e) {
            return null;
        }
    }

}
