package org.mlem.tmix;

import java.util.Arrays;
import org.mlem.em.ParameterVector;

/**
 * A t mixture's parameters as one vector for SQUAREM: weights (k), locations (k×d), scale
 * matrices (k×d×d) and degrees of freedom (k). An extrapolated vector with a negative weight, a
 * scale matrix that is not positive definite or a ν outside the M-step's range
 * [{@link TMixtureModel#MIN_DF}, {@link TMixtureModel#MAX_DF}] is outside the parameter space.
 */
final class TMixtureVectors implements ParameterVector<TMixture> {

    @Override
    public double[] toVector(TMixture m) {
        int k = m.components();
        int d = m.dimension();
        double[] v = new double[k + k * d + k * d * d + k];
        System.arraycopy(m.weights, 0, v, 0, k);
        System.arraycopy(m.means, 0, v, k, k * d);
        System.arraycopy(m.scales, 0, v, k + k * d, k * d * d);
        System.arraycopy(m.df, 0, v, k + k * d + k * d * d, k);
        return v;
    }

    @Override
    public TMixture fromVector(double[] v, TMixture like) {
        int k = like.components();
        int d = like.dimension();
        double[] w = ParameterVector.weights(v, k);
        if (w == null) {
            return null;
        }
        int dfAt = k + k * d + k * d * d;
        double[] df = Arrays.copyOfRange(v, dfAt, dfAt + k);
        for (double nu : df) {
            if (!(nu >= TMixtureModel.MIN_DF && nu <= TMixtureModel.MAX_DF)) {
                return null;
            }
        }
        try {
            return new TMixture(w, Arrays.copyOfRange(v, k, k + k * d), Arrays.copyOfRange(v, k + k * d, dfAt), df, d);
        } catch (TMixture.NotPositiveDefinite e) {
            return null;
        }
    }
}
