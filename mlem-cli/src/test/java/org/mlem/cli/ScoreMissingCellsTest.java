package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.io.ModelJson;

/**
 * {@code score} and {@code predict} of a model fitted with {@code --missing em}, on rows with
 * empty cells (issue 11). Oracle: the fit's own observed-data log-likelihood — the per-row scores
 * of the fitting rows sum to the file's {@code logLikelihood} (1e-10 relative: the same terms,
 * summed in another order); a row with every cell missing scores exactly 0 and gets the weights
 * as its posteriors; complete rows print the same bits whether or not other rows have holes.
 */
class ScoreMissingCellsTest {
    private static final String HOLES = "../mlem-core/src/test/resources/fixtures/data/faithful_outliers_holes.csv";

    @TempDir
    Path dir;

    private String fit(String... kind) throws IOException {
        String out = dir.resolve(kind[0] + ".json").toString();
        List<String> args = new ArrayList<>(List.of("fit"));
        args.addAll(List.of(kind));
        args.addAll(List.of("--missing", "em", "--seed", "1", "--out", out, HOLES));
        Cli.Run r = Cli.run(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        return out;
    }

    private static double[] column(String csv, int column) {
        return csv.lines().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[column])).toArray();
    }

    private void scoresSumToTheFit(String model, double[] weights) throws IOException {
        double want = file(model).get("logLikelihood").asDouble();
        Cli.Run total = Cli.run("score", "--total", model, HOLES);
        assertThat(total.status()).as(total.err()).isZero();
        assertThat(Double.parseDouble(total.out().strip())).isCloseTo(want, within(1e-10 * Math.abs(want)));

        // a row with every cell missing, a row with one, and complete rows: also within a file of complete rows
        String gaps = Cli.file(dir, "gaps.csv", "eruptions,waiting\n3.6,79\n,\n1.8,\nNA,54\n2.283,62\n");
        String full = Cli.file(dir, "full.csv", "eruptions,waiting\n3.6,79\n2.283,62\n");
        double[] ll = column(Cli.run("score", model, gaps).out(), 0);
        double[] complete = column(Cli.run("score", model, full).out(), 0);
        assertThat(ll).hasSize(5);
        assertThat(ll[1]).isEqualTo(0.0);
        assertThat(ll[2]).isNegative().isNotEqualTo(ll[3]);
        assertThat(new double[] {ll[0], ll[4]}).isEqualTo(complete);
        String predicted = Cli.run("predict", model, gaps).out();
        List<String> lines = predicted.lines().toList();
        assertThat(lines).hasSize(6);
        for (int j = 0; j < weights.length; j++) {
            assertThat(Double.parseDouble(lines.get(2).split(",")[1 + j])).isCloseTo(weights[j], within(1e-15));
        }
        String completePredicted = Cli.run("predict", model, full).out();
        assertThat(completePredicted.lines().skip(1).toList()).containsExactly(lines.get(1), lines.get(5));
    }

    private static JsonNode file(String model) throws IOException {
        return ModelJson.mapper().readTree(Files.readString(Path.of(model)));
    }

    private static double[] weights(String model) throws IOException {
        JsonNode w = file(model).get("weights");
        double[] out = new double[w.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = w.get(j).asDouble();
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gmm --k 2", "gmm --k 2 --covariance diag", "tmix --k 2", "mixture --family normal --k 2"})
    void fittedWithMissingEm(String kind) throws IOException {
        String m = fit(kind.split(" "));
        scoresSumToTheFit(m, weights(m));
    }

    @Test
    void multivariateNormalKeepsARowWithEveryCellMissing() throws IOException {
        String m = dir.resolve("mvn.json").toString();
        assertThat(Cli.run("fit", "mvn", "--out", m, HOLES).status()).isZero();
        String gaps = Cli.file(dir, "gaps.csv", "eruptions,waiting\n3.6,79\n,\n");
        double[] ll = column(Cli.run("score", m, gaps).out(), 0);
        assertThat(ll).hasSize(2);
        assertThat(ll[1]).isEqualTo(0.0);
        double want = file(m).get("logLikelihood").asDouble();
        assertThat(Double.parseDouble(Cli.run("score", "--total", m, HOLES).out().strip()))
                .isCloseTo(want, within(1e-10 * Math.abs(want)));
    }

    @Test
    void dropMissingStillDropsAndCounts() throws IOException {
        String m = fit("gmm", "--k", "2");
        String gaps = Cli.file(dir, "gaps.csv", "eruptions,waiting\n3.6,79\n,\n1.8,\n");
        Cli.Run r = Cli.run("score", "--drop-missing", m, gaps);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(column(r.out(), 0)).hasSize(1);
        assertThat(r.err()).contains("2");
    }
}
