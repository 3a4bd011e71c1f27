package org.mlem.select;

import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;

/**
 * The parametric bootstrap likelihood-ratio test of k against k + 1 components in one covariance
 * model (McLachlan 1987; mclust's {@code mclustBootstrapLRT}). The observed statistic is
 * {@code 2 (ℓ_{k+1} − ℓ_k)} of the two fitted mixtures; each of B replicates draws n rows from the
 * fitted k-component mixture, runs EM on them from the fitted k- and (k+1)-component parameters (as
 * mclust's {@code em} from {@code Mod0$parameters} and {@code Mod1$parameters}), and takes the same
 * statistic; the p-value is {@code (1 + #{replicates ≥ observed}) / (B + 1)}. A replicate whose fit
 * fails (a collapsed component) is drawn again from its next seed, as mclust draws again.
 *
 * <p>Replicate b of the test at k draws its rows and runs its fits with seed
 * {@code Seeds.derive(seed, k, b, attempt)} on one thread; replicates run in parallel and are
 * gathered in order, so the same seed gives the same bits for any thread count.
 *
 * @param estimator the covariance structure, ridge and EM options of the fits (its k and start are
 *     replaced)
 * @param replicates B, at least 1
 */
public record BootstrapLrt(GaussianMixtureEstimator estimator, int replicates) {

    /** How many times a failing replicate is drawn again before the test gives up. */
    public static final int ATTEMPTS = 20;

    public BootstrapLrt {
        if (replicates < 1) {
            throw new MlemUserException("--bootstrap-lrt " + replicates + ": the number of bootstrap replicates must be"
                    + " at least 1 (mclust's default is 999)");
        }
    }

    /**
     * The test of k against k + 1.
     *
     * @param k the smaller number of components
     * @param observed 2 (ℓ_{k+1} − ℓ_k) of the fitted mixtures
     * @param bootstrap the B replicates' statistics, in replicate order
     * @param pValue (1 + #{bootstrap ≥ observed}) / (B + 1)
     */
    public record Step(int k, double observed, double[] bootstrap, double pValue) {
        public Step {
            bootstrap = bootstrap.clone();
        }

        @Override
        public double[] bootstrap() {
            return bootstrap.clone();
        }
    }

    /**
     * Tests {@code null} (k components, log-likelihood {@code nullLogLikelihood} on {@code data})
     * against {@code alternative} (k + 1).
     *
     * @param data the rows fitted (unweighted: n rows are drawn per replicate)
     * @param threads replicates run at once (0: every core)
     */
    public Step test(DataMatrix data, GaussianMixture nullModel, double nullLogLikelihood, GaussianMixture alternative,
            double alternativeLogLikelihood, long seed, int threads) {
        int k = nullModel.components();
        if (alternative.components() != k + 1) {
            throw new IllegalArgumentException("the alternative must have k + 1 components");
        }
        if (data.hasWeights()) {
            throw new MlemUserException("the bootstrap LRT draws unweighted rows; fit without --weights");
        }
        double observed = 2 * (alternativeLogLikelihood - nullLogLikelihood);
        int n = data.rows();
        List<Double> stats = ParallelTasks.map(replicates, ParallelTasks.effective(threads),
                b -> replicate(nullModel, alternative, n, data.columns(), Seeds.derive(seed, k, b)));
        double[] boot = new double[replicates];
        int atLeast = 0;
        for (int b = 0; b < replicates; b++) {
            boot[b] = stats.get(b);
            atLeast += boot[b] >= observed ? 1 : 0;
        }
        return new Step(k, observed, boot, (1.0 + atLeast) / (replicates + 1.0));
    }

    private double replicate(GaussianMixture nullModel, GaussianMixture alternative, int n, List<String> columns,
            long seed) {
        GaussianMixtureEstimator one = estimator.withEm(estimator.em().withThreads(1).withRestarts(1));
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long s = Seeds.derive(seed, attempt);
            DataMatrix sample = nullModel.sample(n, s, columns).data();
            try {
                MixtureFit<GaussianMixture> f0 = fitFrom(one, nullModel, sample, s);
                MixtureFit<GaussianMixture> f1 = fitFrom(one, alternative, sample, s);
                double lrt = 2 * (f1.logLikelihood() - f0.logLikelihood());
                if (Double.isFinite(lrt)) {
                    return lrt;
                }
            } catch (MlemUserException e) { // a collapsed component (DegenerateComponentException) among them
                last = e;
            }
        }
        throw new MlemUserException("every one of " + ATTEMPTS + " bootstrap samples of a replicate failed to fit"
                + (last == null ? "" : " (" + last.getMessage() + ")") + "; raise --reg-covar or test fewer components");
    }

    private static MixtureFit<GaussianMixture> fitFrom(GaussianMixtureEstimator one, GaussianMixture start, DataMatrix sample,
            long seed) {
        return new GaussianMixtureEstimator(start.components(), start.structure(), one.regCovar(), new GmmInit.Given(start),
                one.em()).fit(sample, seed);
    }
}
