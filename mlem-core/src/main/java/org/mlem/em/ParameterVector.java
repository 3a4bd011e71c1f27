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
}
