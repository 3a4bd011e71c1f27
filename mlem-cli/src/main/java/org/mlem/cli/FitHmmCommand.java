package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmOptions;
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
import org.mlem.uncertainty.HeldParameters;
import org.mlem.uncertainty.HmmInformation;
import org.mlem.uncertainty.HmmUncertainty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
                "      --sequence sequence days-with-gaps.csv",
                "  ./mlem fit hmm --states 2 --emission gaussian --sequence sequence \\",
                "      --bootstrap 100 --seed 1 days.csv"},
        header = "Hidden Markov model by Baum-Welch (EM over each step's hidden state).", versionProvider = Version.class,
        sortOptions = false,
        description = "Fit a hidden Markov model to the rows of a CSV file, read as time steps in file order: start "
                + "probabilities, a transition matrix (row = from) and an emission distribution per state, by "
                + "maximum likelihood with Baum-Welch. Steps whose state is known (--labels) are held to it.")
public final class FitHmmCommand extends EmFitCommand<HiddenMarkovModel> {
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

    @Option(names = "--states-column", paramLabel = "COLUMN",
            description = RowArgs.STATES_COLUMN_HELP)
    String statesColumn;

    @OutputPaths.Reads
    @Option(names = "--init", paramLabel = "kmeans|random|FILE.json",
            description = "Where EM starts: k-means clusters as states, random posteriors, or a model file's parameters "
                    + "(an E-step first) (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--fixed", split = ",", paramLabel = "GROUP",
            description = "Parameter groups held at the --init model's values: start, transitions, emissions.")
    List<String> fixed;

    @OutputPaths.Reads
    @Parameters(paramLabel = "FILE", description = "CSV file (.gz allowed; - for standard input).")
    String file;

    private HiddenMarkovEstimator estimator;
    private SequenceInput in;
    private String seq;

    @Override
    String kind() {
        return "hmm";
    }

    @Override
    String unit() {
        return "state";
    }

    @Override
    void prepare(Terminal terminal) {
        rowArgs.labelsAlias("--states-column", statesColumn);
        HmmFile start = initFile();
        estimator = estimator(start).withMissingEm(missingEm());
        CsvTable table = input.read(file, terminal);
        input.missingUse = MissingCells.USE;
        seq = sequence != null ? sequence : start != null && start.sequenceColumn() != null
                && table.names().contains(start.sequenceColumn()) ? start.sequenceColumn() : null;
        List<String> exclude = sideColumns(table, seq);
        columns = input.modelColumns(table, start == null ? null : start.columns(), exclude);
        if (start == null || start.columns() == null) {
            input.noteTextColumns(table, exclude, terminal);
        }
        in = SequenceInput.read(table, columns, seq, input, terminal, estimator.missingEm())
                .withKnownStates(rowArgs.labels, estimator.states()).withWeights(rowArgs.weights);
    }

    @Override
    EmOptions emOptions() {
        return estimator.em();
    }

    @Override
    MixtureFit<HiddenMarkovModel> fit(long seed, Progress progress) {
        return estimator.fit(in.data(), seed, progress);
    }

    @Override
    void standardErrors(UncertaintyArgs args, HiddenMarkovModel model, long seed) {
        Predicate<String> held = HeldParameters.groups(fixedGroups(), HeldParameters.HMM);
        args.compute(HmmUncertainty.bootstrap(estimator), in.data(), model, seed, em.threads,
                () -> HmmInformation.of(model, in.data(), held), held);
    }

    @Override
    MlemUserException locate(MlemUserException e) {
        return in.locate(e);
    }

    @Override
    String init() {
        return init;
    }

    @Override
    List<String> fixedGroups() {
        return groupNames(estimator.fixed());
    }

    @Override
    ObjectNode modelNode(MixtureFit<HiddenMarkovModel> fit) {
        ObjectNode node = HmmJson.node(fit.model());
        node.put("sequences", in.data().sequences());
        if (seq != null) {
            node.put("sequenceColumn", seq);
        }
        if (rowArgs.labels != null) {
            node.put("statesColumn", rowArgs.labels);
        }
        return node;
    }

    @Override
    String summary(MixtureFit<HiddenMarkovModel> fit, double readSeconds) {
        return HmmSummary.of(fit, columns, in.data().sequences(), readSeconds);
    }

    @Override
    List<DegenerateComponent> degenerate(HiddenMarkovModel model) {
        return HmmDegeneracy.of(model, in.data(), estimator.emission() instanceof GaussianSpec g ? g.regCovar() : 0);
    }

    @Override
    void plot(Path png, MixtureFit<HiddenMarkovModel> fit) {
        Plots.hmm(png, in.data(), fit.model(), fit.trace());
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
        Set<HmmParameter> held = FixedGroups.wholeGroups(fixed, HmmParameter.class);
        if (!held.isEmpty() && start == null) {
            throw new MlemUserException("--fixed " + String.join(",", fixed) + " needs the values to hold: start from a model "
                    + "file with --init FILE.json (written by mlem fit hmm --out)");
        }
        HmmInit hmmInit = start != null ? new HmmInit.Given(start.model())
                : init.equalsIgnoreCase("random") ? new HmmInit.Random() : HmmInit.DEFAULT;
        return new HiddenMarkovEstimator(k, emissions, em.options(HiddenMarkovEstimator.DEFAULT_EM), hmmInit, held);
    }

}
