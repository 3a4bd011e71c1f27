package org.mlem.tmix;

import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmOptions;
import org.mlem.em.EmRun;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;

/**
 * Fits a mixture of k multivariate Student-t distributions with full scale matrices: a robust
 * alternative to the Gaussian mixture, whose heavy tails keep outliers from pulling the
 * components. Each start is a Gaussian mixture fit (k-means++ and a few EM iterations) turned into
 * t components with ν = {@link #START_DF} (or the fixed ν).
 *
 * @param components k
 * @param fixedDf the degrees of freedom held fixed for every component, or null to estimate them
 * @param regCovar added to the scale matrices' diagonals each M-step
 * @param em iterations, tolerance, starts, threads
 */
public record TMixtureEstimator(int components, Double fixedDf, double regCovar, EmOptions em) {

    /** The degrees of freedom every start begins with when they are estimated. */
    public static final double START_DF = 30;

    /** Gaussian EM iterations that place each start. */
    static final int GAUSSIAN_START_ITERATIONS = 10;

    public TMixtureEstimator {
        if (components < 1) {
            throw new MlemUserException("k = " + components + "; k must be at least 1");
        }
        if (fixedDf != null && !(fixedDf > 0)) {
            throw new MlemUserException("degrees of freedom must be positive, got " + fixedDf);
        }
        if (!(regCovar >= 0)) {
            throw new MlemUserException("regCovar must be >= 0, got " + regCovar);
        }
    }

    /** k components, ν estimated, regCovar 1e-6, default EM options. */
    public static TMixtureEstimator of(int k) {
        return new TMixtureEstimator(k, null, GaussianMixtureEstimator.DEFAULT_REG_COVAR, EmOptions.DEFAULTS);
    }

    public TMixtureEstimator withFixedDf(Double df) {
        return new TMixtureEstimator(components, df, regCovar, em);
    }

    public TMixtureEstimator withEm(EmOptions o) {
        return new TMixtureEstimator(components, fixedDf, regCovar, o);
    }

    /** Fits to {@code data}; the same seed gives the same bits on any number of threads. */
    public MixtureFit<TMixture> fit(DataMatrix data, long seed) {
        data.requireFinite("a t mixture");
        GaussianMixtureEstimator gauss = GaussianMixtureEstimator.of(components).withRegCovar(regCovar)
                .withEm(em.withMaxIterations(GAUSSIAN_START_ITERATIONS).withRestarts(1));
        TMixtureModel model = new TMixtureModel(fixedDf == null, regCovar);
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(seed);
        EmRun<TMixture> best = null;
        double[] finals = new double[em.restarts()];
        int bestStart = 0;
        double initSeconds = 0;
        double fitSeconds = 0;
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            for (int r = 0; r < em.restarts(); r++) {
                long s0 = System.nanoTime();
                GaussianMixture g = gauss.fit(data, seeds.nextLong()).model();
                TMixture start = fromGaussian(g, fixedDf == null ? START_DF : fixedDf);
                initSeconds += (System.nanoTime() - s0) * 1e-9;
                EmRun<TMixture> run = EmDriver.run(model, data, start, em, reducer, null);
                fitSeconds += run.seconds();
                finals[r] = run.logLikelihood();
                if (best == null || run.logLikelihood() > best.logLikelihood()) {
                    best = run;
                    bestStart = r;
                }
            }
        }
        TMixture m = best.params();
        return new MixtureFit<>(m, best.logLikelihood(), best.trace(), best.iterations(), best.converged(), finals,
                bestStart, data.rows(), data.totalWeight(), m.nParameters(fixedDf == null), seed, initSeconds, fitSeconds);
    }

    /** Runs EM from {@code start} (one start; an E-step first). */
    public MixtureFit<TMixture> fit(DataMatrix data, TMixture start) {
        if (start.components() != components || start.dimension() != data.cols()) {
            throw new MlemUserException("the start has k=" + start.components() + ", d=" + start.dimension()
                    + " but the fit asks for k=" + components + ", d=" + data.cols() + "; make them agree");
        }
        data.requireFinite("a t mixture");
        TMixtureModel model = new TMixtureModel(fixedDf == null, regCovar);
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            EmRun<TMixture> run = EmDriver.run(model, data, start, em, reducer, null);
            TMixture m = run.params();
            return new MixtureFit<>(m, run.logLikelihood(), run.trace(), run.iterations(), run.converged(),
                    new double[] {run.logLikelihood()}, 0, data.rows(), data.totalWeight(), m.nParameters(fixedDf == null),
                    0, 0, run.seconds());
        }
    }

    /** t components with the Gaussian's weights and locations, scales = covariances, and ν. */
    static TMixture fromGaussian(GaussianMixture g, double df) {
        int k = g.components();
        double[][][] scales = new double[k][][];
        double[] dfs = new double[k];
        for (int j = 0; j < k; j++) {
            scales[j] = g.covariance(j);
            dfs[j] = df;
        }
        return TMixture.of(g.weights(), g.means(), scales, dfs);
    }
}
