package org.mlem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Frame;
import org.mlem.testkit.Fixtures;

/**
 * The concomitant kind ({@link FittedConcomitant}) against flexmix 2.3. Oracle:
 * tools/reference/concomitant_predict.R — model files carrying flexmix's FLXPmultinom estimates
 * (a Poisson regression mixture on patent, a Poisson mixture on bioChemists with a factor
 * concomitant, a full-covariance Gaussian mixture on quakes), flexmix's {@code posterior()} on the
 * training rows and on new rows (priors from their covariates), and R's per-row log-likelihoods.
 * Tolerances: posteriors 1e-6 absolute and row scores 1e-6 relative (the external tier; measured:
 * posteriors within 1.4e-14, scores 1.5e-14 relative); the training rows' scores sum to R's sum of
 * its row scores within 1e-12 relative (measured 2.3e-15: the same terms from other density code,
 * summed in another order).
 */
class ConcomitantKindTest {
    private static final JsonNode CASES = Fixtures.json("concomitant/predict_cases.json");

    static Stream<JsonNode> cases() {
        return Stream.of(CASES.get(0), CASES.get(1), CASES.get(2));
    }

    private static Frame csv(String file) {
        try {
            return Frame.readCsv(Path.of(ConcomitantKindTest.class.getResource("/fixtures/concomitant/" + file).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FittedConcomitant model(JsonNode c) {
        FittedModel m = ModelKinds.read(c.get("model"), c.get("name").asText());
        assertThat(m).isInstanceOf(FittedConcomitant.class);
        assertThat(m.kind()).isEqualTo("concomitant");
        return (FittedConcomitant) m;
    }

    private static void assertRows(double[][] got, JsonNode want, double tol, String what) {
        assertThat(got.length).isEqualTo(want.size());
        for (int i = 0; i < got.length; i++) {
            for (int j = 0; j < got[i].length; j++) {
                assertThat(got[i][j]).as("%s row %d component %d", what, i, j).isCloseTo(want.get(i).get(j).asDouble(),
                        within(tol));
            }
        }
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void posteriorsAreFlexmixsOnTrainingAndNewRows(JsonNode c) {
        FittedConcomitant m = model(c);
        Frame train = csv(c.get("data").asText());
        Frame fresh = csv(c.get("newData").asText());
        assertRows(m.posteriors(train), c.get("trainPosterior"), 1e-6, "training");
        assertRows(m.posteriors(fresh), c.get("newPosterior"), 1e-6, "new");
        double[] prior = m.gating().priors(m.design(fresh), fresh.rows());
        for (int i = 0; i < fresh.rows(); i++) {
            for (int j = 0; j < m.classes(); j++) {
                assertThat(prior[i * m.classes() + j]).isCloseTo(c.get("newPrior").get(i).get(j).asDouble(), within(1e-9));
            }
        }
        double[] scores = m.logDensities(fresh);
        for (int i = 0; i < scores.length; i++) {
            double want = c.get("newScores").get(i).asDouble();
            assertThat(scores[i]).as("new row %d", i).isCloseTo(want, within(1e-6 * Math.abs(want)));
        }
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void trainingScoresSumToTheLogLikelihood(JsonNode c) {
        FittedConcomitant m = model(c);
        double want = c.get("trainScoreSum").asDouble();
        double total = Arrays.stream(m.logDensities(csv(c.get("data").asText()))).sum();
        assertThat(total).isCloseTo(want, within(1e-12 * Math.abs(want)));
    }

    /**
     * Draws given covariate rows take their components from the rows' priors: 40,000 copies of
     * each new row, each component's share within 4.5 binomial standard deviations of π_j(z).
     */
    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void drawsFollowEachRowsPriors(JsonNode c) {
        FittedConcomitant m = model(c);
        Frame fresh = csv(c.get("newData").asText());
        int copies = 40_000;
        int k = m.classes();
        for (int r = 0; r < fresh.rows(); r++) {
            Frame rows = repeat(fresh, r, copies);
            DataMatrix d = m.sample(rows, 11 + r);
            assertThat(d.rows()).isEqualTo(copies);
            int[] count = new int[k];
            for (int z : d.labels()) {
                count[z]++;
            }
            for (int j = 0; j < k; j++) {
                double p = c.get("newPrior").get(r).get(j).asDouble();
                double sd = Math.sqrt(copies * p * (1 - p));
                assertThat((double) count[j]).as("row %d component %d", r, j).isCloseTo(copies * p, within(4.5 * sd + 1e-9));
            }
        }
    }

    /**
     * A concomitant regression mixture's predicted response on new rows: {@code fit} =
     * Σ_j π_j(z) μ_j(x) with flexmix's priors of those rows (the fixture's {@code newPrior}; 1e-9
     * relative), the component means those of the regression mixture alone (the same code as
     * {@code fit regmix}'s predict, checked against flexmix in RegmixResponsePredictionTest); the
     * gating moves the prediction away from the mean weights' on some row. A Gaussian mixture's
     * concomitant file has no response: one line.
     */
    @Test
    void aRegressionMixturesResponseUsesEachRowsPriors() {
        JsonNode c = CASES.get(0);
        FittedConcomitant m = model(c);
        Frame fresh = csv(c.get("newData").asText());
        ResponsePredictor.Prediction p = m.predictResponse(fresh);
        ResponsePredictor.Prediction plain = ((FittedRegmix) m.mixture()).predict(fresh);
        int k = m.classes();
        assertThat(p.names()).isEqualTo(plain.names());
        boolean moved = false;
        for (int i = 0; i < fresh.rows(); i++) {
            double want = 0;
            for (int j = 0; j < k; j++) {
                double mu = plain.columns().get(1 + j)[i];
                assertThat(p.columns().get(1 + j)[i]).isEqualTo(mu);
                want += c.get("newPrior").get(i).get(j).asDouble() * mu;
            }
            double fit = p.columns().get(0)[i];
            assertThat(fit).as("row %d", i).isCloseTo(want, within(1e-9 * Math.abs(want)));
            moved |= Math.abs(fit - plain.columns().get(0)[i]) > 1e-6 * Math.abs(fit);
        }
        assertThat(moved).as("some row's prediction differs from the mean weights'").isTrue();
        FittedConcomitant gmm = model(CASES.get(2));
        assertThatThrownBy(() -> gmm.predictResponse(csv(CASES.get(2).get("newData").asText())))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("--response applies to a regression mixture");
    }

    /** Row r of {@code f}, {@code copies} times. */
    private static Frame repeat(Frame f, int r, int copies) {
        Frame.Builder b = Frame.builder();
        for (String name : f.names()) {
            if (f.isNumeric(name)) {
                double[] v = new double[copies];
                Arrays.fill(v, f.numeric(name)[r]);
                b.numeric(name, v);
            } else {
                String[] v = new String[copies];
                Arrays.fill(v, f.text(name)[r]);
                b.text(name, v);
            }
        }
        return b.build();
    }

    @Test
    void aMissingConcomitantColumnIsOneLineNamingIt() {
        JsonNode c = CASES.get(1);
        FittedConcomitant m = model(c);
        Frame fresh = csv(c.get("newData").asText());
        Frame noMent = Frame.builder().numeric("art", fresh.numeric("art")).text("fem", fresh.text("fem")).build();
        assertThatThrownBy(() -> m.posteriors(noMent)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("ment").hasMessageNotContaining("\n");
        assertThat(m.input().concomitant()).containsExactly("fem", "ment");
        assertThat(m.input().response()).containsExactly("art");
    }

    @Test
    void aFileThatCannotCarryAGatingSaysSo() {
        ObjectNode glm = (ObjectNode) Fixtures.json("kinds/glm.json");
        glm.set("concomitant", CASES.get(1).get("model").get("concomitant"));
        assertThatThrownBy(() -> ModelKinds.read(glm, "g.json")).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("cannot have concomitant weights").hasMessageNotContaining("\n");
        ObjectNode bad = CASES.get(1).get("model").deepCopy();
        ((ObjectNode) bad.get("concomitant")).putArray("coefficients").addArray().add(1).add(0).add(0);
        assertThatThrownBy(() -> ModelKinds.read(bad, "b.json")).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("concomitant.coefficients");
    }
}
