package org.mlem.select;

import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
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
        if (data.hasWeights()) {
            throw new MlemUserException("the bootstrap LRT draws unweighted rows; fit without --weights");
        }
        return test(data.rows(), data.columns(), nullModel, nullLogLikelihood, alternative, alternativeLogLikelihood, seed,
                inThreads(threads));
    }

    /**
     * As {@link #test(DataMatrix, GaussianMixture, double, GaussianMixture, double, long, int)} for
     * n unweighted rows of the columns {@code columns}, the replicates run by {@code runner}.
     */
    public Step test(int n, List<String> columns, GaussianMixture nullModel, double nullLogLikelihood,
            GaussianMixture alternative, double alternativeLogLikelihood, long seed, Runner runner) {
        int k = nullModel.components();
        if (alternative.components() != k + 1) {
            throw new IllegalArgumentException("the alternative must have k + 1 components");
        }
        double observed = 2 * (alternativeLogLikelihood - nullLogLikelihood);
        double[] boot = runner.run(replicates, replicates(nullModel, alternative, n, columns, seed));
        int atLeast = 0;
        for (double b : boot) {
            atLeast += b >= observed ? 1 : 0;
        }
        return new Step(k, observed, boot, (1.0 + atLeast) / (replicates + 1.0));
    }

    /**
     * One replicate's statistic from its index b: a function of its seed alone (rows drawn from the
     * null model, both fits on one thread), serialisable, so replicates may run anywhere (a
     * cluster's tasks) and give the same bits.
     */
    @FunctionalInterface
    public interface Replicate extends java.io.Serializable {
        double statistic(int b);
    }

    /** Runs replicates 0..B−1 and returns their statistics in replicate order. */
    @FunctionalInterface
    public interface Runner {
        double[] run(int replicates, Replicate replicate);
    }

    /** Replicates on this machine's threads ({@link ParallelTasks}; 0: every core), gathered in order. */
    public static Runner inThreads(int threads) {
        return (count, r) -> ParallelTasks.map(count, ParallelTasks.effective(threads), r::statistic).stream()
                .mapToDouble(Double::doubleValue).toArray();
    }

    /** The replicates of the test of {@code nullModel} against {@code alternative} on n rows, seed {@code seed}. */
    public Replicate replicates(GaussianMixture nullModel, GaussianMixture alternative, int n, List<String> columns,
            long seed) {
        int k = nullModel.components();
        double regCovar = estimator.regCovar();
        EmOptions em = estimator.em().withThreads(1).withRestarts(1);
        List<String> names = new java.util.ArrayList<>(columns);
        return b -> replicate(regCovar, em, nullModel, alternative, n, names, Seeds.derive(seed, k, b));
    }

    /**
     * The tests of k against k + 1 for every consecutive pair of {@code ks} in one covariance
     * {@code variant} of a selection's grid, from the grid's own fits ({@code select gmm
     * --bootstrap-lrt B}); a pair whose fit failed or may not be chosen (degenerate) is not tested,
     * with the reason. The grid must run every candidate to its maximum
     * ({@link ModelSelection#withConvergeAll}): a rank-stopped candidate is refused.
     */
    public Grid overGrid(SelectionResult<GaussianMixture> result, List<Integer> ks, String variant, int n,
            List<String> columns, long seed, Runner runner) {
        List<Step> steps = new java.util.ArrayList<>();
        List<String> skipped = new java.util.ArrayList<>();
        for (int k : ks) {
            if (!ks.contains(k + 1)) {
                continue;
            }
            Candidate<GaussianMixture> c0 = result.get(k, variant);
            Candidate<GaussianMixture> c1 = result.get(k + 1, variant);
            if (c0.stoppedEarly() || c1.stoppedEarly()) {
                throw new IllegalArgumentException("k=" + (c0.stoppedEarly() ? k : k + 1) + " " + variant
                        + " was rank-stopped; run the grid with convergeAll");
            }
            Candidate<GaussianMixture> bad = !c0.eligible() ? c0 : !c1.eligible() ? c1 : null;
            if (bad != null) {
                skipped.add(String.format(java.util.Locale.ROOT, "%d vs %d: not tested, k=%d %s", k, k + 1, bad.k(),
                        bad.failed() ? "failed: " + bad.failure() : "never chosen: " + bad.excluded()));
                continue;
            }
            steps.add(test(n, columns, c0.model(), c0.logLikelihood(), c1.model(), c1.logLikelihood(), seed, runner));
        }
        return new Grid(steps, skipped);
    }

    /**
     * The tests over a grid ({@link #overGrid}).
     *
     * @param steps the pairs tested, k ascending
     * @param notTested one line per pair not tested, with the reason
     */
    public record Grid(List<Step> steps, List<String> notTested) {
        public Grid {
            steps = List.copyOf(steps);
            notTested = List.copyOf(notTested);
        }
    }

    private static double replicate(double regCovar, EmOptions em, GaussianMixture nullModel, GaussianMixture alternative,
            int n, List<String> columns, long seed) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long s = Seeds.derive(seed, attempt);
            DataMatrix sample = nullModel.sample(n, s, columns).data();
            try {
                MixtureFit<GaussianMixture> f0 = fitFrom(regCovar, em, nullModel, sample, s);
                MixtureFit<GaussianMixture> f1 = fitFrom(regCovar, em, alternative, sample, s);
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

    private static MixtureFit<GaussianMixture> fitFrom(double regCovar, EmOptions em, GaussianMixture start,
            DataMatrix sample, long seed) {
        return new GaussianMixtureEstimator(start.components(), start.structure(), regCovar, new GmmInit.Given(start), em)
                .fit(sample, seed);
    }
}
