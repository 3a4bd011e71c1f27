package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.testkit.Pipes;

/**
 * The launcher {@code ./mlem} as a user runs it: signals reach java, which exits with 128 + the
 * signal's number and writes no {@code --out}; nothing of the fit is left running; standard error
 * is mlem's one line, whatever bytes it holds.
 *
 * <p>Runs in the {@code integration-test} phase, after {@code package} built the jar. The script
 * is copied into a scratch directory with the jar linked beside it where it looks for it: with no
 * sources there it is never stale, so it never starts a build of its own.
 *
 * <p>The launcher runs here without its start-up cache ({@code MLEM_AOT=0}): training one costs
 * about 20 CPU seconds, more than it saves these few runs, and the cache, broken or whole, is
 * {@link LauncherCacheIT}'s subject.
 *
 * <p>A signalled fit is one that cannot end by itself ({@code --tol 0}, a billion iterations) and
 * reads its data from a named pipe: when the test has written all of it and java has read it, the
 * fit is running; the signal goes a second later. Waits are generous for a loaded two-core machine.
 */
class LauncherIT {
    private static final int SIGINT = 2;
    private static final int SIGKILL = 9;
    private static final int SIGTERM = 15;

    @TempDir
    static Path install;
    private static Path launcher;

    @TempDir
    Path dir;

    @BeforeAll
    static void installLauncher() throws IOException {
        Path jar = Path.of(System.getProperty("mlem.jar", "target/missing-all.jar")).toAbsolutePath();
        Path script = Path.of(System.getProperty("mlem.launcher", "../mlem")).toAbsolutePath();
        assumeTrue(Files.isRegularFile(jar), "the launcher tests need the packaged jar (mvn verify): " + jar);
        launcher = install.resolve("mlem");
        Files.copy(script, launcher, StandardCopyOption.COPY_ATTRIBUTES);
        Path target = Files.createDirectories(install.resolve("mlem-cli/target"));
        Files.createSymbolicLink(target.resolve(jar.getFileName()), jar);
    }

    @Test
    void sigtermEndsTheFitWithStatus143AndNoOut() throws Exception {
        signalledFit("TERM", 128 + SIGTERM);
    }

    @Test
    void sigintEndsTheFitWithStatus130AndNoOut() throws Exception {
        signalledFit("INT", 128 + SIGINT);
    }

    @Test
    void sigkillLeavesNoJavaRunning() throws Exception {
        signalledFit("KILL", 128 + SIGKILL);
    }

    /**
     * A NUL byte in a cell: the error is mlem's one line, the byte shown as {@code \\u0000}, and so
     * is the note that leaves a text column out (the old filter, grep, put "binary file matches" in
     * place of either).
     */
    @Test
    void aNulByteInTheDataLeavesStandardErrorMlems() throws Exception {
        Path csv = dir.resolve("nul.csv");
        Files.write(csv, "a,b\n1,2\n3,4\u0000x\n5,6\n".getBytes(StandardCharsets.UTF_8));
        String error = finish(start(List.of("fit", "gmm", "--k", "1", "--columns", "a,b", csv.toString())), 2);
        assertThat(error.lines().count()).as(error).isEqualTo(1);
        assertThat(error).startsWith("mlem: ").contains(csv + ":3:2").contains("4\\u0000x").doesNotContain("\u0000")
                .doesNotContainIgnoringCase("binary file");

        // a column of text whose first cell holds the NUL: left out with a note quoting that cell
        Path text = dir.resolve("nultext.csv");
        Files.write(text, "a,b\n1,4\u0000x\n3,y\n5,z\n".getBytes(StandardCharsets.UTF_8));
        String note = finish(start(List.of("fit", "gmm", "--k", "1", text.toString())), 0);
        assertThat(note).contains("note: column 'b' is not numeric ('4\\u0000x')").doesNotContain("\u0000")
                .doesNotContainIgnoringCase("binary file");
    }

    /**
     * A selection through the launcher, on the JDK it picks (the newest it finds: Temurin 25 on
     * these machines), runs to its answer. Temurin 25.0.3's C2 crashed the JVM (SIGSEGV, exit 134)
     * on exactly this command, every run, when it inlined {@code NestedArrays.unflatten} into
     * {@code Squarem.run}; the in-process tests run on the build's JDK and never saw it.
     */
    @Test
    void aSelectionRunsToItsAnswerOnTheLaunchersJdk() throws Exception {
        Path faithful = Path.of("../examples/faithful.csv").toAbsolutePath();
        Process p = withoutCache(new ProcessBuilder(launcher.toString(), "select", "gmm", "--k", "1..3", "--covariance",
                "diag,full", faithful.toString())).directory(dir.toFile()).start();
        Output out = Output.drain(p.getInputStream());
        Output err = Output.drain(p.getErrorStream());
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String stderr = err.awaitEnd();
        assertThat(p.exitValue()).as(stderr).isZero();
        assertThat(out.awaitEnd()).contains("<- best BIC");
        assertThat(stderr).doesNotContain("fatal error");
    }

    /** Standard error once the process ended with {@code status}. */
    private static String finish(Process p, int status) throws Exception {
        Output err = Output.drain(p.getErrorStream());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = err.awaitEnd();
        assertThat(p.exitValue()).as(text).isEqualTo(status);
        return text;
    }

    /** Standard error redirected to a file holds java's last line once the launcher has exited (the filter is awaited). */
    @Test
    void standardErrorIsCompleteWhenTheLauncherExits() throws Exception {
        Path err = dir.resolve("err.txt");
        for (int i = 0; i < 5; i++) {
            Process p = withoutCache(new ProcessBuilder(launcher.toString(), "fit", "gmm", "--k", "0", "x.csv")).directory(dir.toFile())
                    .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(2);
            assertThat(Files.readString(err)).startsWith("mlem: fit gmm: ").endsWith("\n").hasLineCount(1);
        }
    }

    private void signalledFit(String signal, int status) throws Exception {
        Path fifo = Pipes.mkfifo(dir.resolve("data.fifo"));
        Path out = dir.resolve("model.json");
        Process p = start(List.of("fit", "gmm", "--k", "3", "--n-init", "1", "--tol", "0", "--max-iter", "1000000000",
                "--out", out.toString(), fifo.toString()));
        Output err = Output.drain(p.getErrorStream());
        writeData(fifo);
        Thread.sleep(1000);
        assertThat(p.isAlive()).as("the fit runs until it is signalled; stderr: %s", err.text()).isTrue();

        try {
            assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor()).isZero();
            boolean ended = p.waitFor(60, TimeUnit.SECONDS);
            assertThat(ended).as("the fit ended within 60 s of SIG%s", signal).isTrue();
            assertThat(p.exitValue()).isEqualTo(status);
            assertThat(out).doesNotExist();
            err.awaitEnd(); // the stderr filter has ended too: the pipe's last writer is gone
            assertThat(thisInstall()).as("processes left running").isEmpty();
        } finally {
            thisInstall().forEach(h -> h.destroyForcibly());
            p.destroyForcibly();
        }
    }

    private Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        if (sigintIgnoredHere()) {
            // A SIGINT ignored by this JVM's parent would be inherited and kept (POSIX), and java
            // honours it; reset it as an interactive shell's foreground job would have it.
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.add(launcher.toString());
        command.addAll(args);
        return withoutCache(new ProcessBuilder(command)).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** The launcher told not to train or use its start-up cache (see the class comment). */
    private static ProcessBuilder withoutCache(ProcessBuilder pb) {
        pb.environment().put("MLEM_AOT", "0");
        return pb;
    }

    /** Three clusters in two columns, written into the pipe; returns once the reader has taken it all. */
    private static void writeData(Path fifo) throws Exception {
        Random rng = new Random(7);
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 20_000; i++) {
            int c = i % 3;
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f%n", 4 * c + rng.nextGaussian(), -3 * c + rng.nextGaussian()));
        }
        Thread writer = Pipes.writeInBackground(fifo, csv.toString().getBytes(StandardCharsets.UTF_8));
        writer.join(120_000);
        assertThat(writer.isAlive()).as("mlem read the data within 120 s").isFalse();
    }

    /** Processes whose command line names this test's copy of the launcher or its jar link (bash, java). */
    private static List<ProcessHandle> thisInstall() {
        return ProcessHandle.allProcesses().filter(h -> h.info().commandLine().filter(c -> c.contains(install.toString())).isPresent())
                .toList();
    }

    private static boolean sigintIgnoredHere() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << (SIGINT - 1))) != 0;
            }
        }
        return false;
    }

    /** A stream read to its end on a thread of its own. */
    private static final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;

        private Output(InputStream in) {
            reader = new Thread(() -> {
                try (in) {
                    in.transferTo(bytes);
                } catch (IOException e) {
                    // the stream ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        static Output drain(InputStream in) {
            return new Output(in);
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        /** The whole text, after the stream's end (within 30 s). */
        String awaitEnd() throws InterruptedException {
            reader.join(30_000);
            assertThat(reader.isAlive()).as("standard error reached its end (every writer closed it)").isFalse();
            return text();
        }
    }
}
