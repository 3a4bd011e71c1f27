package org.mlem.gmm;

import org.mlem.em.Stats;

/**
 * Expected sufficient statistics of a Gaussian mixture with a noise component: the Gaussian
 * components' {@link GmmStats} (their responsibilities summing to 1 − τ₀ on each row), the noise
 * component's posterior count Σ w_i τ_i0, and the total weight Σ w_i.
 */
public final class NoiseStats implements Stats<NoiseStats>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final GmmStats gaussians;
    double noise;
    double total;

    NoiseStats(GmmStats gaussians) {
        this.gaussians = gaussians;
    }

    @Override
    public void merge(NoiseStats other) {
        gaussians.merge(other.gaussians);
        noise += other.noise;
        total += other.total;
    }
}
