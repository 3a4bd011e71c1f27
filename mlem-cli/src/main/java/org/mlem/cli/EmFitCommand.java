package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.io.ModelJson;
import org.mlem.io.SelectJson;
import org.mlem.model.EmKind.Capability;
import org.mlem.model.EmKinds;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The one template of the EM fits ({@code fit gmm}, {@code tmix}, {@code mixture}, {@code regmix},
 * {@code hmm}): it owns the options every latent model shares (the EM flags, input, output,
 * {@code --weights}, {@code --labels}, {@code --missing}, {@code --standard-errors}, {@code --bootstrap}) and the whole run — read, fit with
 * progress, the model file, the JSON or summary with degenerate components and the trace, the
 * warnings, the plot — while a subclass, the model's descriptor, says only what is its own: its
 * options, how its data are read and its estimator set up ({@link #prepare}), its fit, its JSON
 * fields, summary, degeneracy check and plot. The model logic itself lives in core.
 *
 * <p>A capability a model cannot take is refused here in one line that says why
 * ({@link #missingRefusal()}).
 *
 * @param <M> the fitted model's type
 */
abstract class EmFitCommand<M> implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EmArgs em;

    @Mixin
    RowArgs rowArgs;

    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Mixin
    UncertaintyArgs uncertainty;

    /** The columns the model reads, as the JSON's {@code columns}; set by {@link #prepare}. */
    List<String> columns;

    /** Set by {@link #matrix}: the file's rows fitted, in order, for placing errors. */
    private CsvTable table;
    private int[] rows;
    private LabelColumn known;

    /** {@code fit <name>}, as messages name the command. */
    final String command() {
        return "fit " + spec.name();
    }

    /** The model file's {@code model} field. */
    abstract String kind();

    /**
     * Checks this model's options, reads the data and sets up the estimator, keeping both for
     * {@link #fit}; everything a user can get wrong is found here, before any fitting.
     */
    abstract void prepare(Terminal terminal);

    /** The EM options the estimator runs with (its restarts, stopping rule and acceleration are reported). */
    abstract EmOptions emOptions();

    /** Fits the prepared data; {@code progress} may be ignored by a fit that reports none. */
    abstract MixtureFit<M> fit(long seed, Progress progress);


    /** The model's own JSON fields: its parameters and its options (the shared ones are written here). */
    abstract ObjectNode modelNode(MixtureFit<M> fit);

    /** The text summary of the fit. */
    abstract String summary(MixtureFit<M> fit, double readSeconds);

    /** The fit's degenerate components or states (see core's degeneracy rules). */
    abstract List<DegenerateComponent> degenerate(M model);

    /** Draws the fit into {@code png}. */
    abstract void plot(Path png, MixtureFit<M> fit);

    /** The parameter groups held fixed, by their option names. */
    abstract List<String> fixedGroups();

    /** The {@code --init} value as given. */
    abstract String init();

    /**
     * Whether the fit marginalises missing cells ({@code --missing em}; a user error for another
     * value than em and error, or with {@code --drop-missing}). Always false for a model whose
     * kind cannot take it (refused in {@link #call}).
     */
    final boolean missingEm() {
        return capabilities().contains(Capability.MISSING) && rowArgs.missingEm(input);
    }

    /** What this model's registered kind ({@link EmKinds}) takes: weights, labels, missing cells. */
    final Set<Capability> capabilities() {
        return EmKinds.byName(kind()).capabilities();
    }

    /** What a latent unit is called: component or state. */
    String unit() {
        return "component";
    }

    /** What to try when a component degenerates. */
    String degenerateRemedy() {
        return "more starts (--n-init)";
    }

    /** Why this model cannot take {@code --missing em} (said when its kind lacks the capability). */
    String missingRefusal() {
        return null;
    }

    /**
     * Computes the standard errors {@code args} asks for of the fitted {@code model}
     * ({@link UncertaintyArgs#compute} with the model's bootstrap, data and observed information);
     * called only when {@code --standard-errors} or {@code --bootstrap} was given.
     */
    abstract void standardErrors(UncertaintyArgs args, M model, long seed);

    /** Text lines after the summary; empty by default. */
    String extraSummary(MixtureFit<M> fit) {
        return "";
    }

    /** A user error raised while fitting, placed in the file where it can be. */
    MlemUserException locate(MlemUserException e) {
        return table == null ? e : RowPlaces.locate(e, table, rows);
    }

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        uncertainty.check();
        rowArgs.refuse(command(), capabilities(), missingRefusal(), input);
        long t0 = System.nanoTime();
        prepare(terminal);
        double readSeconds = (System.nanoTime() - t0) * 1e-9;
        Progress progress = new Progress(terminal, emOptions().restarts());
        MixtureFit<M> fit;
        try {
            fit = fit(em.seed, progress);
        } catch (MlemUserException e) {
            throw locate(e);
        } finally {
            progress.finish();
        }
        if (uncertainty.requested()) {
            standardErrors(uncertainty, fit.model(), em.seed);
        }
        ObjectNode json = report(terminal, fit, readSeconds, degenerate(fit.model()));
        Path png = output.reports.plotFile(output.plot);
        if (png != null) {
            plot(png, fit);
        }
        output.reports.write(json);
        return 0;
    }

    /** Whether EM maximises a penalised objective (a prior), so that its trace of ℓ alone may fall. */
    boolean penalised() {
        return false;
    }

    /**
     * The model file, and the summary or JSON on standard output; returns the JSON result (for
     * --tidy and --report), or null when no option asked for it ({@link OutputOptions#wanted}):
     * then it is not built, and a summary-only fit never loads Jackson.
     */
    final ObjectNode report(Terminal terminal, MixtureFit<M> fit, double readSeconds, List<DegenerateComponent> degenerate) {
        StartsReport.warn(terminal, command(), fit);
        ObjectNode json = null;
        if (output.wanted()) {
            json = json(fit, readSeconds);
            json.set("degenerateComponents", SelectJson.degenerateArray(degenerate));
        }
        if (output.out != null) {
            ModelJson.write(json, output.out);
        }
        if (!penalised()) { // MAP EM raises ℓ + log prior; ℓ alone may fall, as it should
            EmWarnings.report(command(), fit.trace(), fit.totalWeight(), terminal);
        }
        if (output.json) {
            terminal.out().print(ModelJson.toJson(json));
            return json;
        }
        terminal.out().print(summary(fit, readSeconds));
        if (!degenerate.isEmpty()) {
            terminal.out().println();
            terminal.out().print(GmmSummary.degenerateLines(degenerate, unit(), degenerateRemedy()));
        }
        String extra = extraSummary(fit);
        if (!extra.isEmpty()) {
            terminal.out().println();
            terminal.out().print(extra);
        }
        uncertainty.printTable(terminal.out());
        if (output.trace) {
            terminal.out().println();
            terminal.out().print(traceTable(fit.trace()));
        }
        return json;
    }

    /** The whole JSON result: the fit's, the model's own fields, then the shared options. */
    ObjectNode json(MixtureFit<M> fit, double readSeconds) {
        ObjectNode node = ModelJson.fitNode(kind(), fit, columns, readSeconds);
        node.setAll(modelNode(fit));
        EmOptions o = emOptions();
        node.put("tol", o.tolerance());
        node.put("convergence", o.convergence().id());
        node.put("acceleration", o.acceleration().name().toLowerCase(Locale.ROOT));
        node.put("seed", em.seed);
        node.put("nInit", fit.startLogLikelihoods().length);
        node.put("init", init());
        if (missingEm()) {
            node.put("missing", "em");
        }
        ArrayNode held = node.putArray("fixed");
        fixedGroups().forEach(held::add);
        node.set("trace", ModelJson.mapper().valueToTree(fit.trace()));
        if (fit.startLogLikelihoods().length > 1) {
            node.set("startLogLikelihoods", ModelJson.mapper().valueToTree(fit.startLogLikelihoods()));
        }
        if (known != null && known.classes() != null) {
            node.set("classes", ModelJson.mapper().valueToTree(known.classes()));
        }
        uncertainty.addTo(node);
        return node;
    }

    /** The names of the {@code --labels} and {@code --weights} columns of {@code table}, kept out of the model's columns. */
    final List<String> sideColumns(CsvTable table, String... more) {
        return rowArgs.sideColumns(table, more);
    }

    /**
     * The rows of {@code columns} as the matrix to fit, with {@code --weights} and {@code --labels}:
     * every complete row (or, with {@code missingEm}, every row with something observed; a weight
     * must be there either way).
     */
    final DataMatrix matrix(CsvTable table, List<String> columns, int components, boolean missingEm, Terminal terminal) {
        RowArgs.Rows chosen = rowArgs.matrix(table, columns, missingEm, input, terminal);
        rows = chosen.rows();
        this.table = table;
        DataMatrix data = chosen.data();
        if (rowArgs.labels != null) {
            known = LabelColumn.read(table, rowArgs.labels, rows, components);
            data = data.withLabels(known.labels());
        }
        return data;
    }

    /** The file's rows {@link #matrix} chose, in order. */
    final int[] rowsFitted() {
        return rows;
    }

    /** The label column read by {@link #matrix} or {@link #knownLabels}; null without {@code --labels}. */
    final LabelColumn known() {
        return known;
    }

    /** Reads {@code --labels} for {@code rows} of {@code table} (models that read their rows themselves). */
    final LabelColumn knownLabels(CsvTable table, int[] rows, int components) {
        known = rowArgs.labels == null ? null : LabelColumn.read(table, rowArgs.labels, rows, components);
        return known;
    }

    /** {@code groups} (enum constants) as the lower-case names {@code --fixed} takes, sorted. */
    static List<String> groupNames(java.util.Collection<? extends Enum<?>> groups) {
        return groups.stream().sorted().map(g -> g.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** {@code --fixed}'s values as given (trimmed, lower case); empty without it. */
    static List<String> groupNames(List<String> fixed) {
        return fixed == null ? List.of() : fixed.stream().map(g -> g.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** The held groups as the summary's line, or null when none. */
    final String heldLine() {
        List<String> g = fixedGroups();
        return g.isEmpty() ? null : String.join(", ", g) + " (the --init model's values)";
    }

    static String traceTable(double[] trace) {
        TextTable t = new TextTable().row("iteration", "log-likelihood");
        for (int i = 0; i < trace.length; i++) {
            t.row(String.valueOf(i), CsvNumbers.format(trace[i]));
        }
        return t.render();
    }
}
