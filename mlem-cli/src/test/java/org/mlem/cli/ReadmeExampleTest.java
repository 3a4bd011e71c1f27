package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mlem.data.CsvFormat;
import org.mlem.data.CsvReader;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.glm.Coefficient;
import org.mlem.glm.Family;
import org.mlem.glm.GlmEstimator;
import org.mlem.glm.GlmFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.hmm.FamilySpec;
import org.mlem.hmm.HiddenMarkovEstimator;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.SequenceData;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParseResult;

/**
 * The examples in README.md cannot rot: the Java example is compiled and run, and every
 * {@code ./mlem} command line of README.md and docs/*.md parses with the current command line,
 * reads files that are in the repository and writes only into the scratch folder {@code out/}.
 */
class ReadmeExampleTest {
    @Test
    void readmeExampleRuns() {
        // --- README example starts ---
        CsvTable table = CsvReader.read("../examples/faithful.csv", CsvFormat.DEFAULT);
        List<String> columns = List.of("eruptions", "waiting");
        DataMatrix x = table.matrix(columns, table.completeRows(columns, false).rows());

        MixtureFit<GaussianMixture> fit = GaussianMixtureEstimator.of(2)
                .withCovariance(CovarianceStructure.FULL)
                .fit(x, 0);
        GaussianMixture model = fit.model();
        System.out.printf("log-likelihood %.2f, BIC %.2f, %d iterations%n",
                fit.logLikelihood(), fit.bic(), fit.iterations());
        int[] labels = model.predict(x);
        // --- README example ends ---
        // oracle: the same fit through the command line printed -1130.26 (and mclust reports -1130.264 for this model)
        assertThat(fit.logLikelihood()).isCloseTo(-1130.264, within(0.01));
        assertThat(labels).hasSize(272);
    }

    @Test
    void readmeGlmAndHmmExampleRuns() {
        // --- README example starts ---
        Frame cars = Frame.readCsv(Path.of("../examples/mtcars.csv"));
        GlmFit glm = GlmEstimator.of(new Family.Binomial()).fit("am ~ hp + wt", cars, DesignSpec.DEFAULTS);
        for (Coefficient c : glm.coefficients()) {
            System.out.printf("%-12s %9.5f %8.5f%n", c.term(), c.estimate(), c.standardError());
        }

        CsvTable counts = CsvReader.read("../mlem-core/src/test/resources/fixtures/restarts/discoveries.csv",
                CsvFormat.DEFAULT);
        SequenceData years = SequenceData.single(counts.matrix(List.of("count"), counts.allRows().rows()));
        MixtureFit<HiddenMarkovModel> hmm = HiddenMarkovEstimator.of(2, new FamilySpec(Families.byName("poisson")))
                .withEm(EmOptions.DEFAULTS.withRestarts(10))
                .fit(years, 0);
        System.out.printf("log-likelihood %.3f%n", hmm.logLikelihood());
        System.out.println(Arrays.deepToString(hmm.model().transitionMatrix()));
        // --- README example ends ---
        // oracle: R's glm(am ~ hp + wt, binomial, mtcars) (README's fit glm output): 18.86630 (7.44356),
        // 0.03626 (0.01773), -8.08348 (3.06868); the command line's ten-start HMM fit ends at -206.054
        assertThat(glm.coefficients()).extracting(Coefficient::estimate)
                .satisfiesExactly(b -> assertThat(b).isCloseTo(18.86630, within(5e-5)),
                        b -> assertThat(b).isCloseTo(0.03626, within(5e-5)),
                        b -> assertThat(b).isCloseTo(-8.08348, within(5e-5)));
        assertThat(glm.coefficients().get(2).standardError()).isCloseTo(3.06868, within(5e-5));
        assertThat(hmm.logLikelihood()).isCloseTo(-206.054, within(5e-4));
        assertThat(hmm.model().transitionMatrix()).hasDimensions(2, 2);
    }

    /**
     * The snippets above are README.md's Java blocks: each, less the test's indentation and its
     * {@code ../} (the tests run in mlem-cli), appears verbatim in README.md.
     */
    @Test
    void readmeJavaBlocksAreTheSnippetsTheTestsRun() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String source = Files.readString(Path.of("src/test/java/org/mlem/cli/ReadmeExampleTest.java"));
        Matcher m = Pattern.compile("// --- README example starts ---\n(.*?)\n *// --- README example ends ---",
                Pattern.DOTALL).matcher(source);
        int snippets = 0;
        while (m.find()) {
            String snippet = m.group(1).lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                    .reduce((a, b) -> a + "\n" + b).orElseThrow().replace("\"../", "\"");
            assertThat(readme).as("README.md holds the test's snippet").contains("```java\n" + snippet + "\n```");
            snippets++;
        }
        assertThat(snippets).isEqualTo(2);
    }

    /** A code span on one line: {@code `./mlem demo`}. */
    private static final Pattern INLINE = Pattern.compile("`([^`]*)`");

    /**
     * Oracle: picocli's own parser, on a new command tree (nothing runs). The lines are those of
     * fenced blocks starting {@code ./mlem} or {@code $ ./mlem} (continuations joined; output lines
     * start otherwise) and one-line code spans that hold a whole {@code ./mlem} command; a line with
     * a {@code ...} word stands for a family of commands and is skipped.
     */
    @Test
    void everyReadmeCommandLineParses() throws IOException {
        int parsed = 0;
        CommandLine mlem = ShellLines.newCommandLine();
        for (Path file : markdownFiles()) {
            for (String line : commandLines(Files.readAllLines(file))) {
                ShellLines.parse(mlem, file.getFileName().toString(), line);
                parsed++;
            }
        }
        assertThat(parsed).as("./mlem command lines found").isGreaterThan(30);
    }

    /**
     * The README's and docs' examples are tidy: each file an {@code ./mlem} line reads (an option or
     * parameter marked {@link OutputPaths.Reads} whose value looks like a path) is in the repository
     * or written by an earlier example of the same page, and each file an example writes (marked
     * {@link OutputPaths.Writes}, or a shell redirection {@code > FILE} of a {@code $} line) is in the
     * scratch folder {@code out/}, so running them leaves nothing in the repository root. Oracle: the
     * checkout's files and picocli's parse of each line (values exactly as matched).
     */
    @Test
    void examplesReadFilesOfTheRepositoryAndWriteIntoTheScratchFolder() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        int reads = 0;
        int writes = 0;
        CommandLine mlem = ShellLines.newCommandLine();
        for (Path file : markdownFiles()) {
            String page = file.getFileName().toString();
            Set<String> written = new HashSet<>();
            for (String line : shellLines(Files.readAllLines(file))) {
                if (ShellLines.mlemArguments(line) != null && !elided(line)) {
                    ParseResult r = ShellLines.parse(mlem, page, line);
                    while (r.hasSubcommand()) {
                        r = r.subcommand();
                    }
                    for (ArgSpec arg : r.matchedArgs()) {
                        boolean input = marked(arg, OutputPaths.Reads.class);
                        boolean output = marked(arg, OutputPaths.Writes.class);
                        for (String value : arg.stringValues()) {
                            if (input && FILE_NAME.matcher(value).matches() && !written.contains(value)) {
                                assertThat(root.resolve(value)).as(page + ": an input of: " + line).exists();
                                reads++;
                            } else if (output && !value.equals("-") && !value.startsWith("/dev/")) {
                                assertThat(value).as(page + ": an output of: " + line).startsWith(SCRATCH);
                                written.add(value);
                                writes++;
                            }
                        }
                    }
                }
                Matcher m = REDIRECT.matcher(line.replaceAll("'[^']*'|\"[^\"]*\"", "''"));
                while (m.find() && line.startsWith("$ ")) {
                    assertThat(m.group(1)).as(page + ": the file written by: " + line).startsWith(SCRATCH);
                    written.add(m.group(1));
                    writes++;
                }
            }
        }
        assertThat(reads).as("input files named by examples").isGreaterThan(30);
        assertThat(writes).as("files written by examples").isGreaterThan(20);
    }

    /** The scratch folder the examples write into (ignored by git). */
    private static final String SCRATCH = "out/";
    /** A value that names a file rather than a word such as {@code kmeans++}: a folder or an extension. */
    private static final Pattern FILE_NAME = Pattern.compile(".*/.*|.*\\.[A-Za-z]{2,4}");
    /** A shell redirection of standard output to a file. */
    private static final Pattern REDIRECT = Pattern.compile("(?<![0-9&])>>?\\s*([^\\s;|&>]+)");

    private static boolean marked(ArgSpec arg, Class<? extends Annotation> role) {
        return arg.userObject() instanceof Field f && f.isAnnotationPresent(role);
    }

    /** README.md and docs/*.md. */
    private static List<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    /** The {@code ./mlem} command lines of a Markdown file, as described above. */
    static List<String> commandLines(List<String> markdown) {
        List<String> found = new ArrayList<>(shellLines(markdown));
        found.removeIf(l -> ShellLines.mlemArguments(l) == null || elided(l));
        return found;
    }

    /** A line with a {@code ...} word stands for a family of commands. */
    private static boolean elided(String line) {
        return ShellLines.words(line).stream().anyMatch(w -> w.equals("...") || w.endsWith("..."));
    }

    /**
     * The lines of a Markdown file's fenced blocks (continuations joined), in order, and the one-line
     * code spans that hold a whole {@code ./mlem} command.
     */
    private static List<String> shellLines(List<String> markdown) {
        List<String> found = new ArrayList<>();
        List<String> block = null;
        for (String line : markdown) {
            if (line.startsWith("```")) {
                if (block != null) {
                    found.addAll(ShellLines.joinContinuations(block));
                }
                block = block == null ? new ArrayList<>() : null;
            } else if (block != null) {
                block.add(line);
            } else {
                Matcher m = INLINE.matcher(line);
                while (m.find()) {
                    if (m.group(1).startsWith("./mlem ") || m.group(1).contains(" ./mlem ")) {
                        found.add(m.group(1));
                    }
                }
            }
        }
        return found;
    }
}
