package org.mlem.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.mlem.data.DataMatrix;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mlem predict}: each row's most probable component and every component's posterior probability. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit gmm --k 2 --out gmm.json examples/faithful.csv",
                "  ./mlem predict gmm.json examples/faithful.csv",
                "  ./mlem predict gmm.json examples/faithful.csv | head -3"},
        header = "Most probable component and posterior probabilities of each row.", versionProvider = Version.class,
        description = "Print a CSV with one line per row: 'label' (the most probable component, or its class name when "
                + "the model has classes) then 'p0..p(k-1)', the posterior probability of each component. With "
                + "--drop-missing, rows with a missing cell are left out (and counted on standard error). Takes Gaussian "
                + "(fit gmm) and t (fit tmix) mixtures; for a hidden Markov model use 'mlem decode'.")
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScoringInput.Args args;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        args.model = ModelFiles.readable(args.model);
        Integer other = OtherModels.predict(args, terminal);
        if (other != null) {
            return other;
        }
        FamilyModels.Scored family = FamilyModels.score(args, terminal);
        if (family != null) {
            print(terminal.out(), family.labels(), family.probabilities(), family.classes());
            return 0;
        }
        try (ScoringInput in = args.load(terminal)) {
            PrintWriter out = terminal.out();
            header(out, in.mixture().components());
            for (DataMatrix rows : in.chunks()) { // a .npy file a block at a time
                rows(out, in.mixture().predict(rows), in.mixture().predictProba(rows), in.model().classes());
            }
        }
        return 0;
    }

    /** The predict CSV: a label per row, then each component's probability. */
    static void print(PrintWriter out, int[] labels, double[][] p, List<String> classes) {
        header(out, p.length == 0 ? 0 : p[0].length);
        rows(out, labels, p, classes);
    }

    private static void header(PrintWriter out, int k) {
        List<String> header = new ArrayList<>();
        header.add("label");
        for (int j = 0; j < k; j++) {
            header.add("p" + j);
        }
        out.println(CsvNumbers.header(header));
    }

    private static void rows(PrintWriter out, int[] labels, double[][] p, List<String> classes) {
        int k = p.length == 0 ? 0 : p[0].length;
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < p.length; i++) {
            line.setLength(0);
            line.append(classes == null ? String.valueOf(labels[i]) : CsvNumbers.field(classes.get(labels[i])));
            for (int j = 0; j < k; j++) {
                line.append(',').append(p[i][j]);
            }
            out.println(line);
        }
    }
}
