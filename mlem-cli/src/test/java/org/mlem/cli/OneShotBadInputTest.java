package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.BadInputTest.assertUserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes in {@code fit dist}, {@code fit glm} and {@code fit nls}: exit status 2, one line
 * {@code mlem: place: message} on standard error naming the place (file:line:column for a cell,
 * the character position in a formula) and a fix, nothing on standard output, no stack trace.
 */
class OneShotBadInputTest {
    @TempDir
    Path dir;

    private String file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    private static Cli.Run glm(String family, String formula, String file, String... more) {
        String[] args = new String[6 + more.length + 1];
        String[] head = {"fit", "glm", "--family", family, "--formula", formula};
        System.arraycopy(head, 0, args, 0, 6);
        System.arraycopy(more, 0, args, 6, more.length);
        args[args.length - 1] = file;
        return Cli.run(args);
    }

    @Test
    void responseOutsideTheFamilysSupportNamesTheCell() throws IOException {
        // data row 3 is line 4 of the file; the response is column 1
        String neg = file("neg.csv", "y,x\n1,1\n2,2\n-3,3\n4,4\n");
        assertUserError(glm("gamma", "y ~ x", neg), neg + ":4:1: ", "response 'y' is -3", "gamma", "> 0", "fix the cell");
        String frac = file("frac.csv", "x,y\n1,1\n2,2.5\n3,3\n4,4\n");
        assertUserError(glm("poisson", "y ~ x", frac), frac + ":3:2: ", "response 'y' is 2.5", "whole-number count");
        assertUserError(glm("poisson", "y ~ x", neg), neg + ":4:1: ", "response 'y' is -3", "count >= 0");
        String bin = file("bin.csv", "y,x\n1,1\n0,2\n2,3\n1,4\n");
        assertUserError(glm("binomial", "y ~ x", bin), bin + ":4:1: ", "response 'y' is 2", "binomial");
        String half = file("half.csv", "y,x\n1,1\n0,2\n0.5,3\n1,4\n");
        assertUserError(glm("binomial", "y ~ x", half), half + ":4:1: ", "0 or 1", "--weights");
    }

    @Test
    void rowsAfterDroppedOnesStillMapToTheirLines() throws IOException {
        // line 3 is dropped (missing x), so the bad response on line 5 is data row 3 of the fit
        String f = file("drop.csv", "y,x\n1,1\n2,\n3,3\n-1,4\n5,5\n");
        assertErrorAfterDropNote(glm("gamma", "y ~ x", f, "--drop-missing"), f, f + ":5:1: response 'y' is -1");
        String g = file("log.csv", "y,x\n1,1\n2,\n3,0\n4,4\n");
        assertErrorAfterDropNote(glm("poisson", "y ~ log(x)", g, "--drop-missing"), g, g + ":4: 'log(x)' is -Infinity");
    }

    /** The note on dropped rows, then the error line. */
    private static void assertErrorAfterDropNote(Cli.Run r, String file, String error) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines()[0]).startsWith("mlem: " + file + ": dropped 1 of ").endsWith("rows with a missing cell (--drop-missing)");
        assertThat(r.errLines()[1]).startsWith("mlem: " + error);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void distValueOutsideTheSupportNamesTheCell() throws IOException {
        String f = file("d.csv", "id,x\na,1\nb,2\nc,0\nd,4\n");
        assertUserError(Cli.run("fit", "dist", "--family", "gamma", "--column", "x", f), f + ":4:2: ", "value 0",
                "gamma family's support (x > 0)");
        String c = file("c.csv", "x\n1\n2\n-1\n");
        assertUserError(Cli.run("fit", "dist", "--family", "poisson", c), c + ":4:1: ", "value -1", "non-negative whole");
        String b = file("b.csv", "x\n0\n1\n3\n");
        assertUserError(Cli.run("fit", "dist", "--family", "binomial:2", b), b + ":4:1: ", "value 3", "x = 0, 1, ..., 2");
    }

    @Test
    void unknownFamilyOrLink() throws IOException {
        String f = file("g.csv", "y,x\n1,1\n0,2\n1,3\n0,4\n");
        assertUserError(glm("poison", "y ~ x", f), "fit glm: ", "unknown family 'poison'", "gaussian, binomial, poisson");
        assertUserError(glm("poisson", "y ~ x", f, "--link", "logit"), "fit glm: ", "does not take the logit link",
                "identity, log");
        assertUserError(glm("poisson", "y ~ x", f, "--link", "logg"), "fit glm: ", "unknown link 'logg'", "identity, log");
        assertUserError(Cli.run("fit", "dist", "--family", "gama", "--column", "y", f), "fit dist: ",
                "unknown distribution family 'gama'", "gamma");
        assertUserError(Cli.run("fit", "dist", "--family", "binomial", "--column", "y", f), "fit dist: ", "binomial:SIZE");
        assertUserError(Cli.run("fit", "dist", "--family", "binomial:3", "--size", "4", "--column", "y", f), "fit dist: ",
                "disagree");
    }

    @Test
    void formulaNamingAMissingColumnOrUnparsable() throws IOException {
        String f = file("g.csv", "y,x\n1,1\n0,2\n1,3\n0,4\n");
        assertUserError(glm("poisson", "y ~ x + z", f), f + ": ", "names column 'z'", "the columns are y, x");
        assertUserError(glm("poisson", "yy ~ x", f), f + ": ", "names column 'yy'");
        assertUserError(glm("poisson", "y ~ x +", f), "formula:1:8: ", "at character 8");
        assertUserError(glm("poisson", "y ~ (x", f), "formula:1:7: ", "expected ')'");
        assertUserError(Cli.run("fit", "nls", "--formula", "y ~ a*exp(b*x", "--start", "a=1,b=1", f), "fit nls: ",
                "position 14", "to close 'exp('");
        assertUserError(Cli.run("fit", "nls", "--formula", "w ~ a*x", "--start", "a=1", f), f + ": ", "names column 'w'");
    }

    @Test
    void constantResponseAndTooFewRows() throws IOException {
        String c = file("const.csv", "y,x\n1,1\n1,2\n1,3\n");
        assertUserError(glm("binomial", "y ~ x", c), "fit glm: ", "is 1.0 on every row", "constant response");
        String tiny = file("tiny.csv", "y,x,z\n1,1,3\n2,2,1\n");
        assertUserError(glm("poisson", "y ~ x + z", tiny), "fit glm: ", "only 2 rows", "3 model columns");
        assertUserError(Cli.run("fit", "nls", "--formula", "y ~ a*x^b + c", "--start", "a=1,b=1,c=0", tiny), "fit nls: ",
                "2 observations cannot determine 3 parameters");
        String one = file("one.csv", "x\n5\n");
        assertUserError(Cli.run("fit", "dist", "--family", "normal", one), "fit dist: ", "constant column");
    }

    @Test
    void nlsStartValuesMissingOrMisspelt() throws IOException {
        String f = file("n.csv", "y,x\n1,1\n2,2\n4,3\n8,4\n");
        assertUserError(Cli.run("fit", "nls", "--formula", "y ~ a*exp(b*x)", "--start", "a=1", f), "fit nls: ",
                "uses 'b'", "neither a column", "add b=VALUE to --start");
        assertUserError(Cli.run("fit", "nls", "--formula", "y ~ a*exp(b*x)", "--start", "a=1,bb=0.5", f), "fit nls: ",
                "uses 'b'", "is it --start's 'bb'?");
        assertUserError(Cli.run("fit", "nls", "--formula", "y ~ a*exp(b*x)", "--start", "a=1,b=0.5,c=2", f), "fit nls: ",
                "--start gives 'c'", "does not use it");
        assertUserError(Cli.run("fit", "nls", "--formula", "y ~ a*exp(b*x)", "--start", "a=1,b=half", f), "fit nls: ",
                "b='half' is not a number");
        assertUserError(Cli.run("fit", "nls", "--formula", "y ~ a*exp(b*x)", "--start", "a:1", f), "fit nls: ",
                "NAME=VALUE");
    }

    @Test
    void cellsMissingOrNotNumbers() throws IOException {
        String na = file("na.csv", "y,x\n1,1\n,2\n3,3\n4,4\n");
        assertUserError(glm("poisson", "y ~ x", na), na + ":3:1: ", "missing value", "--drop-missing");
        assertUserError(Cli.run("fit", "nls", "--formula", "y ~ a*x", "--start", "a=1", na), na + ":3:1: ", "missing value");
        assertUserError(Cli.run("fit", "dist", "--family", "normal", "--column", "y", na), na + ":3:1: ", "missing value");
        String txt = file("txt.csv", "y,x\n1,1\nabc,2\n3,3\n");
        assertUserError(glm("poisson", "y ~ x", txt), txt + ":3:1: ", "'abc'", "not a number");
        String lv = file("lv.csv", "y,g\n1,a\n2,b\n3,c\n4,a\n");
        assertUserError(glm("poisson", "y ~ g", lv, "--levels", "g=a,b"), lv + ":4:2: ", "level 'c'", "add it to the list");
        assertUserError(glm("poisson", "y ~ g", lv, "--levels", "h=a,b"), "fit glm: ", "--levels names column 'h'");
        assertUserError(glm("poisson", "y ~ g", lv, "--levels", "g"), "fit glm: ", "COLUMN=A,B,C");
    }

    @Test
    void distNeedsAColumnWhenThereAreSeveral() throws IOException {
        String f = file("two.csv", "a,b\n1,2\n3,4\n");
        assertUserError(Cli.run("fit", "dist", "--family", "normal", f), f + ": ", "choose the one to fit with --column");
        assertUserError(Cli.run("fit", "dist", "--family", "normal", "--column", "c", f), f + ": ", "no column 'c'");
    }
}
