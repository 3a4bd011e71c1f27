package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlem report} of a file that is not a model, and {@code --tidy} or {@code --report} naming an
 * input: exit 2 with one line naming the file or option and the fix, and nothing written (the input
 * intact, no other output made before the refusal).
 */
class ReportBadInputTest {
    @TempDir
    Path dir;

    private static final String DATA = OutputClashTest.DATA;

    private Path data() throws IOException {
        return Path.of(Cli.file(dir, "data.csv", DATA));
    }

    @Test
    void aJsonObjectThatNamesNoModelIsNotReported() throws IOException {
        Path notModel = dir.resolve("settings.json");
        Files.writeString(notModel, "{\"colour\": \"blue\"}\n");
        Path html = dir.resolve("out.html");
        BadInputTest.assertUserError(Cli.run("report", notModel.toString(), "--out", html.toString()), notModel + ": ",
                "not a model file", "field 'model' is missing", "mlem fit ... --out");
        assertThat(html).doesNotExist();
    }

    @Test
    void aCsvFileOrAnUnknownKindIsNotReported() throws IOException {
        Path html = dir.resolve("out.html");
        Path csv = data();
        BadInputTest.assertUserError(Cli.run("report", csv.toString(), "--out", html.toString()), csv + ":1:", "not valid JSON");
        Path odd = dir.resolve("odd.json");
        Files.writeString(odd, "{\"model\": \"spline\", \"logLikelihood\": -3}\n");
        BadInputTest.assertUserError(Cli.run("report", odd.toString(), "--out", html.toString()), odd + ": ",
                "not a model file", "'spline'");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"model\": \"gmm\", \"k\": 2}\n");
        Cli.Run r = Cli.run("report", broken.toString(), "--out", html.toString());
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("mlem: " + broken).doesNotContain("Exception");
        assertThat(html).doesNotExist();
    }

    @Test
    void tidyOrReportNamingTheDataIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path data = data();
        Path model = dir.resolve("m.json");
        String dotted = dir.resolve(".").resolve("data.csv").toString();
        BadInputTest.assertUserError(Cli.run("fit", "gmm", "--k", "2", "--out", model.toString(), "--tidy", dotted,
                data.toString()), "fit gmm: ", "--tidy names the input FILE", "choose another path for --tidy");
        BadInputTest.assertUserError(Cli.run("fit", "dist", "--family", "normal", "--column", "a", "--out", model.toString(),
                "--report", dotted, data.toString()), "fit dist: ", "--report names the input FILE");
        BadInputTest.assertUserError(Cli.run("select", "gmm", "--k", "1..2", "--report", dotted, data.toString()),
                "select gmm: ", "--report names the input FILE");
        assertThat(Files.readString(data)).isEqualTo(DATA);
        assertThat(model).doesNotExist();
    }

    @Test
    void reportNamingItsModelOrDataIsRefused() throws IOException {
        Path data = data();
        Path model = dir.resolve("m.json");
        assertThat(Cli.run("fit", "gmm", "--k", "2", "--out", model.toString(), data.toString()).status()).isZero();
        String before = Files.readString(model);
        BadInputTest.assertUserError(Cli.run("report", model.toString(), "--out", model.toString()), "report: ",
                "--out names the input MODEL.json");
        BadInputTest.assertUserError(Cli.run("report", model.toString(), data.toString(), "--out",
                dir.resolve("r.html").toString(), "--tidy", data.toString()), "report: ", "--tidy names the input DATA");
        assertThat(Files.readString(model)).isEqualTo(before);
        assertThat(Files.readString(data)).isEqualTo(DATA);
        assertThat(dir.resolve("r.html")).doesNotExist();
    }

    /** A glm or nls file with data that lack a column its formula reads: one line naming the column, nothing written. */
    @Test
    void dataWithoutAColumnTheFormulaReadsIsOneLine() throws IOException {
        Path data = Path.of(Cli.file(dir, "d.csv", "y,x,z\n1,1,0\n3,2,1\n2,3,0\n5,4,1\n4,5,1\n7,6,0\n"));
        Path other = Path.of(Cli.file(dir, "other.csv", "y,z\n1,0\n3,1\n2,0\n"));
        Path glm = dir.resolve("glm.json");
        Path nls = dir.resolve("nls.json");
        assertThat(Cli.run("fit", "glm", "--family", "gaussian", "--formula", "y ~ x + z", "--out", glm.toString(),
                data.toString()).status()).isZero();
        assertThat(Cli.run("fit", "nls", "--formula", "y ~ a + b*x", "--start", "a=0,b=1", "--out", nls.toString(),
                data.toString()).status()).isZero();
        Path html = dir.resolve("r.html");
        for (Path model : List.of(glm, nls)) {
            BadInputTest.assertUserError(Cli.run("report", model.toString(), other.toString(), "--out", html.toString()),
                    other + ": ", "no column 'x', which the model reads", "the columns are y, z",
                    "give a file with the columns the model was fitted to");
            assertThat(html).doesNotExist();
        }
    }

    @Test
    void tidyAndReportOnOneFileAreRefused() throws IOException {
        Path data = data();
        String same = dir.resolve("same.out").toString();
        BadInputTest.assertUserError(Cli.run("fit", "gmm", "--k", "2", "--tidy", same, "--report", same, data.toString()),
                "fit gmm: ", "--report names the same file as --tidy");
        assertThat(Path.of(same)).doesNotExist();
    }
}
