package org.mlem.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The training run behind the launcher's start-up cache ({@code ./mlem} runs it once per jar and
 * JDK, with {@code -XX:AOTCacheOutput} on JDK 25 or later and {@code -XX:ArchiveClassesAtExit} on
 * older ones). It runs the common commands in this one JVM on small seeded tables written to a
 * scratch directory, output discarded, so that the classes those commands load (picocli, the CSV
 * reader, the EM driver, the kernels, JSON) and their profiles go into the cache.
 *
 * <p>Not a command: the launcher starts it by class name. Exit status 0 when every command ran,
 * 1 otherwise (the launcher then keeps no cache); {@code -Dmlem.training.verbose=true} shows each
 * command's status and errors on standard error. With the environment variable
 * {@code MLEM_TRAINING=short} (which reaches it through the launcher) it runs {@code --version} and
 * one five-iteration {@code fit gmm} only: a cache whose making, not whose content, is under test
 * ({@code LauncherCacheIT}) is trained in a fraction of the CPU time.
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("mlem-training");
        try {
            System.exit(run(dir));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Runs every training command on tables written under {@code dir}; 0 when all succeeded. */
    static int run(Path dir) throws IOException {
        return run(dir, "short".equals(System.getenv("MLEM_TRAINING")));
    }

    /** As {@link #run(Path)}; {@code brief}: {@code --version} and one short {@code fit gmm} only. */
    static int run(Path dir, boolean brief) throws IOException {
        Path gmm = write(dir.resolve("gmm.csv"), "x1,x2,x3,x4", 3000, (r, i) -> {
            int c = i % 3;
            return new double[] {3 * c + r.nextGaussian(), -2 * c + r.nextGaussian(), c + r.nextGaussian(), r.nextGaussian()};
        });
        return runAll(brief ? List.of(List.of("--version"),
                List.of("fit", "gmm", "--k", "2", "--n-init", "1", "--max-iter", "5", "--json", gmm.toString())) : commands(dir, gmm));
    }

    private static List<List<String>> commands(Path dir, Path gmm) throws IOException {
        Path hmm = write(dir.resolve("hmm.csv"), "seq,y,count,symbol", 4000, (r, i) -> {
            int state = (i / 50) % 2;
            return new double[] {i / 1000, 4 * state + r.nextGaussian(), state == 0 ? r.nextInt(3) : 5 + r.nextInt(4),
                (state == 0 ? 0 : 2) + r.nextInt(2)};
        });
        Path latent = write(dir.resolve("latent.csv"), "b1,b2,b3,b4,c1,c2", 3000, (r, i) -> {
            int c = i % 3;
            double p = 0.2 + 0.3 * c;
            return new double[] {r.nextDouble() < p ? 1 : 0, r.nextDouble() < 1 - p ? 1 : 0, r.nextDouble() < p ? 1 : 0,
                r.nextDouble() < 0.5 ? 1 : 0, r.nextInt(2 + 4 * c), r.nextInt(1 + 3 * c)};
        });
        Path nls = write(dir.resolve("nls.csv"), "conc,rate", 2000, (r, i) -> {
            double conc = 0.02 + 1.98 * r.nextDouble();
            return new double[] {conc, 200 * conc / (0.1 + conc) + 5 * r.nextGaussian()};
        });
        String g = gmm.toString();
        String h = hmm.toString();
        String l = latent.toString();
        Path holes = dir.resolve("holes.csv");
        List<String> lines = Files.readAllLines(gmm);
        for (int i = 1; i < lines.size(); i += 5) { // a missing cell in every fifth row, in turn in each column
            String[] cells = lines.get(i).split(",", -1);
            cells[(i / 5) % cells.length] = "";
            lines.set(i, String.join(",", cells));
        }
        String m = Files.write(holes, lines).toString();
        return List.of(
                List.of("--version"),
                List.of("fit", "gmm", "--k", "3", "--max-iter", "40", "--json", g),
                List.of("fit", "gmm", "--k", "3", "--covariance", "diag", "--convergence", "sklearn", g),
                List.of("fit", "gmm", "--k", "3", "--n-init", "2", "--max-iter", "20", "--json", g),
                List.of("fit", "hmm", "--states", "2", "--max-iter", "20", "--emission", "gaussian", "--columns", "y", "--sequence", "seq", "--json", h),
                List.of("fit", "hmm", "--states", "2", "--max-iter", "20", "--emission", "poisson", "--columns", "count", "--sequence", "seq", h),
                List.of("fit", "hmm", "--states", "2", "--max-iter", "20", "--emission", "categorical", "--columns", "symbol", "--sequence", "seq", h),
                List.of("fit", "dist", "--family", "normal", "--column", "x4", "--json", g),
                // the latent models of bench/whole_job_latent.sh
                // (one start each: on so few rows the automatic number is ten, minutes on a loaded machine)
                List.of("fit", "mixture", "--family", "bernoulli", "--k", "3", "--n-init", "1", "--max-iter", "20",
                        "--columns", "b1,b2,b3,b4", "--json", l),
                List.of("fit", "mixture", "--family", "poisson", "--k", "3", "--n-init", "1", "--max-iter", "20",
                        "--columns", "c1,c2", "--json", l),
                List.of("fit", "regmix", "--k", "2", "--n-init", "1", "--max-iter", "20", "--formula", "x1 ~ x2", "--json", g),
                List.of("fit", "tmix", "--k", "3", "--n-init", "1", "--max-iter", "20", "--json", g),
                List.of("fit", "mvn", "--json", m),
                List.of("fit", "glm", "--family", "gaussian", "--formula", "x1 ~ x2 + x3", "--json", g),
                // bench/whole_job.sh nls-mm's model: the nls classes, Hipparchus' lmder and their profiles
                List.of("fit", "nls", "--formula", "rate ~ Vm*conc/(K+conc)", "--start", "Vm=150,K=0.2", "--json",
                        nls.toString()));
    }

    private static int runAll(List<List<String>> commands) {
        boolean verbose = Boolean.getBoolean("mlem.training.verbose");
        PrintStream err = verbose ? System.err : new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        int failed = 0;
        for (List<String> c : commands) {
            long t0 = System.nanoTime();
            int status = Main.run(c.toArray(String[]::new), new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream(),
                    err, false);
            failed += status == 0 ? 0 : 1;
            if (verbose) {
                err.println("training: mlem " + String.join(" ", c) + " -> " + status + " in " + (System.nanoTime() - t0) / 1e9 + " s");
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private interface Row {
        double[] at(SplittableRandom rng, int i);
    }

    private static Path write(Path file, String header, int rows, Row row) throws IOException {
        SplittableRandom rng = new SplittableRandom(20261206L);
        StringBuilder s = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            double[] v = row.at(rng, i);
            for (int j = 0; j < v.length; j++) {
                s.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6g", v[j]));
            }
            s.append('\n');
        }
        return Files.writeString(file, s);
    }
}
