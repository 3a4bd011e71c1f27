package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.mlem.MlemUserException;
import org.mlem.em.EmOptions;
import org.mlem.cli.plot.SelectionPlot;
import org.mlem.io.ModelJson;
import org.mlem.io.SelectJson;
import org.mlem.model.EmKind.Capability;
import org.mlem.model.EmKinds;
import org.mlem.select.Candidate;
import org.mlem.select.Criterion;
import org.mlem.select.ModelSelection;
import org.mlem.select.SelectableFamily;
import org.mlem.select.SelectionResult;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every {@code select} subcommand shares: the grid over the values of k (or states), the
 * comparison table, the JSON, the best model's file and the BIC plot. A subcommand reads its data,
 * names its family and variants, and passes them here.
 *
 * @param what the model's name in the table's title ("Gaussian mixture", "t mixture", ...)
 * @param kName the grid's count in the table ("k", or "states")
 * @param variantNoun the variants' column heading ("covariance", "df", "family", "emission")
 * @param phrase the best candidate's variant in the closing line ("full covariance", "family poisson")
 */
record SelectGrid(String what, String kName, String variantNoun, UnaryOperator<String> phrase) {

    /**
     * Refuses in one line a shared row option ({@code --weights}, {@code --labels}, {@code --missing em})
     * that the model's registered kind ({@link EmKinds}, named as the subcommand) cannot take, as its
     * fit command does; {@code missingWhy} says why it cannot take missing cells. Returns whether
     * missing cells are marginalised.
     */
    static boolean rowOptions(CommandSpec spec, RowArgs rows, InputOptions input, String missingWhy) {
        Set<Capability> can = EmKinds.byName(spec.name()).capabilities();
        rows.refuse("select " + spec.name(), can, missingWhy, input);
        if (!can.contains(Capability.MISSING)) {
            return false;
        }
        input.missingUse = MissingCells.USE;
        return rows.missingEm(input);
    }

    /**
     * Runs each contiguous stretch of {@code ks} as one grid and joins them; a candidate's result
     * depends only on the master seed, its k and its variant's name, so this equals one run over the
     * whole range restricted to {@code ks}.
     */
    static <D, V, M> SelectionResult<M> run(SelectableFamily<D, V, M> family, List<Integer> ks, List<V> variants, D data,
            Criterion by, int threads, long seed, boolean convergeAll) {
        List<Candidate<M>> all = new ArrayList<>();
        int from = 0;
        int firstPassStarts = 0;
        while (from < ks.size()) {
            int to = from;
            while (to + 1 < ks.size() && ks.get(to + 1) == ks.get(to) + 1) {
                to++;
            }
            SelectionResult<M> part = new ModelSelection<>(family, ks.get(from), ks.get(to), variants, threads, by, convergeAll).run(data, seed);
            all.addAll(part.candidates());
            firstPassStarts = Math.max(firstPassStarts, part.firstPassStarts());
            from = to + 1;
        }
        return new SelectionResult<>(all, by, firstPassStarts);
    }

    /**
     * Prints the table (or, with {@code json}, the comparison's JSON {@code node}), then fails with
     * one line when no candidate may be chosen; else writes the best model's file ({@code modelNode}
     * of it) and the BIC plot when asked. Each JSON is built only when something writes it, so a
     * selection that prints its table never loads Jackson.
     */
    <M> void report(Terminal terminal, SelectionResult<M> result, Supplier<ObjectNode> node, String description,
            UnaryOperator<String> label, double seconds, SelectOptions select, Function<M, ObjectNode> modelNode) {
        report(terminal, result, node, description, label, seconds, select, modelNode, "");
    }

    /**
     * As {@link #report(Terminal, SelectionResult, Supplier, String, UnaryOperator, double, SelectOptions, Function)},
     * with {@code extra} text after the table; then {@code --tidy} (the best model's parameters) and {@code --report}.
     */
    <M> void report(Terminal terminal, SelectionResult<M> result, Supplier<ObjectNode> node, String description,
            UnaryOperator<String> label, double seconds, SelectOptions select, Function<M, ObjectNode> modelNode,
            String extra) {
        boolean reports = select.reports.requested();
        ObjectNode comparison = select.json || reports ? node.get() : null;
        if (select.json) {
            terminal.out().print(ModelJson.toJson(comparison));
        } else {
            terminal.out().print(table(result, description, label, seconds));
            terminal.out().print(extra);
        }
        if (result.bestIndex() < 0) {
            terminal.out().flush();
            throw new MlemUserException(result.noneEligible());
        }
        ObjectNode best = select.out != null || reports ? modelNode.apply(result.best().model()) : null;
        if (select.out != null) {
            ModelJson.write(best, select.out);
        }
        Path png = select.reports.plotFile(select.plot);
        if (png != null) {
            SelectionPlot.write(png, result.candidates(), result.bestByBic());
        }
        select.reports.write(comparison, best);
    }

    private static void lines(StringBuilder sb, String heading, List<String> lines) {
        if (!lines.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%n%s:%n", heading));
            for (String line : lines) {
                sb.append("  ").append(line).append(System.lineSeparator());
            }
        }
    }

    /** {@link SelectJson#node} with the settings every subcommand reports: every candidate's EM options among them. */
    static ObjectNode node(SelectionResult<?> result, int rows, List<String> columns, long seed, EmOptions em, double seconds) {
        ObjectNode node = SelectJson.node(result);
        node.put("n", rows);
        node.set("columns", ModelJson.mapper().valueToTree(columns));
        node.put("seed", seed);
        node.put("nInit", em.restartsFor((long) rows * columns.size()));
        node.put("tol", em.tolerance());
        node.put("maxIter", em.maxIterations());
        node.put("convergence", em.convergence().id());
        node.put("seconds", seconds);
        return node;
    }

    /**
     * The comparison: one row per candidate with log-likelihood, parameters, BIC, AIC and ICL, the
     * best by each criterion marked, candidates never chosen and candidates that failed listed
     * below with the reason.
     *
     * @param description the data, after the title ("150 rows, columns a, b")
     * @param label a variant's name as the table shows it
     */
    /** Follows the log-likelihood of a candidate {@link Candidate#stoppedEarly() stopped early}. */
    static final String STOPPED_MARK = "~";

    <M> String table(SelectionResult<M> result, String description, UnaryOperator<String> label, double seconds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s selection: %s; criteria lower is better%n%n",
                what, description));
        TextTable t = new TextTable().row(kName, variantNoun, "log-likelihood", "parameters", "BIC", "AIC", "ICL", "");
        List<Candidate<M>> rows = result.candidates();
        List<String> notes = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int stopped = 0;
        int[] best = {result.bestByBic(), result.bestByIcl(), result.bestBy(Criterion.AIC)};
        String[] names = {"BIC", "ICL", "AIC"};
        for (int i = 0; i < rows.size(); i++) {
            Candidate<M> c = rows.get(i);
            String variant = label.apply(c.variant());
            List<String> marks = new ArrayList<>();
            for (int b = 0; b < best.length; b++) {
                if (best[b] == i) {
                    marks.add(names[b]);
                }
            }
            String mark = marks.isEmpty() ? "" : "<- best " + String.join(", ", marks);
            if (c.failed()) {
                t.row(String.valueOf(c.k()), variant, "failed", "", "", "", "", "");
                failures.add(String.format(Locale.ROOT, "%s=%d %s: %s", kName, c.k(), c.variant(), c.failure()));
                continue;
            }
            if (c.excluded() != null) {
                mark = c.degenerate() ? "degenerate" : "too many parameters";
                notes.add(String.format(Locale.ROOT, "%s=%d %s: %s", kName, c.k(), c.variant(), c.excluded()));
            }
            stopped += c.stoppedEarly() ? 1 : 0;
            t.row(String.valueOf(c.k()), variant, CsvNumbers.brief(c.logLikelihood()) + (c.stoppedEarly() ? STOPPED_MARK : ""),
                    String.valueOf(c.nParameters()),
                    CsvNumbers.brief(c.bic()), CsvNumbers.brief(c.aic()), CsvNumbers.brief(c.icl()), mark);
        }
        sb.append(t.render());
        if (stopped > 0) {
            sb.append(String.format(Locale.ROOT, "%s %d stopped early: a first pass to Aitken tolerance %s showed they could "
                    + "not be chosen; their figures are where it stopped (--converge-all runs them on)%n", STOPPED_MARK,
                    stopped, CsvNumbers.brief(ModelSelection.FIRST_PASS_TOLERANCE)));
        }
        lines(sb, "never chosen", notes);
        lines(sb, "failed", failures);
        if (result.bestIndex() < 0) {
            return sb.toString();
        }
        Candidate<M> b = result.best();
        String criterion = result.criterion().id().toUpperCase(Locale.ROOT);
        sb.append(String.format(Locale.ROOT, "%nbest by %s: %s=%d, %s (%s %s)%n", criterion, kName, b.k(),
                phrase.apply(b.variant()), criterion, CsvNumbers.brief(result.criterion().of(b))));
        sb.append(String.format(Locale.ROOT, "time %.3f s%n", seconds));
        return sb.toString();
    }
}
