package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output path that names an input or another output is refused before any work (exit 2, one
 * line naming both options), however the path is spelled; before, the input was overwritten with
 * exit 0, and --out equal to --plot left only the picture.
 */
class OutputClashTest {
    @TempDir
    Path dir;

    static final String DATA = "a,b\n0,1\n1,0\n2,2\n3,1\n10,11\n11,10\n12,12\n13,11\n";

    private Path data() throws IOException {
        Path p = dir.resolve("data.csv");
        Files.writeString(p, DATA);
        return p;
    }

    /** {@code dir/./name}: the same file spelled another way. */
    private String dotted(String name) {
        return dir.resolve(".").resolve(name).toString();
    }

    private static void assertRefused(Cli.Run r, String place, String... words) {
        BadInputTest.assertUserError(r, place + ": ", words);
    }

    @Test
    void outNamingTheInputIsRefusedAndTheDataKept() throws IOException {
        Path data = data();
        assertRefused(Cli.run("fit", "gmm", "--k", "2", "--out", dotted("data.csv"), data.toString()), "fit gmm",
                "--out names the input FILE", "choose another path for --out");
        assertThat(Files.readString(data)).isEqualTo(DATA);
    }

    @Test
    void plotAndImputeNamingTheInputAreRefused() throws IOException {
        Path data = data();
        assertRefused(Cli.run("fit", "dist", "--family", "normal", "--column", "a", "--plot", dotted("data.csv"),
                data.toString()), "fit dist", "--plot names the input FILE");
        Files.writeString(data, "a,b\n1,2\n2,\n3,5\n4,4\n5,7\n,3\n6,8\n");
        String before = Files.readString(data);
        assertRefused(Cli.run("fit", "mvn", "--impute", dotted("data.csv"), data.toString()), "fit mvn",
                "--impute names the input FILE");
        assertThat(Files.readString(data)).isEqualTo(before);
    }

    @Test
    void aLinkToTheInputIsTheInput() throws IOException {
        Path data = data();
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), data);
        assertRefused(Cli.run("select", "gmm", "--k", "1..2", "--out", link.toString(), data.toString()), "select gmm",
                "--out names the input FILE");
        Path hard = Files.createLink(dir.resolve("hard.csv"), data);
        assertRefused(Cli.run("fit", "gmm", "--k", "2", "--plot", hard.toString(), data.toString()), "fit gmm",
                "--plot names the input FILE");
        assertThat(Files.readString(data)).isEqualTo(DATA);
    }

    @Test
    void outEqualToPlotIsRefusedBeforeEitherIsWritten() throws IOException {
        Path data = data();
        assertRefused(Cli.run("fit", "gmm", "--k", "2", "--out", dir.resolve("m.json").toString(), "--plot", dotted("m.json"),
                data.toString()), "fit gmm", "--plot names the same file as --out", "give each output its own file");
        assertThat(dir.resolve("m.json")).doesNotExist();
    }

    @Test
    void theModelReadIsNotTheModelWritten() throws IOException {
        Path data = data();
        Path model = dir.resolve("m.json");
        assertThat(Cli.run("fit", "gmm", "--k", "2", "--out", model.toString(), data.toString()).status()).isZero();
        byte[] before = Files.readAllBytes(model);
        assertRefused(Cli.run("fit", "gmm", "--init", model.toString(), "--out", dotted("m.json"), data.toString()),
                "fit gmm", "--out names the input --init");
        assertThat(Files.readAllBytes(model)).isEqualTo(before);
    }

    @Test
    void convertIntoItsInputIsRefused() throws IOException {
        Path npy = dir.resolve("t.npy");
        Files.writeString(npy, "a\n1\n2\n");
        assertRefused(Cli.run("convert", npy.toString(), dotted("t.npy")), "convert", "OUT.npy names the input FILE");
        assertThat(Files.readString(npy)).isEqualTo("a\n1\n2\n");
    }

    @Test
    void anOutputInAMissingFolderIsRefusedBeforeTheFit() throws IOException {
        Path data = data();
        assertRefused(Cli.run("fit", "gmm", "--k", "2", "--out", dir.resolve("none").resolve("m.json").toString(),
                data.toString()), "fit gmm", "--out names a file in the folder", "does not exist", "create it");
        assertRefused(Cli.run("convert", data.toString(), dir.resolve("none").resolve("t.npy").toString()), "convert",
                "OUT.npy names a file in the folder", "does not exist");
        assertRefused(Cli.run("fit", "gmm", "--k", "2", "--plot", dir.toString(), data.toString()), "fit gmm",
                "--plot names a folder");
    }

    @Test
    void devicesAreNeverRefused() throws IOException {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/null")));
        Cli.Run r = Cli.run("fit", "gmm", "--k", "2", "--out", "/dev/null", "--plot", "/dev/null", data().toString());
        assertThat(r.status()).as(r.err()).isZero();
    }
}
