package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.hipparchus.special.Gamma;
import org.mlem.count.CountDistribution;
import org.mlem.count.CountFormula;
import org.mlem.count.CountModel;
import org.mlem.count.CountModelKind;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.model.FittedCount;
import org.mlem.model.ModelKinds;
import org.mlem.testkit.Fixtures;

/**
 * {@code mlem fit zeroinfl|hurdle} end to end. Oracle: pscl 1.5.5's zeroinfl / hurdle / vuong
 * (tools/reference/count_pscl.R, mlem-core's fixtures). Tolerances as mlem-core's
 * CountAgreesWithPsclTest: estimates, logLik, AIC, BIC, Vuong 1e-6 relative (coefficients on the
 * scale max(|estimate|, standard error)); standard errors and theta's 1e-5.
 */
class FitCountEndToEndTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zeroinfl_poisson_biochemists", "zeroinfl_negbin_biochemists", "hurdle_poisson_recreation",
        "hurdle_negbin_recreation"})
    void jsonMatchesPscl(String name) throws IOException {
        JsonNode r = Fixtures.json("r/count/" + name + ".json");
        String csv = Resources.copy(dir, "/fixtures/r/count/" + r.get("data").asText());
        JsonNode j = json(Cli.run("fit", r.get("model").asText(), r.get("formula").asText(), "--dist",
                r.get("dist").asText(), "--json", csv));
        assertThat(j.get("model").asText()).isEqualTo(r.get("model").asText());
        assertThat(j.get("n").asInt()).isEqualTo(r.get("n").asInt());
        assertThat(j.get("nParameters").asInt()).isEqualTo(r.get("df").asInt());
        assertThat(j.get("converged").asBoolean()).isTrue();
        for (String part : List.of("count", "zero")) {
            List<String> terms = new ArrayList<>();
            j.get(part).get("coefficients").fieldNames().forEachRemaining(terms::add);
            List<String> rTerms = new ArrayList<>();
            r.get(part).get("coefficients").fieldNames().forEachRemaining(rTerms::add);
            assertThat(terms).as(part).containsExactlyElementsOf(rTerms);
            for (String t : terms) {
                double se = r.get(part).get("standardErrors").get(t).asDouble();
                double est = r.get(part).get("coefficients").get(t).asDouble();
                assertThat(j.get(part).get("coefficients").get(t).asDouble()).as(part + " " + t)
                        .isCloseTo(est, within(1e-6 * Math.max(Math.abs(est), se)));
                close(j.get(part).get("standardErrors").get(t).asDouble(), se, 1e-5);
            }
        }
        close(j.get("logLikelihood").asDouble(), r.get("logLikelihood").asDouble(), 1e-6);
        close(j.get("aic").asDouble(), r.get("aic").asDouble(), 1e-6);
        close(j.get("bic").asDouble(), r.get("bic").asDouble(), 1e-6);
        close(j.get("plain").get("logLikelihood").asDouble(), r.get("plainLogLikelihood").asDouble(), 1e-6);
        close(j.get("vuong").get("raw").asDouble(), r.get("vuong").get("raw").asDouble(), 1e-6);
        close(j.get("vuong").get("aicCorrected").asDouble(), r.get("vuong").get("aic").asDouble(), 1e-6);
        close(j.get("vuong").get("bicCorrected").asDouble(), r.get("vuong").get("bic").asDouble(), 1e-6);
        close(j.get("vuong").get("pBic").asDouble(), r.get("vuong").get("pBic").asDouble(), 1e-6);
        if (r.get("dist").asText().equals("negbin")) {
            close(j.get("theta").asDouble(), r.get("theta").asDouble(), 1e-6);
            close(j.get("thetaStandardError").asDouble(), r.get("thetaSe").asDouble(), 1e-5);
        }
    }

    /**
     * {@code --weights}: whole weights (i mod 3) fit as the rows repeated (oracle: the unweighted fit
     * of a file holding each row w times; 1e-8 relative in ℓ and the coefficients, absolute below 1),
     * for zeroinfl; a negative weight is exit 2, one line naming the weights column's cell.
     */
    @Test
    void wholeWeightsFitAsRepeatedRows() throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(Path.of(Resources.copy(dir, "/fixtures/r/count/biochemists.csv")));
        StringBuilder weighted = new StringBuilder(lines.get(0)).append(",w\n");
        StringBuilder repeated = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            weighted.append(lines.get(i)).append(',').append((i - 1) % 3).append('\n');
            repeated.append((lines.get(i) + "\n").repeat((i - 1) % 3));
        }
        Path w = java.nio.file.Files.writeString(dir.resolve("weighted.csv"), weighted);
        Path r = java.nio.file.Files.writeString(dir.resolve("repeated.csv"), repeated);
        String formula = "art ~ fem + mar + kid5 + phd + ment | ment";
        for (String model : List.of("zeroinfl")) { // hurdle's weights: mlem-core's CountWeightsTest
            JsonNode a = json(Cli.run("fit", model, formula, "--weights", "w", "--json", w.toString()));
            JsonNode b = json(Cli.run("fit", model, formula, "--json", r.toString()));
            close(a.get("logLikelihood").asDouble(), b.get("logLikelihood").asDouble(), 1e-8);
            close(a.get("plain").get("logLikelihood").asDouble(), b.get("plain").get("logLikelihood").asDouble(), 1e-8);
            for (String part : List.of("count", "zero")) {
                b.get(part).get("coefficients").fields().forEachRemaining(e -> assertThat(
                        a.get(part).get("coefficients").get(e.getKey()).asDouble()).as(model + " " + part + " " + e.getKey())
                        .isCloseTo(e.getValue().asDouble(), within(1e-8 * Math.max(1, Math.abs(e.getValue().asDouble())))));
            }
        }
        java.nio.file.Files.writeString(w, weighted.toString().replaceFirst(",1\n", ",-1\n"));
        Cli.Run bad = Cli.run("fit", "zeroinfl", formula, "--weights", "w", w.toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err().strip()).doesNotContain("\n").contains("weighted.csv:3").contains("weights 'w'")
                .contains("the weight -1.0");
    }

    private static void close(double actual, double expected, double rtol) {
        assertThat(actual).isCloseTo(expected, within(rtol * Math.max(Math.abs(expected), 1e-3)));
    }

    /**
     * --em (Lambert's EM, then Newton) reaches pscl's optimum too: logLik 1e-10 relative to the
     * fit without it, coefficients 1e-7 of their standard errors; --em on a hurdle is exit 2.
     */
    @Test
    void emStartReachesTheSameOptimum() throws IOException {
        String csv = Resources.copy(dir, "/fixtures/r/count/biochemists.csv");
        String formula = "art ~ fem + mar + kid5 + phd + ment | ment";
        JsonNode plain = json(Cli.run("fit", "zeroinfl", formula, "--json", csv));
        JsonNode em = json(Cli.run("fit", "zeroinfl", formula, "--em", "--json", csv));
        double ll = plain.get("logLikelihood").asDouble();
        assertThat(em.get("logLikelihood").asDouble()).isCloseTo(ll, within(1e-10 * Math.abs(ll)));
        for (String part : List.of("count", "zero")) {
            plain.get(part).get("coefficients").fieldNames().forEachRemaining(t -> assertThat(
                    em.get(part).get("coefficients").get(t).asDouble()).as(part + " " + t).isCloseTo(
                    plain.get(part).get("coefficients").get(t).asDouble(),
                    within(1e-7 * plain.get(part).get("standardErrors").get(t).asDouble())));
        }
        Cli.Run hurdle = Cli.run("fit", "hurdle", formula, "--em", csv);
        assertThat(hurdle.status()).isEqualTo(2);
        assertThat(hurdle.err()).contains("--em applies to zero-inflated models");
    }

    /** The summary names both parts and prints Vuong's three statistics. */
    @Test
    void summaryHasBothPartsAndVuong() {
        String csv = Resources.copy(dir, "/fixtures/r/count/biochemists.csv");
        Cli.Run run = Cli.run("fit", "zeroinfl", "art ~ fem + mar + kid5 + phd + ment | ment", csv);
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Count model coefficients (poisson with log link):",
                "Zero-inflation model coefficients (binomial with logit link):", "Raw", "AIC-corrected", "BIC-corrected");
    }

    /** Negative, fractional counts and no zeros: exit 2, one line naming the file, line and fix; no stack trace. */
    @Test
    void badCountsAreOneLineErrors() throws IOException {
        String neg = Cli.file(dir, "neg.csv", "y,x\n0,1\n-1,2\n3,3\n");
        Cli.Run a = Cli.run("fit", "hurdle", "y ~ x", neg);
        assertThat(a.status()).isEqualTo(2);
        assertThat(a.err().strip()).contains("neg.csv:3:", "the count -1 is not a whole number >= 0").doesNotContain("\n");
        String frac = Cli.file(dir, "frac.csv", "y,x\n0,1\n1.5,2\n3,3\n");
        Cli.Run b = Cli.run("fit", "zeroinfl", "y ~ x", frac);
        assertThat(b.status()).isEqualTo(2);
        assertThat(b.err().strip()).contains("frac.csv:3:", "the count 1.5").doesNotContain("\n");
        String none = Cli.file(dir, "nz.csv", "y,x\n1,1\n2,2\n3,3\n");
        Cli.Run c = Cli.run("fit", "zeroinfl", "y ~ x", none);
        assertThat(c.status()).isEqualTo(2);
        assertThat(c.err().strip()).contains("no count is 0", "fit glm").doesNotContain("\n");
    }

    /**
     * --plot draws observed against expected count frequencies (and the hanging rootogram). The
     * expected frequencies it draws ({@link CountPicture}) are Σ_i P(Y_i = k) with the pmf written
     * out here from the definitions (pscl's zero-inflated Poisson: π + (1 − π)e^(−μ) at 0,
     * (1 − π)·Poisson(k; μ) above; its negbin hurdle: 1 − p at 0, p·NB(k; μ, θ) / (1 − NB(0; μ, θ))
     * above) at the fit's coefficients, the last count's being Σ_{j ≥ max} up to 400: 1e-9 relative
     * (1e-9 absolute below 1), the coefficients read from the fit's --out file; they sum to n (1e-9
     * relative); the observed are the counts of y.
     */
    @Test
    void plotDrawsObservedAgainstExpectedFrequencies() throws IOException {
        String csv = Resources.copy(dir, "/fixtures/r/count/biochemists.csv");
        Frame frame = Frame.readCsv(Path.of(csv));
        Object[][] cases = {{CountModelKind.ZEROINFL, CountDistribution.POISSON, "art ~ fem + ment | ment"},
            {CountModelKind.HURDLE, CountDistribution.NEGBIN, "art ~ fem + ment"}};
        for (Object[] c : cases) {
            CountModelKind kind = (CountModelKind) c[0];
            CountDistribution dist = (CountDistribution) c[1];
            String formula = (String) c[2];
            Path png = dir.resolve(kind + ".png");
            Path out = dir.resolve(kind + ".json");
            Cli.Run r = Cli.run("fit", kind.name().toLowerCase(java.util.Locale.ROOT), formula, "--dist", dist.label(),
                    "--plot", png.toString(), "--out", out.toString(), csv);
            assertThat(r.status()).as(r.err()).isZero();
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(1400);
            assertThat(image.getHeight()).isEqualTo(600);

            CountFormula.Designs d = CountFormula.parse(formula).designs(
                    Frame.of(List.of("art", "fem", "ment"), List.of(frame.numeric("art"), frame.text("fem"),
                            frame.numeric("ment"))), DesignSpec.DEFAULTS);
            CountModel fit = ((FittedCount) ModelKinds.read(out)).file().model();
            CountPicture picture = CountPicture.of(fit, d);
            double[] y = d.y();
            int max = (int) java.util.Arrays.stream(y).max().orElseThrow();
            assertThat(picture.expected()).hasSize(max + 1);
            double[] want = new double[max + 1];
            double[] observed = new double[max + 1];
            for (int i = 0; i < y.length; i++) {
                observed[(int) y[i]]++;
                double mu = Math.exp(dot(d.x()[i], fit.count()));
                double p = 1 / (1 + Math.exp(-dot(d.z()[i], fit.zero())));
                for (int k = 0; k <= 400; k++) {
                    want[Math.min(k, max)] += kind == CountModelKind.ZEROINFL
                            ? (k == 0 ? p : 0) + (1 - p) * Math.exp(-mu + k * Math.log(mu) - Gamma.logGamma(k + 1.0))
                            : k == 0 ? 1 - p : p * negbin(k, mu, fit.theta()) / (1 - negbin(0, mu, fit.theta()));
                }
            }
            assertThat(picture.observed()).containsExactly(observed);
            double sum = 0;
            for (int k = 0; k <= max; k++) {
                assertThat(Math.abs(picture.expected()[k] - want[k])).as("%s %d", kind, k)
                        .isLessThanOrEqualTo(1e-9 * Math.max(1, want[k]));
                sum += picture.expected()[k];
            }
            assertThat(Math.abs(sum - y.length)).isLessThanOrEqualTo(1e-9 * y.length);
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < b.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    /** NB(k; μ, θ) = Γ(k + θ) / (Γ(θ) k!) (θ / (θ + μ))^θ (μ / (θ + μ))^k. */
    private static double negbin(int k, double mu, double theta) {
        return Math.exp(Gamma.logGamma(k + theta) - Gamma.logGamma(theta) - Gamma.logGamma(k + 1.0)
                + theta * Math.log(theta / (theta + mu)) + k * Math.log(mu / (theta + mu)));
    }
}
