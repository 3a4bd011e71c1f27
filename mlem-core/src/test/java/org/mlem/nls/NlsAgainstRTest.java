package org.mlem.nls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;

/**
 * Oracle: R 4.2 nls (tools/reference/nls_puromycin.R, tol 1e-8) on the Puromycin data, unweighted
 * and weighted. Tolerance 1e-6 relative (R's tol 1e-8 leaves ~1e-8..1e-7 in its estimates).
 */
class NlsAgainstRTest {
    private static final String FORMULA = "rate ~ Vm * conc / (K + conc)";
    private static final Map<String, Double> START = Map.of("Vm", 200.0, "K", 0.1);

    private static List<String[]> csv(String name) throws IOException {
        try (InputStream in = NlsAgainstRTest.class.getResourceAsStream("/fixtures/r/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                    .map(l -> l.replace("\"", "").split(",")).toList();
        }
    }

    private static Map<String, Double> reference(String caseName) throws IOException {
        Map<String, Double> out = new HashMap<>();
        for (String[] row : csv("nls_puromycin_reference.csv")) {
            if (row[0].equals(caseName)) {
                out.put(row[1], Double.parseDouble(row[2]));
            }
        }
        return out;
    }

    private static DataMatrix data(boolean weighted) throws IOException {
        List<String[]> rows = csv("nls_puromycin.csv");
        double[] values = new double[rows.size() * 2];
        double[] w = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            values[2 * i] = Double.parseDouble(rows.get(i)[0]);
            values[2 * i + 1] = Double.parseDouble(rows.get(i)[1]);
            w[i] = Double.parseDouble(rows.get(i)[2]);
        }
        DataMatrix d = DataMatrix.of(values, rows.size(), 2, List.of("conc", "rate"));
        return weighted ? d.withWeights(w) : d;
    }

    private static void assertMatches(NlsFit fit, Map<String, Double> r) {
        assertThat(fit.converged()).as(fit.message()).isTrue();
        for (String p : List.of("Vm", "K")) {
            assertThat(fit.estimate(p)).isCloseTo(r.get(p), within(1e-6 * Math.abs(r.get(p))));
            assertThat(fit.standardError(p)).isCloseTo(r.get("se_" + p), within(1e-6 * r.get("se_" + p)));
        }
        assertThat(fit.residualSumOfSquares()).isCloseTo(r.get("rss"), within(1e-9 * r.get("rss")));
        assertThat(fit.residualSd()).isCloseTo(r.get("sigma"), within(1e-9 * r.get("sigma")));
        assertThat(fit.logLikelihood()).isCloseTo(r.get("logLik"), within(1e-9 * Math.max(1, Math.abs(r.get("logLik")))));
        assertThat(fit.aic()).isCloseTo(r.get("AIC"), within(1e-9 * r.get("AIC")));
        assertThat(fit.bic()).isCloseTo(r.get("BIC"), within(1e-9 * r.get("BIC")));
        assertThat((double) fit.dfResidual()).isEqualTo(r.get("df"));
    }

    @Test
    void unweightedMatchesR() throws IOException {
        assertMatches(NlsEstimator.of(FORMULA, START).fit(data(false)), reference("unweighted"));
    }

    @Test
    void weightedMatchesR() throws IOException {
        assertMatches(NlsEstimator.of(FORMULA, START).fit(data(true)), reference("weighted"));
    }

    /** Law: integer case weights equal repeated rows (estimates to 1e-9 relative). */
    @Test
    void integerWeightsEqualRepeatedRows() {
        double[] x = {0.5, 1, 2, 3, 4, 6};
        double[] y = {1.1, 1.9, 3.2, 3.9, 4.4, 4.9};
        double[] w = {1, 3, 1, 2, 1, 1};
        NlsEstimator est = NlsEstimator.of("y ~ a * (1 - exp(-b * x))", Map.of("a", 5.0, "b", 0.5));
        NlsFit weighted = est.fit(Map.of("x", x, "y", y), w);
        double[] xr = {0.5, 1, 1, 1, 2, 3, 3, 4, 6};
        double[] yr = {1.1, 1.9, 1.9, 1.9, 3.2, 3.9, 3.9, 4.4, 4.9};
        NlsFit repeated = est.fit(Map.of("x", xr, "y", yr), null);
        for (String p : List.of("a", "b")) {
            assertThat(weighted.estimate(p)).isCloseTo(repeated.estimate(p), within(1e-9 * repeated.estimate(p)));
        }
        assertThat(weighted.residualSumOfSquares())
                .isCloseTo(repeated.residualSumOfSquares(), within(1e-9 * repeated.residualSumOfSquares()));
    }

    @Test
    void userMistakesAreNamed() {
        Map<String, double[]> cols = Map.of("x", new double[] {1, 2, 3}, "y", new double[] {1, 2, 3});
        Map<String, Double> start = new LinkedHashMap<>();
        start.put("a", 1.0);
        assertThatThrownBy(() -> NlsEstimator.of("y ~ a * z", start).fit(cols, null))
                .isInstanceOf(MlemUserException.class)
                .hasMessageContaining("'z' is neither a column");
        start.put("c", 2.0);
        assertThatThrownBy(() -> NlsEstimator.of("y ~ a * x", start).fit(cols, null))
                .hasMessageContaining("parameter 'c' has a starting value but the model");
        assertThatThrownBy(() -> NlsEstimator.of("y ~ a * x + c*x^2 + exp(x)", Map.of("a", 1.0, "c", 1.0,
                "x", 2.0)).fit(cols, null)).hasMessageContaining("both a column and a parameter");
        assertThatThrownBy(() -> NlsEstimator.of("y ~ a*x + c", Map.of("a", 1.0, "c", Double.NaN)))
                .hasMessageContaining("starting value of 'c'");
    }

    /**
     * A start outside the model's domain is a user error naming the row, as R's nls stops with
     * "Missing value or an infinity produced when evaluating the model" (it was a non-converged
     * fit that exited 0).
     */
    @Test
    void nonFiniteStartIsAUserError() {
        Map<String, double[]> cols = Map.of("x", new double[] {1, 2, 3, 4}, "y", new double[] {0, 0.7, 1.1, 1.4});
        assertThatThrownBy(() -> NlsEstimator.of("y ~ log(a * x)", Map.of("a", -1.0)).fit(cols, null))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("NaN at row 1 at the starting values")
                .hasMessageContaining("choose other --start values");
        assertThatThrownBy(() -> NlsEstimator.of("y ~ b1*exp(b2*x)", Map.of("b1", 1.0, "b2", 1000.0)).fit(cols, null))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("infinite at row 1");
    }
}
