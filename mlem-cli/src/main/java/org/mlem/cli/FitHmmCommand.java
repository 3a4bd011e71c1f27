package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.MixtureFit;
import org.mlem.hmm.EmissionSpec;
import org.mlem.hmm.GaussianSpec;
import org.mlem.hmm.HiddenMarkovEstimator;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.HmmDegeneracy;
import org.mlem.hmm.HmmInit;
import org.mlem.hmm.HmmParameter;
import org.mlem.io.HmmFile;
import org.mlem.io.HmmJson;
import org.mlem.io.ModelJson;
import org.mlem.io.SelectJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlem fit hmm}: a hidden Markov model by Baum–Welch (EM over the hidden state of each step). */
@Command(name = "hmm", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem sample examples/hmm-weather.json --lengths 300,200 --seed 1 > days.csv",
                "  ./mlem fit hmm --states 2 --emission gaussian --sequence sequence days.csv",
                "  ./mlem fit hmm --states 2 --emission poisson --n-init 10 --columns breaks \\",
                "      --out breaks-hmm.json examples/warpbreaks.csv",
                "  ./mlem fit hmm --init examples/hmm-weather.json --fixed emissions \\",
                "      --sequence sequence days.csv",
                "  ./mlem fit hmm --states 2 --emission gaussian --missing em \\",
                "      --sequence sequence days-with-gaps.csv"},
        header = "Hidden Markov model by Baum-Welch (EM over each step's hidden state).", versionProvider = Version.class,
        sortOptions = false,
        description = "Fit a hidden Markov model to the rows of a CSV file, read as time steps in file order: start "
                + "probabilities, a transition matrix (row = from) and an emission distribution per state, by "
                + "maximum likelihood with Baum-Welch. Steps whose state is known (--states-column) are held to it.")
public final class FitHmmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--states", paramLabel = "K", description = "Number of hidden states (default: the --init model's).")
    Integer states;

    @Option(names = "--emission", paramLabel = "FAMILY",
            description = "gaussian, categorical (codes 0..M-1), poisson, bernoulli, or any family 'fit dist' knows "
                    + "(one column) (default: the --init model's).")
    String emission;

    @Option(names = "--covariance", paramLabel = "full|diag",
            description = "Covariance of gaussian emissions (default: ${DEFAULT-VALUE}, or the --init model's).")
    String covariance;

    @Option(names = "--sequence", paramLabel = "COLUMN", description = SequenceInput.SEQUENCE_HELP
            + " With --init, the model's sequence column is used when the file has it.")
    String sequence;

    @Option(names = "--weights", paramLabel = "COLUMN",
            description = "Column of frequency weights, one per sequence (every row of a sequence carries it): a "
                    + "sequence of weight 2 counts as that sequence twice.")
    String weights;

    @Option(names = {"--labels", "--states-column"}, paramLabel = "COLUMN",
            description = "Column of known states 0..K-1 for some steps (empty or NA: unknown); EM holds them, as "
                    + "--labels does in the mixtures (--states-column is the same option).")
    String statesColumn;

    @OutputPaths.Reads
    @Option(names = "--init", paramLabel = "kmeans|random|FILE.json",
            description = "Where EM starts: k-means clusters as states, random posteriors, or a model file's parameters "
                    + "(an E-step first) (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--fixed", split = ",", paramLabel = "GROUP",
            description = "Parameter groups held at the --init model's values: start, transitions, emissions.")
    List<String> fixed;

    @Option(names = "--missing", paramLabel = "error|em",
            description = "em: fit steps with missing cells: a gaussian state's density is that of the observed cells "
                    + "(conditional means and covariances of the missing ones in its M-step), a one-column emission's "
                    + "missing cell has density 1, and a step with every cell missing stays in its sequence (it carries "
                    + "the transitions); error: a missing cell is an error unless --drop-missing (default: error).")
    String missing;

    @Mixin
    EmArgs em;

    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @OutputPaths.Reads
    @Parameters(paramLabel = "FILE", description = "CSV file (.gz allowed; - for standard input).")
    String file;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        HmmFile start = initFile();
        HiddenMarkovEstimator estimator = estimator(start).withMissingEm(MissingCells.em(missing, input));

        long t0 = System.nanoTime();
        CsvTable table = input.read(file, terminal);
        input.missingUse = MissingCells.USE;
        String seq = sequence != null ? sequence : start != null && start.sequenceColumn() != null
                && table.names().contains(start.sequenceColumn()) ? start.sequenceColumn() : null;
        List<String> exclude = new ArrayList<>();
        for (String c : new String[] {seq, statesColumn, weights}) {
            if (c != null) {
                exclude.add(table.column(c).name());
            }
        }
        List<String> columns = input.modelColumns(table, start == null ? null : start.columns(), exclude);
        if (start == null || start.columns() == null) {
            input.noteTextColumns(table, exclude, terminal);
        }
        SequenceInput in = SequenceInput.read(table, columns, seq, input, terminal, estimator.missingEm())
                .withKnownStates(statesColumn, estimator.states()).withWeights(weights);
        double readSeconds = (System.nanoTime() - t0) * 1e-9;

        Progress progress = new Progress(terminal, estimator.em().restarts());
        MixtureFit<HiddenMarkovModel> fit;
        try {
            fit = estimator.fit(in.data(), em.seed, progress);
        } catch (MlemUserException e) {
            throw in.locate(e);
        } finally {
            progress.finish();
        }
        ObjectNode json = json(fit, estimator, columns, in, seq, readSeconds);
        List<DegenerateComponent> degenerate = HmmDegeneracy.of(fit.model(), in.data(),
                estimator.emission() instanceof GaussianSpec g ? g.regCovar() : 0);
        json.set("degenerateComponents", SelectJson.degenerateArray(degenerate));
        StartsReport.warn(terminal, "fit hmm", fit);
        if (output.out != null) {
            ModelJson.write(json, output.out);
        }
        EmWarnings.report("fit hmm", fit.trace(), fit.totalWeight(), terminal);
        if (output.json) {
            terminal.out().print(ModelJson.toJson(json));
        } else {
            terminal.out().print(HmmSummary.of(fit, columns, in.data().sequences(), readSeconds));
            if (!degenerate.isEmpty()) {
                terminal.out().println();
                terminal.out().print(GmmSummary.degenerateLines(degenerate, "state", "more starts (--n-init)"));
            }
            if (output.trace) {
                terminal.out().println();
                terminal.out().print(FitGmmCommand.traceTable(fit.trace()));
            }
        }
        if (output.plot != null) {
            Plots.hmm(output.plot, in.data(), fit.model(), fit.trace());
        }
        return 0;
    }

    private HmmFile initFile() {
        if (init.equalsIgnoreCase(ModelDefaults.HMM_KMEANS) || init.equalsIgnoreCase("random")) {
            return null;
        }
        Path p = Path.of(init);
        if (!Files.exists(p) && !init.endsWith(".json")) {
            throw new MlemUserException("--init '" + init + "' is not kmeans, random or an existing model file; use one of those");
        }
        return HmmJson.read(p);
    }

    private HiddenMarkovEstimator estimator(HmmFile start) {
        if (states == null && start == null) {
            throw new MlemUserException("--states is required: give the number of hidden states (or --init FILE.json to take it from a model)");
        }
        if (emission == null && start == null) {
            throw new MlemUserException("--emission is required: gaussian, categorical, poisson, bernoulli or another family "
                    + "(or --init FILE.json to take it from a model)");
        }
        int k = Checks.atLeast("--states", states != null ? states : start.model().states(), 1);
        boolean covarianceGiven = spec.commandLine().getParseResult().hasMatchedOption("--covariance");
        String family = emission != null ? emission : start.model().emissions().spec().name();
        EmissionSpec emissions = emission == null && !covarianceGiven ? start.model().emissions().spec()
                : EmissionSpec.byName(family, covarianceGiven ? covariance : null);
        Set<HmmParameter> held = fixedGroups();
        if (!held.isEmpty() && start == null) {
            throw new MlemUserException("--fixed " + String.join(",", fixed) + " needs the values to hold: start from a model "
                    + "file with --init FILE.json (written by mlem fit hmm --out)");
        }
        HmmInit hmmInit = start != null ? new HmmInit.Given(start.model())
                : init.equalsIgnoreCase("random") ? new HmmInit.Random() : HmmInit.DEFAULT;
        return new HiddenMarkovEstimator(k, emissions, em.options(HiddenMarkovEstimator.DEFAULT_EM), hmmInit, held);
    }

    private Set<HmmParameter> fixedGroups() {
        Set<HmmParameter> groups = EnumSet.noneOf(HmmParameter.class);
        for (String g : fixed == null ? List.<String>of() : fixed) {
            switch (g.strip().toLowerCase(Locale.ROOT)) {
                case "start" -> groups.add(HmmParameter.START);
                case "transitions" -> groups.add(HmmParameter.TRANSITIONS);
                case "emissions" -> groups.add(HmmParameter.EMISSIONS);
                default -> throw new MlemUserException("--fixed '" + g + "' is not a parameter group; use start, transitions "
                        + "or emissions (comma-separated)");
            }
        }
        return groups;
    }

    private ObjectNode json(MixtureFit<HiddenMarkovModel> fit, HiddenMarkovEstimator estimator, List<String> columns,
            SequenceInput in, String seq, double readSeconds) {
        ObjectNode node = ModelJson.fitNode("hmm", fit, columns, readSeconds);
        node.setAll(HmmJson.node(fit.model()));
        node.put("sequences", in.data().sequences());
        if (seq != null) {
            node.put("sequenceColumn", seq);
        }
        if (statesColumn != null) {
            node.put("statesColumn", statesColumn);
        }
        node.put("tol", estimator.em().tolerance());
        node.put("convergence", estimator.em().convergence().id());
        node.put("acceleration", estimator.em().acceleration().name().toLowerCase(Locale.ROOT));
        if (estimator.missingEm()) {
            node.put("missing", "em");
        }
        node.put("seed", em.seed);
        node.put("nInit", estimator.em().restarts());
        node.put("init", init);
        var held = node.putArray("fixed");
        estimator.fixed().stream().sorted().forEach(g -> held.add(g.name().toLowerCase(Locale.ROOT)));
        node.set("trace", ModelJson.MAPPER.valueToTree(fit.trace()));
        if (fit.startLogLikelihoods().length > 1) {
            node.set("startLogLikelihoods", ModelJson.MAPPER.valueToTree(fit.startLogLikelihoods()));
        }
        return node;
    }
}
