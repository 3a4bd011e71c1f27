package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes with {@code fit hmm}, {@code decode}, {@code fit mvn}, {@code fit tmix} and the new
 * {@code fit gmm} options: exit status 2, one line {@code mlem: place: message} naming the place
 * (file:line:column where there is one) and a fix, nothing on standard output.
 */
class NewModelsBadInputTest {
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
        assertThat(r.err()).startsWith("mlem: " + place).doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
        for (String w : words) {
            assertThat(r.err()).contains(w);
        }
    }

    private static final String SEQ = "id,x\na,1\na,2\nb,5\nb,6\na,3\n";

    @Test
    void sequenceIdThatReappearsNamesItsLine() throws IOException {
        String f = file("s.csv", SEQ);
        assertUserError(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--sequence", "id", f),
                f + ":6:1: ", "sequence 'a' reappears after sequence 'b'", "began on line 2", "contiguous");
    }

    @Test
    void unknownEmissionAndCovarianceOnAFamily() throws IOException {
        String f = file("s.csv", SEQ);
        assertUserError(Cli.run("fit", "hmm", "--states", "2", "--emission", "gausian", f), "fit hmm: ", "gausian");
        assertUserError(Cli.run("fit", "hmm", "--states", "2", "--emission", "poisson", "--covariance", "diag", f),
                "fit hmm: ", "--covariance applies to gaussian emissions only");
        assertUserError(Cli.run("fit", "hmm", "--emission", "gaussian", f), "fit hmm: ", "--states is required");
    }

    @Test
    void fixedWithoutInit() throws IOException {
        String f = file("s.csv", SEQ);
        assertUserError(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--fixed", "transitions", f),
                "fit hmm: ", "--fixed transitions needs", "--init FILE.json");
        assertUserError(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--fixed", "trans", f),
                "fit hmm: ", "'trans' is not a parameter group");
        assertUserError(Cli.run("fit", "gmm", "--k", "2", "--fixed", "means", f), "fit gmm: ", "--fixed means needs",
                "--init FILE.json");
    }

    @Test
    void knownStateOutsideTheStatesNamesItsCell() throws IOException {
        String f = file("k.csv", "x,z\n1,0\n2,\n5,2\n6,1\n");
        assertUserError(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--states-column", "z", f),
                f + ":4:2: ", "known state 2", "0..1", "raise --states");
    }

    @Test
    void decodeOfAMixtureAndScoreOfAnMvnSayWhichCommandToUse() throws IOException {
        String data = file("g.csv", "x\n1\n2\n3\n");
        String gmm = file("g.json", "{\"model\":\"gmm\",\"k\":1,\"covariance\":\"full\",\"weights\":[1],\"means\":[[0]],"
                + "\"covariances\":[[[1]]]}");
        assertUserError(Cli.run("decode", gmm, data), gmm + ": ", "('gmm') file cannot be used by decode", "mlem predict");
        String mvn = file("m.json", "{\"model\":\"mvn\",\"mean\":[0],\"covariance\":[[1]]}");
        assertUserError(Cli.run("predict", mvn, data), mvn + ": ", "cannot be used by predict", "mlem score, mlem sample");
        Cli.Run drawn = Cli.run("sample", mvn, "--n", "3");
        assertThat(drawn.status()).as(drawn.err()).isZero();
        assertThat(drawn.out().split("\\R")).hasSize(4);
    }

    @Test
    void mvnRowWithEveryCellMissingNamesItsLine() throws IOException {
        String f = file("m.csv", "a,b\n1,2\n2,NA\nNA,\n4,5\n3,3\n");
        assertUserError(Cli.run("fit", "mvn", f), f + ":4:1: ", "every modelled cell", "remove it");
        assertUserError(Cli.run("fit", "mvn", "--acceleration", "fast", f), "fit mvn: ", "--acceleration 'fast'");
        assertUserError(Cli.run("fit", "gmm", "--k", "1", "--missing", "em", f), f + ":4:1: ", "every modelled cell");
    }

    @Test
    void tmixNeedsAtLeastOneComponentAndAPositiveDf() throws IOException {
        String f = file("t.csv", "a,b\n1,2\n2,1\n4,5\n3,3\n");
        assertUserError(Cli.run("fit", "tmix", "--k", "0", f), "fit tmix: ", "--k 0 is too small");
        assertUserError(Cli.run("fit", "tmix", "--k", "1", "--df", "-1", f), "fit tmix: ", "--df -1.0");
        assertUserError(Cli.run("fit", "tmix", f), "fit tmix: ", "--k is required");
    }
}
