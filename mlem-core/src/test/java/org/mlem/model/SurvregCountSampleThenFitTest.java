package org.mlem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.count.CountDistribution;
import org.mlem.count.CountEstimator;
import org.mlem.count.CountFit;
import org.mlem.count.CountFormula;
import org.mlem.count.CountModelKind;
import org.mlem.count.CountOptions;
import org.mlem.data.DataMatrix;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.survival.AftDistribution;
import org.mlem.survival.SurvivalFit;
import org.mlem.survival.SurvivalFormula;

/**
 * {@code sample} then {@code fit} recovers the parameters of the survreg, Tobit, zeroinfl and hurdle
 * kinds: responses drawn given the fixture's covariate rows repeated to about 9000 rows, refitted
 * by the same estimator. Oracle: the file's parameters; tolerance the recovery tier,
 * {@value #RTOL} relative plus {@value #ATOL} absolute (a coefficient near 0) for survreg and Tobit,
 * {@value #SES} standard errors for zeroinfl and hurdle, whose intercepts trade off against the zero
 * part and theta.
 */
class SurvregCountSampleThenFitTest {
    private static final int COPIES = 40;
    /** bioChemists has 915 rows: 10 copies, about as many as 40 of lung's 228. */
    private static final int COUNT_COPIES = 10;
    private static final double RTOL = 0.1;
    private static final double ATOL = 0.05;
    /** The count models' tolerance in standard errors of the drawn rows' fit: zero-inflation and theta make some coefficients loose. */
    private static final double SES = 5;

    @Test
    void survregDrawsRefitToTheFileParameters() throws Exception {
        FittedSurvreg m = (FittedSurvreg) kind("survreg");
        Frame rows = repeated("survreg", COPIES);
        DataMatrix drawn = m.sample(rows, 11);
        Frame data = with(rows, drawn);
        SurvivalFit fit = SurvivalFormula.survreg(m.file().formula(), data, DesignSpec.DEFAULTS,
                m.file().distribution());
        close(fit.coefficients(), m.file().coefficients());
        assertThat(fit.scale()).isCloseTo(m.file().scale(), within(RTOL * m.file().scale()));
    }

    @Test
    void tobitDrawsAreCensoredAndRefitToTheFileParameters() throws Exception {
        String tobit = "{\"model\": \"survreg\", \"dist\": \"gaussian\", \"formula\": \"y ~ age\", \"left\": 8,"
                + " \"right\": 11, \"coefficients\": {\"(Intercept)\": 6, \"age\": 0.05}, \"scale\": 2}";
        FittedSurvreg m = (FittedSurvreg) ModelKinds.read(new ObjectMapper().readTree(tobit), "tobit");
        Frame rows = repeated("survreg", COPIES);
        DataMatrix drawn = m.sample(rows, 12);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : drawn.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(8.0);
        assertThat(max).isEqualTo(11.0);
        SurvivalFit fit = SurvivalFormula.tobit("y ~ age", with(rows, drawn), DesignSpec.DEFAULTS, 8, 11,
                AftDistribution.GAUSSIAN);
        close(fit.coefficients(), m.file().coefficients());
        assertThat(fit.scale()).isCloseTo(2.0, within(RTOL * 2));
    }

    @Test
    void zeroinflAndHurdleDrawsRefitToTheFileParameters() throws Exception {
        for (String name : List.of("zeroinfl", "hurdle")) {
            FittedCount m = (FittedCount) kind(name);
            Frame data = with(repeated(name, COUNT_COPIES), m.sample(repeated(name, COUNT_COPIES), 13));
            CountFormula.Designs d = CountFormula.parse(m.file().formula()).designs(data, DesignSpec.DEFAULTS);
            CountFit fit = new CountEstimator(m.file().model().kind(), m.file().model().distribution(), CountOptions.DEFAULTS)
                    .fit(d.y(), d.x(), d.countTerms(), d.z(), d.zeroTerms());
            JsonNode root = new ObjectMapper().readTree(ModelKindsConformanceTest.resource(name + ".json"));
            withinStandardErrors(fit.countCoefficients(), m.file().model().count(), root.get("count").get("standardErrors"));
            withinStandardErrors(fit.zeroCoefficients(), m.file().model().zero(), root.get("zero").get("standardErrors"));
            if (m.file().model().distribution() == CountDistribution.NEGBIN) {
                assertThat(fit.theta()).isCloseTo(m.file().model().theta(), within(2 * RTOL * m.file().model().theta()));
            }
            assertThat(m.file().model().kind()).isNotEqualTo(CountModelKind.PLAIN);
        }
    }

    /** Within {@value #SES} of the file's standard errors scaled to the drawn rows (SE / √copies). */
    private static void withinStandardErrors(double[] got, double[] want, JsonNode se) {
        List<Double> errors = new java.util.ArrayList<>();
        se.forEach(v -> errors.add(v.asDouble()));
        assertThat(errors).hasSameSizeAs(want);
        for (int j = 0; j < want.length; j++) {
            assertThat(got[j]).as("coefficient %d", j).isCloseTo(want[j],
                    within(SES * errors.get(j) / Math.sqrt(COUNT_COPIES)));
        }
    }

    private static void close(double[] got, double[] want) {
        assertThat(got).hasSameSizeAs(want);
        for (int j = 0; j < want.length; j++) {
            assertThat(got[j]).as("coefficient %d", j).isCloseTo(want[j], within(RTOL * Math.abs(want[j]) + ATOL));
        }
    }

    private static FittedModel kind(String name) throws Exception {
        return ModelKinds.read(new ObjectMapper().readTree(ModelKindsConformanceTest.resource(name + ".json")), name);
    }

    /** The fixture's rows, {@code copies} times over. */
    private static Frame repeated(String name, int copies) throws Exception {
        String csv = new String(ModelKindsConformanceTest.resource(name + ".csv"), StandardCharsets.UTF_8);
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        StringBuilder b = new StringBuilder(lines.get(0)).append('\n');
        for (int c = 0; c < copies; c++) {
            lines.subList(1, lines.size()).forEach(l -> b.append(l).append('\n'));
        }
        return ModelKindsConformanceTest.frame(b.toString());
    }

    /** {@code rows} with the drawn columns in place of (or beside) their own. */
    private static Frame with(Frame rows, DataMatrix drawn) {
        Frame.Builder b = Frame.builder();
        for (String name : rows.names()) {
            if (!drawn.columns().contains(name)) {
                if (rows.isNumeric(name)) {
                    b.numeric(name, rows.numeric(name));
                } else {
                    b.text(name, rows.text(name));
                }
            }
        }
        for (int c = 0; c < drawn.cols(); c++) {
            double[] col = new double[drawn.rows()];
            for (int i = 0; i < col.length; i++) {
                col[i] = drawn.get(i, c);
            }
            b.numeric(drawn.columns().get(c), col);
        }
        return b.build();
    }
}
