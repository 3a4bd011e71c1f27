package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Tolerances;

/**
 * Gaussian mixtures with censored cells have the contract's other capabilities: {@code select gmm},
 * standard errors, {@code score} and {@code predict}. Data: iris's petal length and width with
 * petal width ≤ 0.2 left-censored (34 cells) and petal length ≥ 6.0 right-censored (11), the
 * fixture censgmm/iris_petal_se.json of tools/reference/censored_gmm_numpy.py.
 * Oracles: for select, {@code fit gmm} with the same censoring and the candidate's seed (the
 * log-likelihood's bits; BIC = −2ℓ + p ln n to 1e-12); for standard errors, the numpy reference's
 * observed ℓ differentiated numerically at its MLE (1e-4 relative); for score, numpy's ℓ at its MLE
 * (1e-12 relative, both closed forms in double precision).
 */
class CensoredGmmContractTest {
    private static final String[] CENSORING = {"--reg-covar", "1e-6", "--columns", "petal_length,petal_width", "--censored-below",
        "petal_width=0.2", "--censored-above", "petal_length=6"};

    @TempDir
    Path dir;

    private String iris() {
        return Resources.copy(dir, "/fixtures/data/iris.csv");
    }

    private static String[] args(String[] head, String... tail) {
        List<String> out = new ArrayList<>(List.of(head));
        out.addAll(List.of(CENSORING));
        out.addAll(List.of(tail));
        return out.toArray(String[]::new);
    }

    @Test
    void selectCandidatesAreTheCensoredFitBitForBit() throws IOException {
        String file = iris();
        Cli.Run sel = Cli.run(args(new String[] {"select", "gmm", "--k", "2", "--covariance", "diag,full"}, "--json", file));
        assertThat(sel.status()).as(sel.err()).isZero();
        JsonNode select = json(sel);
        assertThat(select.get("censoring").get("left").asInt()).isEqualTo(34);
        assertThat(select.get("censoring").get("right").asInt()).isEqualTo(11);
        for (JsonNode cand : select.get("candidates")) {
            double ll = cand.get("logLikelihood").asDouble();
            int p = cand.get("nParameters").asInt();
            assertThat(Tolerances.relativeError(cand.get("bic").asDouble(), -2 * ll + p * Math.log(150), 0)).isLessThan(1e-12);
            if (cand.get("k").asInt() == 2 && cand.get("variant").asText().equals("full")) {
                JsonNode fit = json(Cli.run(args(new String[] {"fit", "gmm", "--k", "2", "--covariance", "full"}, "--seed",
                        cand.get("seed").asText(), "--json", file)));
                assertThat(Double.doubleToLongBits(ll)).as("k=2 full: %s vs %s", ll, fit.get("logLikelihood"))
                        .isEqualTo(Double.doubleToLongBits(fit.get("logLikelihood").asDouble()));
                assertThat(p).isEqualTo(fit.get("nParameters").asInt());
                assertThat(fit.get("censoring")).isEqualTo(select.get("censoring"));
            }
        }
        BadInputTest.assertUserError(Cli.run(args(new String[] {"select", "gmm", "--k", "1..2", "--covariance", "full",
            "--bootstrap-lrt", "9"}, file)), "select gmm: ", "do not combine with --bootstrap-lrt");
        BadInputTest.assertUserError(Cli.run("select", "gmm", "--k", "1..2", "--censored-cdf-error", "1e-4", file),
                "select gmm: ", "--censored-cdf-error sets the precision");
    }

    /** numpy's MLE as a model file (fit gmm's hand-written form). */
    private String numpyModel(JsonNode fx) throws IOException {
        JsonNode c = fx.get("converged");
        return Cli.file(dir, "numpy.json", "{\"model\": \"gmm\", \"k\": 2, \"covariance\": \"full\", \"weights\": "
                + c.get("weights") + ", \"means\": " + c.get("means") + ", \"covariances\": " + c.get("covariances")
                + ", \"columns\": [\"petal_length\", \"petal_width\"]}");
    }

    @Test
    void standardErrorsAgreeWithNumpysNumericalHessian() throws IOException {
        JsonNode fx = Fixtures.json("censgmm/iris_petal_se.json");
        String file = iris();
        Cli.Run r = Cli.run(args(new String[] {"fit", "gmm", "--init", numpyModel(fx), "--standard-errors", "louis"},
                "--json", file));
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode se = json(r).get("standardErrors");
        JsonNode want = fx.get("standardErrors");
        assertThat(se.size()).isEqualTo(want.size());
        want.fieldNames().forEachRemaining(name -> assertThat(
                Tolerances.relativeError(se.get(name).asDouble(), want.get(name).asDouble(), 0)).as(name).isLessThan(1e-4));
        BadInputTest.assertUserError(Cli.run(args(new String[] {"fit", "gmm", "--k", "2", "--bootstrap", "9",
                "--bootstrap-kind", "parametric"}, file)), "fit gmm: ", "do not combine with --bootstrap-kind parametric",
                "non-parametric bootstrap");
    }

    /**
     * The non-parametric bootstrap of the censored fit (rows resampled with their censoring): the
     * same bits on 1 and 4 threads, and its standard errors agree with Louis' (numpy's numerical
     * Hessian, as above) within Monte Carlo error. Oracle: the louis standard errors of the fixture;
     * tolerance 35% relative: B = 100 replicates leave a standard error's estimate about 7% (one
     * standard deviation, 1/√(2B)) from its limit, and at n = 150 the bootstrap's limit and the
     * asymptotic one differ by up to about 20% here (measured below).
     */
    @Test
    void bootstrapResamplesCensoredRowsAndAgreesWithLouis() throws IOException {
        JsonNode fx = Fixtures.json("censgmm/iris_petal_se.json");
        String file = iris();
        String model = numpyModel(fx);
        JsonNode[] se = new JsonNode[2];
        int[] threads = {1, 4};
        for (int t = 0; t < 2; t++) {
            Cli.Run r = Cli.run(args(new String[] {"fit", "gmm", "--init", model, "--bootstrap", "100", "--threads",
                    String.valueOf(threads[t])}, "--json", file));
            assertThat(r.status()).as(r.err()).isZero();
            se[t] = json(r).get("standardErrors");
        }
        assertThat(se[1].toString()).as("4 threads vs 1").isEqualTo(se[0].toString());
        JsonNode want = fx.get("standardErrors");
        want.fieldNames().forEachRemaining(name -> assertThat(
                Tolerances.relativeError(se[0].get(name).asDouble(), want.get(name).asDouble(), 0)).as(name + ": bootstrap "
                        + se[0].get(name) + ", louis " + want.get(name)).isLessThan(0.35));
    }

    @Test
    void scoreAndPredictTakeTheCensoredCells() throws IOException {
        JsonNode fx = Fixtures.json("censgmm/iris_petal_se.json");
        String file = iris();
        String model = numpyModel(fx);
        Cli.Run score = Cli.run("score", "--total", "--censored-below", "petal_width=0.2", "--censored-above",
                "petal_length=6", model, file);
        assertThat(score.status()).as(score.err()).isZero();
        double total = Double.parseDouble(score.out().strip());
        assertThat(Tolerances.relativeError(total, fx.get("converged").get("logLikelihood").asDouble(), 0)).isLessThan(1e-12);
        double exact = Double.parseDouble(Cli.run("score", "--total", model, file).out().strip());
        assertThat(total).isNotEqualTo(exact); // without the options every cell is exact: the plain density
        List<String> censored = Cli.run("predict", "--censored-below", "petal_width=0.2", "--censored-above",
                "petal_length=6", model, file).out().strip().lines().toList();
        List<String> plain = Cli.run("predict", model, file).out().strip().lines().toList();
        assertThat(censored).hasSize(151).first().isEqualTo("label,p0,p1");
        List<String> lines = Files.readAllLines(Path.of(file));
        int changed = 0;
        for (int i = 1; i < censored.size(); i++) {
            String[] p = censored.get(i).split(",");
            assertThat(Double.parseDouble(p[1]) + Double.parseDouble(p[2])).isCloseTo(1.0,
                    org.assertj.core.data.Offset.offset(1e-15));
            assertThat(p[0]).isEqualTo(Double.parseDouble(p[1]) >= Double.parseDouble(p[2]) ? "0" : "1");
            String[] row = lines.get(i).split(",");
            boolean cens = Double.parseDouble(row[3]) <= 0.2 || Double.parseDouble(row[2]) >= 6;
            double moved = Math.abs(Double.parseDouble(p[1]) - Double.parseDouble(plain.get(i).split(",")[1]));
            changed += moved > 1e-9 ? 1 : 0;
            if (!cens) { // the same density by another sum: to rounding
                assertThat(moved).as("an uncensored row's posteriors: %s vs %s", censored.get(i), plain.get(i))
                        .isLessThan(1e-12);
            }
        }
        assertThat(changed).isPositive();
        String normal = Cli.file(dir, "normal.json", "{\"model\": \"distribution\", \"family\": \"normal\", "
                + "\"parameters\": {\"mean\": 1, \"sd\": 2}, \"columns\": [\"petal_length\"]}");
        BadInputTest.assertUserError(Cli.run("score", "--censored-below", "petal_length=1", normal, file), "score: ",
                "Gaussian mixture file");
    }
}
