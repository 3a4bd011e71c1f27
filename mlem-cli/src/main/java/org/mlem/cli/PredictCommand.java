package org.mlem.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mlem.data.DataMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mlem predict}: each row's most probable component and every component's posterior probability. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        header = "Most probable component and posterior probabilities of each row.", versionProvider = Version.class,
        description = "Print a CSV with one line per row: 'label' (the most probable component, or its class name when "
                + "the model has classes) then 'p0..p(k-1)', the posterior probability of each component. With "
                + "--drop-missing, rows with a missing cell are left out (and counted on standard error).")
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScoringInput.Args args;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        try (ScoringInput in = args.load(terminal)) {
            int k = in.mixture().components();
            List<String> classes = in.model().classes();
            List<String> header = new ArrayList<>();
            header.add("label");
            for (int j = 0; j < k; j++) {
                header.add("p" + j);
            }
            PrintWriter out = terminal.out();
            out.println(CsvNumbers.header(header));
            StringBuilder line = new StringBuilder();
            for (DataMatrix rows : in.chunks()) {
                double[][] p = in.mixture().predictProba(rows);
                int[] labels = in.mixture().predict(rows);
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
        return 0;
    }
}
