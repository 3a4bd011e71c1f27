package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regression mixture's model file keeps the fit's factor levels, so new rows showing only some
 * of them are coded as those rows are in the whole. Oracle: {@code score}, {@code predict} and
 * {@code predict --response} of the full warpbreaks file, whose rows show every level; each row of
 * a subset (the 36 rows without tension H, whose wool and tension lack a level between them; one
 * row) must print that row's numbers from the full file (1e-12 relative; absolute below 1), for a plain
 * {@code fit regmix} and one with {@code --concomitant "~ wool"} (whose gating also has a factor).
 */
class RegmixLevelsTest {
    private static final String DATA = "../examples/warpbreaks.csv";

    @TempDir
    static Path dir;

    private static Path plain;
    private static Path gated;
    private static List<String> lines;

    @BeforeAll
    static void fit() throws IOException {
        plain = dir.resolve("plain.json");
        gated = dir.resolve("gated.json");
        fit(plain);
        fit(gated, "--concomitant", "~ wool");
        lines = Files.readAllLines(Path.of(DATA));
    }

    private static void fit(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("fit", "regmix", "--formula", "breaks ~ tension", "--k", "2",
                "--seed", "1", "--out", out.toString()));
        args.addAll(List.of(extra));
        args.add(DATA);
        Cli.Run r = Cli.run(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
    }

    /** A file of the header and the data rows {@code rows} (0-based) of warpbreaks. */
    private static String subset(String name, List<Integer> rows) throws IOException {
        StringBuilder b = new StringBuilder(lines.get(0)).append('\n');
        rows.forEach(i -> b.append(lines.get(i + 1)).append('\n'));
        return Cli.file(dir, name, b.toString());
    }

    /** The data rows of each output line after the header, as numbers. */
    private static double[][] numbers(Cli.Run r) {
        assertThat(r.status()).as(r.err()).isZero();
        String[] out = r.out().strip().split("\\R");
        double[][] v = new double[out.length - 1][];
        for (int i = 1; i < out.length; i++) {
            v[i - 1] = java.util.Arrays.stream(out[i].split(",")).mapToDouble(Double::parseDouble).toArray();
        }
        return v;
    }

    private static void assertRowsOfWhole(Path model, String file, List<Integer> rows, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.add(model.toString());
        double[][] whole = numbers(Cli.run(concat(args, DATA)));
        double[][] part = numbers(Cli.run(concat(args, file)));
        assertThat(part).hasNumberOfRows(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            double[] want = whole[rows.get(i)];
            for (int c = 0; c < want.length; c++) {
                assertThat(Math.abs(part[i][c] - want[c])).as(String.join(" ", command) + " row " + rows.get(i))
                        .isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(want[c])));
            }
        }
    }

    private static String[] concat(List<String> args, String last) {
        List<String> all = new ArrayList<>(args);
        all.add(last);
        return all.toArray(String[]::new);
    }

    @Test
    void subsetsScoreAndPredictAsTheirRowsInTheWhole() throws IOException {
        List<Integer> noH = new ArrayList<>();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (!lines.get(i + 1).endsWith(",H")) {
                noH.add(i);
            }
        }
        String lm = subset("lm.csv", noH);
        String one = subset("one.csv", List.of(40));
        for (Path model : List.of(plain, gated)) {
            assertThat(Files.readString(model)).contains("\"tension\" : [ \"H\", \"L\", \"M\" ]");
            for (String file : List.of(lm, one)) {
                List<Integer> rows = file.equals(lm) ? noH : List.of(40);
                assertRowsOfWhole(model, file, rows, "score");
                assertRowsOfWhole(model, file, rows, "predict");
                assertRowsOfWhole(model, file, rows, "predict", "--response");
            }
        }
    }

    @Test
    void anUnseenLevelIsOneLineNamingRowColumnValueAndLevels() throws IOException {
        String bad = Cli.file(dir, "bad.csv", "breaks,wool,tension\n26,A,L\n30,A,X\n");
        for (Path model : List.of(plain, gated)) {
            Cli.Run r = Cli.run("score", model.toString(), bad);
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err().strip()).isEqualTo("mlem: " + bad + ":3:3: column 'tension' has level 'X' which the model "
                    + "was not fitted with (its levels are [H, L, M]); give rows with those levels, or refit with it");
        }
    }

    /** A file written before the levels were kept still reads, and needs every level as before. */
    @Test
    void aFileWithoutLevelsReadsAsBefore() throws IOException {
        Path old = Cli.withoutField(plain, "levels", dir, "old.json");
        assertThat(Cli.run("score", old.toString(), DATA).status()).isZero();
        Cli.Run r = Cli.run("score", old.toString(), subset("old-lm.csv", List.of(0, 9, 27, 36)));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("but the model has [(Intercept), tensionL, tensionM]").doesNotContain("\tat ");
    }
}
