package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Tolerances;

/**
 * Agreement with scikit-learn 1.2.1's GaussianMixture from identical initial parameters, on iris
 * (k=3) and Old Faithful (k=2), every structure. Oracle: fixtures made by
 * tools/reference/sklearn_gmm.py. Tolerance: 1e-8 relative ({@link Tolerances#EXTERNAL}), with
 * each parameter array's largest magnitude as the floor for entries near zero.
 */
class SklearnAgreementTest {

    static Stream<Arguments> fixtures() {
        return Stream.of("iris", "faithful").flatMap(ds -> Stream.of("full", "diag", "tied", "spherical")
                .map(ct -> Arguments.of(ds, ct)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixtures")
    void oneIterationMatches(String dataset, String covariance) throws Exception {
        JsonNode fx = Fixtures.json("sklearn/gmm_" + dataset + "_" + covariance + ".json");
        MixtureFit<GaussianMixture> fit = fit(fx, EmOptions.SKLEARN.withMaxIterations(1).withTolerance(0));
        assertThat(fit.iterations()).isEqualTo(1);
        assertClose(fit.trace()[0], fx.at("/init/logLikelihood").asDouble(), "initial log-likelihood");
        assertMatches(fit, fx.get("oneIteration"), fx);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixtures")
    void convergedFitMatches(String dataset, String covariance) throws Exception {
        JsonNode fx = Fixtures.json("sklearn/gmm_" + dataset + "_" + covariance + ".json");
        JsonNode conv = fx.get("converged");
        MixtureFit<GaussianMixture> fit = fit(fx, EmOptions.SKLEARN.withMaxIterations(conv.get("maxIter").asInt())
                .withTolerance(conv.get("tol").asDouble()));
        assertThat(fit.converged()).isTrue();
        assertThat(fit.iterations()).isEqualTo(conv.get("iterations").asInt());
        assertMatches(fit, conv, fx);
    }

    private static MixtureFit<GaussianMixture> fit(JsonNode fx, EmOptions em) throws Exception {
        DataMatrix x = Fixtures.csv(fx.get("data").asText().replaceFirst("^fixtures/", ""));
        CovarianceStructure s = CovarianceStructure.parse(fx.get("covariance").asText());
        int k = fx.get("k").asInt();
        GaussianMixture start = mixture(fx.get("init"), s, k, x.cols());
        return GaussianMixtureEstimator.of(k).withCovariance(s).withRegCovar(fx.get("regCovar").asDouble())
                .withInit(new GmmInit.Given(start)).withEm(em).fit(x, 0);
    }

    static GaussianMixture mixture(JsonNode node, CovarianceStructure s, int k, int d) throws Exception {
        double[] w = Fixtures.JSON.treeToValue(node.get("weights"), double[].class);
        double[][] means = Fixtures.JSON.treeToValue(node.get("means"), double[][].class);
        Object cov = Fixtures.JSON.treeToValue(node.get("covariances"), s.shapeType());
        return GaussianMixture.of(w, means, s.fromShape(cov, k, d));
    }

    private static void assertMatches(MixtureFit<GaussianMixture> fit, JsonNode want, JsonNode fx) throws Exception {
        GaussianMixture m = fit.model();
        GaussianMixture ref = mixture(want, m.structure(), m.components(), m.dimension());
        assertClose(fit.logLikelihood(), want.get("logLikelihood").asDouble(), "log-likelihood");
        assertArrayClose(m.weights(), ref.weights(), "weights");
        for (int j = 0; j < m.components(); j++) {
            assertArrayClose(m.mean(j), ref.mean(j), "mean " + j);
            assertArrayClose(flatten(m.covariance(j)), flatten(ref.covariance(j)), "covariance " + j);
        }
    }

    private static void assertClose(double got, double want, String what) {
        assertThat(Tolerances.relativeError(got, want, 0)).as(what + ": got " + got + ", scikit-learn " + want)
                .isLessThanOrEqualTo(Tolerances.EXTERNAL);
    }

    private static void assertArrayClose(double[] got, double[] want, String what) {
        double floor = 0;
        for (double v : want) {
            floor = Math.max(floor, Math.abs(v));
        }
        for (int i = 0; i < got.length; i++) {
            assertThat(Tolerances.relativeError(got[i], want[i], floor)).as(what + "[" + i + "]: got " + got[i]
                    + ", scikit-learn " + want[i]).isLessThanOrEqualTo(Tolerances.EXTERNAL);
        }
    }

    private static double[] flatten(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
