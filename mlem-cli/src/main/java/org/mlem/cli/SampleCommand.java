package org.mlem.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.GaussianMixture;
import org.mlem.io.GmmFile;
import org.mlem.io.ModelJson;
import picocli.CommandLine.Command;
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
                "  ./mlem sample examples/hmm-weather.json --lengths 300,200 --seed 1"},
        header = "Draw rows from a model.", versionProvider = Version.class,
        description = "Print N rows drawn from the model as a CSV with the model's column names (x1..xd when it has "
                + "none). The same seed gives the same rows. From a hidden Markov model (fit hmm) --n N draws one sequence "
                + "of N steps and --lengths several; --component then adds each step's 'state'.")
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
    @Parameters(paramLabel = "MODEL.json", description = "A model file (mlem fit gmm --out, or hand-written).")
    Path model;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        model = ModelFiles.readable(model);
        Integer other = OtherModels.sample(model, n, lengths, seed, component, terminal);
        if (other != null) {
            return other;
        }
        if (n == null || lengths != null) {
            throw new MlemUserException(n == null ? "--n is required: give the number of rows to draw"
                    : "--lengths is for hidden Markov models; draw rows of a mixture with --n");
        }
        Checks.atLeast("--n", n, 1);
        DataMatrix drawn = FamilyModels.sample(model, n, seed);
        if (drawn != null) {
            print(terminal.out(), drawn.columns(), drawn, drawn.labels());
            return 0;
        }
        GmmFile file = ModelJson.readGmm(model);
        GaussianMixture m = file.mixture();
        List<String> columns = file.columns() != null ? file.columns() : DataMatrix.defaultNames(m.dimension());
        printStreamed(terminal.out(), columns, m.sampler(seed));
        return 0;
    }

    /** The n rows of a Gaussian mixture drawn and printed one at a time, so that any --n fits in memory. */
    private void printStreamed(PrintWriter out, List<String> columns, GaussianMixture.Sampler sampler) {
        out.println(CsvNumbers.header(header(columns)));
        double[] row = new double[columns.size()];
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int comp = sampler.next(row);
            line.setLength(0);
            appendRow(line, row, comp);
            out.println(line);
        }
    }

    /** The rows as CSV with a header, and each row's component when {@code --component} is given. */
    private void print(PrintWriter out, List<String> columns, DataMatrix x, int[] components) {
        out.println(CsvNumbers.header(header(columns)));
        StringBuilder line = new StringBuilder();
        double[] row = new double[x.cols()];
        for (int i = 0; i < x.rows(); i++) {
            line.setLength(0);
            for (int a = 0; a < x.cols(); a++) {
                row[a] = x.get(i, a);
            }
            appendRow(line, row, component ? components[i] : -1);
            out.println(line);
        }
    }

    private List<String> header(List<String> columns) {
        List<String> header = new ArrayList<>(columns);
        if (component) {
            header.add("component");
        }
        return header;
    }

    /** One CSV row: the values, then the component when --component is given. */
    private void appendRow(StringBuilder line, double[] row, int comp) {
        for (int a = 0; a < row.length; a++) {
            if (a > 0) {
                line.append(',');
            }
            line.append(row[a]);
        }
        if (component) {
            line.append(',').append(comp);
        }
    }
}
