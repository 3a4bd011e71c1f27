package org.mlem.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.missing.MvnFit;
import org.mlem.missing.MvnMissingEstimator;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Mixtures;
import org.mlem.testkit.Tolerances;

/** Hidden Markov models with missing cells marginalised ({@link HmmMissing}). */
class HmmMissingTest {
    private static final EmOptions PLAIN = EmOptions.DEFAULTS.withAcceleration(Acceleration.NONE);

    /** Oracle: bit equality. Asking for missing-cell EM on data with no missing cell changes nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"gaussian-full", "gaussian-diag", "poisson", "categorical"})
    void missingEmOnCompleteDataChangesNothing(String emission) {
        EmissionSpec spec;
        DataMatrix x;
        if (emission.startsWith("gaussian")) {
            spec = EmissionSpec.gaussian(emission.endsWith("full") ? CovarianceStructure.FULL : CovarianceStructure.DIAG);
            x = Mixtures.blobs(300, 2, 2, 3);
        } else {
            spec = emission.equals("poisson") ? EmissionSpec.family(Families.byName("poisson")) : EmissionSpec.categorical();
            double[][] rows = new double[300][1];
            for (int i = 0; i < rows.length; i++) {
                rows[i][0] = (i / 30) % 2 == 0 ? i % 3 : 2 + i % 4;
            }
            x = DataMatrix.of(rows);
        }
        SequenceData data = SequenceData.single(x);
        HiddenMarkovEstimator est = HiddenMarkovEstimator.of(2, spec).withEm(EmOptions.DEFAULTS.withRestarts(2));
        MixtureFit<HiddenMarkovModel> a = est.fit(data, 4);
        MixtureFit<HiddenMarkovModel> b = est.withMissingEm(true).fit(data, 4);
        assertThat(b.trace()).containsExactly(a.trace());
        assertThat(b.model().emissions().toVector()).containsExactly(a.model().emissions().toVector());
        assertThat(b.model().transitionMatrix()).isDeepEqualTo(a.model().transitionMatrix());
    }

    /**
     * Oracle: brute force. The observed-data likelihood of a short sequence (a row with one cell
     * missing, a row with both, complete rows) is the sum over all 2^5 state paths of
     * π A... Π p(x_o | state), each missing cell's density integrated out of the joint normal
     * density numerically (Simpson's rule, ±12 sd, 4,000 intervals), a missing row's density 1;
     * 1e-9 relative. For full and diagonal covariances.
     */
    @ParameterizedTest
    @EnumSource(value = CovarianceStructure.class, names = {"FULL", "DIAG"})
    void logLikelihoodIsTheSumOverPathsOfIntegratedDensities(CovarianceStructure s) {
        double[][] cov0 = s == CovarianceStructure.FULL ? new double[][] {{1, 0.5}, {0.5, 2}} : new double[][] {{1, 0}, {0, 2}};
        double[][] cov1 = s == CovarianceStructure.FULL ? new double[][] {{0.5, -0.2}, {-0.2, 0.8}} : new double[][] {{0.5, 0}, {0, 0.8}};
        double[][] means = {{0, 0}, {2, -1}};
        Emission e = s == CovarianceStructure.FULL ? GaussianEmission.full(means, new double[][][] {cov0, cov1})
                : GaussianEmission.diagonal(means, new double[][] {{1, 2}, {0.5, 0.8}});
        HiddenMarkovModel m = HiddenMarkovModel.of(new double[] {0.6, 0.4}, new double[][] {{0.8, 0.2}, {0.3, 0.7}}, e);
        double nan = Double.NaN;
        double[][] rows = {{0.3, nan}, {1.9, -0.7}, {nan, nan}, {nan, -1.2}, {0.1, 0.4}};
        double got = m.logLikelihood(SequenceData.single(DataMatrix.of(rows)));
        double[][][] covs = {cov0, cov1};
        double[][] dens = new double[rows.length][2];
        for (int t = 0; t < rows.length; t++) {
            for (int j = 0; j < 2; j++) {
                dens[t][j] = observedDensity(rows[t], means[j], covs[j]);
            }
        }
        double total = 0;
        for (int path = 0; path < 1 << rows.length; path++) {
            double p = 1;
            for (int t = 0; t < rows.length; t++) {
                int z = (path >> t) & 1;
                p *= t == 0 ? m.startProbabilities()[z] : m.transitionMatrix()[(path >> (t - 1)) & 1][z];
                p *= dens[t][z];
            }
            total += p;
        }
        assertThat(got).isCloseTo(Math.log(total), within(1e-9 * Math.abs(Math.log(total))));
    }

    /** The density of a 2-D normal at the observed cells of {@code x}, missing cells integrated out numerically. */
    private static double observedDensity(double[] x, double[] mu, double[][] c) {
        boolean m0 = Double.isNaN(x[0]);
        boolean m1 = Double.isNaN(x[1]);
        if (m0 && m1) {
            return 1;
        }
        if (!m0 && !m1) {
            return Mixtures.bivariateNormalDensity(x[0], x[1], mu, c);
        }
        int miss = m0 ? 0 : 1;
        double sd = Math.sqrt(c[miss][miss]);
        double lo = mu[miss] - 12 * sd;
        int steps = 4000;
        double h = 24 * sd / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double v = lo + i * h;
            double f = m0 ? Mixtures.bivariateNormalDensity(v, x[1], mu, c) : Mixtures.bivariateNormalDensity(x[0], v, mu, c);
            sum += f * (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    /**
     * Oracle: with one state the HMM is independent rows from one normal, so its fit with missing
     * cells is the missing-data normal's ({@link MvnMissingEstimator}, an independent
     * implementation): log-likelihood 1e-9 relative, means 1e-7, at a tight tolerance, regCovar 0.
     */
    @Test
    void oneGaussianStateIsTheMissingDataNormal() {
        DataMatrix x = Fixtures.csv("data/airquality.csv");
        MvnFit mvn = new MvnMissingEstimator(MvnMissingEstimator.DEFAULT_OPTIONS.withTolerance(1e-14)).fit(x);
        MixtureFit<HiddenMarkovModel> hmm = HiddenMarkovEstimator.of(1, new GaussianSpec(CovarianceStructure.FULL, 0))
                .withEm(EmOptions.DEFAULTS.withTolerance(1e-14).withMaxIterations(5000)).withMissingEm(true)
                .fit(SequenceData.single(x), 0);
        assertThat(hmm.logLikelihood()).isCloseTo(mvn.logLikelihood(), within(1e-9 * Math.abs(mvn.logLikelihood())));
        double[] mean = ((GaussianEmission) hmm.model().emissions()).means()[0];
        for (int a = 0; a < 4; a++) {
            assertThat(Tolerances.relativeError(mean[a], mvn.parameters().mean()[a], 1)).isLessThan(1e-7);
        }
    }

    /**
     * Oracle: closed form. One categorical state: the probabilities are the observed symbols'
     * proportions (missing symbols left out), the log-likelihood their Σ n_c log(n_c / n); 1e-12.
     */
    @Test
    void oneCategoricalStateIsTheObservedProportions() {
        double nan = Double.NaN;
        double[][] rows = {{0}, {1}, {nan}, {1}, {2}, {nan}, {nan}, {1}, {0}, {2}, {1}};
        MixtureFit<HiddenMarkovModel> fit = HiddenMarkovEstimator.of(1, EmissionSpec.categorical()).withMissingEm(true)
                .fit(SequenceData.single(DataMatrix.of(rows)), 0);
        double[] p = ((CategoricalEmission) fit.model().emissions()).probabilities()[0];
        assertThat(p[0]).isCloseTo(2.0 / 8, within(1e-12));
        assertThat(p[1]).isCloseTo(4.0 / 8, within(1e-12));
        assertThat(p[2]).isCloseTo(2.0 / 8, within(1e-12));
        double ll = 2 * Math.log(0.25) + 4 * Math.log(0.5) + 2 * Math.log(0.25);
        assertThat(fit.logLikelihood()).isCloseTo(ll, within(1e-12));
        assertThat(fit.rows()).isEqualTo(rows.length); // the missing steps stay in the chain
    }

    /** Oracle: closed form. One Poisson state: the mean of the observed counts; 1e-12 relative. */
    @Test
    void onePoissonStateIsTheObservedMean() {
        double nan = Double.NaN;
        double[][] rows = {{3}, {nan}, {5}, {2}, {nan}, {7}};
        MixtureFit<HiddenMarkovModel> fit = HiddenMarkovEstimator.of(1, EmissionSpec.family(Families.byName("poisson")))
                .withMissingEm(true).fit(SequenceData.single(DataMatrix.of(rows)), 0);
        double lambda = (double) fit.model().emissions().parameters(0).get("lambda");
        assertThat(lambda).isCloseTo(17.0 / 4, within(1e-12 * 17.0 / 4));
    }

    /** EM's law with holes: plain Baum–Welch never lowers the observed-data log-likelihood beyond rounding (1e-9 relative). */
    @Property(tries = 20)
    void logLikelihoodNeverDecreases(@ForAll @IntRange(min = 80, max = 300) int n, @ForAll @IntRange(min = 2, max = 3) int d,
            @ForAll boolean full, @ForAll long seed) {
        DataMatrix x = Mixtures.holes(Mixtures.blobs(n, d, 2, seed), 0.25, seed);
        HiddenMarkovEstimator est = HiddenMarkovEstimator.of(2,
                new GaussianSpec(full ? CovarianceStructure.FULL : CovarianceStructure.DIAG, 0))
                .withEm(PLAIN.withTolerance(0).withMaxIterations(25)).withMissingEm(true);
        double[] t = est.fit(SequenceData.single(x), seed).trace();
        for (int i = 1; i < t.length; i++) {
            assertThat(t[i]).as("iteration %d", i).isGreaterThanOrEqualTo(t[i - 1] - 1e-9 * Math.max(1, Math.abs(t[i - 1])));
        }
    }

    /** Held groups stay bit for bit with missing cells, as without. */
    @Test
    void heldGroupsStayBitForBit() {
        SequenceData data = SequenceData.single(Mixtures.holes(Mixtures.blobs(200, 2, 2, 8), 0.2, 8));
        HiddenMarkovModel start = HiddenMarkovEstimator.of(2, EmissionSpec.gaussian(CovarianceStructure.FULL))
                .withMissingEm(true).fit(data, 1).model();
        HiddenMarkovModel fit = HiddenMarkovEstimator.of(2, EmissionSpec.gaussian(CovarianceStructure.FULL))
                .withInit(new HmmInit.Given(start)).withFixed(Set.of(HmmParameter.TRANSITIONS)).withMissingEm(true)
                .fit(data, 1).model();
        assertThat(fit.transitionMatrix()).isDeepEqualTo(start.transitionMatrix());
    }

    @Test
    void missingCellsAreRejectedUnlessAskedFor() {
        double nan = Double.NaN;
        SequenceData data = SequenceData.single(DataMatrix.of(new double[][] {{1, 2}, {nan, 3}, {3, 4}, {5, 1}, {2, 2}}));
        assertThatThrownBy(() -> HiddenMarkovEstimator.of(2, EmissionSpec.gaussian(CovarianceStructure.DIAG)).fit(data, 0))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("missing");
    }
}
