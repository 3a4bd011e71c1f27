package org.mlem.em;

/**
 * A model's parameters as a flat vector, for accelerators that extrapolate between EM iterates
 * (SQUAREM). Extrapolated vectors may leave the parameter space; {@link #fromVector} then says so.
 */
public interface ParameterVector<P> {

    /** The free and constrained parameters, flattened in a fixed order. */
    double[] toVector(P params);

    /** The parameters of {@code v} (shaped like {@code like}), or null when {@code v} is not a valid parameter. */
    P fromVector(double[] v, P like);

    /**
     * Mixing weights {@code v[0..k)} rescaled to sum to 1, or null when one is negative (or NaN) or
     * all are 0: an extrapolated point outside the simplex.
     */
    static double[] weights(double[] v, int k) {
        double[] w = java.util.Arrays.copyOfRange(v, 0, k);
        double sum = 0;
        for (double x : w) {
            if (!(x >= 0)) {
                return null;
            }
            sum += x;
        }
        if (!(sum > 0)) {
            return null;
        }
        for (int j = 0; j < k; j++) {
            w[j] /= sum;
        }
        return w;
    }
}
