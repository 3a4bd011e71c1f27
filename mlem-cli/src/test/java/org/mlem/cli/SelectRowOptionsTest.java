package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code select gmm|tmix|mixture|regmix|hmm} take the fits' shared row options, {@code --weights},
 * {@code --labels} and {@code --missing em}, with the fits' meaning. Oracle: the fit command's own
 * fit with the same flags and the candidate's seed; tolerance: none, the log-likelihood's bits
 * (the same code runs, on one thread in select and on every core in fit, and the thread count
 * changes no bit). A k that cannot hold the labels is a failed candidate naming why; an option a
 * model cannot take is one line, exit 2.
 */
class SelectRowOptionsTest {
    private static final String FAITHFUL_HOLES = "../examples/faithful_holes.csv";
    private static final String BIRTHWT = "../mlem-core/src/test/resources/fixtures/realdata/birthwt_lca.csv";
    private static final String NPREG = "../mlem-core/src/test/resources/fixtures/regmix/npreg.csv";
    private static final String DISCOVERIES = "../mlem-core/src/test/resources/fixtures/restarts/discoveries.csv";

    @TempDir
    Path dir;

    /**
     * {@code source} with columns appended to each data row i (0-based) by {@code extra} (its text
     * starts with the comma), and the cell of {@code blank} emptied every {@code every}-th row.
     */
    private String with(String source, String name, String header, IntFunction<String> extra, int blank, int every)
            throws IOException {
        List<String> lines = Files.readAllLines(Path.of(source));
        List<String> out = new ArrayList<>();
        out.add(lines.get(0) + header);
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (every > 0 && i % every == 0) {
                cells[blank] = "";
            }
            out.add(String.join(",", cells) + extra.apply(i - 1));
        }
        Path p = dir.resolve(name);
        Files.write(p, out);
        return p.toString();
    }

    private static List<String> args(String... a) {
        return List.of(a);
    }

    private static List<String> join(List<String> a, List<String> b, String... more) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        out.addAll(List.of(more));
        return out;
    }

    /**
     * Runs {@code select MODEL} with {@code grid} and the shared {@code flags}, then {@code fit MODEL}
     * with {@code one} (the candidate's k and variant) and the same flags and the candidate's seed:
     * the same log-likelihood bits and parameter count. A candidate that rank stopping left where the
     * first pass stopped it is that fit with {@code --tol} the first pass's tolerance.
     */
    private static JsonNode sameAsFit(String model, List<String> grid, List<String> one, List<String> flags, int k,
            String variant, String file) throws IOException {
        JsonNode select = json(Cli.run(join(join(List.of("select", model), grid), flags, "--json", file).toArray(String[]::new)));
        JsonNode candidate = null;
        for (JsonNode c : select.get("candidates")) {
            if (c.get("k").asInt() == k && c.get("variant").asText().equals(variant)) {
                candidate = c;
            }
        }
        assertThat(candidate).as("k=%d %s in %s", k, variant, select).isNotNull();
        assertThat(candidate.has("failure")).as(candidate.toString()).isFalse();
        List<String> tol = !candidate.has("stopped") ? List.of()
                : select.has("firstPassStarts") ? List.of("--tol", select.get("firstPassTol").asText(), "--n-init",
                        select.get("firstPassStarts").asText())
                : List.of("--tol", select.get("firstPassTol").asText());
        JsonNode fit = json(Cli.run(join(join(join(List.of("fit", model), one), tol), flags, "--seed",
                candidate.get("seed").asText(), "--json", file).toArray(String[]::new)));
        assertThat(Double.doubleToLongBits(candidate.get("logLikelihood").asDouble()))
                .as("select %s k=%d %s vs fit: %s vs %s", model, k, variant, candidate.get("logLikelihood"),
                        fit.get("logLikelihood"))
                .isEqualTo(Double.doubleToLongBits(fit.get("logLikelihood").asDouble()));
        assertThat(candidate.get("nParameters").asInt()).isEqualTo(fit.get("nParameters").asInt());
        assertThat(select.get("n").asInt()).isEqualTo(fit.get("n").asInt());
        return select;
    }

    /** Faithful with holes, a weight 1..3 per row and every fifth row's component known (short or long wait). */
    private String faithful() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(FAITHFUL_HOLES));
        return with(FAITHFUL_HOLES, "faithful.csv", ",w,lab", i -> {
            String[] cells = lines.get(i + 1).split(",", -1);
            String label = i % 5 != 0 || cells[1].isEmpty() ? "" : Double.parseDouble(cells[1]) < 70 ? "0" : "1";
            return "," + (1 + i % 3) + "," + label;
        }, 0, 0);
    }

    @Test
    void gaussianMixtureCandidatesAreTheFitWithWeightsLabelsAndMissingCells() throws IOException {
        String file = faithful();
        List<String> flags = args("--weights", "w", "--labels", "lab", "--missing", "em", "--reg-covar", "1e-6");
        JsonNode select = sameAsFit("gmm", args("--k", "1..3", "--covariance", "full,diag"), args("--k", "2", "--covariance",
                "diag"), flags, 2, "diag", file);
        assertThat(select.get("missing").asText()).isEqualTo("em");
        // labels 0 and 1: k = 1 has no component 1, k = 3 has no labelled row for component 2
        for (JsonNode c : select.get("candidates")) {
            if (c.get("k").asInt() == 1) {
                assertThat(c.get("failure").asText()).contains("label 1 is not a component index 0..0 (k=1)");
            } else if (c.get("k").asInt() == 3) {
                assertThat(c.get("failure").asText()).contains("component 2 of k=3 has no labelled row");
            }
        }
        assertThat(select.get("candidates").get(select.get("best").asInt()).get("k").asInt()).isEqualTo(2);
        sameAsFit("gmm", args("--k", "2"), args("--k", "2"), args("--weights", "w", "--missing", "em", "--reg-covar", "scaled"),
                2, "full", file);
    }

    @Test
    void tMixtureCandidatesAreTheFitWithWeightsLabelsAndMissingCells() throws IOException {
        sameAsFit("tmix", args("--k", "2", "--df", "free,4"), args("--k", "2", "--df", "4"),
                args("--weights", "w", "--labels", "lab", "--missing", "em"), 2, "df=4", faithful());
    }

    @Test
    void familyMixtureCandidatesAreTheFitWithWeightsLabelsAndMissingCells() throws IOException {
        // every fourth row's class is its birth weight class; every seventh row's smoke cell is missing
        List<String> lines = Files.readAllLines(Path.of(BIRTHWT));
        String file = with(BIRTHWT, "birthwt.csv", ",w,lab", i -> "," + (1 + i % 2) + ","
                + (i % 4 == 0 ? lines.get(i + 1).split(",")[0] : ""), 1, 7);
        sameAsFit("mixture", args("--k", "2..3", "--family", "bernoulli", "--columns", "low,smoke,ht,ui,preterm"),
                args("--k", "2", "--family", "bernoulli", "--columns", "low,smoke,ht,ui,preterm"),
                args("--weights", "w", "--labels", "lab", "--missing", "em"), 2, "bernoulli", file);
    }

    @Test
    void regressionMixtureCandidatesAreTheFitWithWeightsAndLabels() throws IOException {
        // every fifth row's component is the generating one (init, 1-based in the file)
        List<String> lines = Files.readAllLines(Path.of(NPREG));
        String file = with(NPREG, "npreg.csv", ",w,lab", i -> "," + (1 + i % 3) + ","
                + (i % 5 == 0 ? String.valueOf(Integer.parseInt(lines.get(i + 1).split(",")[3]) - 1) : ""), 0, 0);
        sameAsFit("regmix", args("--k", "1..2", "--formula", "yn ~ x + I(x^2)"), args("--k", "2", "--formula",
                "yn ~ x + I(x^2)"), args("--weights", "w", "--labels", "lab"), 2, "gaussian", file);
    }

    @Test
    void hiddenMarkovCandidatesAreTheFitWithSequenceWeightsKnownStatesAndMissingCells() throws IOException {
        // two sequences of 50 years, weights 1 and 2; every tenth year's state known; every ninth count missing
        List<String> lines = Files.readAllLines(Path.of(DISCOVERIES));
        String file = with(DISCOVERIES, "discoveries.csv", ",seq,w,state", i -> "," + (i < 50 ? "a,1," : "b,2,")
                + (i % 10 == 0 ? (Integer.parseInt(lines.get(i + 1).strip()) <= 3 ? "0" : "1") : ""), 0, 9);
        JsonNode select = sameAsFit("hmm", args("--states", "1..3", "--emission", "poisson"), args("--states", "2",
                "--emission", "poisson"), args("--sequence", "seq", "--columns", "count", "--weights", "w", "--labels",
                "state", "--missing", "em"), 2, "poisson", file);
        assertThat(select.get("sequences").asInt()).isEqualTo(2);
        // states 0 and 1 are known: one state cannot hold them; three can (a state may have no known step)
        for (JsonNode c : select.get("candidates")) {
            assertThat(c.has("failure")).as(c.toString()).isEqualTo(c.get("k").asInt() == 1);
        }
        // --states-column is fit hmm's older name for --labels, in select hmm too: the same candidates, bit for bit
        JsonNode alias = json(Cli.run("select", "hmm", "--states", "1..3", "--emission", "poisson", "--sequence", "seq",
                "--columns", "count", "--weights", "w", "--states-column", "state", "--missing", "em", "--json", file));
        for (int c = 0; c < 3; c++) {
            assertThat(alias.get("candidates").get(c).get("logLikelihood"))
                    .isEqualTo(select.get("candidates").get(c).get("logLikelihood"));
            assertThat(alias.get("candidates").get(c).has("failure")).isEqualTo(select.get("candidates").get(c).has("failure"));
        }
        BadInputTest.assertUserError(Cli.run("select", "hmm", "--states", "1..2", "--emission", "poisson", "--labels", "w",
                "--states-column", "state", file), "select hmm: ", "--states-column state and --labels w are the same option");
    }

    @Test
    void whatAModelCannotTakeIsOneLine() throws IOException {
        BadInputTest.assertUserError(Cli.run("select", "regmix", "--k", "1..2", "--formula", "yn ~ x", "--missing", "em",
                NPREG), "select regmix: ", "--missing em is not available for select regmix", "--drop-missing");
        BadInputTest.assertUserError(Cli.run("select", "gmm", "--k", "1..2", "--missing", "em", "--drop-missing",
                FAITHFUL_HOLES), "select gmm: ", "contradict");
        BadInputTest.assertUserError(Cli.run("select", "tmix", "--k", "1..2", "--missing", "maybe", FAITHFUL_HOLES),
                "select tmix: ", "--missing 'maybe'");
        // without --missing em a hole is the fit's error, at its cell
        BadInputTest.assertUserError(Cli.run("select", "gmm", "--k", "1..2", FAITHFUL_HOLES), FAITHFUL_HOLES + ":8:1: ",
                "missing value", "--drop-missing");
        String bad = Cli.file(dir, "bad.csv", "x,y,lab,w\n0,1,0,1\n1,0,1.5,1\n2,2,,1\n9,9,1,-1\n");
        BadInputTest.assertUserError(Cli.run("select", "gmm", "--k", "1..2", "--labels", "lab", bad), bad + ":3:",
                "label 1.5 is not a component index");
        BadInputTest.assertUserError(Cli.run("select", "mixture", "--k", "1..2", "--family", "normal", "--columns", "x,y", "--weights", "w",
                bad),
                bad + ":5:", "weight -1 is negative");
        String text = Cli.file(dir, "text.csv", "count,state\n1,\n2,a\n3,\n");
        BadInputTest.assertUserError(Cli.run("select", "hmm", "--states", "1..2", "--emission", "poisson", "--labels",
                "state", text), text + ":3:", "not a state number");
        // no k of the grid holds the labels: the table names each reason, then one line and exit 2
        String file = faithful();
        Cli.Run none = Cli.run("select", "gmm", "--k", "1", "--labels", "lab", "--missing", "em", file);
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.errLines()).as(none.err()).hasSize(1);
        assertThat(none.out()).contains("k=1 full: ").contains("label 1 is not a component index 0..0 (k=1)");
    }
}
