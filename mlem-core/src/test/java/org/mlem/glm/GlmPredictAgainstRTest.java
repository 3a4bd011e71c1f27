package org.mlem.glm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.io.FitJson;
import org.mlem.io.GlmJson;
import org.mlem.model.FittedGlm;
import org.mlem.model.FittedModel;
import org.mlem.model.ModelKinds;
import org.mlem.model.ResponsePredictor;
import org.mlem.model.RowScores;

/**
 * A GLM written as its model file and read back predicts on new rows as R's
 * {@code predict.glm(newdata, type = "link" / "response", se.fit = TRUE)} does; oracle
 * {@code tools/reference/glm_predict.R}; tolerance 1e-8 relative (agreement with R's IRLS from
 * the same start). Its per-row log-likelihoods on the fitting rows sum to the fit's. Fits with
 * orthogonal poly(), ns() and bs() terms keep the coefficients and knots R's makepredictcall keeps,
 * and code new rows with them (tools/reference/glm_predict_bases.R: gaussian and Poisson, new rows
 * across the fitted ranges, both ends included): 1e-9 relative.
 */
class GlmPredictAgainstRTest {
    private static final double RTOL = 1e-8;

    @Test
    void logisticPredictionsAgreeWithR() throws Exception {
        check(new Family.Binomial(), "am ~ wt + hp", "mtcars", Set.of(), "predict_logistic", RTOL);
    }

    @Test
    void polyNsBsTermsAreCodedWithTheFitsBasisAsRPredicts() throws Exception {
        check(new Family.Gaussian(), "mpg ~ poly(wt, 2) + ns(hp, 3) + bs(disp, 4)", "mtcars", Set.of(),
                "predict_bases_gaussian", 1e-9);
        check(new Family.Poisson(), "carb ~ poly(wt, 3) + ns(hp, df = 2)", "mtcars", Set.of(),
                "predict_bases_poisson", 1e-9);
    }

    @Test
    void poissonPredictionsAgreeWithR() throws Exception {
        check(new Family.Poisson(), "breaks ~ wool + tension", "warpbreaks", Set.of(), "predict_poisson", RTOL);
    }

    private static void check(Family family, String formula, String data, Set<String> text, String expected, double rtol)
            throws Exception {
        Frame frame = Fixtures.csv(data, text);
        Design design = Design.build(formula, frame, DesignSpec.DEFAULTS);
        GlmFit fit = new GlmEstimator(family, null, GlmOptions.DEFAULTS).fit(design);
        ObjectNode json = FitJson.glm(fit, frame.names(), 0, 0);
        GlmJson.bases(json, design.bases());
        FittedModel model = ModelKinds.read(json, "test");
        assertThat(model).isInstanceOf(FittedGlm.class);

        Frame r = Fixtures.csv(expected, Set.of("wool", "tension"));
        ResponsePredictor.Prediction p = ((ResponsePredictor) model).predict(r);
        assertThat(p.names()).containsExactly("fit", "se.fit", "link", "se.link");
        for (int c = 0; c < 4; c++) {
            double[] want = r.numeric(p.names().get(c));
            double[] got = p.columns().get(c);
            for (int i = 0; i < want.length; i++) {
                assertThat(got[i]).as("%s row %d", p.names().get(c), i).isCloseTo(want[i], within(rtol * Math.abs(want[i])));
            }
        }

        double total = ((RowScores) model).logLikelihood(frame);
        assertThat(total).isCloseTo(fit.logLikelihood(), within(1e-10 * Math.abs(fit.logLikelihood())));
        assertThat(model.parameterNames()).isEqualTo(List.copyOf(fit.coefficientMap().keySet()));
    }
}
