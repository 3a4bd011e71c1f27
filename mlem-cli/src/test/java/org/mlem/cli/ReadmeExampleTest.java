package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

/**
 * The examples in README.md cannot rot: the Java example is compiled and run, and every
 * {@code ./mlem} command line of README.md and docs/*.md parses with the current command line.
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
        List<Path> files = new ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        int parsed = 0;
        for (Path file : files) {
            for (String line : commandLines(Files.readAllLines(file))) {
                ShellLines.parse(file.getFileName().toString(), line);
                parsed++;
            }
        }
        assertThat(parsed).as("./mlem command lines found").isGreaterThan(30);
    }

    /** The {@code ./mlem} command lines of a Markdown file, as described above. */
    static List<String> commandLines(List<String> markdown) {
        List<String> found = new ArrayList<>();
        List<String> block = null;
        for (String line : markdown) {
            if (line.startsWith("```")) {
                if (block != null) {
                    ShellLines.joinContinuations(block).stream().filter(l -> ShellLines.mlemArguments(l) != null)
                            .forEach(found::add);
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
        found.removeIf(l -> ShellLines.words(l).stream().anyMatch(w -> w.equals("...") || w.endsWith("...")));
        return found;
    }
}
