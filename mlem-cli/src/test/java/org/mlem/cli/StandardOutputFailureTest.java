package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command whose standard output cannot be written (a full disk) fails with exit status 1 and one
 * line saying so; before, predict, fit and sample into /dev/full lost everything and exited 0.
 * Status 1, not 2: nothing in the command line or the data is wrong (the contract's 2), the
 * environment failed, and 1 is the contract's "not done" status for every other cause.
 */
class StandardOutputFailureTest {
    @TempDir
    Path dir;

    private static final String DATA = "a,b\n0,1\n1,0\n2,2\n3,1\n10,11\n11,10\n12,12\n13,11\n";

    /** A stream whose every write fails with {@code reason}. */
    private static final class Failing extends OutputStream {
        private final String reason;

        Failing(String reason) {
            this.reason = reason;
        }

        @Override
        public void write(int b) throws IOException {
            throw new IOException(reason);
        }
    }

    /** A device that is always full. */
    private static OutputStream full() {
        return new Failing("No space left on device");
    }

    private static Cli.Run run(OutputStream out, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Cli.Run(status, "", err.toString(StandardCharsets.UTF_8));
    }

    private static void assertFailed(Cli.Run r, String place, String reason) {
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("mlem: " + place + ": cannot write to standard output (" + reason + ")")
                .doesNotContain("Exception").doesNotContain("please report");
    }

    private String data() throws IOException {
        Path p = dir.resolve("data.csv");
        Files.writeString(p, DATA);
        return p.toString();
    }

    private String model(String data) {
        String model = dir.resolve("m.json").toString();
        assertThat(Cli.run("fit", "gmm", "--k", "2", "--out", model, data).status()).isZero();
        return model;
    }

    @Test
    void fitPredictAndSampleIntoAFullDeviceFail() throws IOException {
        String data = data();
        String model = model(data);
        assertFailed(run(full(), "fit", "gmm", "--k", "2", "--n-init", "1", data), "fit gmm", "No space left on device");
        assertFailed(run(full(), "predict", model, data), "predict", "No space left on device");
        assertFailed(run(full(), "sample", "--n", "10", model), "sample", "No space left on device");
    }

    @Test
    void aPrintStreamThatSwallowedTheErrorIsAskedToo() throws IOException {
        String model = model(data());
        assertFailed(run(new PrintStream(full(), true, StandardCharsets.UTF_8), "sample", "--n", "10", model), "sample",
                "write error");
    }

    @Test
    void aPipeClosedByItsReaderFailsSilently() throws IOException {
        Cli.Run r = run(new Failing("Broken pipe"), "sample", "--n", "10", model(data()));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aUserErrorKeepsItsStatus() throws IOException {
        Cli.Run r = run(full(), "fit", "gmm", "--k", "0", data());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
    }

    @Test
    void theRealEntryPointIntoDevFull() throws Exception {
        File full = new File("/dev/full");
        Assumptions.assumeTrue(full.exists());
        String model = model(data());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "sample", "--n", "1000", model)).redirectOutput(full).redirectErrorStream(false).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isEqualTo(1);
        assertThat(err.strip().split("\\R")).as(err).hasSize(1);
        assertThat(err).startsWith("mlem: sample: cannot write to standard output (No space left on device)");
    }
}
