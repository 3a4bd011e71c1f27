package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit glm} with the formula terms and families of issue 15 through the command line: a cbind
 * response, a yes/no response, offset() beside --offset, the quasi families; and the mistakes (a
 * spline with more df than distinct values, an unknown function, cbind with a family that cannot
 * take it), each exit 2 with one line naming the term and the fix. Oracle for the numbers: R 4.2,
 * glm(cbind(dead, alive) ~ dose, binomial) on the data below, 1e-6 relative.
 */
class GlmFormulaTermsEndToEndTest {
    @TempDir
    Path dir;

    private static final String DOSES = "dose,dead,alive,exposure,answer\n"
            + "1,1,19,10,no\n2,4,16,12,no\n3,9,11,9,yes\n4,13,7,14,no\n5,18,2,11,yes\n6,20,0,13,yes\n";

    private static void assertUserError(Cli.Run r, String... words) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("mlem: ").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
        for (String w : words) {
            assertThat(r.err()).contains(w);
        }
    }

    @Test
    void cbindResponseIsTheProportionWithTrialsAsWeights() throws IOException {
        String f = Cli.file(dir, "d.csv", DOSES);
        Cli.Run r = Cli.run("fit", "glm", "--family", "binomial", "--formula", "cbind(dead, alive) ~ dose", "--json", f);
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = Cli.json(r);
        // R 4.2: print(coef(glm(cbind(dead, alive) ~ dose, binomial, d)), digits = 10)
        assertThat(j.get("coefficients").get("(Intercept)").asDouble()).isCloseTo(-4.077504392, within(4.1e-6));
        assertThat(j.get("coefficients").get("dose").asDouble()).isCloseTo(1.258949424, within(1.3e-6));
        assertThat(j.get("totalWeight").asDouble()).isEqualTo(120.0);
    }

    @Test
    void yesNoResponseAndOffsetTerm() throws IOException {
        String f = Cli.file(dir, "d.csv", DOSES);
        Cli.Run r = Cli.run("fit", "glm", "--family", "binomial", "--formula", "answer ~ dose", "--json", f);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Cli.json(r).get("responseLevels").toString()).isEqualTo("[\"no\",\"yes\"]");
        Cli.Run a = Cli.run("fit", "glm", "--family", "poisson", "--formula", "dead ~ dose + offset(log(exposure))",
                "--json", f);
        Cli.Run b = Cli.run("fit", "glm", "--family", "poisson", "--formula", "dead ~ dose + offset(log(exposure)/2)",
                "--offset", "exposure", "--json", f);
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(b.status()).as(b.err()).isZero();
        assertThat(Cli.json(a).get("coefficients").get("dose").asDouble())
                .isNotEqualTo(Cli.json(b).get("coefficients").get("dose").asDouble());
    }

    @Test
    void quasiPoissonHasPoissonsEstimatesAndAnEstimatedDispersion() throws IOException {
        String f = Cli.file(dir, "d.csv", DOSES);
        JsonNode p = Cli.json(Cli.run("fit", "glm", "--family", "poisson", "--formula", "dead ~ dose", "--json", f));
        JsonNode q = Cli.json(Cli.run("fit", "glm", "--family", "quasipoisson", "--formula", "dead ~ dose", "--json", f));
        assertThat(q.get("coefficients").get("dose").asDouble()).isEqualTo(p.get("coefficients").get("dose").asDouble());
        assertThat(q.get("dispersion").asDouble()).isNotEqualTo(1.0);
        double ratio = q.get("standardErrors").get("dose").asDouble() / p.get("standardErrors").get("dose").asDouble();
        assertThat(ratio * ratio).isCloseTo(q.get("dispersion").asDouble(), within(1e-12));
    }

    @Test
    void anovaAndSandwichAreAddedToTheJson() throws IOException {
        String f = Cli.file(dir, "d.csv", DOSES);
        Cli.Run r = Cli.run("fit", "glm", "--family", "poisson", "--formula", "dead ~ dose + answer", "--anova",
                "--standard-errors", "hc3", "--json", f);
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = Cli.json(r);
        JsonNode a = j.get("anova");
        assertThat(a).hasSize(3);
        assertThat(a.get(0).get("term").asText()).isEqualTo("NULL");
        // the sequential deviances add up to null deviance minus the full model's
        double removed = a.get(1).get("deviance").asDouble() + a.get(2).get("deviance").asDouble();
        assertThat(removed).isCloseTo(j.get("nullDeviance").asDouble() - j.get("deviance").asDouble(), within(1e-9));
        assertThat(j.get("sandwich").get("type").asText()).isEqualTo("hc3");
        assertThat(j.get("sandwich").get("standardErrors").get("dose").asDouble()).isPositive();
        Cli.Run text = Cli.run("fit", "glm", "--family", "poisson", "--formula", "dead ~ dose", "--anova", f);
        assertThat(text.out()).contains("Analysis of Deviance Table").contains("Pr(>Chi)");
    }

    /**
     * Oracle: R 4.2 with MASS 7.3, confint(glm(cbind(dead, alive) ~ dose, binomial), level = 0.9) on
     * the data above: (Intercept) [-5.408709751662949, -2.94982020272850], dose
     * [0.938630635221978, 1.64151547266281]; 1e-6 relative.
     */
    @Test
    void profileIntervalsReplaceWaldsAndSaySo() throws IOException {
        String f = Cli.file(dir, "d.csv", DOSES);
        Cli.Run r = Cli.run("fit", "glm", "--family", "binomial", "--formula", "cbind(dead, alive) ~ dose",
                "--confint", "profile", "--level", "0.9", "--json", f);
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = Cli.json(r);
        assertThat(j.get("interval").asText()).isEqualTo("profile");
        assertThat(j.get("confidenceLevel").asDouble()).isEqualTo(0.9);
        JsonNode ci = j.get("confidenceIntervals");
        assertThat(ci.get("(Intercept)").get(0).asDouble()).isCloseTo(-5.408709751662949, within(5.4e-6));
        assertThat(ci.get("(Intercept)").get(1).asDouble()).isCloseTo(-2.94982020272850, within(3e-6));
        assertThat(ci.get("dose").get(0).asDouble()).isCloseTo(0.938630635221978, within(1e-6));
        assertThat(ci.get("dose").get(1).asDouble()).isCloseTo(1.64151547266281, within(1.6e-6));
        Cli.Run wald = Cli.run("fit", "glm", "--family", "binomial", "--formula", "cbind(dead, alive) ~ dose", "--json", f);
        assertThat(Cli.json(wald).get("interval").asText()).isEqualTo("wald");
        Cli.Run text = Cli.run("fit", "glm", "--family", "binomial", "--formula", "cbind(dead, alive) ~ dose",
                "--confint", "profile", f);
        assertThat(text.out()).contains("Profile-likelihood confidence intervals (95%");
        assertUserError(Cli.run("fit", "glm", "--family", "binomial", "--formula", "cbind(dead, alive) ~ dose",
                "--confint", "likelihood", f), "--confint 'likelihood'", "use wald or profile");
        assertUserError(Cli.run("fit", "glm", "--family", "binomial", "--formula", "cbind(dead, alive) ~ dose",
                "--level", "95", f), "--level must be between 0 and 1");
    }

    /**
     * Oracle: R 4.2, predict(glm(dead ~ poly(dose, 2) + ns(exposure, 2), poisson), newdata, type =
     * "response") at (2.5, 9.5) and (5.5, 13): 5.87174055704094 and 19.38273499238035; 1e-9
     * relative. A spline value beyond the fit's boundary knots is refused in one line.
     */
    @Test
    void predictCodesPolyAndNsWithTheFitsBasis() throws IOException {
        String f = Cli.file(dir, "d.csv", DOSES);
        String model = dir.resolve("m.json").toString();
        Cli.Run fit = Cli.run("fit", "glm", "--family", "poisson", "--formula", "dead ~ poly(dose, 2) + ns(exposure, 2)",
                "--out", model, f);
        assertThat(fit.status()).as(fit.err()).isZero();
        String rows = Cli.file(dir, "new.csv", "dose,exposure\n2.5,9.5\n5.5,13\n");
        Cli.Run r = Cli.run("predict", model, rows);
        assertThat(r.status()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        int fitColumn = List.of(lines.get(0).split(",")).indexOf("fit");
        assertThat(Double.parseDouble(lines.get(1).split(",")[fitColumn])).isCloseTo(5.87174055704094, within(5.9e-9));
        assertThat(Double.parseDouble(lines.get(2).split(",")[fitColumn])).isCloseTo(19.38273499238035, within(1.9e-8));
        String outside = Cli.file(dir, "out.csv", "dose,exposure\n2.5,20\n");
        assertUserError(Cli.run("predict", model, outside), "'ns(exposure, 2)'", "outside the boundary knots");
    }

    @Test
    void badTermsAreOneLineNamingTheTermAndTheFix() throws IOException {
        String f = Cli.file(dir, "d.csv", DOSES);
        assertUserError(Cli.run("fit", "glm", "--family", "gaussian", "--formula", "dead ~ ns(dose, df = 8)", f),
                "'ns(dose, df = 8)'", "dose has 6 distinct values", "lower df to 5 or less");
        assertUserError(Cli.run("fit", "glm", "--family", "gaussian", "--formula", "dead ~ bs(dose, 9)", f),
                "'bs(dose, 9)'", "lower df");
        assertUserError(Cli.run("fit", "glm", "--family", "gaussian", "--formula", "dead ~ splin(dose)", f),
                "unknown function 'splin'", "term 'splin(dose)'", "a formula may call factor, poly, ns, bs");
        assertUserError(Cli.run("fit", "glm", "--family", "poisson", "--formula", "cbind(dead, alive) ~ dose", f),
                "cbind(successes, failures)", "only the binomial family", "--family binomial");
        assertUserError(Cli.run("fit", "glm", "--family", "tweedie", "--formula", "dead ~ dose", f),
                "tweedie:P");
    }
}
