package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.testkit.Fixtures;

/**
 * {@code fit dist} and {@code select dist} with censored and truncated counts, as a user runs them.
 * Oracles: the independent R likelihood of tools/reference/censored_count.R (fixture
 * fixtures/survival/censored_count.json; estimates and log-likelihood 1e-6, standard errors 1e-5)
 * and, for the zero-truncated Poisson, VGAM's {@code vglm(pospoisson)}; {@code select dist}'s
 * candidates against {@code fit dist} run with the same options, bit for bit. Bad counts: exit 2,
 * one line at the row's line of the file.
 */
class CensoredCountEndToEndTest {
    @TempDir
    Path dir;

    private static JsonNode reference(String family, String dataset) {
        for (JsonNode e : Fixtures.json("survival/censored_count.json")) {
            if (e.get("family").asText().equals(family) && e.get("dataset").asText().equals(dataset)) {
                return e;
            }
        }
        throw new AssertionError("no fixture entry " + family + " on " + dataset);
    }

    /** The entry's rows as a CSV with columns lo, hi (an open end empty). */
    private String rows(JsonNode ref) throws IOException {
        StringBuilder sb = new StringBuilder("lo,hi\n");
        for (int i = 0; i < ref.get("left").size(); i++) {
            JsonNode lo = ref.get("left").get(i);
            JsonNode hi = ref.get("right").get(i);
            sb.append(lo.isNull() ? "" : lo.asText()).append(',').append(hi.isNull() ? "" : hi.asText()).append('\n');
        }
        return Cli.file(dir, ref.get("dataset").asText() + ".csv", sb.toString());
    }

    private static void agrees(JsonNode fit, JsonNode ref) {
        double ll = ref.get("loglik").asDouble();
        assertThat(fit.get("logLikelihood").asDouble()).isCloseTo(ll, within(1e-6 * Math.abs(ll)));
        ref.get("estimate").fields().forEachRemaining(e -> assertThat(fit.get("parameters").get(e.getKey()).asDouble())
                .as(e.getKey()).isCloseTo(e.getValue().asDouble(), within(1e-6 * e.getValue().asDouble())));
        ref.get("se").fields().forEachRemaining(e -> assertThat(fit.get("standardErrors").get(e.getKey()).asDouble())
                .as("SE " + e.getKey()).isCloseTo(e.getValue().asDouble(), within(1e-5 * e.getValue().asDouble())));
    }

    @Test
    void fitDistAgreesWithTheRLikelihoodOnCensoredAndZeroTruncatedCounts() throws IOException {
        JsonNode quine = reference("negbin", "quine-censored");
        JsonNode fit = json(Cli.run("fit", "dist", "--family", "negbin", "--interval", "lo,hi", "--json", rows(quine)));
        agrees(fit, quine);
        assertThat(fit.get("censoring").get("interval").asInt()).isPositive();
        assertThat(fit.get("censoring").get("left").asInt()).isPositive();
        assertThat(fit.get("censoring").get("right").asInt()).isPositive();

        JsonNode positive = reference("poisson", "biochemists-art-positive");
        JsonNode ztp = json(Cli.run("fit", "dist", "--family", "poisson", "--column", "lo", "--truncate-below", "0",
                "--json", rows(positive)));
        agrees(ztp, positive);
        double vgam = positive.get("vgam").get("estimate").get("lambda").asDouble();
        assertThat(ztp.get("parameters").get("lambda").asDouble()).isCloseTo(vgam, within(1e-6 * vgam));
        assertThat(ztp.get("truncation").get("below").asDouble()).isZero();
    }

    @Test
    void selectDistRanksCountFamiliesAsFitDistFitsThem() throws IOException {
        String file = rows(reference("negbin", "quine-censored"));
        JsonNode sel = json(Cli.run("select", "dist", "--interval", "lo,hi", "--kind", "discrete", "--json", file));
        // by BIC: negbin's log-likelihood is 0.13 above geometric's, less than its extra parameter's (log 146)/2
        assertThat(sel.get("candidates").get(sel.get("best").asInt()).get("family").asText()).isEqualTo("geometric");
        for (JsonNode c : sel.get("candidates")) {
            String family = c.get("family").asText();
            if (family.equals("bernoulli")) {
                assertThat(c.get("status").asText()).isEqualTo("not applicable");
                continue;
            }
            JsonNode one = json(Cli.run("fit", "dist", "--family", family, "--interval", "lo,hi", "--json", file));
            assertThat(c.get("logLikelihood").asDouble()).as(family).isEqualTo(one.get("logLikelihood").asDouble());
            assertThat(c.get("bic").asDouble()).as(family).isEqualTo(one.get("bic").asDouble());
        }
    }

    @Test
    void badCountsAreOneLineAtTheirRow() throws IOException {
        String fractional = Cli.file(dir, "fractional.csv", "lo,hi\n1,1\n2.5,4\n");
        BadInputTest.assertUserError(Cli.run("fit", "dist", "--family", "poisson", "--interval", "lo,hi", fractional),
                "", "fractional.csv:3:", "censoring bound 2.5 is not a poisson count", "whole numbers");
        String negative = Cli.file(dir, "negative.csv", "lo,hi\n1,1\n-3,-3\n");
        BadInputTest.assertUserError(Cli.run("fit", "dist", "--family", "negbin", "--interval", "lo,hi", negative),
                "", "negative.csv:3:", "outside the negbin family's support");
        String swapped = Cli.file(dir, "swapped.csv", "lo,hi\n1,1\n5,2\n");
        BadInputTest.assertUserError(Cli.run("fit", "dist", "--family", "geometric", "--interval", "lo,hi", swapped),
                "", "swapped.csv:3:", "exceeds the upper bound");
        BadInputTest.assertUserError(Cli.run("fit", "dist", "--family", "poisson", "--column", "art",
                "--truncate-below", "0", "../examples/biochemists.csv"), "", "biochemists.csv:2:",
                "count 0 lies outside the truncation range", "--truncate-below");
        BadInputTest.assertUserError(Cli.run("fit", "dist", "--family", "poisson", "--column", "art",
                "--truncate-below", "0.5", "../examples/biochemists.csv"), "", "--truncate-below 0.5 is not a whole number");
    }
}
