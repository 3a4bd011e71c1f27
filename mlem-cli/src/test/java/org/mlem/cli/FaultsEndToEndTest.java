package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.BadInputTest.assertUserError;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.data.npy.NpyHeader;

/**
 * Mistakes that gave an internal error, a stack overflow, or a silent exit 0 (issue 12): each is
 * now exit status 2 with one line naming the problem and the fix.
 */
class FaultsEndToEndTest {
    @TempDir
    Path dir;

    private static final String NLS = "x,y\n1,2\n2,4.1\n3,5.9\n4,8.2\n5,9.8\n6,12.1\n";

    @Test
    void textLabelsWithFewerClassesThanComponents() throws IOException {
        String f = Cli.file(dir, "lab.csv", "x,cls\n0,A\n0.5,A\n1,A\n10,B\n10.5,B\n11,B\n5,\n6,\n");
        assertUserError(Cli.run("fit", "gmm", "--k", "3", "--labels", "cls", f), f + ": ",
                "component 2 of k=3 has no labelled row", "2 classes (A, B)", "set --k");
    }

    @Test
    void integerLabelsThatSkipAComponent() throws IOException {
        String f = Cli.file(dir, "lab.csv", "x,cls\n0,0\n0.5,0\n1,0\n10,2\n10.5,2\n11,2\n");
        assertUserError(Cli.run("fit", "gmm", "--k", "3", "--labels", "cls", f), f + ": ",
                "component 1 of k=3 has no labelled row", "components 0, 2");
        assertUserError(Cli.run("fit", "mixture", "--family", "normal", "--k", "3", "--labels", "cls", "--columns", "x", f),
                f + ": ", "component 1 of k=3");
    }

    @Test
    void unlabelledRowsAloneStillFit() throws IOException {
        String f = Cli.file(dir, "lab.csv", "x,cls\n0,\n0.5,\n1,\n10,\n10.5,\n11,\n");
        assertThat(Cli.run("fit", "gmm", "--k", "2", "--labels", "cls", f).status()).isZero();
    }

    @Test
    void nlsStartWhereTheModelIsInfinite() throws IOException {
        String f = Cli.file(dir, "nls.csv", NLS);
        assertUserError(Cli.run("fit", "nls", "--formula", "y ~ b1*exp(b2*x)", "--start", "b1=1,b2=1000", f),
                "", "infinite at row 1 at the starting values", "choose other --start values");
        Path png = dir.resolve("p.png");
        assertUserError(Cli.run("fit", "nls", "--formula", "y ~ b1*exp(b2*x)", "--start", "b1=1,b2=1000",
                "--plot", png.toString(), f), "", "infinite at row 1");
        assertThat(png).doesNotExist();
    }

    @Test
    void plotOfANonConvergedNlsFitIsDrawn() throws IOException {
        String f = Cli.file(dir, "nls.csv", NLS);
        Path png = dir.resolve("p.png");
        Cli.Run r = Cli.run("fit", "nls", "--formula", "y ~ b1*exp(b2*x)", "--start", "b1=1,b2=0.9", "--max-iter", "1",
                "--plot", png.toString(), f);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.size(png)).isPositive();
    }

    @Test
    void formulasThousandsOfLevelsDeep() throws IOException {
        String f = Cli.file(dir, "nls.csv", NLS);
        String deep = "(".repeat(2000) + "b1*x" + ")".repeat(2000);
        assertUserError(Cli.run("fit", "nls", "--formula", "y ~ " + deep, "--start", "b1=1", f), "",
                "levels", "fewer levels");
        assertUserError(Cli.run("fit", "glm", "--family", "gaussian", "--formula", "y ~ " + "(".repeat(2000) + "x"
                + ")".repeat(2000), f), "", "nested more than", "fewer levels");
    }

    @Test
    void hmmWithOneRowPerSequence() throws IOException {
        String f = Cli.file(dir, "seq.csv", "id,x\na,0.1\nb,0.3\nc,5.2\nd,5.0\ne,0.2\nf,4.9\n");
        assertUserError(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--sequence", "id", f), "",
                "single row", "no transition is observed", "longer sequences");
    }

    /**
     * Verifies the previous session's fix: on 6 rows, k = 2 tied (8 parameters) has a lower BIC
     * than k = 1, yet no candidate with at least as many parameters as rows is chosen; each is
     * marked {@code excluded}. (Every candidate failing exits 2: SelectGmmDegenerateEndToEndTest.)
     */
    @Test
    void selectGmmNeverPicksMoreParametersThanRows() throws IOException {
        String f = Cli.file(dir, "sel.csv", "x,y\n0,1\n1,0\n2,2\n10,11\n11,10\n12,13\n");
        JsonNode j = Cli.json(Cli.run("select", "gmm", "--k", "1..2", "--json", f));
        JsonNode best = j.get("candidates").get(j.get("best").asInt());
        assertThat(best.get("nParameters").asInt()).isLessThan(6);
        double lowestExcludedBic = Double.POSITIVE_INFINITY;
        for (JsonNode c : j.get("candidates")) {
            assertThat(c.has("excluded")).as(c.toString()).isEqualTo(c.get("nParameters").asInt() >= 6);
            if (c.has("excluded")) {
                lowestExcludedBic = Math.min(lowestExcludedBic, c.get("bic").asDouble());
            }
        }
        assertThat(lowestExcludedBic).isLessThan(best.get("bic").asDouble());
    }

    @Test
    void npyWithZeroColumns() throws IOException {
        Path npy = dir.resolve("empty.npy");
        Files.write(npy, NpyHeader.encode(3, 0, 8, 0));
        assertUserError(Cli.run("fit", "gmm", "--k", "1", npy.toString()), npy + ": ", "shape (3, 0)", "no columns");
    }
}
