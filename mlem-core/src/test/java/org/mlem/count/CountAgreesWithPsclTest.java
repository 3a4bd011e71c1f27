package org.mlem.count;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;

/**
 * Oracle: pscl 1.5.5 {@code zeroinfl} / {@code hurdle} (BFGS with reltol 1e-15) and
 * {@code pscl::vuong} against {@code glm} / {@code MASS::glm.nb}, written by
 * tools/reference/count_pscl.R. Tolerances (relative, absolute floor for values near 0): estimates,
 * log(theta) and log-likelihood 1e-6; standard errors 1e-5 (pscl's come from optim's
 * finite-difference Hessian, which this code reproduces); Vuong statistics 1e-6; term names exact. A
 * coefficient is compared on the scale max(|estimate|, its standard error): near zero the
 * log-likelihood is flat to double precision within about 1e-7 standard errors of the optimum (its
 * change there is below one ulp of logLik), so neither optimiser can fix more digits than that.
 */
class CountAgreesWithPsclTest {
    private static final double EST = 1e-6;
    private static final double SE = 1e-5;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zeroinfl_poisson_biochemists", "zeroinfl_negbin_biochemists", "hurdle_poisson_biochemists",
        "hurdle_negbin_biochemists", "zeroinfl_poisson_biochemists_full", "zeroinfl_negbin_biochemists_full",
        "hurdle_poisson_biochemists_full", "hurdle_negbin_biochemists_full", "zeroinfl_poisson_recreation",
        "zeroinfl_negbin_recreation", "hurdle_poisson_recreation", "hurdle_negbin_recreation"})
    void matchesPscl(String name) throws Exception {
        JsonNode r = json(name);
        CountModelKind kind = CountModelKind.valueOf(r.get("model").asText().toUpperCase(java.util.Locale.ROOT));
        CountDistribution dist = CountDistribution.byName(r.get("dist").asText());
        CountFormula formula = CountFormula.parse(r.get("formula").asText());
        CountFormula.Designs d = formula.designs(frame(r.get("data").asText()), DesignSpec.DEFAULTS);
        CountFit fit = new CountEstimator(kind, dist, CountOptions.DEFAULTS).fit(d.y(), d.x(), d.countTerms(), d.z(),
                d.zeroTerms());

        assertThat(fit.converged()).isTrue();
        assertThat(fit.rows()).isEqualTo(r.get("n").asInt());
        assertPart(r.get("count"), fit.countTerms(), fit.countCoefficients(), fit.countStandardErrors());
        assertPart(r.get("zero"), fit.zeroTerms(), fit.zeroCoefficients(), fit.zeroStandardErrors());
        close(fit.logLikelihood(), r.get("logLikelihood").asDouble(), EST);
        close(fit.aic(), r.get("aic").asDouble(), EST);
        close(fit.bic(), r.get("bic").asDouble(), EST);
        assertThat(fit.nParameters()).isEqualTo(r.get("df").asInt());
        if (dist == CountDistribution.NEGBIN) {
            close(fit.logTheta(), r.get("logTheta").asDouble(), EST);
            close(fit.logThetaStandardError(), r.get("logThetaSe").asDouble(), SE);
            close(fit.thetaStandardError(), r.get("thetaSe").asDouble(), SE);
        }

        CountFit plain = new CountEstimator(CountModelKind.PLAIN, dist, CountOptions.DEFAULTS).fit(d.y(), d.x(),
                d.countTerms(), null, List.of());
        close(plain.logLikelihood(), r.get("plainLogLikelihood").asDouble(), EST);
        VuongComparison v = VuongComparison.of(fit.rowLogLikelihoods(), fit.nCoefficients(), plain.rowLogLikelihoods(),
                plain.nCoefficients());
        JsonNode rv = r.get("vuong");
        close(v.raw(), rv.get("raw").asDouble(), EST);
        close(v.aicCorrected(), rv.get("aic").asDouble(), EST);
        close(v.bicCorrected(), rv.get("bic").asDouble(), EST);
        close(v.pRaw(), rv.get("pRaw").asDouble(), EST);
        close(v.pAic(), rv.get("pAic").asDouble(), EST);
        close(v.pBic(), rv.get("pBic").asDouble(), EST);
    }

    private static void assertPart(JsonNode part, List<String> terms, double[] est, double[] se) {
        List<String> names = new ArrayList<>();
        part.get("coefficients").fieldNames().forEachRemaining(names::add);
        assertThat(terms).containsExactlyElementsOf(names);
        for (int j = 0; j < names.size(); j++) {
            double expectedSe = part.get("standardErrors").get(names.get(j)).asDouble();
            double expected = part.get("coefficients").get(names.get(j)).asDouble();
            assertThat(est[j]).as(names.get(j)).isCloseTo(expected, within(EST * Math.max(Math.abs(expected), expectedSe)));
            close(se[j], expectedSe, SE);
        }
    }

    private static void close(double actual, double expected, double rtol) {
        assertThat(actual).isCloseTo(expected, within(rtol * Math.max(Math.abs(expected), 1e-3)));
    }

    static JsonNode json(String name) throws IOException {
        try (InputStream in = CountAgreesWithPsclTest.class.getResourceAsStream("/fixtures/r/count/" + name + ".json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Frame frame(String csv) throws URISyntaxException {
        return Frame.readCsv(Path.of(CountAgreesWithPsclTest.class.getResource("/fixtures/r/count/" + csv).toURI()));
    }
}
