package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The launcher's start-up cache ({@code ./mlem}: an AOT cache on JDK 25 or later, a CDS archive
 * before): the first run trains it beside the jar; a cache that is garbage, truncated, or was made
 * for another install never breaks a run: the fit's JSON on standard output is byte for byte the
 * one of a run without any cache (oracle: {@code MLEM_AOT=0}), and standard error stays empty.
 * Run for the newest JDK the launcher finds and, when present, Debian's JDK 17, the two at once
 * (each JDK's training run takes about 20 CPU seconds; one after the other they were the last
 * test of the build to end). The training is the short one ({@code MLEM_TRAINING=short}:
 * {@code --version} and a five-iteration {@code fit gmm}, 6 to 7 CPU seconds less a JDK);
 * {@code StartupTrainingTest} runs every command of the full one.
 */
class LauncherCacheIT {
    private static final Path JDK17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

    @TempDir
    Path dir;

    static Stream<String> javas() {
        return Files.isExecutable(JDK17) ? Stream.of("", JDK17.toString()) : Stream.of("");
    }

    @ParameterizedTest(name = "MLEM_JAVA={0}")
    @MethodSource("javas")
    @Execution(ExecutionMode.CONCURRENT)
    void aBrokenOrForeignCacheNeverBreaksARun(String java) throws Exception {
        Path first = install("a");
        Path csv = dir.resolve("two.csv");
        StringBuilder s = new StringBuilder("a,b\n");
        for (int i = 0; i < 300; i++) {
            s.append(i % 7 * 0.5 + (i % 2) * 4).append(',').append((i * 37 % 11) * 0.25 - (i % 2) * 3).append('\n');
        }
        Files.writeString(csv, s);
        List<String> fit = List.of("fit", "gmm", "--k", "2", "--json", csv.toString());
        String expected = run(first, java, "0", fit);

        assertThat(run(first, java, "1", fit)).as("the run that trains the cache").isEqualTo(expected);
        List<Path> caches = caches(first);
        assertThat(caches).as("a cache trained beside the jar").hasSize(1);
        assertThat(run(first, java, "1", fit)).as("a run with the cache").isEqualTo(expected);

        Path other = install("b"); // the same jar at another path: the cache records the first path
        Files.copy(caches.get(0), other.resolve("mlem-cli/target").resolve(caches.get(0).getFileName()),
                StandardCopyOption.COPY_ATTRIBUTES);
        assertThat(run(other, java, "1", fit)).as("a cache made for another install").isEqualTo(expected);

        Path cache = caches.get(0);
        byte[] whole = Files.readAllBytes(cache);
        cache.toFile().setWritable(true);
        Files.write(cache, Arrays.copyOf(whole, whole.length / 2));
        assertThat(run(first, java, "1", fit)).as("a truncated cache").isEqualTo(expected);
        byte[] garbage = new byte[whole.length];
        new Random(1).nextBytes(garbage);
        Files.write(cache, garbage);
        assertThat(run(first, java, "1", fit)).as("a cache of random bytes").isEqualTo(expected);
    }

    /** A copy of the launcher with the packaged jar linked where it looks for it (as LauncherIT). */
    private Path install(String name) throws IOException {
        Path jar = Path.of(System.getProperty("mlem.jar", "target/missing-all.jar")).toAbsolutePath();
        Path script = Path.of(System.getProperty("mlem.launcher", "../mlem")).toAbsolutePath();
        assumeTrue(Files.isRegularFile(jar), "the launcher tests need the packaged jar (mvn verify): " + jar);
        Path root = Files.createDirectories(dir.resolve(name));
        Files.copy(script, root.resolve("mlem"), StandardCopyOption.COPY_ATTRIBUTES);
        Path target = Files.createDirectories(root.resolve("mlem-cli/target"));
        Files.createSymbolicLink(target.resolve(jar.getFileName()), jar);
        return root;
    }

    private static List<Path> caches(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("mlem-cli/target"))) {
            return files.filter(p -> p.toString().endsWith(".aot") || p.toString().endsWith(".jsa")).toList();
        }
    }

    /** Standard output of {@code mlem args} (the fit's timings dropped), asserting exit 0 and an empty standard error. */
    private String run(Path root, String java, String aot, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("mlem").toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("MLEM_AOT", aot);
        env.put("MLEM_TRAINING", "short"); // what is under test is the cache's making and refusal, not its content
        if (!java.isEmpty()) {
            env.put("MLEM_JAVA", java);
        }
        Path out = dir.resolve("out.json");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String error = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(error).isZero();
        assertThat(error).isEmpty();
        return Files.readString(out, StandardCharsets.UTF_8).replaceAll("\"seconds\" *: *\\{[^}]*\\}", "");
    }
}
