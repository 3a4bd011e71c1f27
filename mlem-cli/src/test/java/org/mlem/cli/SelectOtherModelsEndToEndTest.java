package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code select tmix|mixture|regmix|hmm}: the grid, the never-chosen candidates and the best
 * model's file. Oracles: each candidate is the fit command's own fit with the candidate's seed
 * (the same log-likelihood to 1e-9 relative); one-component candidates have closed forms (a
 * product of Bernoulli MLEs, a Poisson mean, least squares, checked through {@code fit glm});
 * {@code score --total} of the written file gives the best candidate's log-likelihood.
 */
class SelectOtherModelsEndToEndTest {
    private static final String FAITHFUL_OUTLIERS = "../examples/faithful_outliers.csv";
    private static final String BIRTHWT = "../mlem-core/src/test/resources/fixtures/realdata/birthwt_lca.csv";
    private static final String NPREG = "../mlem-core/src/test/resources/fixtures/regmix/npreg.csv";
    private static final String DISCOVERIES = "../mlem-core/src/test/resources/fixtures/restarts/discoveries.csv";

    @TempDir
    Path dir;

    private static JsonNode candidate(JsonNode select, int k, String variant) {
        for (JsonNode c : select.get("candidates")) {
            if (c.get("k").asInt() == k && c.get("variant").asText().equals(variant)) {
                return c;
            }
        }
        throw new AssertionError("no candidate k=" + k + " " + variant + " in " + select);
    }

    private static double score(Path model, String data) {
        Cli.Run r = Cli.run("score", "--total", model.toString(), data);
        assertThat(r.status()).as(r.err()).isZero();
        return Double.parseDouble(r.out().strip());
    }

    @Test
    void tMixturesOverKAndDegreesOfFreedom() throws IOException {
        Path best = dir.resolve("best.json");
        // with the automatic starts the k = 3, ν = 4 fit keeps its best start without a degenerate component
        JsonNode auto = json(Cli.run("select", "tmix", "--k", "1..3", "--df", "free,4", "--json", FAITHFUL_OUTLIERS));
        assertThat(candidate(auto, 3, "df=4").get("degenerate").asBoolean()).isFalse();
        JsonNode j = json(Cli.run("select", "tmix", "--k", "1..3", "--df", "free,4", "--n-init", "1", "--json", "--out",
                best.toString(), FAITHFUL_OUTLIERS));
        assertThat(j.get("candidates").size()).isEqualTo(6);
        // from the default start alone the k = 3, ν = 4 fit puts a component on the one outlier: marked, never chosen
        JsonNode spike = candidate(j, 3, "df=4");
        assertThat(spike.get("degenerate").asBoolean()).isTrue();
        int chosen = j.get("best").asInt();
        assertThat(j.get("candidates").get(chosen).get("degenerate").asBoolean()).isFalse();
        // each candidate is fit tmix's own fit with its seed
        JsonNode free2 = candidate(j, 2, "free");
        JsonNode fit = json(Cli.run("fit", "tmix", "--k", "2", "--n-init", "1", "--seed", free2.get("seed").asText(), "--json",
                FAITHFUL_OUTLIERS));
        assertThat(fit.get("logLikelihood").asDouble()).isCloseTo(free2.get("logLikelihood").asDouble(),
                within(1e-9 * Math.abs(fit.get("logLikelihood").asDouble())));
        JsonNode fixed2 = candidate(j, 2, "df=4");
        JsonNode held = json(Cli.run("fit", "tmix", "--k", "2", "--df", "4", "--n-init", "1", "--seed", fixed2.get("seed").asText(),
                "--json", FAITHFUL_OUTLIERS));
        assertThat(held.get("logLikelihood").asDouble()).isCloseTo(fixed2.get("logLikelihood").asDouble(),
                within(1e-9 * Math.abs(held.get("logLikelihood").asDouble())));
        double bestLl = j.get("candidates").get(chosen).get("logLikelihood").asDouble();
        assertThat(score(best, FAITHFUL_OUTLIERS)).isCloseTo(bestLl, within(1e-8 * Math.abs(bestLl)));
        Cli.Run table = Cli.run("select", "tmix", "--k", "1..3", "--df", "free,4", "--n-init", "1", FAITHFUL_OUTLIERS);
        assertThat(table.out()).contains("t mixture selection: 277 rows").contains("never chosen:").contains("k=3 df=4:");
    }

    @Test
    void latentClassesOverKWithTheOneClassClosedForm() throws IOException {
        Path best = dir.resolve("lca.json");
        JsonNode j = json(Cli.run("select", "mixture", "--k", "1..3", "--family", "bernoulli", "--json", "--out",
                best.toString(), BIRTHWT));
        assertThat(j.get("candidates").size()).isEqualTo(3);
        // one class: the product of each column's Bernoulli MLE, Σ_c [n1 log p + n0 log(1 − p)]
        List<String> lines = Files.readAllLines(Path.of(BIRTHWT));
        int d = lines.get(0).split(",").length;
        int n = lines.size() - 1;
        double expected = 0;
        for (int c = 0; c < d; c++) {
            int ones = 0;
            for (String line : lines.subList(1, lines.size())) {
                ones += Integer.parseInt(line.split(",")[c]);
            }
            double p = (double) ones / n;
            expected += ones * Math.log(p) + (n - ones) * Math.log(1 - p);
        }
        assertThat(candidate(j, 1, "bernoulli").get("logLikelihood").asDouble()).isCloseTo(expected, within(1e-9));
        int chosen = j.get("best").asInt();
        assertThat(j.get("candidates").get(chosen).get("bic").asDouble())
                .isEqualTo(j.get("candidates").findValues("bic").stream().mapToDouble(JsonNode::asDouble).min().orElseThrow());
        double bestLl = j.get("candidates").get(chosen).get("logLikelihood").asDouble();
        assertThat(score(best, BIRTHWT)).isCloseTo(bestLl, within(1e-8 * Math.abs(bestLl)));
    }

    @Test
    void regressionMixturesOverKAndFamilies() throws IOException {
        Path best = dir.resolve("regmix.json");
        JsonNode j = json(Cli.run("select", "regmix", "--k", "1..2", "--formula", "yn ~ x + I(x^2)", "--family",
                "gaussian,poisson", "--json", "--out", best.toString(), NPREG));
        // the response is not a count: every poisson candidate failed, with the reason, and none was chosen
        JsonNode poisson = candidate(j, 1, "poisson");
        assertThat(poisson.get("failure").asText()).contains("poisson family needs a whole count");
        // one gaussian component is least squares: fit glm's log-likelihood
        JsonNode glm = json(Cli.run("fit", "glm", "--formula", "yn ~ x + I(x^2)", "--family", "gaussian", "--json", NPREG));
        assertThat(candidate(j, 1, "gaussian").get("logLikelihood").asDouble())
                .isCloseTo(glm.get("logLikelihood").asDouble(), within(1e-8));
        JsonNode chosen = j.get("candidates").get(j.get("best").asInt());
        assertThat(chosen.get("variant").asText()).isEqualTo("gaussian");
        assertThat(chosen.get("k").asInt()).isEqualTo(2);
        assertThat(score(best, NPREG)).isCloseTo(chosen.get("logLikelihood").asDouble(),
                within(1e-8 * Math.abs(chosen.get("logLikelihood").asDouble())));
    }

    @Test
    void hiddenMarkovModelsOverStatesAndEmissions() throws IOException {
        Path best = dir.resolve("hmm.json");
        JsonNode j = json(Cli.run("select", "hmm", "--states", "1..3", "--emission", "poisson", "--json", "--out",
                best.toString(), DISCOVERIES));
        // one state: iid Poisson at the sample mean, Σ [x log λ − λ − log x!]
        double sum = 0;
        double logFactorials = 0;
        List<String> lines = Files.readAllLines(Path.of(DISCOVERIES)).subList(1, 101);
        for (String line : lines) {
            int x = Integer.parseInt(line.strip());
            sum += x;
            for (int i = 2; i <= x; i++) {
                logFactorials += Math.log(i);
            }
        }
        double lambda = sum / lines.size();
        double expected = sum * Math.log(lambda) - lines.size() * lambda - logFactorials;
        assertThat(candidate(j, 1, "poisson").get("logLikelihood").asDouble()).isCloseTo(expected, within(1e-9));
        JsonNode two = candidate(j, 2, "poisson");
        JsonNode fit = json(Cli.run("fit", "hmm", "--states", "2", "--emission", "poisson", "--seed", two.get("seed").asText(),
                "--json", DISCOVERIES));
        assertThat(fit.get("logLikelihood").asDouble()).isCloseTo(two.get("logLikelihood").asDouble(), within(1e-9 * 300));
        JsonNode chosen = j.get("candidates").get(j.get("best").asInt());
        assertThat(score(best, DISCOVERIES)).isCloseTo(chosen.get("logLikelihood").asDouble(), within(1e-8 * 300));
        assertThat(Cli.run("select", "hmm", "--states", "1..2", "--emission", "poisson", DISCOVERIES).out())
                .contains("Hidden Markov model selection: 100 steps in 1 sequence").contains("best by BIC: states=");
    }

    @Test
    void badInputIsOneLine() {
        BadInputTest.assertUserError(Cli.run("select", "tmix", "--k", "1..2", "--df", "free,zero", FAITHFUL_OUTLIERS), "select tmix: ",
                "--df 'zero'", "free or a positive number");
        BadInputTest.assertUserError(Cli.run("select", "tmix", "--k", "1..2", "--df", "4,4", FAITHFUL_OUTLIERS), "select tmix: ",
                "twice");
        BadInputTest.assertUserError(Cli.run("select", "regmix", "--k", "1..2", "--formula", "yn ~ x", "--family", "gamma",
                NPREG), "select regmix: ", "not available for a mixture of regressions");
        BadInputTest.assertUserError(Cli.run("select", "mixture", "--k", "1..2", BIRTHWT), "select mixture: ", "--family is required");
        // every candidate failing: the table, then one line and exit 2
        Cli.Run none = Cli.run("select", "regmix", "--k", "1..2", "--formula", "yn ~ x", "--family", "poisson", NPREG);
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err().strip().lines().count()).isEqualTo(1);
    }
}
