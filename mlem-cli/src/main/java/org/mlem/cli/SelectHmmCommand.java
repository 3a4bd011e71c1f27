package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.em.EmOptions;
import org.mlem.hmm.EmissionSpec;
import org.mlem.hmm.HiddenMarkovEstimator;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.io.HmmJson;
import org.mlem.io.ModelJson;
import org.mlem.select.Criterion;
import org.mlem.select.HmmFamily;
import org.mlem.select.SelectionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlem select hmm}: hidden Markov models over the number of states and the emission. */
@Command(name = "hmm", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        header = "Hidden Markov models over a grid of states and emissions, by BIC (or ICL, AIC).",
        description = "Fit a hidden Markov model for every number of states and emission variant and print "
                + "log-likelihood, parameters, BIC, AIC and ICL of each, as select gmm does; the lowest --criterion is "
                + "marked best. Each name in --emission is a variant; gaussian emissions take every structure in "
                + "--covariance. A candidate with a state on fewer rows than its parameters need, or with at least as "
                + "many parameters as rows, is marked and never chosen; an emission the data do not fit is listed as "
                + "failed. Each candidate's seed derives from --seed, the states and the variant.",
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem select hmm --states 1..4 --emission poisson,negbin \\",
                "      mlem-core/src/test/resources/fixtures/restarts/discoveries.csv",
                "  ./mlem select hmm --states 2..3 --emission gaussian --covariance full,diag \\",
                "      examples/faithful.csv",
                "  ./mlem select hmm --states 2..4 --emission gaussian --sequence sequence \\",
                "      --states-column known days-known.csv"})
public final class SelectHmmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--states", required = true, paramLabel = "1..5|2,3", description = "The numbers of states: a range MIN..MAX or a list.")
    String states;

    @Option(names = "--emission", required = true, split = ",", paramLabel = "FAMILY",
            description = "Emissions to compare: gaussian, categorical, poisson, bernoulli or any family 'fit dist' knows.")
    List<String> emission;

    @Option(names = "--covariance", split = ",", paramLabel = "full|diag", defaultValue = "full",
            description = "Covariance structures of gaussian emissions, each a variant (default: ${DEFAULT-VALUE}).")
    List<String> covariance;

    @Option(names = "--sequence", paramLabel = "COLUMN", description = SequenceInput.SEQUENCE_HELP)
    String sequence;

    @Option(names = "--states-column", paramLabel = "COLUMN", description = RowArgs.STATES_COLUMN_HELP)
    String statesColumn;

    @Mixin
    EmArgs em;

    @Mixin
    RowArgs rowArgs;

    @Mixin
    InputOptions input;

    @Mixin
    SelectOptions select;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        List<Integer> ks = KRange.parse(states);
        Criterion by = Criterion.parse(select.criterion);
        rowArgs.labelsAlias("--states-column", statesColumn);
        boolean missingEm = SelectGrid.rowOptions(spec, rowArgs, input, null);
        HmmFamily family = new HmmFamily(em.options(HiddenMarkovEstimator.DEFAULT_EM), missingEm);
        List<EmissionSpec> variants = new ArrayList<>();
        for (String e : emission) {
            boolean gaussian = e.strip().equalsIgnoreCase("gaussian");
            for (String c : gaussian ? covariance : List.of("")) {
                EmissionSpec v = EmissionSpec.byName(e.strip(), gaussian ? c.strip() : null);
                if (variants.stream().anyMatch(x -> family.variantName(x).equals(family.variantName(v)))) {
                    throw new MlemUserException("--emission/--covariance name " + family.variantName(v) + " twice; name each once");
                }
                variants.add(v);
            }
        }
        CsvTable table = input.read(select.file, terminal);
        List<String> exclude = rowArgs.sideColumns(table, sequence);
        List<String> columns = input.modelColumns(table, null, exclude);
        input.noteTextColumns(table, exclude, terminal);
        SequenceInput in = SequenceInput.read(table, columns, sequence, input, terminal, missingEm)
                .withKnownStates(rowArgs.labels).withWeights(rowArgs.weights);
        long t0 = System.nanoTime();
        SelectionResult<HiddenMarkovModel> result;
        try {
            result = SelectGrid.run(LabelledFamily.of(family, rowArgs.labels == null ? null
                    : k -> in.checkStates(rowArgs.labels, k)), ks, variants, in.data(), by, em.threads, em.seed, select.convergeAll);
        } catch (MlemUserException e) {
            throw in.locate(e);
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;

        java.util.function.Supplier<ObjectNode> node = () -> {
            ObjectNode n = SelectGrid.node(result, in.data().rows(), columns, em.seed, family.em(), seconds);
            n.put("sequences", in.data().sequences());
            if (missingEm) {
                n.put("missing", "em");
            }
            if (sequence != null) {
                n.put("sequenceColumn", sequence);
            }
            return n;
        };
        new SelectGrid("Hidden Markov model", "states", "emission", v -> "emission " + v).report(terminal, result, node,
                String.format(Locale.ROOT, "%d steps in %d sequence%s, columns %s", in.data().rows(), in.data().sequences(),
                        in.data().sequences() == 1 ? "" : "s", String.join(", ", columns)),
                v -> v, seconds, select, m -> {
                    ObjectNode best = HmmJson.node(m);
                    best.set("columns", ModelJson.mapper().valueToTree(columns));
                    if (sequence != null) {
                        best.put("sequenceColumn", sequence);
                    }
                    return best;
                });
        return 0;
    }
}
