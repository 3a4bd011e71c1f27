package org.mlem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mlem.formula.Frame;
import org.mlem.regmix.RegressionMixture;

/**
 * A regression mixture predicts its response from the covariates alone: closed form for the
 * fixture's gaussian mixture of {@code mpg ~ wt} (identity link), each component's mean
 * β0j + β1j·wt and their π-weighted sum, to 1e-12 relative.
 */
class RegmixResponsePredictionTest {
    @Test
    void predictedMeanIsTheWeightedComponentMeans() throws Exception {
        FittedRegmix model = (FittedRegmix) ModelKinds.read(new ObjectMapper().readTree(
                ModelKindsConformanceTest.resource("regmix.json")), "regmix.json");
        Frame rows = ModelKindsConformanceTest.frame(new String(ModelKindsConformanceTest.resource("regmix.csv"),
                StandardCharsets.UTF_8));
        Frame covariates = Frame.of(java.util.List.of("wt"), java.util.List.of(rows.numeric("wt")));
        ResponsePredictor.Prediction p = model.predict(covariates);
        RegressionMixture m = model.mixture();
        assertThat(p.names()).containsExactly("fit", "fit0", "fit1");
        double[] wt = rows.numeric("wt");
        for (int i = 0; i < wt.length; i++) {
            double expected = 0;
            for (int j = 0; j < 2; j++) {
                double mu = m.coefficients(j)[0] + m.coefficients(j)[1] * wt[i];
                assertThat(p.columns().get(1 + j)[i]).isCloseTo(mu, within(1e-12 * Math.abs(mu)));
                expected += m.weights()[j] * mu;
            }
            assertThat(p.columns().get(0)[i]).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
        }
    }
}
