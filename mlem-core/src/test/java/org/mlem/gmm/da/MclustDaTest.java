package org.mlem.gmm.da;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Tolerances;

/**
 * Agreement with R's mclust 6.0 {@code MclustDA} (EDDA for twelve covariance models and chosen by
 * BIC among them; MclustDA with G = 1..3 and seven models per class) and {@code cvMclustDA} on
 * iris and banknote. Oracle: fixtures/da/mclust_da.json, made by tools/reference/mclust_da.R (EM
 * and M-step tolerances 1e-14 / 1e-16; MclustDA's EM started from the hc partitions mclust used,
 * which the fixture carries; the folds are mclust's balancedFolds under set.seed(14)).
 * Tolerances: parameters 1e-6 relative (floor: the array's largest magnitude), log-likelihoods
 * 1e-8 relative, class probabilities 1e-6 absolute; classifications, chosen models and G equal;
 * CV classifications and error equal, the Brier score and the standard errors 1e-6 relative (the
 * parameters' tier: banknote's MclustDA folds refit a slowly converging G = 3 EEE class, where
 * mclust's stopping rule leaves the Brier score 6.8e-7 relative from mlem's, measured).
 */
class MclustDaTest {
    private static final JsonNode FIXTURE = Fixtures.json("da/mclust_da.json");
    /** Plain EM to the maximum (mclust's tolerance 1e-14 ran to it as well). */
    private static final EmOptions TIGHT = EmOptions.DEFAULTS.withTolerance(1e-14).withMaxIterations(200_000)
            .withThreads(1).withAcceleration(Acceleration.NONE);

    record Labelled(DataMatrix x, int[] classOf, List<String> classes) {}

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : FIXTURE.get("cases")) {
            if (!c.get("type").asText().equals("folds")) {
                String what = c.has("chosen") && c.get("models").size() == 1 ? c.get("chosen").asText()
                        : c.get("models").size() + " models";
                out.add(Arguments.of(c.get("dataset").asText(), c.get("type").asText(), what, c));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void fitMatchesMclustDa(String dataset, String type, String what, JsonNode c) {
        Labelled data = data(dataset);
        DiscriminantEstimator.Fit fit = estimator(c).fit(data.x(), data.classOf(), data.classes(), 0, starts(c), -1);
        GaussianDiscriminant m = fit.model();
        assertThat(m.classes()).containsExactlyElementsOf(strings(c.get("classes")));
        assertThat(m.nParameters()).isEqualTo(c.get("df").asInt());
        assertClose(m.priors(), doubles(c.get("priors")), 1e-12);
        double want = c.get("loglik").asDouble();
        assertThat(Tolerances.relativeError(fit.logLikelihood(), want, 0)).as("log-likelihood %s, mclust %s",
                fit.logLikelihood(), want).isLessThan(1e-8);
        assertThat(-fit.bic()).isCloseTo(c.get("bic").asDouble(), org.assertj.core.data.Offset.offset(1e-8 * Math.abs(want)));
        for (int k = 0; k < m.classCount(); k++) {
            JsonNode r = c.get("perClass").get(k);
            GaussianMixture f = m.densities().get(k);
            assertThat(f.components()).as("G of class %d", k).isEqualTo(r.get("G").asInt());
            assertSameModel(m.type() == DaType.EDDA ? m.edda() : f.structure(), r.get("model").asText(), data.x().cols());
            assertClose(f.weights(), doubles(r.get("weights")), 1e-6);
            for (int j = 0; j < f.components(); j++) {
                assertClose(f.mean(j), doubles(r.get("means").get(j)), 1e-6);
                assertClose(flat(f.covariance(j)), flat(r.get("sigma").get(j)), 1e-6);
            }
        }
        assertThat(names(m.predict(data.x()), m.classes())).containsExactlyElementsOf(strings(c.get("classification")));
        double[][] z = m.predictProba(data.x());
        for (int i = 0; i < z.length; i++) {
            assertClose(z[i], doubles(c.get("z").get(i)), 1e-6);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void crossValidationMatchesCvMclustDa(String dataset, String type, String what, JsonNode c) {
        Labelled data = data(dataset);
        DiscriminantEstimator est = estimator(c);
        DiscriminantEstimator.Fit fit = est.fit(data.x(), data.classOf(), data.classes(), 0, starts(c), -1);
        CrossValidation cv = CrossValidation.run(est, fit, data.x(), data.classOf(), folds(dataset), 0, starts(c));
        JsonNode r = c.get("cv");
        assertThat(names(cv.classification(), data.classes())).containsExactlyElementsOf(strings(r.get("classification")));
        assertThat(cv.error()).isCloseTo(r.get("ce").asDouble(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Tolerances.relativeError(cv.brier(), r.get("brier").asDouble(), 1e-12)).isLessThan(1e-6);
        assertThat(Tolerances.relativeError(cv.errorSe(), r.get("seCe").asDouble(), 1e-12)).isLessThan(1e-8);
        assertThat(Tolerances.relativeError(cv.brierSe(), r.get("seBrier").asDouble(), 1e-12)).isLessThan(1e-6);
    }

    @Test
    void balancedFoldsHoldEachClassWithinOneAndRepeatWithTheSeed() {
        Labelled data = data("iris");
        int[] a = CrossValidation.balancedFolds(data.classOf(), 3, 10, 7);
        assertThat(CrossValidation.balancedFolds(data.classOf(), 3, 10, 7)).isEqualTo(a);
        assertThat(CrossValidation.balancedFolds(data.classOf(), 3, 10, 8)).isNotEqualTo(a);
        for (int c = 0; c < 3; c++) {
            int[] perFold = new int[10];
            for (int i = 0; i < a.length; i++) {
                if (data.classOf()[i] == c) {
                    perFold[a[i]]++;
                }
            }
            assertThat(perFold).containsOnly(5); // 50 rows a class, 10 folds
        }
    }

    @Test
    void aClassTooSmallForTheModelIsOneLineNamingItAndTheFix() {
        Labelled data = data("iris");
        int[] classOf = data.classOf().clone();
        for (int i = 0; i < 47; i++) {
            classOf[i] = 1; // setosa keeps 3 rows: fewer than VVV's d + 1 = 5
        }
        assertThatThrownBy(() -> DiscriminantEstimator.edda(CovarianceStructure.FULL).fit(data.x(), classOf, data.classes(), 0))
                .isInstanceOf(MlemUserException.class)
                .hasMessageContaining("class 'setosa' has 3 rows but covariance VVV needs at least 5").hasMessageContaining("EEE")
                .hasMessageNotContaining("\n");
        // a shared covariance needs one row per class
        assertThat(DiscriminantEstimator.edda(CovarianceStructure.TIED).fit(data.x(), classOf, data.classes(), 0)
                .model().classCount()).isEqualTo(3);
    }

    @Test
    void oneClassOnlyIsAUserError() {
        Labelled data = data("iris");
        assertThatThrownBy(() -> DiscriminantEstimator.edda(CovarianceStructure.FULL)
                .fit(data.x(), new int[150], List.of("setosa"), 0))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("only one class ('setosa')");
    }

    @Test
    void probabilitiesSumToOneAndPredictIsTheirArgmax() {
        Labelled data = data("banknote");
        GaussianDiscriminant m = DiscriminantEstimator.mclustDa(CovarianceStructure.scikitLearn(), 1, 3, TIGHT)
                .fit(data.x(), data.classOf(), data.classes(), 5).model();
        double[][] p = m.predictProba(data.x());
        int[] z = m.predict(data.x());
        for (int i = 0; i < p.length; i++) {
            assertThat(p[i][0] + p[i][1]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(p[i][z[i]]).isGreaterThanOrEqualTo(p[i][1 - z[i]]);
        }
    }

    // --- fixture plumbing

    private static DiscriminantEstimator estimator(JsonNode c) {
        List<CovarianceStructure> models = new ArrayList<>();
        for (JsonNode n : c.get("models")) {
            models.add(CovarianceStructure.parse(n.asText(), 2));
        }
        if (c.get("type").asText().equals("EDDA")) {
            return new DiscriminantEstimator(DaType.EDDA, models, 1, 1, 0, TIGHT);
        }
        double[] g = doubles(c.get("G"));
        return DiscriminantEstimator.mclustDa(models, (int) g[0], (int) g[g.length - 1], TIGHT);
    }

    /** mclust's hc partitions per class and G, for the fit (fold -1) and each fold's training rows. */
    private static DiscriminantEstimator.ClassStarts starts(JsonNode c) {
        if (!c.has("starts")) {
            return DiscriminantEstimator.ClassStarts.DEFAULT;
        }
        List<String> classes = strings(c.get("classes"));
        return (fold, k, g) -> {
            JsonNode s = fold < 0 ? c.get("starts") : c.get("foldStarts").get(fold);
            JsonNode p = s.get(classes.get(k) + "/" + g);
            return p == null ? null : java.util.Arrays.stream(doubles(p)).mapToInt(v -> (int) v).toArray();
        };
    }

    /** G = 1 models are named by what they constrain in mclust's summary (XII, XXI, XXX). */
    private static void assertSameModel(CovarianceStructure s, String want, int d) {
        String name = s.mclustName(d);
        if (want.startsWith("X")) {
            assertThat(name.charAt(2) == 'I' ? (name.charAt(1) == 'I' ? "XII" : "XXI") : "XXX").isEqualTo(want);
        } else {
            assertThat(name).isEqualTo(want);
        }
    }

    private static int[] folds(String dataset) {
        for (JsonNode c : FIXTURE.get("cases")) {
            if (c.get("type").asText().equals("folds") && c.get("dataset").asText().equals(dataset)) {
                return java.util.Arrays.stream(doubles(c.get("folds"))).mapToInt(v -> (int) v).toArray();
            }
        }
        throw new IllegalStateException(dataset);
    }

    static Labelled data(String dataset) {
        try (InputStream in = MclustDaTest.class.getResourceAsStream("/fixtures/da/" + dataset + ".csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
            String[] head = lines[0].split(",");
            int d = head.length - 1;
            List<String> raw = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(",");
                double[] r = new double[d];
                for (int a = 0; a < d; a++) {
                    r[a] = Double.parseDouble(f[a]);
                }
                rows.add(r);
                raw.add(f[d]);
            }
            List<String> classes = raw.stream().distinct().sorted().toList();
            double[] flat = new double[rows.size() * d];
            int[] classOf = new int[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(rows.get(i), 0, flat, i * d, d);
                classOf[i] = classes.indexOf(raw.get(i));
            }
            return new Labelled(DataMatrix.of(flat, rows.size(), d, List.of(head).subList(0, d)), classOf, classes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(int[] z, List<String> classes) {
        return java.util.Arrays.stream(z).mapToObj(classes::get).toList();
    }

    private static void assertClose(double[] got, double[] want, double rtol) {
        assertThat(got).hasSameSizeAs(want);
        double floor = 0;
        for (double w : want) {
            floor = Math.max(floor, Math.abs(w));
        }
        for (int i = 0; i < got.length; i++) {
            assertThat(Tolerances.relativeError(got[i], want[i], floor)).as("[%d] %s vs mclust %s", i, got[i], want[i])
                    .isLessThan(rtol);
        }
    }

    private static double[] flat(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static double[] flat(JsonNode m) {
        List<Double> v = new ArrayList<>();
        m.forEach(r -> r.forEach(x -> v.add(x.asDouble())));
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    private static List<String> strings(JsonNode a) {
        List<String> v = new ArrayList<>();
        a.forEach(x -> v.add(x.asText()));
        return v;
    }
}
