package org.mlem.hmm;

import org.mlem.kernel.ConditionalGaussian;

import java.util.Locale;
import org.mlem.data.Block;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.DiagonalCovariances;
import org.mlem.gmm.FullCovariances;
import org.mlem.kernel.Cholesky;
import org.mlem.kernel.GaussianKernels;

/**
 * Posterior-weighted moments per state: weight sums n_j, first moments and second moments (full
 * upper triangle or squares) about a fixed shift, the states' current means, so that the M-step
 * subtracts a small correction rather than a large μμᵀ.
 */
final class GaussianEmissionStats implements EmissionStats {
    private static final long serialVersionUID = 1L;

    /** Guard against 0/0 for a state without weight, as the Gaussian mixture's. */
    private static final double EMPTY_GUARD = 10 * Math.ulp(1.0);

    private final GaussianSpec spec;
    private final int k;
    private final int d;
    private final boolean cross;
    private final double[] shift;
    private final double[] nk;
    private final double[] s1;
    private final double[] s2;
    /** The emissions of the E-step, for the conditional moments of missing cells (null: no cell may be missing). */
    private GaussianEmission current;

    GaussianEmissionStats(GaussianSpec spec, int k, int d, double[] shift) {
        this.spec = spec;
        this.k = k;
        this.d = d;
        this.cross = spec.covariance() == CovarianceStructure.FULL;
        this.shift = shift;
        this.nk = new double[k];
        this.s1 = new double[k * d];
        this.s2 = new double[cross ? k * d * d : k * d];
    }

    /** These statistics, taking missing cells' conditional moments under {@code e}, the E-step's emissions. */
    GaussianEmissionStats given(GaussianEmission e) {
        this.current = e;
        return this;
    }

    @Override
    public void accumulate(Block block, double[] posteriors) {
        if (HmmMissing.any(block)) {
            accumulateMissing(block, posteriors);
            return;
        }
        double[] scratch = new double[d];
        for (int j = 0; j < k; j++) {
            if (cross) {
                GaussianKernels.accumulateFull(block.x(), block.offset(0), block.rows(), d, posteriors, k, j, null, 0,
                        shift, j * d, nk, s1, j * d, s2, j * d * d, scratch);
            } else {
                GaussianKernels.accumulateDiagonal(block.x(), block.offset(0), block.rows(), d, posteriors, k, j, null, 0,
                        shift, j * d, nk, s1, j * d, s2, j * d);
            }
        }
    }

    /**
     * Row by row, each state's row completed by its conditional mean x̂ given the observed cells:
     * {@code γ (x̂ − c)} to the first moments and {@code γ [(x̂ − c)(x̂ − c)ᵀ + C]} to the second, C
     * the conditional covariance of the missing cells (a row with no observed cell: x̂ = μ, C = Σ).
     */
    private void accumulateMissing(Block block, double[] posteriors) {
        if (current == null) {
            throw new IllegalStateException("missing cells need the E-step's emissions (GaussianEmission.emptyStats)");
        }
        HmmMissing.Patterns patterns = new HmmMissing.Patterns(current.flatCovariances(), k, d);
        double[] mu = current.meansFlat();
        double[] x = block.x();
        double[] filled = new double[d];
        for (int i = 0; i < block.rows(); i++) {
            int off = block.offset(i);
            ConditionalGaussian[] f = patterns.of(x, off);
            for (int j = 0; j < k; j++) {
                double g = posteriors[i * k + j];
                if (g == 0) {
                    continue;
                }
                ConditionalGaussian c = f[j];
                c.fill(x, off, mu, j * d, filled);
                nk[j] += g;
                for (int a = 0; a < d; a++) {
                    filled[a] -= shift[j * d + a];
                    s1[j * d + a] += g * filled[a];
                }
                if (cross) {
                    int base = j * d * d;
                    for (int a = 0; a < d; a++) {
                        for (int b = a; b < d; b++) {
                            s2[base + a * d + b] += g * filled[a] * filled[b];
                        }
                    }
                    c.addConditional(s2, base, d, g, true);
                } else {
                    for (int a = 0; a < d; a++) {
                        s2[j * d + a] += g * filled[a] * filled[a];
                    }
                    c.addConditional(s2, j * d, d, g, false);
                }
            }
        }
    }

    @Override
    public void merge(EmissionStats other) {
        GaussianEmissionStats o = (GaussianEmissionStats) other;
        if (o.k != k || o.d != d || o.cross != cross || !java.util.Arrays.equals(o.shift, shift)) {
            throw new IllegalArgumentException("cannot merge Gaussian emission statistics of different shapes or shifts");
        }
        Sums.addInto(nk, o.nk);
        Sums.addInto(s1, o.s1);
        Sums.addInto(s2, o.s2);
    }

    @Override
    public Emission maximize() {
        double[] means = new double[k * d];
        double[] delta = new double[d];
        double[] cov = new double[cross ? k * d * d : k * d];
        for (int j = 0; j < k; j++) {
            double n = nk[j] + EMPTY_GUARD;
            for (int a = 0; a < d; a++) {
                delta[a] = s1[j * d + a] / n;
                means[j * d + a] = shift[j * d + a] + delta[a];
            }
            if (cross) {
                int o = j * d * d;
                for (int a = 0; a < d; a++) {
                    for (int b = a; b < d; b++) {
                        double v = (s2[o + a * d + b] - n * delta[a] * delta[b]) / n;
                        cov[o + a * d + b] = v;
                        cov[o + b * d + a] = v;
                    }
                    cov[o + a * d + a] += spec.regCovar();
                }
                if (!Cholesky.factor(cov, o, d, new double[d * d], 0)) {
                    throw degenerate(j);
                }
            } else {
                for (int a = 0; a < d; a++) {
                    double v = s2[j * d + a] / n - delta[a] * delta[a] + spec.regCovar();
                    if (!(v > 0)) {
                        throw degenerate(j);
                    }
                    cov[j * d + a] = v;
                }
            }
        }
        return new GaussianEmission(spec, means, cross ? FullCovariances.of(square(cov)) : DiagonalCovariances.of(rows(cov)));
    }

    private DegenerateStateException degenerate(int j) {
        return new DegenerateStateException(String.format(Locale.ROOT,
                "state %d's covariance is not positive definite (weight %.4g, regCovar %.3g); increase regCovar, "
                        + "use fewer states, or rescale the data", j, nk[j], spec.regCovar()));
    }

    private double[][][] square(double[] flat) {
        double[][][] m = new double[k][d][d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                System.arraycopy(flat, j * d * d + a * d, m[j][a], 0, d);
            }
        }
        return m;
    }

    private double[][] rows(double[] flat) {
        double[][] m = new double[k][d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(flat, j * d, m[j], 0, d);
        }
        return m;
    }
}
