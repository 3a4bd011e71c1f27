package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every user mistake the contract lists: exit status 2, exactly one line on standard error of the
 * form {@code mlem: place: message}, naming the place and a fix, and nothing on standard output.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private String file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    private static void assertUserError(Cli.Run r, String place, String... words) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("mlem: " + place).doesNotContain("Exception").doesNotContain("\tat ");
        for (String w : words) {
            assertThat(r.err()).contains(w);
        }
        assertThat(r.out()).isEmpty();
    }

    private static final String GOOD = "x,y\n0,1\n1,0\n2,2\n3,1\n10,11\n11,10\n12,12\n13,11\n";

    @Test
    void missingFile() {
        String path = dir.resolve("none.csv").toString();
        assertUserError(Cli.run("fit", "gmm", "--k", "2", path), path + ": ", "no such file", "check the path");
    }

    @Test
    void emptyFileAndHeaderWithoutRows() throws IOException {
        String empty = file("empty.csv", "");
        assertUserError(Cli.run("fit", "gmm", "--k", "1", empty), empty + ": ", "empty", "header row");
        String header = file("header.csv", "x,y\n");
        assertUserError(Cli.run("fit", "gmm", "--k", "1", header), header + ": ", "no data rows", "add rows");
    }

    @Test
    void nonNumericCellNamesFileLineAndColumn() throws IOException {
        String f = file("text.csv", "x,y\n1,2\n3,abc\n");
        assertUserError(Cli.run("fit", "gmm", "--k", "1", "--columns", "x,y", f), f + ":3:2: ", "'abc'", "not a number", "fix the cell");
    }

    @Test
    void missingCellWithoutDropMissing() throws IOException {
        String f = file("na.csv", "x,y\n1,2\nNA,4\n5,6\n7,9\n");
        assertUserError(Cli.run("fit", "gmm", "--k", "1", f), f + ":3:1: ", "missing value", "--drop-missing");
    }

    @Test
    void infinity() throws IOException {
        String f = file("inf.csv", "x,y\n1,2\n3,Inf\n");
        assertUserError(Cli.run("fit", "gmm", "--k", "1", f), f + ":3:2: ", "infinite", "fix the cell");
    }

    @Test
    void kBelowOne() throws IOException {
        assertUserError(Cli.run("fit", "gmm", "--k", "0", file("g.csv", GOOD)), "fit gmm: ", "--k 0", "at least 1");
    }

    @Test
    void kAboveTheDistinctRows() throws IOException {
        String f = file("dup.csv", "x\n1\n1\n2\n2\n");
        assertUserError(Cli.run("fit", "gmm", "--k", "3", f), "fit gmm: ", "only 2 distinct rows", "use k <= 2");
    }

    @Test
    void unknownCovarianceStructure() throws IOException {
        assertUserError(Cli.run("fit", "gmm", "--k", "2", "--covariance", "banana", file("g.csv", GOOD)), "fit gmm: ",
                "unknown covariance structure 'banana'", "full, tied, diag, spherical");
    }

    @Test
    void unknownOptionMissingKAndBadNumber() throws IOException {
        String f = file("g.csv", GOOD);
        assertUserError(Cli.run("fit", "gmm", "--k", "2", "--colums", "x", f), "fit gmm: ", "unknown option '--colums'",
                "--columns", "--help");
        assertUserError(Cli.run("fit", "gmm", f), "fit gmm: ", "--k is required");
        assertUserError(Cli.run("fit", "gmm", "--k", "two", f), "fit gmm: ", "'two' is not an int", "--help");
        assertUserError(Cli.run("fit", "gmm", "--k", "2"), "fit gmm: ", "Missing required parameter", "--help");
        assertUserError(Cli.run("frobnicate"), "", "unexpected argument 'frobnicate'");
        assertUserError(Cli.run("fit"), "fit: ", "a model is needed: gmm");
    }

    @Test
    void columnsNamingAColumnNotThere() throws IOException {
        String f = file("g.csv", GOOD);
        assertUserError(Cli.run("fit", "gmm", "--k", "2", "--columns", "x,z", f), f + ": ", "no column 'z'", "the columns are x, y");
    }

    @Test
    void labelOutsideTheKClassesNamesTheLine() throws IOException {
        String ints = file("lab.csv", "x,c\n1,0\n2,1\n3,2\n4,0\n");
        assertUserError(Cli.run("fit", "gmm", "--k", "2", "--labels", "c", ints), ints + ":4:2: ", "label 2", "0..1", "raise --k");
        String names = file("names.csv", "x,c\n1,a\n2,b\n3,c\n4,a\n");
        assertUserError(Cli.run("fit", "gmm", "--k", "2", "--labels", "c", names), names + ":4:2: ", "label 'c'", "raise --k");
    }

    @Test
    void negativeWeight() throws IOException {
        String f = file("w.csv", "x,w\n1,1\n2,-1\n3,1\n");
        assertUserError(Cli.run("fit", "gmm", "--k", "1", "--weights", "w", f), f + ":3:2: ", "weight -1 is negative", ">= 0");
    }

    @Test
    void collapsingComponentWithoutRegCovar() throws IOException {
        // two distinct points repeated: each component sits on one point with variance exactly 0
        String f = file("collapse.csv", "x,y\n" + "1,2\n".repeat(10) + "3,5\n".repeat(10));
        assertUserError(Cli.run("fit", "gmm", "--k", "2", "--reg-covar", "0", f), "fit gmm: ", "not positive definite",
                "increase regCovar (--reg-covar)");
    }

    @Test
    void badModelFileNamesTheFileAndField() throws IOException {
        String data = file("g.csv", GOOD);
        String model = file("m.json", "{\"model\":\"gmm\",\"k\":2,\"covariance\":\"full\",\"weights\":[0.5,0.5]}");
        assertUserError(Cli.run("predict", model, data), model + ": ", "field 'means' is missing");
        assertUserError(Cli.run("fit", "gmm", "--init", model, data), model + ": ", "field 'means' is missing");
        assertUserError(Cli.run("fit", "gmm", "--k", "2", "--init", "kmeans", data), "fit gmm: ", "--init 'kmeans'");
        assertUserError(Cli.run("sample", dir.resolve("none.json").toString(), "--n", "3"), "", "no such model file");
    }
}
