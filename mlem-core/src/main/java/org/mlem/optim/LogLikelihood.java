package org.mlem.optim;

/** A log-likelihood ℓ(θ) of a parameter vector on its original scale; −∞ or NaN outside the support. */
@FunctionalInterface
public interface LogLikelihood {
    double value(double[] theta);

    /**
     * ℓ at each of {@code thetas} (not modified), in order: one call where an implementation can
     * evaluate many points together for the price of one (a cluster's pass over its partitions, one
     * job for a finite-difference stencil). By default {@link #value} of each in turn; an override
     * returns each point's {@link #value} bits.
     */
    default double[] values(double[][] thetas) {
        double[] out = new double[thetas.length];
        for (int k = 0; k < thetas.length; k++) {
            out[k] = value(thetas[k]);
        }
        return out;
    }
}
