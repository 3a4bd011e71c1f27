package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.data.CsvColumn;
import org.mlem.data.CsvFormat;
import org.mlem.data.CsvReader;
import org.mlem.data.CsvTable;
import org.mlem.io.ModelJson;

/**
 * {@code --tidy FILE.csv} for every model kind: the file reads back through mlem's own CSV reader
 * with exactly broom's columns the fit has (term, component or state, estimate, std.error,
 * conf.low, conf.high, statistic, p.value), one row per parameter, and a chosen parameter's cells
 * equal, bit for bit, the value the fit's JSON result (the contract's fields, printed by the same
 * run's {@code --json}; for a selection, the chosen model's {@code --out} file) gives it. Oracle: the JSON result; tolerance: exact (the CSV holds each
 * double's shortest round-trip form).
 */
class TidyOutputTest {
    private static final String EX = "../examples/";

    @TempDir
    static Path dir;

    /**
     * One fit: its arguments, the tidy header and row count expected, and one parameter's cells.
     *
     * @param term the parameter's term
     * @param group its component or state (null for none)
     * @param column the tidy column checked
     * @param expected that cell's value in the JSON result
     */
    record Case(String name, List<String> args, List<String> header, int rows, String term, String group, String column,
            ToDoubleFunction<JsonNode> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<String> LATENT = List.of("term", "component", "estimate");
    private static final List<String> PLAIN_SE = List.of("term", "estimate", "std.error");
    private static final List<String> COUNT = List.of("term", "component", "estimate", "std.error", "statistic", "p.value");

    static Stream<Case> cases() {
        return Stream.of(
                new Case("gmm", List.of("fit", "gmm", "--k", "2", EX + "faithful.csv"), LATENT, 12, "mean[waiting]", "1",
                        "estimate", j -> j.at("/means/1/1").asDouble()),
                new Case("gmm louis", List.of("fit", "gmm", "--k", "2", "--standard-errors", "louis", EX + "faithful.csv"),
                        List.of("term", "component", "estimate", "std.error"), 12, "cov[eruptions,waiting]", "0", "std.error",
                        j -> j.path("standardErrors").path("cov[0][eruptions,waiting]").asDouble()),
                new Case("gmm bootstrap", List.of("fit", "gmm", "--k", "2", "--covariance", "diag", "--bootstrap", "10",
                        EX + "faithful.csv"), List.of("term", "component", "estimate", "std.error", "conf.low", "conf.high"),
                        10, "var[waiting]", "1", "conf.high", j -> j.path("intervals").path("var[1][waiting]").path(1).asDouble()),
                new Case("tmix", List.of("fit", "tmix", "--k", "2", EX + "faithful.csv"), LATENT, 14, "df", "1", "estimate",
                        j -> j.at("/df/1").asDouble()),
                new Case("mixture", List.of("fit", "mixture", "--family", "poisson", "--k", "2", "--column", "breaks",
                        EX + "warpbreaks.csv"), LATENT, 4, "lambda[breaks]", "1", "estimate",
                        j -> j.at("/components/1/lambda").asDouble()),
                new Case("regmix", List.of("fit", "regmix", "--k", "2", "--formula", "mpg ~ wt", EX + "mtcars.csv"), LATENT, 8,
                        "wt", "0", "estimate", j -> j.at("/components/0/coefficients/wt").asDouble()),
                new Case("hmm", List.of("fit", "hmm", "--states", "2", "--emission", "gaussian", "--columns", "waiting",
                        EX + "faithful.csv"), List.of("term", "state", "estimate"), 10, "transition[1]", "0", "estimate",
                        j -> j.at("/transitionMatrix/0/1").asDouble()),
                new Case("mvn", List.of("fit", "mvn", EX + "airquality.csv"), List.of("term", "estimate"), 14,
                        "cov[Ozone,Temp]", null, "estimate", j -> j.at("/covariance/0/3").asDouble()),
                new Case("glm", List.of("fit", "glm", "--family", "binomial", "--formula", "am ~ hp + wt", EX + "mtcars.csv"),
                        List.of("term", "estimate", "std.error", "conf.low", "conf.high", "statistic", "p.value"), 3, "wt", null,
                        "p.value", j -> j.at("/pValues/wt").asDouble()),
                new Case("nls", List.of("fit", "nls", "--formula", "rate ~ Vm*conc/(K+conc)", "--start", "Vm=200,K=0.1",
                        EX + "puromycin.csv"), PLAIN_SE, 2, "K", null, "std.error", j -> j.at("/standardErrors/K").asDouble()),
                new Case("dist", List.of("fit", "dist", "--family", "gamma", "--column", "eruptions", EX + "faithful.csv"),
                        PLAIN_SE, 2, "rate", null, "estimate", j -> j.at("/parameters/rate").asDouble()),
                new Case("survreg", List.of("fit", "survreg", "--formula", "Surv(time, status) ~ age + sex", "--dist", "weibull",
                        EX + "lung.csv"), PLAIN_SE, 4, "Log(scale)", null, "estimate", j -> Math.log(j.get("scale").asDouble())),
                new Case("tobit", List.of("fit", "tobit", "--formula", "mpg ~ wt + hp", "--left", "15", EX + "mtcars.csv"),
                        PLAIN_SE, 4, "hp", null, "std.error", j -> j.at("/standardErrors/hp").asDouble()),
                new Case("zeroinfl", List.of("fit", "zeroinfl", "art ~ fem + mar + kid5 + phd + ment | ment", "--dist", "negbin",
                        EX + "biochemists.csv"), COUNT, 9, "ment", "zero", "statistic", j -> j.at("/zero/zValues/ment").asDouble()),
                new Case("hurdle", List.of("fit", "hurdle", "art ~ fem + mar + kid5 + phd + ment", EX + "biochemists.csv"), COUNT,
                        12, "kid5", "count", "estimate", j -> j.at("/count/coefficients/kid5").asDouble()),
                new Case("gmmda", List.of("fit", "gmmda", "--class", "species", "--type", "edda", "--covariance", "VEV",
                        EX + "iris.csv"), LATENT, 3 * (1 + 1 + 4 + 10), "prior", "versicolor", "estimate",
                        j -> j.at("/priors/1").asDouble()),
                new Case("turnbull", List.of("fit", "turnbull", "--interval", "left,right", EX + "salinity.csv"),
                        List.of("term", "estimate"), 15, "mass[12.8,12.8]", null, "estimate", j -> j.at("/intervals/1/mass").asDouble()),
                new Case("select gmm (the chosen model)", List.of("select", "gmm", "--k", "1..3", "--covariance", "full,diag",
                        "--out", "SCRATCH/best.json", EX + "faithful.csv"), LATENT, 12, "mean[waiting]", "1", "estimate",
                        j -> ModelJson.readTree(dir.resolve("best.json")).at("/means/1/1").asDouble()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tidyFileReadsBackWithBroomsColumns(Case c) throws Exception {
        Path tidy = dir.resolve(c.name().replace(' ', '-') + ".csv");
        List<String> args = new ArrayList<>(c.args().stream().map(a -> a.replace("SCRATCH", dir.toString())).toList());
        args.addAll(List.of("--tidy", tidy.toString(), "--json"));
        JsonNode json = Cli.json(Cli.run(args.toArray(String[]::new)));
        CsvTable t = CsvReader.read(tidy.toString(), CsvFormat.DEFAULT);
        assertThat(t.names()).isEqualTo(c.header());
        assertThat(t.rows()).isEqualTo(c.rows());
        String groupColumn = c.header().get(1).equals("estimate") ? null : c.header().get(1);
        int row = -1;
        for (int i = 0; i < t.rows(); i++) {
            if (cell(t, "term", i).equals(c.term()) && (groupColumn == null || cell(t, groupColumn, i).equals(c.group()))) {
                assertThat(row).as("one row of " + c.term() + " " + c.group()).isEqualTo(-1);
                row = i;
            }
        }
        assertThat(row).as("a row for " + c.term() + " " + c.group()).isNotNegative();
        assertThat(Double.parseDouble(cell(t, c.column(), row))).isEqualTo(c.expected().applyAsDouble(json));
    }

    /** A cell as text: a number column's whole numbers without a fraction (component 0, 1, ...). */
    private static String cell(CsvTable t, String column, int i) {
        CsvColumn col = t.column(column);
        if (col instanceof CsvColumn.Text text) {
            return text.values()[i];
        }
        double v = ((CsvColumn.Numeric) col).get(i);
        return v == Math.rint(v) && Math.abs(v) < 1e15 && !column.equals("estimate") ? Long.toString((long) v) : Double.toString(v);
    }
}
