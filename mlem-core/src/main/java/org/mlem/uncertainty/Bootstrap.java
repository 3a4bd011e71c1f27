package org.mlem.uncertainty;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.select.ParallelTasks;
import org.mlem.select.Seeds;

/**
 * Bootstrap standard errors and percentile intervals of a fitted model's parameters (Efron and
 * Tibshirani 1993, ch. 6 and 13), for any model that is a {@link BootstrapModel}.
 *
 * <p>Replicate b draws a data set with a generator seeded by {@code Seeds.derive(seed, b)}:
 * non-parametric resamples N units (rows; a hidden Markov model's sequences) with replacement
 * (N the total frequency weight, n without weights), expressed as multinomial frequency weights
 * on the original units rather than copied units; parametric simulates data from the fitted model
 * (the mixtures: N rows; a mixture of regressions: responses at the observed covariates; a hidden
 * Markov model: sequences of the observed lengths; the normal: rows with the data's missing
 * cells and weights). Each replicate is refit from the
 * fitted model, its components matched to the fitted ones, on one thread; replicates run in
 * parallel on {@code threads} threads and the result is the same bits for any thread count. A
 * replicate that cannot be fit (a collapsing component) is listed in
 * {@link BootstrapResult#failures()} and left out of the summaries.
 *
 * @param replicates B, at least 2
 * @param kind non-parametric or parametric
 * @param confidence the percentile interval's level, in (0, 1)
 * @param threads replicates fit at once; 0 for every available core
 */
public record Bootstrap(int replicates, BootstrapKind kind, double confidence, int threads) {

    /** 200 non-parametric replicates, 95% percentile intervals, all cores. */
    public static final Bootstrap DEFAULTS = new Bootstrap(200, BootstrapKind.NONPARAMETRIC, 0.95, 0);

    public Bootstrap {
        if (replicates < 2) {
            throw new MlemUserException("bootstrap replicates = " + replicates + "; use at least 2 (200 or more for intervals)");
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new MlemUserException("confidence level " + confidence + " must be between 0 and 1, e.g. 0.95");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
        }
    }

    public Bootstrap withReplicates(int b) {
        return new Bootstrap(b, kind, confidence, threads);
    }

    public Bootstrap withKind(BootstrapKind k) {
        return new Bootstrap(replicates, k, confidence, threads);
    }

    public Bootstrap withThreads(int t) {
        return new Bootstrap(replicates, kind, confidence, t);
    }

    /** Bootstrap of a Gaussian mixture {@code fitted} to {@code data} by {@code estimator}. */
    public BootstrapResult run(GaussianMixtureEstimator estimator, DataMatrix data, GaussianMixture fitted, long seed) {
        return run(new GaussianBootstrapFamily(estimator), data, fitted, seed);
    }

    /** Bootstrap of {@code fitted}, a model of {@code family} fit to {@code data}. */
    public <D, M> BootstrapResult run(BootstrapModel<D, M> family, D data, M fitted, long seed) {
        String refusal = kind == BootstrapKind.NONPARAMETRIC ? family.cannotResample(data) : null;
        if (refusal != null) {
            throw new MlemUserException(refusal);
        }
        int draws = Resampling.sampleSize(family, data);
        List<Outcome> outcomes = ParallelTasks.map(replicates, ParallelTasks.effective(threads), b -> {
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, b));
            try {
                D x = replicate(family, data, fitted, draws, rng);
                return new Outcome(family.matchedParameters(fitted, family.refit(fitted, x, rng.nextLong())), null);
            } catch (MlemUserException e) {
                return new Outcome(null, e.getMessage());
            }
        });
        List<double[]> ok = new ArrayList<>();
        List<BootstrapResult.Failure> failures = new ArrayList<>();
        for (int b = 0; b < outcomes.size(); b++) {
            Outcome o = outcomes.get(b);
            if (o.values() == null) {
                failures.add(new BootstrapResult.Failure(b, o.failure()));
            } else {
                ok.add(o.values());
            }
        }
        double[] estimate = family.matchedParameters(fitted, fitted);
        return BootstrapResult.summarise(family.parameterNames(fitted, data), estimate,
                ok.toArray(new double[0][]), confidence, kind, failures);
    }

    /** One replicate's matched parameters, or why it failed. */
    private record Outcome(double[] values, String failure) {}

    /** Replicate data: the units with multinomial weights, or data simulated from the fitted model. */
    private <D, M> D replicate(BootstrapModel<D, M> family, D data, M fitted, int draws, SplittableRandom rng) {
        if (kind == BootstrapKind.PARAMETRIC) {
            return family.simulate(fitted, data, draws, rng.nextLong());
        }
        return family.reweighted(data, Resampling.counts(family, data, draws, rng));
    }
}
