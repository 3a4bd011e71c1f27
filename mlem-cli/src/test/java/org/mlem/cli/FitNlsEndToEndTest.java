package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.io.ModelJson;

/**
 * {@code mlem fit nls} end to end on R's Puromycin (treated) data. Oracle: R 4.2's
 * {@code nls(rate ~ Vm*conc/(K+conc), start = list(Vm = 200, K = 0.1))}, unweighted and with
 * {@code weights = w} (fixtures/r/nls_puromycin_reference.csv), 1e-6 relative as in mlem-core's
 * NlsAgainstRTest; R's printed summary for the layout.
 */
class FitNlsEndToEndTest {
    @TempDir
    Path dir;

    private static Map<String, Double> reference(String which) throws IOException {
        Map<String, Double> m = new HashMap<>();
        try (InputStream in = FitNlsEndToEndTest.class.getResourceAsStream("/fixtures/r/nls_puromycin_reference.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].replace("\"", "").split(",");
                if (f[0].equals(which)) {
                    m.put(f[1], Double.parseDouble(f[2]));
                }
            }
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"unweighted", "weighted"})
    void jsonEqualsR(String which) throws IOException {
        String csv = Resources.copy(dir, "/fixtures/r/nls_puromycin.csv");
        Cli.Run r = which.equals("weighted")
                ? Cli.run("fit", "nls", "--json", "--formula", "rate ~ Vm*conc/(K+conc)", "--start", "Vm=200,K=0.1",
                        "--weights", "w", csv)
                : Cli.run("fit", "nls", "--json", "--formula", "rate ~ Vm*conc/(K+conc)", "--start", "Vm=200,K=0.1", csv);
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = ModelJson.mapper().readTree(r.out());
        Map<String, Double> ref = reference(which);
        close(j.get("parameters").get("Vm").asDouble(), ref.get("Vm"));
        close(j.get("parameters").get("K").asDouble(), ref.get("K"));
        close(j.get("standardErrors").get("Vm").asDouble(), ref.get("se_Vm"));
        close(j.get("standardErrors").get("K").asDouble(), ref.get("se_K"));
        close(j.get("residualSumOfSquares").asDouble(), ref.get("rss"));
        close(j.get("residualSd").asDouble(), ref.get("sigma"));
        close(j.get("logLikelihood").asDouble(), ref.get("logLik"));
        close(j.get("aic").asDouble(), ref.get("AIC"));
        close(j.get("bic").asDouble(), ref.get("BIC"));
        assertThat(j.get("dfResidual").asInt()).isEqualTo(ref.get("df").intValue());
        assertThat(j.get("nParameters").asInt()).isEqualTo(3); // Vm, K and sigma, as R's logLik df
        assertThat(j.get("model").asText()).isEqualTo("nls");
        assertThat(j.get("converged").asBoolean()).isTrue();
    }

    private static void close(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(1e-6 * Math.abs(expected)));
    }

    /** Oracle: R 4.2's print of summary(nls(...)) for the unweighted fit. */
    @Test
    void summaryHasRsParametersTable() {
        String csv = Resources.copy(dir, "/fixtures/r/nls_puromycin.csv");
        Cli.Run r = Cli.run("fit", "nls", "--formula", "rate ~ Vm*conc/(K+conc)", "--start", "Vm=200,K=0.1", csv);
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains(String.join(System.lineSeparator(),
                "Parameters:",
                "    Estimate Std. Error t value Pr(>|t|)",
                "Vm 2.127e+02  6.947e+00  30.615 3.24e-11 ***",
                "K  6.412e-02  8.281e-03   7.743 1.57e-05 ***"))
                .contains("Residual standard error: 10.93 on 10 degrees of freedom")
                .contains("Number of iterations to convergence:");
    }

    /** An iteration limit too small: converged false with the reason, exit 0. */
    @Test
    void nonConvergenceIsAResult() throws IOException {
        String csv = Resources.copy(dir, "/fixtures/r/nls_puromycin.csv");
        Cli.Run r = Cli.run("fit", "nls", "--json", "--max-iter", "1", "--formula", "rate ~ Vm*conc/(K+conc)", "--start",
                "Vm=200,K=0.1", csv);
        assertThat(r.status()).isZero();
        assertThat(ModelJson.mapper().readTree(r.out()).get("converged").asBoolean()).isFalse();
        assertThat(r.err()).contains("warning: did not converge");
        Path png = dir.resolve("n.png");
        Cli.Run s = Cli.run("fit", "nls", "--plot", png.toString(), "--formula", "rate ~ Vm*conc/(K+conc)", "--start",
                "Vm=200,K=0.1", csv);
        assertThat(s.status()).isZero();
        assertThat(png).exists();
    }
}
