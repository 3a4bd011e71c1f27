package org.mlem.hmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.mlem.dist.Families;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.testkit.RidgeBound;

/**
 * EM's defining law for Baum–Welch: the log-likelihood never decreases from one iteration to the
 * next (Baum et al., 1970; Dempster, Laird and Rubin, 1977), for every emission kind, with and
 * without known states, from k-means and random starts. Slack 1e-9 relative for rounding, plus, for
 * Gaussian emissions, the fall regCovar's ridge allows ({@link RidgeBound}).
 */
class BaumWelchMonotonicityProperties {

    enum Kind { GAUSSIAN_FULL, GAUSSIAN_DIAG, CATEGORICAL, POISSON }

    @Property(tries = 60)
    void logLikelihoodNeverDecreases(@ForAll Kind kind, @ForAll @IntRange(min = 1, max = 3) int states,
            @ForAll @IntRange(min = 1, max = 5) int sequences, @ForAll @IntRange(min = 5, max = 120) int length,
            @ForAll boolean randomInit, @ForAll boolean someKnown, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        HiddenMarkovModel truth = Hmms.model(emission(kind, 1 + rng.nextInt(3), rng), rng, 0.6);
        int[] lengths = new int[sequences];
        for (int s = 0; s < sequences; s++) {
            lengths[s] = 1 + rng.nextInt(length);
        }
        SequenceData data = truth.sample(lengths, rng.nextLong()).sequences();
        if (someKnown) {
            int[] known = new int[data.rows()];
            Arrays.fill(known, -1);
            known[rng.nextInt(known.length)] = rng.nextInt(states);
            data = data.withKnownStates(known);
        }
        EmissionSpec spec = truth.emissions().spec();
        HiddenMarkovEstimator est = new HiddenMarkovEstimator(states, spec,
                new EmOptions(25, 0, 1, 1), randomInit ? new HmmInit.Random() : HmmInit.DEFAULT, Set.of());
        MixtureFit<HiddenMarkovModel> fit;
        try {
            fit = est.fit(data, seed);
        } catch (org.mlem.MlemUserException degenerate) {
            // tiny samples can leave a state without weight or with fewer distinct rows than states:
            // reported as a user error, not a law to check
            return;
        }
        double[] trace = fit.trace();
        assertThat(trace).hasSize(26);
        SequenceData observed = data;
        RidgeBound.assertNoFallBeyond(trace, t -> spec instanceof GaussianSpec g
                ? ridgeAllowance(g, states, randomInit, observed, seed, t) : 0);
    }

    /**
     * {@link RidgeBound#allowedFall} for iteration t: the fits stopped after t − 1 and t iterations
     * (deterministic from the seed), with the expected rows per state under the first. A state
     * holding a few rows lost 4e-8 of the log-likelihood in an iteration (2 states, 2 sequences of
     * up to 10 rows, full covariances) before this allowance.
     */
    private static double ridgeAllowance(GaussianSpec spec, int states, boolean randomInit, SequenceData data,
            long seed, int t) {
        HiddenMarkovModel before = fitFor(spec, states, randomInit, data, seed, t - 1);
        HiddenMarkovModel after = fitFor(spec, states, randomInit, data, seed, t);
        double[] counts = new double[states];
        for (double[] row : before.posteriors(data)) {
            for (int j = 0; j < states; j++) {
                counts[j] += row[j];
            }
        }
        return RidgeBound.allowedFall(spec.regCovar(), counts, covariances(before), covariances(after));
    }

    private static HiddenMarkovModel fitFor(EmissionSpec spec, int states, boolean randomInit, SequenceData data,
            long seed, int iterations) {
        return new HiddenMarkovEstimator(states, spec, new EmOptions(iterations, 0, 1, 1),
                randomInit ? new HmmInit.Random() : HmmInit.DEFAULT, Set.of()).fit(data, seed).model();
    }

    private static double[][][] covariances(HiddenMarkovModel m) {
        GaussianEmission e = (GaussianEmission) m.emissions();
        double[][][] c = new double[m.states()][][];
        for (int j = 0; j < c.length; j++) {
            c[j] = e.covariance(j);
        }
        return c;
    }

    private static Emission emission(Kind kind, int truthStates, SplittableRandom rng) {
        return switch (kind) {
            case GAUSSIAN_FULL -> Hmms.gaussian(truthStates, 2, CovarianceStructure.FULL, rng);
            case GAUSSIAN_DIAG -> Hmms.gaussian(truthStates, 2, CovarianceStructure.DIAG, rng);
            case CATEGORICAL -> {
                double[][] p = new double[truthStates][];
                for (int j = 0; j < truthStates; j++) {
                    p[j] = Hmms.simplex(5, rng);
                }
                yield CategoricalEmission.of(p);
            }
            case POISSON -> {
                double[][] lambda = new double[truthStates][];
                for (int j = 0; j < truthStates; j++) {
                    lambda[j] = new double[] {1 + 5 * j + rng.nextDouble()};
                }
                yield FamilyEmission.of(Families.poisson(), lambda);
            }
        };
    }
}
