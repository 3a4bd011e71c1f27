package org.mlem.gmm;

import org.mlem.data.Block;
import org.mlem.em.LatentModel;

/**
 * A Gaussian mixture with a noise component as a {@link LatentModel}. The E-step adds the constant
 * noise density {@code π₀ / V} to each row's normalisation; the M-step is the Gaussian one
 * ({@link GmmModel#maximize}: each component's moments weighted by its responsibilities, which is
 * what mclust's M-step does with its noise column left out) and {@code π₀ = Σ w_i τ_i0 / Σ w_i}.
 * The noise region, and so V, is fixed (mclust's {@code Vinv}). Plain EM: no SQUAREM vector.
 */
public final class NoiseModel implements LatentModel<NoiseMixture, NoiseStats>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final GmmModel gaussian;
    private final NoiseRegion region;

    /**
     * @param gaussian the Gaussian components' model (structure and ridge)
     * @param region the noise component's region
     */
    public NoiseModel(GmmModel gaussian, NoiseRegion region) {
        this.gaussian = gaussian;
        this.region = region;
    }

    @Override
    public NoiseStats emptyStats(NoiseMixture params) {
        return new NoiseStats(gaussian.emptyStats(params.gaussians()));
    }

    /** Empty statistics about an explicit shift (k×d), for a start from hard labels. */
    NoiseStats emptyStats(int k, int d, double[] shift) {
        return new NoiseStats(gaussian.emptyStats(k, d, shift));
    }

    @Override
    public double accumulate(NoiseMixture params, Block rows, NoiseStats into) {
        int k = params.components();
        int n = rows.rows();
        double[] resp = Buffers.RESPONSIBILITIES.get().atLeast(n * k);
        double[] scratch = Buffers.SCRATCH.get().atLeast(Covariances.scratchSize(params.dimension()));
        params.gaussians().logJoint(rows, resp, scratch);
        double logGaussian = Math.log1p(-params.noiseWeight());
        double logNoise = Math.log(params.noiseWeight()) - region.logVolume();
        double ll = 0;
        for (int i = 0; i < n; i++) {
            int o = i * k;
            double max = logNoise;
            for (int j = 0; j < k; j++) {
                resp[o + j] += logGaussian;
                max = Math.max(max, resp[o + j]);
            }
            double s = Math.exp(logNoise - max);
            for (int j = 0; j < k; j++) {
                s += Math.exp(resp[o + j] - max);
            }
            double logSum = max + Math.log(s);
            for (int j = 0; j < k; j++) {
                resp[o + j] = Math.exp(resp[o + j] - logSum);
            }
            double w = rows.weight(i);
            into.noise += w * Math.exp(logNoise - logSum);
            into.total += w;
            if (w != 0) {
                ll += w * logSum;
            }
        }
        into.gaussians.add(rows, resp, scratch);
        return ll;
    }

    /**
     * Adds the block's rows hard-assigned: row i to Gaussian component {@code hard[i]}, or to the
     * noise when {@code hard[i]} is {@link NoiseMixture#NOISE} (mclust's {@code me} from
     * {@code z = unmap(classification)} with a noise column). Returns 0.
     */
    double accumulateHard(Block rows, int[] hard, NoiseStats into) {
        int k = into.gaussians.k;
        double[] resp = new double[rows.rows() * k];
        for (int i = 0; i < rows.rows(); i++) {
            double w = rows.weight(i);
            into.total += w;
            if (hard[rows.start() + i] == NoiseMixture.NOISE) {
                into.noise += w;
            } else {
                resp[i * k + hard[rows.start() + i]] = 1.0;
            }
        }
        into.gaussians.add(rows, resp, new double[Covariances.scratchSize(rows.cols())]);
        return 0.0;
    }

    @Override
    public NoiseMixture maximize(NoiseStats s) {
        GaussianMixture g = gaussian.maximize(s.gaussians);
        return new NoiseMixture(g, s.noise / s.total, region);
    }

    public NoiseRegion region() {
        return region;
    }
}
