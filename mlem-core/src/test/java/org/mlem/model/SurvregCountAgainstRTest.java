package org.mlem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mlem.formula.Frame;

/**
 * The survreg, zeroinfl and hurdle kinds against R ({@code tools/reference/predict_survreg_count.R}
 * writes {@code fixtures/predict/cases.json}): each case's model file carries R's estimates
 * (survival::survreg on lung and ovarian, AER::tobit on Affairs with and without a right limit,
 * pscl::zeroinfl and hurdle, Poisson and negbin, on bioChemists), so predict is compared with R's
 * {@code predict} on the first rows at 1e-6 relative (every column R gives: predict.survreg's
 * response, lp, their standard errors and quantiles; pscl's response, count, zero and prob), and
 * the per-row scores over all rows sum to R's {@code logLik} at 1e-10 relative.
 */
class SurvregCountAgainstRTest {
    private static final double PREDICT_RTOL = 1e-6;
    private static final double LOGLIK_RTOL = 1e-10;

    @TestFactory
    Stream<DynamicTest> predictionsAndLogLikelihoodAgreeWithR() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(resource("predict/cases.json"));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
        }
        return tests.stream();
    }

    private static void check(JsonNode c) throws Exception {
        FittedModel model = ModelKinds.read(c.get("model"), c.get("name").asText());
        String csv = new String(resource(c.get("data").asText()), StandardCharsets.UTF_8);
        Frame all = ModelKindsConformanceTest.frame(csv);
        Frame first = ModelKindsConformanceTest.frame(csv.lines().limit(c.get("rows").asInt() + 1L)
                .collect(Collectors.joining("\n")));
        ResponsePredictor.Prediction p = ((ResponsePredictor) model).predict(first);
        JsonNode want = c.get("predictions");
        want.fieldNames().forEachRemaining(name -> {
            assertThat(p.names()).as("R's column %s", name).contains(name);
            double[] got = p.columns().get(p.names().indexOf(name));
            for (int i = 0; i < got.length; i++) {
                double w = want.get(name).get(i).asDouble();
                assertThat(got[i]).as("%s row %d", name, i).isCloseTo(w, within(PREDICT_RTOL * Math.abs(w) + 1e-300));
            }
        });
        double ll = ((RowScores) model).logLikelihood(all);
        double wantLl = c.get("model").get("logLikelihood").asDouble();
        assertThat(ll).isCloseTo(wantLl, within(LOGLIK_RTOL * Math.abs(wantLl)));
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = SurvregCountAgainstRTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
