package org.mlem.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.mlem.formula.Frame;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.SequenceData;
import org.mlem.model.Capability;
import org.mlem.model.ConditionalSampler;
import org.mlem.model.FittedModel;
import org.mlem.model.ModelKinds;
import org.mlem.model.RowInput;
import org.mlem.model.Sampler;
import org.mlem.model.SequenceModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlem sample}: draws rows from a model. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit gmm --k 2 --out gmm.json examples/faithful.csv",
                "  ./mlem sample gmm.json --n 5 --seed 1",
                "  ./mlem sample gmm.json --n 1000 --component > draws.csv",
                "  ./mlem sample examples/hmm-weather.json --lengths 300,200 --seed 1",
                "  ./mlem fit zeroinfl \"art ~ fem + mar + kid5 | 1\" --out zi.json \\",
                "      examples/biochemists.csv",
                "  ./mlem sample zi.json examples/biochemists.csv --seed 2",
                "  ./mlem fit gmm --k 2 --columns mpg,qsec --concomitant \"~ wt\" \\",
                "      --out cg.json examples/mtcars.csv",
                "  ./mlem sample cg.json examples/mtcars.csv --seed 3 --component",
                "  ./mlem fit turnbull --interval left,right --out tb.json \\",
                "      examples/salinity.csv",
                "  ./mlem sample tb.json --n 5 --seed 1"},
        header = "Draw rows from a model.", versionProvider = Version.class,
        description = "Print N rows drawn from the model as a CSV with the model's column names (x1..xd when it has "
                + "none). The same seed gives the same rows. From a hidden Markov model (fit hmm) --n N draws one sequence "
                + "of N steps and --lengths several; --component then adds each step's 'state'. "
                + "Draws from every model file with a distribution of its own (gmm, tmix, mixture, mvn, distribution, "
                + "turnbull: an innermost interval drawn by its mass, then a value uniform inside it when both ends "
                + "are finite, its value when it is a point, its finite end when it is open; --component gives the "
                + "interval's index); "
                + "a model of a response given covariates (fit regmix, survreg, tobit, zeroinfl, hurdle) draws one "
                + "response per row of FILE, its covariates (survreg: a time, with the event column saying every row "
                + "is an event; tobit: y censored at the fit's points). A mixture fitted with --concomitant (gmm, mixture, "
                + "regmix) draws one row per row of FILE: its component with the prior weights of the row's "
                + "concomitant columns, then the component's values (regmix: the response given the row's covariates).")
public final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--n", paramLabel = "N", description = "Rows to draw (for a hidden Markov model: steps of one sequence).")
    Integer n;

    @Option(names = "--lengths", split = ",", paramLabel = "L",
            description = "Hidden Markov models: draw sequences of these lengths (a 'sequence' column numbers them).")
    int[] lengths;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--component", description = "Add a last column 'component': the component each row came from.")
    boolean component;

    @OutputPaths.Reads
    @Parameters(index = "0", paramLabel = "MODEL.json", description = "A model file (mlem fit ... --out, or hand-written).")
    Path model;

    @OutputPaths.Reads
    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE",
            description = "A model of a response given covariates (regmix, glm, survreg, zeroinfl, hurdle) or a mixture "
                    + "fitted with --concomitant only: the covariates' rows, one draw per row.")
    String file;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        String source = model.toString();
        FittedModel m = ModelKinds.require(ModelKinds.read(model), Capability.SAMPLE, source);
        if (m instanceof SequenceModel sm) {
            return sampleSequences(sm, terminal);
        }
        if (lengths != null) {
            throw new MlemUserException("--lengths is for hidden Markov models; draw rows of a '" + m.kind() + "' model with --n");
        }
        // Gaussian mixtures and mixtures of families have always printed every value as Java prints a double
        boolean bare = !Set.of("gmm", "mixture").contains(m.kind());
        if (m instanceof ConditionalSampler cs) {
            RowInput needs;
            try {
                needs = cs.sampleInput();
            } catch (MlemUserException e) { // the model file cannot be drawn from: say which file
                throw new MlemUserException(e.getMessage(), source, -1, -1);
            }
            if (file == null) {
                String covariates = m.input() instanceof RowInput.Table t
                        ? " (" + String.join(", ", t.columns().stream().filter(c -> !t.response().contains(c)).toList()) + ")"
                        : "";
                throw new MlemUserException("a '" + m.kind() + "' model draws one row per row of covariates" + covariates
                        + "; give them: mlem sample MODEL.json FILE.csv [--seed S]", source, -1, -1);
            }
            if (n != null) {
                throw new MlemUserException("--n does not apply to a '" + m.kind() + "' model: it draws one response per row of "
                        + file);
            }
            try (ModelData in = ModelData.open(needs, file, input, terminal, false)) {
                for (Frame rows : in.frames()) {
                    DataMatrix drawn = in.apply(r -> cs.sample(r, seed), rows);
                    printDraws(terminal.out(), drawn.columns(), drawn.rows(), matrixRows(drawn), null,
                            component ? "component" : null, bare);
                }
            }
            return 0;
        }
        if (file != null) {
            throw new MlemUserException("a '" + m.kind() + "' model draws rows of its own; leave out " + file + " and give --n");
        }
        if (n == null) {
            throw new MlemUserException("--n is required: give the number of rows to draw");
        }
        Checks.atLeast("--n", n, 1);
        Sampler.RowStream stream = ((Sampler) m).stream(seed);
        if (stream != null) { // one row at a time, so that any --n fits in memory
            printDraws(terminal.out(), stream.columns(), n, (i, row) -> stream.next(row), null,
                    component ? "component" : null, bare);
            return 0;
        }
        DataMatrix drawn = ((Sampler) m).sample(n, seed);
        if (component && !drawn.hasLabels()) {
            throw new MlemUserException("--component: a '" + m.kind() + "' model has no components");
        }
        printDraws(terminal.out(), drawn.columns(), drawn.rows(), matrixRows(drawn), null,
                component ? "component" : null, bare);
        return 0;
    }

    private int sampleSequences(SequenceModel sm, Terminal terminal) {
        if (file != null) {
            throw new MlemUserException("a hidden Markov model draws sequences of its own; leave out " + file);
        }
        if ((n == null) == (lengths == null)) {
            throw new MlemUserException("give either --n N (one sequence of N steps) or --lengths L1,L2,... (several sequences)");
        }
        int[] lens = lengths != null ? lengths : new int[] {n};
        for (int len : lens) {
            Checks.atLeast(lengths != null ? "--lengths" : "--n", len, 1);
        }
        HiddenMarkovModel hmm = sm.hmm();
        HiddenMarkovModel.Sample s = hmm.sample(lens, seed);
        RowInput.Sequences in = (RowInput.Sequences) sm.input();
        List<String> columns = in.named() != null ? in.named() : DataMatrix.defaultNames(hmm.dimension());
        SequenceData seqs = s.sequences();
        int[] states = s.states();
        DataMatrix x = seqs.matrix().withLabels(states);
        printDraws(terminal.out(), columns, x.rows(), matrixRows(x), lengths != null ? i -> seqs.sequenceOf(i) + 1 : null,
                component ? "state" : null, true);
        return 0;
    }

    /** Fills a drawn row; returns its component (or state), -1 when none. */
    private interface RowSource {
        int fill(int i, double[] row);
    }

    /** The rows of {@code x}, with its labels as components when it has them. */
    private static RowSource matrixRows(DataMatrix x) {
        int[] labels = x.hasLabels() ? x.labels() : null;
        return (i, row) -> {
            for (int a = 0; a < row.length; a++) {
                row[a] = x.get(i, a);
            }
            return labels == null ? -1 : labels[i];
        };
    }

    /**
     * {@code n} drawn rows as CSV: a first column 'sequence' when {@code sequenceOf} is given, the
     * columns, and a last column {@code labelName} holding each row's component when that name is
     * given; whole numbers without a decimal point when {@code bare}.
     */
    private static void printDraws(PrintWriter out, List<String> columns, int n, RowSource rows,
            IntUnaryOperator sequenceOf, String labelName, boolean bare) {
        List<String> header = new ArrayList<>();
        if (sequenceOf != null) {
            header.add("sequence");
        }
        header.addAll(columns);
        if (labelName != null) {
            header.add(labelName);
        }
        out.println(CsvNumbers.header(header));
        StringBuilder line = new StringBuilder();
        double[] row = new double[columns.size()];
        for (int i = 0; i < n; i++) {
            int label = rows.fill(i, row);
            line.setLength(0);
            if (sequenceOf != null) {
                line.append(sequenceOf.applyAsInt(i)).append(',');
            }
            for (int a = 0; a < row.length; a++) {
                line.append(a > 0 ? "," : "").append(bare ? CsvNumbers.format(row[a]) : Double.toString(row[a]));
            }
            if (labelName != null) {
                line.append(',').append(label);
            }
            out.println(line);
        }
    }
}
