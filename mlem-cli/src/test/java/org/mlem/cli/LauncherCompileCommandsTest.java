package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The launcher ({@code ./mlem}) tells the JIT not to inline EM's once-an-iteration glue into the EM
 * loop for the Gaussian mixture's commands (docs/benchmarks.md, 2026-12-07 19:00Z). The JVM takes a
 * {@code CompileCommand} for a method that does not exist without a word, so a rename would silently
 * undo the saving: every method the launcher names must exist. And the options only change what the
 * compiler inlines, never the arithmetic: a selection run with them prints what one without them prints
 * (oracle: the same command in a JVM without the options; exact, the {@code seconds} timings aside).
 */
class LauncherCompileCommandsTest {
    private static final Path LAUNCHER = Path.of("../mlem");

    /** The launcher's {@code glue=(...)} entries, {@code Class::method} ({@code *}: every method). */
    private static List<String> glue() throws IOException {
        Matcher m = Pattern.compile("(?m)^glue=\\(([^)]*)\\)").matcher(Files.readString(LAUNCHER));
        assertThat(m.find()).as("the launcher's glue=(...) list").isTrue();
        List<String> out = new ArrayList<>();
        for (String word : m.group(1).trim().split("\\s+")) {
            out.add(word.replace("'", ""));
        }
        return out;
    }

    @Test
    void everyMethodTheLauncherNamesExists() throws Exception {
        List<String> glue = glue();
        assertThat(glue).hasSizeGreaterThanOrEqualTo(4);
        for (String entry : glue) {
            String[] parts = entry.split("::");
            Class<?> type = Class.forName(parts[0]);
            if (!parts[1].equals("*")) {
                assertThat(Arrays.stream(type.getDeclaredMethods()).map(Method::getName)).as(entry).contains(parts[1]);
            }
        }
    }

    @Test
    void theOptionsLeaveTheAnswersAlone() throws Exception {
        List<String> options = new ArrayList<>(List.of("-XX:CompileCommand=quiet"));
        for (String m : glue()) {
            options.add("-XX:CompileCommand=dontinline," + m);
        }
        Process plainRun = start(List.of()); // both at once: each JVM is mostly its own start-up
        Process launchedRun = start(options);
        String plain = withoutTimings(output(plainRun));
        String launched = withoutTimings(output(launchedRun));
        assertThat(plain).contains("\"candidates\"");
        assertThat(launched).isEqualTo(plain);
    }

    /** {@code select gmm} on faithful (VEE and EVE, k 1..2: iterative M-steps, SQUAREM) in a fresh JVM with {@code options}. */
    private static Process start(List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-XX:-BackgroundCompilation"));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "select", "gmm",
                "--covariance", "VEE,EVE", "--k", "1..2", "--json", "../examples/faithful.csv"));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String output(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** The JSON without its {@code "seconds"} object (wall-clock timings). */
    private static String withoutTimings(String json) {
        return json.replaceAll("(?s)\"seconds\" : \\{[^}]*\\}", "\"seconds\" : {}")
                .replaceAll("\"seconds\" : [0-9.eE+-]+", "\"seconds\" : 0");
    }
}
