package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Tolerances;

/**
 * The noise component against R's mclust 6.0 (oracle: fixtures/mclust/noise.json, made by
 * tools/reference/mclust_noise.R): Old Faithful with 28 uniform rows, the noise start of mlem's
 * default rule computed in R, mclust's {@code hypvol}, and {@code me} with {@code Vinv} from the
 * hc partition of the other rows (tolerance 1e-14). Tolerances: hypervolume 1e-12 relative (closed
 * form); EM replayed for as many M-steps as {@code me} ran, log-likelihood 1e-8 relative,
 * proportions, means and covariances 1e-6 relative (floor: each array's largest magnitude);
 * parameter counts exactly {@code nMclustParams(noise = TRUE)}.
 */
class NoiseComponentTest {
    private static final JsonNode FIXTURE = Fixtures.json("mclust/noise.json");
    private static final DataMatrix DATA = Fixtures.csv("data/faithful_noise.csv");

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : FIXTURE.get("cases")) {
            out.add(Arguments.of(c.get("model").asText(), c.get("k").asInt(), c));
        }
        return out.stream();
    }

    @Test
    void hypervolumeIsMclustsHypvol() {
        double want = 1 / FIXTURE.get("Vinv").asDouble();
        NoiseRegion region = NoiseRegion.of(DATA);
        assertThat(Tolerances.relativeError(region.hypervolume(), want, 0)).isLessThan(1e-12);
    }

    @Test
    void hypervolumeTakesTheSmallerBox() {
        // a thin diagonal cloud: the principal-axes box is far smaller than the column box
        double[][] rows = new double[50][];
        for (int i = 0; i < rows.length; i++) {
            double t = i / 49.0;
            rows[i] = new double[] {t, t + ((i % 2 == 0) ? 0.01 : -0.01)};
        }
        NoiseRegion r = NoiseRegion.of(DataMatrix.of(rows));
        assertThat(r.principal()).isTrue();
        assertThat(r.hypervolume()).isLessThan(0.1);
    }

    @Test
    void defaultNoiseStartIsTheRuleComputedInR() {
        boolean[] got = NoiseStart.byNearestNeighbours(DATA);
        JsonNode want = FIXTURE.get("noiseStart");
        int flagged = 0;
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as("row %d", i + 1).isEqualTo(want.get(i).asInt() == 1);
            flagged += got[i] ? 1 : 0;
        }
        assertThat(flagged).isBetween(1, got.length - 1);
    }

    @ParameterizedTest(name = "{0} G={1}")
    @MethodSource("cases")
    void emFromPartitionMatchesMe(String model, int k, JsonNode c) {
        JsonNode me = c.get("me");
        // me counts its first M-step (from z) as iteration 1; mlem's start is that M-step, so N − 1 more
        MixtureFit<NoiseMixture> fit = estimator(model, k, me.get("iterations").asInt() - 1, 1)
                .fitFromPartition(DATA, labels(c), 0);
        matchesMe(fit, c, k);
        // mclust's BIC (2 loglik − df log n, larger is better) is minus mlem's
        assertThat(Tolerances.relativeError(-fit.bic(), me.get("bic").asDouble(), 0)).isLessThan(1e-8);
    }

    static Stream<Arguments> priorCases() {
        return fixtureCases("mclust/noise_prior.json", c -> c.get("k").asInt());
    }

    /** Each case of {@code file}: its model, {@code second} of it, and the case. */
    private static Stream<Arguments> fixtureCases(String file, java.util.function.Function<JsonNode, Object> second) {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : Fixtures.json(file).get("cases")) {
            out.add(Arguments.of(c.get("model").asText(), second.apply(c), c));
        }
        return out.stream();
    }

    /**
     * With {@code --prior default} the Gaussian M-step is MAP under mclust's priorControl():
     * oracle fixtures/mclust/noise_prior.json (tools/reference/mclust_noise_prior.R, me with Vinv
     * and prior), same tolerances. Found: the noise fit had dropped the prior without a word.
     */
    @ParameterizedTest(name = "{0} G={1}")
    @MethodSource("priorCases")
    void withThePriorEmFromPartitionMatchesMe(String model, int k, JsonNode c) {
        EmOptions em = EmOptions.DEFAULTS.withTolerance(0).withMaxIterations(c.get("me").get("iterations").asInt() - 1)
                .withThreads(1).withAcceleration(Acceleration.NONE).withRestarts(1);
        MixtureFit<NoiseMixture> fit = new NoiseMixtureEstimator(GaussianMixtureEstimator.of(k)
                .withCovariance(CovarianceStructure.parse(model, 2)).withRegCovar(0).withEm(em).withDefaultPrior(true))
                .fitFromPartition(DATA, labels(c), 0);
        matchesMe(fit, c, k);
    }

    static Stream<Arguments> vinvCases() {
        return fixtureCases("mclust/noise_vinv.json", c -> c.get("hypervolume").asDouble());
    }

    /**
     * A hypervolume given ({@code --hypervolume V}): the noise density is 1/V, mclust's {@code Vinv}
     * passed to {@code me}. Oracle fixtures/mclust/noise_vinv.json (tools/reference/mclust_noise_vinv.R;
     * V half and twice hypvol), same tolerances; the region keeps its centre and shape, scaled to V
     * (1e-12 relative).
     */
    @ParameterizedTest(name = "{0} V={1}")
    @MethodSource("vinvCases")
    void aGivenHypervolumeMatchesMeWithThatVinv(String model, double v, JsonNode c) {
        MixtureFit<NoiseMixture> fit = estimator(model, 2, c.get("me").get("iterations").asInt() - 1, 1).build()
                .withHypervolume(v).fitFromPartition(DATA, labels(c), 0);
        matchesMe(fit, c, 2);
        NoiseRegion r = fit.model().region();
        NoiseRegion of = NoiseRegion.of(DATA);
        assertThat(Tolerances.relativeError(r.hypervolume(), v, 0)).isLessThan(1e-12);
        assertThat(r.principal()).isEqualTo(of.principal());
        for (int a = 0; a < 2; a++) {
            double mid = 0.5 * (of.lower()[a] + of.upper()[a]);
            assertThat(Tolerances.relativeError(0.5 * (r.lower()[a] + r.upper()[a]), mid, of.upper()[a] - of.lower()[a]))
                    .isLessThan(1e-12);
        }
        assertThatThrownBy(() -> estimator(model, 2, 1, 1).build().withHypervolume(-1))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("finite positive volume");
    }

    private static void matchesMe(MixtureFit<NoiseMixture> fit, JsonNode c, int k) {
        JsonNode me = c.get("me");
        double want = me.get("loglikAtParameters").asDouble();
        assertThat(Tolerances.relativeError(fit.logLikelihood(), want, 0))
                .as("log-likelihood %s, mclust %s", fit.logLikelihood(), want).isLessThan(1e-8);
        assertThat(fit.nParameters()).isEqualTo(c.get("df").asInt());
        NoiseMixture m = fit.model();
        assertClose(m.proportions(), array(me.get("pro")), "pro");
        for (int j = 0; j < k; j++) {
            assertClose(m.gaussians().mean(j), array(me.get("means").get(j)), "mean " + j);
            double[][] sigma = m.gaussians().covariance(j);
            for (int a = 0; a < sigma.length; a++) {
                assertClose(sigma[a], array(me.get("sigma").get(j).get(a)), "covariance " + j + " row " + a);
            }
        }
    }

    @Test
    void sameBitsForAnyThreadCountAndEmNeverDecreases() {
        boolean[] start = NoiseStart.byNearestNeighbours(DATA);
        MixtureFit<NoiseMixture> one = estimator("VVV", 2, 500, 1).withRestarts(3).fit(DATA, start, 7, EmListener.NONE);
        MixtureFit<NoiseMixture> four = estimator("VVV", 2, 500, 4).withRestarts(3).fit(DATA, start, 7, EmListener.NONE);
        assertThat(Double.doubleToRawLongBits(four.logLikelihood())).isEqualTo(Double.doubleToRawLongBits(one.logLikelihood()));
        assertThat(four.model().proportions()).containsExactly(one.model().proportions());
        double[] trace = one.trace();
        for (int t = 1; t < trace.length; t++) {
            assertThat(trace[t]).as("iteration %d", t).isGreaterThanOrEqualTo(trace[t - 1] - 1e-9 * Math.abs(trace[t - 1]));
        }
        // the fit's log-likelihood is the model's on the data
        assertThat(Tolerances.relativeError(one.model().logLikelihood(DATA), one.logLikelihood(), 0)).isLessThan(1e-12);
    }

    @Test
    void predictIsTheArgmaxOfProbabilitiesNoiseLast() {
        boolean[] start = NoiseStart.byNearestNeighbours(DATA);
        NoiseMixture m = estimator("VVV", 2, 500, 1).fit(DATA, start, 1, EmListener.NONE).model();
        double[][] p = m.predictProba(DATA);
        int[] labels = m.predict(DATA);
        int noise = 0;
        for (int i = 0; i < labels.length; i++) {
            assertThat(Arrays.stream(p[i]).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
            int best = 0;
            for (int j = 1; j < p[i].length; j++) {
                best = p[i][j] > p[i][best] ? j : best;
            }
            assertThat(labels[i]).isEqualTo(best == 2 ? NoiseMixture.NOISE : best);
            noise += labels[i] == NoiseMixture.NOISE ? 1 : 0;
        }
        // the 28 added uniform rows: some fall in the clusters; most of the noise label is theirs
        assertThat(noise).isBetween(10, 40);
    }

    @Test
    void sampledNoiseFractionRecoversTheWeight() {
        boolean[] start = NoiseStart.byNearestNeighbours(DATA);
        NoiseMixture m = estimator("VVV", 2, 500, 1).fit(DATA, start, 1, EmListener.NONE).model();
        int n = 200_000;
        GaussianMixture.Sample s = m.sample(n, 3, DATA.columns());
        long noise = Arrays.stream(s.components()).filter(z -> z == NoiseMixture.NOISE).count();
        double se = Math.sqrt(m.noiseWeight() * (1 - m.noiseWeight()) / n);
        // oracle: the binomial proportion, within 5 standard errors
        assertThat(Math.abs(noise / (double) n - m.noiseWeight())).isLessThan(5 * se);
    }

    @Test
    void aNoiseStartWithoutNoiseRowsIsAUserError() {
        assertThatThrownBy(() -> estimator("VVV", 2, 10, 1).fit(DATA, new boolean[DATA.rows()], 1, EmListener.NONE))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("flags no row");
        boolean[] all = new boolean[DATA.rows()];
        Arrays.fill(all, true);
        assertThatThrownBy(() -> estimator("VVV", 2, 10, 1).fit(DATA, all, 1, EmListener.NONE))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("outside the noise start");
    }

    private static Estimator estimator(String model, int k, int iterations, int threads) {
        return new Estimator(model, k, iterations, threads, 1);
    }

    /** Builds the estimator from a few settings (tol 0: exactly the iterations given). */
    private record Estimator(String model, int k, int iterations, int threads, int restarts) {
        Estimator withRestarts(int r) {
            return new Estimator(model, k, iterations, threads, r);
        }

        NoiseMixtureEstimator build() {
            EmOptions em = EmOptions.DEFAULTS.withTolerance(0).withMaxIterations(iterations).withThreads(threads)
                    .withAcceleration(Acceleration.NONE).withRestarts(restarts);
            return new NoiseMixtureEstimator(GaussianMixtureEstimator.of(k).withCovariance(CovarianceStructure.parse(model, 2))
                    .withRegCovar(0).withEm(em));
        }

        MixtureFit<NoiseMixture> fitFromPartition(DataMatrix x, int[] labels, long seed) {
            return build().fitFromPartition(x, labels, seed);
        }

        MixtureFit<NoiseMixture> fit(DataMatrix x, boolean[] start, long seed, EmListener l) {
            return build().fit(x, start, seed, l);
        }
    }

    private static int[] labels(JsonNode c) {
        int[] l = new int[DATA.rows()];
        for (int i = 0; i < l.length; i++) {
            l[i] = c.get("labels").get(i).asInt();
        }
        return l;
    }

    private static double[] array(JsonNode node) {
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    private static void assertClose(double[] got, double[] want, String what) {
        double floor = 0;
        for (double v : want) {
            floor = Math.max(floor, Math.abs(v));
        }
        for (int i = 0; i < want.length; i++) {
            assertThat(Tolerances.relativeError(got[i], want[i], floor)).as("%s[%d]: got %s, mclust %s", what, i, got[i], want[i])
                    .isLessThan(1e-6);
        }
    }
}
