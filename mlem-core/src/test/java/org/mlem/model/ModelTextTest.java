package org.mlem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlem.dist.Families;
import org.mlem.dist.FittedDistribution;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;
import org.mlem.glm.GlmEstimator;
import org.mlem.glm.GlmFit;
import org.mlem.gmm.GaussianMixture;
import org.mlem.missing.MvnParameters;
import org.mlem.mixture.ProductMixture;
import org.mlem.nls.NlsEstimator;
import org.mlem.nls.NlsFit;
import org.mlem.regmix.RegressionMixture;
import org.mlem.tmix.TMixture;

/**
 * Every model prints its kind and key numbers in one line, and the GLM and HMM summaries are
 * parameter tables. Oracle: the numbers in the fixture files of {@code fixtures/kinds} (and, for
 * the fits, the fit's own accessors).
 */
class ModelTextTest {
    private static FittedModel kind(String name) {
        return ModelKinds.read(Path.of("src/test/resources/fixtures/kinds/" + name + ".json"));
    }

    @Test
    void modelsPrintTheirKeyNumbersOnOneLine() {
        String gmm = ((FittedGmm) kind("gmm")).file().mixture().toString();
        assertThat(gmm).startsWith("GaussianMixture[k=2, d=2").contains("0.644127096628713").doesNotContain("\n");
        String tmix = ((FittedTmix) kind("tmix")).file().mixture().toString();
        assertThat(tmix).startsWith("TMixture[k=2").contains("0.35611806790816736", "19.15772449653018");
        String mvn = ((FittedMvn) kind("mvn")).file().parameters().toString();
        assertThat(mvn).startsWith("MvnParameters[d=2").contains("3.487783088235294", "70.8970588235294");
        String hmm = ((FittedHmm) kind("hmm")).hmm().toString();
        assertThat(hmm).contains("states=2", "0.4171664451478284");
        assertThat(((FittedMixture) kind("mixture")).mixture().toString()).startsWith("ProductMixture[weights=");
        assertThat(((FittedRegmix) kind("regmix")).file().mixture().toString()).startsWith("RegressionMixture[");
        assertThat(((FittedGmmda) kind("gmmda")).model().toString()).startsWith("GaussianDiscriminant[")
                .contains("classes=setosa (prior 0.3333333333333333, k=").contains("virginica").doesNotContain("\n", "[D@");

        FittedDistribution dist = Families.byName("poisson").fit(new double[] {1, 2, 3, 6});
        assertThat(dist.toString()).startsWith("FittedDistribution[").contains("3.0", "n=4.0");

        NlsFit nls = NlsEstimator.of("y ~ a * x + b", Map.of("a", 1.0, "b", 0.0))
                .fit(Map.of("x", new double[] {0, 1, 2, 3}, "y", new double[] {1, 3, 5, 8}), null);
        assertThat(nls.toString()).startsWith("NlsFit[").contains("a=" + nls.estimate("a"), "b=" + nls.estimate("b"));
        assertThat(nls.estimate("a")).isCloseTo(2.3, within(1e-9)); // least squares by hand

        GlmFit glm = GlmEstimator.of(new Family.Poisson())
                .fit("y ~ x", Frame.builder().numeric("y", 1, 2, 4, 7).numeric("x", 0, 1, 2, 3).build(),
                        DesignSpec.DEFAULTS);
        assertThat(glm.toString()).startsWith("GlmFit[poisson/log, y ~ x, (Intercept)=")
                .contains("x=" + glm.coefficients().get(1).estimate(), "aic=" + glm.aic());
    }

    /** Oracle: glm.json's coefficients and standard errors (R's glm on warpbreaks, breaks ~ wool). */
    @Test
    void glmSummaryIsACoefficientTable() {
        String s = kind("glm").summary();
        assertThat(s.lines().toList()).hasSize(5);
        assertThat(s).startsWith("glm poisson/log: breaks ~ wool").contains("estimate", "std.error");
        assertThat(s).containsPattern("\\(Intercept\\) +3\\.43518 +0\\.0345441")
                .containsPattern("woolB +-0\\.205988 +0\\.0515710");
    }

    /** Oracle: hmm.json's start probabilities and transition matrix. */
    @Test
    void hmmSummaryIsAStateTable() {
        String s = kind("hmm").summary();
        assertThat(s.lines().toList()).hasSize(4);
        assertThat(s).startsWith("hmm: 2 states, gaussian emissions").contains("to 0", "to 1", "mean=", "sd=");
        assertThat(s).containsPattern("0 +1\\.000000 +0\\.417166 +0\\.582834");
    }

    /**
     * Every kind's summary is a table that starts with its kind and holds the file's parameters to six
     * significant digits. Oracle: the fixture files' numbers, formatted by hand (%.6g).
     */
    @Test
    void everyKindSummarisesItsParameters() {
        for (ModelKind<?> k : ModelKinds.ALL) {
            String s = kind(k.name()).summary();
            assertThat(s).as(k.name()).startsWith(k.name()).doesNotContain("NaN");
            assertThat(s.lines().count()).as(k.name()).isGreaterThanOrEqualTo(2);
        }
        GaussianMixture g = ((FittedGmm) kind("gmm")).mixture();
        String gmm = kind("gmm").summary();
        assertThat(gmm).contains("component 0", "component 1", "mean eruptions", "cov eruptions,waiting");
        for (int j = 0; j < 2; j++) {
            assertThat(gmm).contains(six(g.weights()[j]), six(g.mean(j)[1]), six(g.covariance(j)[0][1]));
        }
        TMixture t = ((FittedTmix) kind("tmix")).mixture();
        assertThat(kind("tmix").summary()).contains("df", six(t.degreesOfFreedom()[0]), six(t.scale(1)[1][1]));
        ProductMixture pm = ((FittedMixture) kind("mixture")).mixture();
        assertThat(kind("mixture").summary()).containsPattern("lambda +" + java.util.regex.Pattern.quote(
                six((Double) pm.componentParameters().get(0).get("lambda"))));
        RegressionMixture rm = ((FittedRegmix) kind("regmix")).mixture();
        assertThat(kind("regmix").summary()).contains("wt", "sd", six(rm.coefficients(1)[1]), six(rm.sd(0)));
        MvnParameters mvn = ((FittedMvn) kind("mvn")).parameters();
        assertThat(kind("mvn").summary()).contains(six(mvn.mean()[0]), six(mvn.covariance()[0][1]));
        assertThat(kind("nls").summary()).contains("Vm", "K", "residual sum of squares");
        assertThat(kind("distribution").summary()).contains("mean", "sd");
    }

    private static String six(double v) {
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }
}
