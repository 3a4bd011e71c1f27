package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.BadInputTest.assertUserError;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A numeric column with a stray text cell is an error at that cell, not a column quietly left
 * out; a column that is text throughout is still left out with a note (issue 12). The rule: a
 * column is text when at least half of its non-missing cells are not numbers.
 */
class StrayCellsTest {
    @TempDir
    Path dir;

    private String file(String name, String text) throws IOException {
        return Cli.file(dir, name, text);
    }

    /** Eight numeric rows in x and y, then {@code cell} in y at line 5. */
    private String withStray(String cell) throws IOException {
        return file("stray.csv", "x,y\n0,1\n1,0\n2,2\n3," + cell + "\n10,11\n11,10\n12,12\n13,11\n");
    }

    @Test
    void missingMarkerOfAnotherProgramIsAnErrorAtItsCellNamingMissingEm() throws IOException {
        for (String cell : new String[] {"nan", "N/A", "null", "None", "?"}) {
            String f = withStray(cell);
            assertUserError(Cli.run("fit", "gmm", "--k", "2", f), f + ":5:2: ", "'" + cell + "' in column 'y' is not a number",
                    "7 of its other cells are", "write NA or leave the cell empty", "--missing em", "--columns");
        }
    }

    @Test
    void strayMarkerOnACommandWithoutMissingEmNamesDropMissing() throws IOException {
        String f = withStray("nan");
        assertUserError(Cli.run("fit", "tmix", "--k", "1", f), f + ":5:2: ", "'nan'", "--drop-missing", "--columns");
        assertUserError(Cli.run("fit", "mvn", f), f + ":5:2: ", "'nan'", "fit mvn fits around missing cells");
    }

    @Test
    void thousandsSeparatorAndTypoAreErrorsWithTheirFix() throws IOException {
        String f = withStray("\"1,234\"");
        assertUserError(Cli.run("fit", "gmm", "--k", "2", f), f + ":5:2: ", "'1,234'", "without thousands separators");
        String g = withStray("1.2.3");
        assertUserError(Cli.run("fit", "gmm", "--k", "2", g), g + ":5:2: ", "'1.2.3'", "fix the cell", "--columns");
    }

    @Test
    void aTextCellInTheFirstRowOfANumericColumnIsStillAnError() throws IOException {
        String f = file("first.csv", "x,y\n0,n/a\n1,0\n2,2\n3,1\n10,11\n");
        assertUserError(Cli.run("fit", "gmm", "--k", "1", f), f + ":2:2: ", "'n/a'", "write NA");
    }

    /** In a glm formula a spoilt numeric column was taken as a factor with a level per number seen. */
    @Test
    void glmTermWithAStrayCellIsAnErrorNotAFactor() throws IOException {
        String f = withStray("nan");
        assertUserError(Cli.run("fit", "glm", "--family", "gaussian", "--formula", "x ~ y", f), f + ":5:2: ", "'nan'",
                "write NA", "--levels y=");
        String species = file("species.csv", "y,s\n1,a\n2,b\n3,a\n4,b\n5,a\n");
        assertThat(Cli.run("fit", "glm", "--family", "gaussian", "--formula", "y ~ s", species).status()).isZero();
    }

    @Test
    void columnsLeavesTheSpoiltColumnOut() throws IOException {
        String f = withStray("nan");
        JsonNode j = json(Cli.run("fit", "gmm", "--k", "2", "--columns", "x", "--json", f));
        assertThat(j.get("columns").toString()).isEqualTo("[\"x\"]");
        assertThat(j.get("n").asInt()).isEqualTo(8);
    }

    @Test
    void textThroughoutIsLeftOutWithANote() throws IOException {
        String f = file("ids.csv", "id,x,species\na1,0,setosa\na2,1,setosa\n17,2,virginica\na4,3,NA\n"
                + "a5,10,virginica\na6,11,setosa\n");
        Cli.Run r = Cli.run("fit", "gmm", "--k", "2", "--n-init", "1", "--json", f);
        assertThat(json(r).get("columns").toString()).isEqualTo("[\"x\"]");
        assertThat(r.errLines()).containsExactly(
                "mlem: " + f + ":2:1: note: column 'id' is not numeric ('a1') and is not modelled; choose columns with --columns",
                "mlem: " + f + ":2:3: note: column 'species' is not numeric ('setosa') and is not modelled; choose columns with --columns");
    }

    @Test
    void halfTextIsText() throws IOException {
        String f = file("half.csv", "code,x\n1,0\nb,1\n3,2\nd,3\n");
        Cli.Run r = Cli.run("fit", "gmm", "--k", "1", "--json", f);
        assertThat(json(r).get("columns").toString()).isEqualTo("[\"x\"]");
    }

    @Test
    void missingCellsWithMissingEmStillFit() throws IOException {
        String f = file("na.csv", "x,y\n0,1\n1,NA\n2,2\n3,\n10,NaN\n11,10\n12,12\n13,11\n");
        JsonNode j = json(Cli.run("fit", "gmm", "--k", "2", "--missing", "em", "--json", f));
        assertThat(j.get("n").asInt()).isEqualTo(8);
        assertThat(j.get("columns").toString()).isEqualTo("[\"x\",\"y\"]");
    }

    @Test
    void byteOrderMarkBeforeAQuotedHeaderIsDropped() throws IOException {
        Path p = dir.resolve("bom.csv");
        Files.write(p, ("\uFEFF\"x\",\"y\"\n0,1\n1,0\n2,2\n3,1\n").getBytes(StandardCharsets.UTF_8));
        JsonNode j = json(Cli.run("fit", "gmm", "--k", "1", "--json", p.toString()));
        assertThat(j.get("columns").toString()).isEqualTo("[\"x\",\"y\"]");
        Files.write(p, ("\uFEFF0,1\n1,0\n2,2\n3,1\n").getBytes(StandardCharsets.UTF_8));
        JsonNode noHeader = json(Cli.run("fit", "gmm", "--k", "1", "--no-header", "--json", p.toString()));
        assertThat(noHeader.get("columns").toString()).isEqualTo("[\"x1\",\"x2\"]");
    }

    /** Variances of such a column are infinite; fits gave spikes "Infinity times narrower" or a confusing regCovar error. */
    @Test
    void valuesBeyondTheSquareRootOfTheLargestDoubleAreRefusedAtTheirCell() throws IOException {
        String f = file("huge.csv", "x,y\n0,1\n1,0\n2,2\n10,11\n11,10\n12,13\n-1e200,3\n");
        for (String[] cmd : new String[][] {{"fit", "gmm", "--k", "2"}, {"select", "gmm", "--k", "1..2"},
            {"fit", "dist", "--family", "normal", "--column", "x"}, {"fit", "mvn"},
            {"fit", "glm", "--family", "gaussian", "--formula", "y ~ x"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(cmd), java.util.stream.Stream.of(f))
                    .toArray(String[]::new);
            assertUserError(Cli.run(args), f + ":8:1: ", "value -1.0E200 in column 'x' is beyond ±1e154", "rescale");
        }
    }

    /** Oracle: the Poisson MLE is the mean, here (2^31 + 2^32) / 2 exactly. */
    @Test
    void countsOfTwoToThe31AndMoreAreCounts() throws IOException {
        String f = file("big.csv", "n\n2147483648\n4294967296\n");
        JsonNode j = json(Cli.run("fit", "dist", "--family", "poisson", "--json", f));
        assertThat(j.get("parameters").get("lambda").asDouble()).isEqualTo((0x1p31 + 0x1p32) / 2);
        String over = file("over.csv", "n\n1\n18014398509481984\n");
        assertUserError(Cli.run("fit", "dist", "--family", "poisson", over), "", "2^53");
    }
}
