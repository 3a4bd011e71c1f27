package org.mlem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;
import org.mlem.glm.GlmEstimator;
import org.mlem.glm.GlmFit;
import org.mlem.glm.Link;

/**
 * {@code sample} then {@code fit glm} recovers a GLM file's parameters, family by family: responses
 * drawn given {@value #N} covariate rows (x on a grid over [0, 1]), refitted by {@link GlmEstimator}
 * with the file's family and link. Oracle: the file's coefficients; tolerance {@value #SES} of the
 * refit's standard errors. The dispersion (gaussian, Gamma, inverse Gaussian) and negbin's θ within
 * {@value #RTOL} relative. Quasi and Tweedie files are refused, saying why.
 */
class GlmSampleThenFitTest {
    private static final int N = 4000;
    private static final double SES = 4;
    private static final double RTOL = 0.15;

    @Test
    void gaussianDrawsRefitToTheFile() throws Exception {
        GlmFit fit = check("gaussian", "identity", "", 1.0, 2.0, 0.25, null);
        assertThat(fit.dispersion()).isCloseTo(0.25, within(RTOL * 0.25));
    }

    @Test
    void poissonAndNegbinDrawsRefitToTheFile() throws Exception {
        check("poisson", "log", "", 0.5, 1.0, 1, null);
        GlmFit nb = check("negbin", "log", ", \"theta\": 2", 0.5, 1.0, 1, null);
        assertThat(nb.theta()).isCloseTo(2.0, within(RTOL * 2));
    }

    @Test
    void binomialDrawsBernoulliOrOutOfTheTrials() throws Exception {
        check("binomial", "logit", "", -0.5, 1.5, 1, null);
        check("binomial", "logit", ", \"weightsColumn\": \"n\"", -0.5, 1.5, 1, "n");
    }

    @Test
    void gammaAndInverseGaussianDrawsRefitToTheFile() throws Exception {
        GlmFit g = check("gamma", "log", "", 1.0, 0.5, 0.5, null);
        assertThat(g.dispersion()).isCloseTo(0.5, within(RTOL * 0.5));
        GlmFit ig = check("inverse.gaussian", "log", "", 0.5, 0.5, 0.2, null);
        assertThat(ig.dispersion()).isCloseTo(0.2, within(RTOL * 0.2));
    }

    /** A cbind response's two columns: successes drawn out of the rows' successes + failures, which stay the trials. */
    @Test
    void aCbindResponseDrawsBothColumns() throws Exception {
        FittedGlm m = model("{\"model\": \"glm\", \"family\": \"binomial\", \"formula\": \"cbind(s, f) ~ x\","
                + " \"coefficients\": {\"(Intercept)\": -0.5, \"x\": 1.5}}");
        DataMatrix drawn = m.sample(rows(true), 5);
        assertThat(drawn.columns()).containsExactly("s", "f");
        double[] trials = rows(true).numeric("n");
        for (int i = 0; i < drawn.rows(); i++) {
            assertThat(drawn.get(i, 0) + drawn.get(i, 1)).isEqualTo(trials[i]);
        }
    }

    @Test
    void quasiAndTweedieFilesAreRefusedInOneLine() throws Exception {
        for (String family : List.of("quasipoisson", "tweedie:1.5")) {
            FittedGlm m = model("{\"model\": \"glm\", \"family\": \"" + family + "\", \"link\": \"log\", \"formula\": \"y ~ x\","
                    + " \"coefficients\": {\"(Intercept)\": 0.5, \"x\": 1}}");
            assertThatThrownBy(() -> m.sample(rows(false), 1)).isInstanceOf(MlemUserException.class)
                    .hasMessageContaining("no full likelihood to draw from").hasMessageNotContaining("\n");
            assertThatThrownBy(m::sampleInput).isInstanceOf(MlemUserException.class);
        }
    }

    /**
     * Draws from the file, checks the same seed gives the same bits, refits and checks the coefficients.
     *
     * @param extra more JSON fields of the file
     * @param weights the prior weights' column of the file and the refit, or null
     */
    private static GlmFit check(String family, String link, String extra, double b0, double b1, double dispersion,
            String weights) throws Exception {
        FittedGlm m = model("{\"model\": \"glm\", \"family\": \"" + family + "\", \"link\": \"" + link + "\","
                + " \"formula\": \"y ~ x\", \"coefficients\": {\"(Intercept)\": " + b0 + ", \"x\": " + b1 + "},"
                + " \"dispersion\": " + dispersion + extra + "}");
        Frame rows = rows(false);
        DataMatrix drawn = m.sample(rows, 11);
        assertThat(m.sample(rows, 11).values()).isEqualTo(drawn.values());
        assertThat(m.sample(rows, 12).values()).isNotEqualTo(drawn.values());
        Frame data = Frame.builder().numeric("x", rows.numeric("x")).numeric("n", rows.numeric("n"))
                .numeric("y", drawn.values()).build();
        Family f = family.equals("negbin") ? Family.NegativeBinomial.estimated() : Family.byName(family);
        DesignSpec spec = weights == null ? DesignSpec.DEFAULTS : DesignSpec.DEFAULTS.withWeights(weights);
        GlmFit fit = new GlmEstimator(f, Link.byName(link), null).fit("y ~ x", data, spec);
        double[] want = {b0, b1};
        for (int j = 0; j < 2; j++) {
            assertThat(fit.coefficients().get(j).estimate()).as("%s coefficient %d", family, j)
                    .isCloseTo(want[j], within(SES * fit.coefficients().get(j).standardError()));
        }
        return fit;
    }

    /** x on a grid over [0, 1], trials n cycling 1..5 (and a cbind response's s + f = n), a placeholder y. */
    private static Frame rows(boolean cbind) {
        double[] x = new double[N];
        double[] n = new double[N];
        double[] s = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = (i + 0.5) / N;
            n[i] = 1 + i % 5;
            s[i] = i % 2;
        }
        Frame.Builder b = Frame.builder().numeric("x", x).numeric("n", n);
        if (cbind) {
            double[] fails = n.clone();
            for (int i = 0; i < N; i++) {
                fails[i] -= s[i];
            }
            b.numeric("s", s).numeric("f", fails);
        }
        return b.build();
    }

    private static FittedGlm model(String json) throws Exception {
        return (FittedGlm) ModelKinds.read(new ObjectMapper().readTree(json), "test.json");
    }
}
