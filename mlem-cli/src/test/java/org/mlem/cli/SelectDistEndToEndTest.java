package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.testkit.Fixtures;

/**
 * {@code mlem select dist} through {@code Main}. Oracle: R's fitdistrplus 1.1-8 fitdist and gofstat
 * (fixtures/r/select_dist.json, tools/reference/select_dist_reference.R): log-likelihood, AIC,
 * BIC and statistics to 1e-6 relative (independent optimisers), the ranking and the chosen family
 * exactly; {@code --out} byte for byte against {@code fit dist --out} (the same computation).
 */
class SelectDistEndToEndTest {
    static final double RTOL = 1e-6;

    @TempDir
    Path dir;

    private static List<JsonNode> reference(String dataset) {
        List<JsonNode> out = new ArrayList<>();
        Fixtures.json("r/select_dist.json").forEach(c -> {
            if (c.get("dataset").asText().equals(dataset)) {
                out.add(c);
            }
        });
        return out;
    }

    private String csv(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    private String column(JsonNode x) throws IOException {
        StringBuilder sb = new StringBuilder("x\n");
        x.forEach(v -> sb.append(v.asText()).append('\n'));
        return csv("x.csv", sb.toString());
    }

    private static void close(JsonNode actual, JsonNode expected, String what) {
        double e = expected.asDouble();
        assertThat(actual.asDouble()).as(what).isCloseTo(e, within(RTOL * Math.abs(e)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"groundbeef$serving", "faithful$eruptions", "precip", "discoveries", "warpbreaks$breaks"})
    void jsonRanksAndMeasuresAsFitdistrplus(String dataset) throws IOException {
        List<JsonNode> ref = reference(dataset);
        boolean discrete = ref.get(0).get("discrete").asBoolean();
        List<String> families = ref.stream().map(r -> r.get("family").asText()).toList();
        JsonNode j = json(Cli.run("select", "dist", "--families", String.join(",", families), "--json",
                column(ref.get(0).get("x"))));

        assertThat(j.get("model").asText()).isEqualTo("select");
        assertThat(j.get("kind").asText()).isEqualTo(discrete ? "discrete" : "continuous");
        assertThat(j.get("criterion").asText()).isEqualTo("bic");
        assertThat(j.get("best").asInt()).isZero();
        assertThat(j.get("n").asInt()).isEqualTo(ref.get(0).get("n").asInt());
        List<JsonNode> byBic = ref.stream().sorted(Comparator.comparingDouble(r -> r.get("bic").asDouble())).toList();
        JsonNode candidates = j.get("candidates");
        assertThat(candidates).hasSize(families.size());
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode c = candidates.get(i);
            JsonNode r = byBic.get(i);
            assertThat(c.get("family").asText()).isEqualTo(r.get("family").asText());
            assertThat(c.get("status").asText()).isEqualTo("fitted");
            assertThat(c.get("rank").asInt()).isEqualTo(i + 1);
            assertThat(c.get("chosen").asBoolean()).isEqualTo(i == 0);
            r.get("estimate").fields().forEachRemaining(e -> close(c.get("parameters").get(e.getKey()), e.getValue(),
                    e.getKey()));
            close(c.get("logLikelihood"), r.get("loglik"), "log-likelihood");
            close(c.get("aic"), r.get("aic"), "AIC");
            close(c.get("bic"), r.get("bic"), "BIC");
            if (discrete) {
                close(c.get("chisq"), r.get("chisq"), "chi-squared");
                assertThat(c.get("chisqDf").asInt()).isEqualTo(r.get("chisqdf").asInt());
                for (int b = 0; b < r.get("chisqbreaks").size(); b++) {
                    assertThat(c.get("chisqBreaks").get(b).asDouble()).isEqualTo(r.get("chisqbreaks").get(b).asDouble());
                }
                assertThat(c.get("chisqBreaks")).hasSize(r.get("chisqbreaks").size());
                assertThat(c.has("ks")).isFalse();
            } else {
                close(c.get("ks"), r.get("ks"), "KS");
                close(c.get("cvm"), r.get("cvm"), "CvM");
                close(c.get("ad"), r.get("ad"), "AD");
                assertThat(c.has("chisq")).isFalse();
            }
        }
        int byAic = 0;
        for (int i = 1; i < byBic.size(); i++) {
            if (byBic.get(i).get("aic").asDouble() < byBic.get(byAic).get("aic").asDouble()) {
                byAic = i;
            }
        }
        assertThat(j.get("bestByAic").asInt()).isEqualTo(byAic);
        assertThat(j.get("bestByBic").asInt()).isZero();
    }

    @Test
    void tableOnFaithfulEruptionsByAicListsEveryDefaultFamily() throws IOException {
        List<JsonNode> ref = reference("faithful$eruptions");
        Cli.Run r = Cli.run("select", "dist", "--criterion", "aic", column(ref.get(0).get("x")));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        String[] lines = r.out().split("\\R");
        assertThat(lines[0]).isEqualTo("Distribution selection: column 'x' of " + dir.resolve("x.csv")
                + " (272 rows), continuous families by AIC; criteria lower is better");
        assertThat(lines[2]).containsSubsequence("family", "estimates", "log-likelihood", "AIC", "BIC", "KS", "CvM", "AD");
        // fitdistrplus's AIC order of its six, with mlem's laplace (-452.9) between lognormal and exponential
        assertThat(lines[3]).startsWith("weibull").contains("shape 3.67329, scale 3.8893", "-413.364", "830.728",
                "0.17733", "3.04316", "18.6034").endsWith("<- best AIC");
        assertThat(List.of(lines).subList(4, 9)).extracting(l -> l.split(" ")[0])
                .containsExactly("normal", "gamma", "logistic", "lognormal", "laplace");
        assertThat(lines[10]).matches("t +failed");
        assertThat(lines[11]).matches("beta +not applicable");
        assertThat(r.out()).contains("  t failed: the t family's df has no finite MLE for these data",
                "  beta not applicable: the value 3.6 is outside its support (0 < x < 1)",
                "best by AIC: weibull (AIC 830.728)");
    }

    @Test
    void countsAreComparedAsCountsWithANoteAndTheirChiSquaredTable() throws IOException {
        Cli.Run r = Cli.run("select", "dist", "--column", "count",
                "../mlem-core/src/test/resources/fixtures/realdata/discoveries.csv");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.errLines()).containsExactly("mlem: note: every value of 'count' is a whole number >= 0, so count "
                + "distributions are compared; --kind continuous compares densities");
        assertThat(r.out()).contains("discrete families by BIC", "chi-squared  df      p-value",
                "bernoulli not applicable: the value 5 is outside its support (x = 0 or 1)", "best by BIC: negbin");
        assertThat(r.out().split("\\R")[3]).startsWith("negbin").contains("4.20081", " 4 ", "0.37951");

        JsonNode j = json(Cli.run("select", "dist", "--column", "count", "--kind", "continuous", "--families",
                "normal,gamma", "--json", "../mlem-core/src/test/resources/fixtures/realdata/discoveries.csv"));
        assertThat(j.get("kind").asText()).isEqualTo("continuous");
        assertThat(j.get("candidates").get(0).get("family").asText()).isEqualTo("normal");
        assertThat(j.get("candidates").get(1).get("status").asText()).isEqualTo("not applicable");
        assertThat(j.get("candidates").get(1).get("notApplicable").asText())
                .isEqualTo("the value 0 is outside its support (x > 0)");
        assertThat(j.get("candidates").get(1).get("logLikelihood").isNull()).isTrue();
    }

    @Test
    void outWritesTheChosenFamilysModelFileExactlyAsFitDist() throws IOException {
        String data = "../mlem-core/src/test/resources/fixtures/realdata/discoveries.csv";
        Path chosen = dir.resolve("chosen.json");
        Path direct = dir.resolve("direct.json");
        Cli.Run s = Cli.run("select", "dist", "--column", "count", "--out", chosen.toString(), data);
        assertThat(s.status()).as(s.err()).isZero();
        Cli.Run f = Cli.run("fit", "dist", "--family", "negbin", "--column", "count", "--out", direct.toString(), data);
        assertThat(f.status()).as(f.err()).isZero();
        assertThat(Files.readAllBytes(chosen)).isEqualTo(Files.readAllBytes(direct));
        Cli.Run scored = Cli.run("select", "dist", "--column", "eruptions", "--families", "gamma,lognormal", "--out",
                chosen.toString(), "../examples/faithful.csv");
        assertThat(scored.status()).as(scored.err()).isZero();
        Cli.Run g = Cli.run("fit", "dist", "--family", "gamma", "--column", "eruptions", "--out", direct.toString(),
                "../examples/faithful.csv");
        assertThat(g.status()).as(g.err()).isZero();
        assertThat(Files.readString(chosen)).isEqualTo(Files.readString(direct));
    }

    @Test
    void aFamilyNamedExplicitlyWhoseSupportExcludesTheDataIsListedAsNotApplicable() throws IOException {
        String f = csv("neg.csv", "x\n-1\n2.5\n3\n0.5\n");
        Cli.Run r = Cli.run("select", "dist", "--families", "gamma,normal", f);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^gamma +not applicable$")
                .contains("  gamma not applicable: the value -1 is outside its support (x > 0)", "best by BIC: normal");
    }

    @Test
    void everyFamilyFailingOrNotApplicableIsOneLineAndExitTwo() throws IOException {
        String neg = csv("neg.csv", "x\n-1\n2.5\n3\n");
        Cli.Run r = Cli.run("select", "dist", "--families", "gamma,lognormal", neg);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("mlem: " + neg + ": column 'x': no family could be fitted: gamma not "
                + "applicable (the value -1 is outside its support (x > 0)); lognormal not applicable (the value -1 is "
                + "outside its support (x > 0))");
        String constant = csv("constant.csv", "x\n2.5\n2.5\n2.5\n");
        Cli.Run c = Cli.run("select", "dist", "--families", "normal,beta", constant);
        assertThat(c.status()).isEqualTo(2);
        assertThat(c.errLines()).hasSize(1);
        assertThat(c.err()).contains("normal failed (all values (of positive weight) equal 2.5", "beta not applicable");
    }

    @Test
    void badCommandLinesAndDataAreOneLineAndExitTwo() throws IOException {
        String text = csv("text.csv", "name\na\nb\n");
        String empty = csv("empty.csv", "name,x\na,\nb,NA\n");
        String two = csv("two.csv", "a,b\n1.5,2\n2.5,3\n");
        String pos = csv("pos.csv", "x\n1.5\n2\n3.25\n");
        String[][] cases = {
            {"select", "dist", text},
            {"select", "dist", "--column", "x", "--drop-missing", empty},
            {"select", "dist", empty},
            {"select", "dist", two},
            {"select", "dist", "--families", "gama", pos},
            {"select", "dist", "--families", "normal,poisson", pos},
            {"select", "dist", "--families", "normal,gaussian", pos},
            {"select", "dist", "--criterion", "icl", pos},
            {"select", "dist", "--kind", "counts", pos},
            {"select", "dist", "--kind", "discrete", "--families", "normal", pos},
        };
        String[] messages = {
            "no numeric column to fit; the columns are name",
            "every row has a missing cell in x; nothing is left to use",
            "missing value (empty, NA or NaN) in column 'x'",
            "the file has numeric columns a, b; choose the one to fit with --column",
            "unknown distribution family 'gama'; valid families are normal, lognormal",
            "the families mix densities (normal) and probability masses (poisson), whose log-likelihoods are not "
                    + "comparable; compare families of one kind",
            "the family normal is named twice; name each family once",
            "criterion icl needs a latent classification; families are ranked by bic or aic",
            "kind 'counts' is not continuous or discrete; use one of those",
            "--kind discrete disagrees with --families, which are continuous; give one of them",
        };
        for (int i = 0; i < cases.length; i++) {
            Cli.Run r = Cli.run(cases[i]);
            assertThat(r.status()).as(String.join(" ", cases[i])).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            String[] err = r.errLines();
            assertThat(err[err.length - 1]).as(String.join(" ", cases[i])).startsWith("mlem: ").contains(messages[i]);
            assertThat(r.err()).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void helpGivesAnExampleAndTheDefaults() {
        Cli.Run r = Cli.run("select", "dist", "--help");
        assertThat(r.status()).isZero();
        String help = r.out().replaceAll("\\s+", " ");
        assertThat(r.out()).contains("%n  ./mlem select dist --column eruptions --out best.json examples/faithful.csv%n"
                .formatted());
        assertThat(help).contains("Examples:",
                "continuous normal, lognormal, exponential, gamma, weibull, beta, t, laplace, logistic",
                "discrete poisson, negbin, geometric, bernoulli", "(default: bic)");
        assertThat(Cli.run("select", "--help").out()).contains("dist");
    }
}
