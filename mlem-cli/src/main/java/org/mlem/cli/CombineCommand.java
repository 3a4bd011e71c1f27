package org.mlem.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.cli.plot.EntropyPlot;
import org.mlem.formula.Frame;
import org.mlem.gmm.combi.ClustCombi;
import org.mlem.model.Capability;
import org.mlem.model.FittedModel;
import org.mlem.model.LatentClasses;
import org.mlem.model.ModelKinds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlem combine}: merging a mixture's components into clusters by entropy, mclust's clustCombi. */
@Command(name = "combine", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit gmm --k 4 --covariance EEV --out gmm.json examples/faithful.csv",
                "  ./mlem combine gmm.json examples/faithful.csv",
                "  ./mlem combine --plot entropy.png gmm.json examples/faithful.csv",
                "  ./mlem combine --clusters 2 gmm.json examples/faithful.csv"},
        header = "Merge a mixture's components into clusters by entropy (clustCombi).", versionProvider = Version.class,
        description = "From the posterior probabilities of a mixture's k components on the rows of FILE, merge, step by "
                + "step, the two clusters whose union lowers the entropy -sum p log p the most, down to one cluster "
                + "(Baudry, Raftery, Celeux, Lo and Gottardo 2010; R's mclust clustCombi): a cluster that is not "
                + "Gaussian is found as several components. Prints, for each number of clusters K, the pair merged to "
                + "reach it (numbered in the K+1 clusters before) and the entropy; --plot draws the entropy plot (an "
                + "elbow suggests K); --clusters K prints instead the CSV of each row's cluster and cluster "
                + "probabilities at K. Takes every mixture file predict takes.")
public final class CombineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--clusters", paramLabel = "K",
            description = "Print each row's cluster and the cluster probabilities with K clusters ('label', 'p0'..).")
    Integer clusters;

    @OutputPaths.Writes
    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the entropy plot into this PNG file.")
    Path plot;

    @Mixin
    ModelData.Args args;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        String source = args.model.toString();
        FittedModel model = ModelKinds.require(ModelKinds.read(args.model), Capability.PREDICT, source);
        if (!(model instanceof LatentClasses m)) {
            throw new MlemUserException("combine merges a mixture's components, but a '" + model.kind()
                    + "' file has none; give a gmm, tmix or mixture file");
        }
        List<double[]> rows = new ArrayList<>();
        try (ModelData in = ModelData.open(model.input(), args.file, args.input, terminal, false)) {
            for (Frame f : in.frames()) {
                for (double[] p : in.apply(m::posteriors, f)) {
                    rows.add(p);
                }
            }
        }
        int k = m.classes();
        if (clusters != null && (clusters < 1 || clusters > k)) {
            throw new MlemUserException("--clusters " + clusters + ": give 1.." + k + " (the model has " + k + " components)");
        }
        ClustCombi combi = ClustCombi.of(rows.toArray(double[][]::new));
        if (plot != null) {
            EntropyPlot.write(plot, combi.entropies());
        }
        PrintWriter out = terminal.out();
        if (clusters != null) {
            ClustCombi.Step s = combi.at(clusters);
            PredictCommand.header(out, clusters);
            PredictCommand.rows(out, s.classification(), s.posteriors(), null);
            return 0;
        }
        TextTable t = new TextTable().row("clusters", "merged", "entropy", "removed");
        double[] e = combi.entropies();
        for (ClustCombi.Step s : combi.steps()) {
            int c = s.clusters();
            t.row(String.valueOf(c), s.merged() == null ? "-" : s.merged()[0] + "+" + s.merged()[1],
                    String.format(Locale.ROOT, "%.6g", s.entropy()),
                    c < k ? String.format(Locale.ROOT, "%.6g", e[c] - e[c - 1]) : "");
        }
        out.print(t.render());
        return 0;
    }
}
