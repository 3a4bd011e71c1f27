package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.mlem.MlemUserException;
import org.mlem.concomitant.ComponentDensities;
import org.mlem.concomitant.ConcomitantBootstrap;
import org.mlem.concomitant.ConcomitantDesign;
import org.mlem.concomitant.ConcomitantEm;
import org.mlem.concomitant.ConcomitantStarts;
import org.mlem.concomitant.ConcomitantFit;
import org.mlem.concomitant.ConcomitantInformation;
import org.mlem.concomitant.Gating;
import org.mlem.data.CsvColumn;
import org.mlem.data.CsvTable;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.formula.Frame;
import org.mlem.io.GatingJson;
import org.mlem.select.ConcomitantFamily;
import org.mlem.select.SelectableFamily;
import org.mlem.uncertainty.Bootstrap;
import org.mlem.uncertainty.BootstrapKind;
import org.mlem.uncertainty.BootstrapResult;
import org.mlem.uncertainty.ParameterEstimates;
import picocli.CommandLine.Option;

/**
 * {@code --concomitant "~ z1 + z2"} of {@code fit gmm}, {@code fit mixture} and {@code fit regmix}:
 * mixing weights that depend on covariates through a multinomial logit (flexmix's FLXPmultinom).
 * The plain mixture is fit first (its starts and options), then EM with each row's weights from
 * its covariates runs from the posteriors of each distinct end point of its starts, the best kept
 * ({@link ConcomitantStarts}, as {@link ConcomitantEm#fromMixture} from one). The JSON's
 * {@code concomitant} holds the formula, the design's terms, factor levels, the coefficients
 * (k × terms, component 0 the baseline at 0) and, with {@code --standard-errors louis}, their
 * standard errors from the observed information of the whole model ({@link ConcomitantInformation}),
 * with {@code --bootstrap B} from the non-parametric bootstrap ({@link ConcomitantBootstrap}).
 */
final class ConcomitantArgs {
    @Option(names = "--concomitant", paramLabel = "\"~ z1 + z2\"",
            description = "Mixing weights that depend on these columns through a multinomial logit, as flexmix's "
                    + "FLXPmultinom: a one-sided R formula (numeric columns, text columns as factors, interactions, "
                    + "I(), log(), ...). Component 0 is the baseline. predict, score and sample read the model file and take each row's weights from these columns.")
    String formula;

    private ConcomitantDesign design;
    private double[] rowWeights;
    private ConcomitantFit<?> fit;
    private ConcomitantStarts.Ends<?> ends;
    private ComponentDensities<?> components;
    private EmOptions em;
    private String method;
    private ParameterEstimates estimates;
    private BootstrapResult bootstrap;

    boolean given() {
        return formula != null;
    }

    /** Refuses what a concomitant fit cannot take, in one line each. */
    void refuse(RowArgs rows, UncertaintyArgs uncertainty, List<String> fixedGroups, boolean missingEm) {
        if (!given()) {
            return;
        }
        if (rows.labels != null) {
            throw new MlemUserException("--labels with --concomitant is not available yet: a known component's row would "
                    + "need its prior from the covariates in the E-step; drop one of them");
        }
        if (missingEm) {
            throw new MlemUserException("--missing em with --concomitant is not available; use --drop-missing");
        }
        if (uncertainty.bootstrap != null && uncertainty.kind() == BootstrapKind.PARAMETRIC) {
            throw new MlemUserException("--bootstrap-kind parametric with --concomitant is not available; drop it (the "
                    + "non-parametric bootstrap resamples rows with their covariates)");
        }
        if (fixedGroups.stream().anyMatch(g -> g.startsWith("weights"))) {
            throw new MlemUserException("--fixed weights contradicts --concomitant, which models the weights; drop one");
        }
    }

    /**
     * Builds the gating design over the file rows {@code rows} (0-based, in fit order) of
     * {@code table}: each column must be there, numeric or text (a factor), and present in every
     * row fitted.
     */
    void read(CsvTable table, int[] rows) {
        List<String> used = ConcomitantDesign.columns(formula, table.names());
        for (String c : used) {
            CsvColumn col = table.column(c);
            if (col instanceof CsvColumn.Text t && t.mostlyNumeric()) {
                table.requireNumeric(List.of(c), "", "leave it out of --concomitant");
            }
        }
        Frame frame = Frame.of(table);
        for (String c : used) {
            for (int r : rows) {
                boolean missing = frame.isNumeric(c) ? Double.isNaN(frame.numeric(c)[r]) : frame.text(c)[r] == null;
                if (missing) {
                    throw new MlemUserException("--concomitant column '" + c + "' has no value in a row the model is fit "
                            + "to; fill the cell, or leave the row out of the file (no row is dropped for it)",
                            table.source(), table.line(r), -1);
                }
            }
        }
        design = ConcomitantDesign.build(formula, frame, rows, null);
    }

    /**
     * The listener the plain fit runs with: {@code progress} itself without {@code --concomitant},
     * else one that also collects where each plain start ended, for {@link #fit}.
     */
    EmListener listener(EmListener progress) {
        if (!given()) {
            return progress;
        }
        ends = new ConcomitantStarts.Ends<>(progress);
        return ends;
    }

    /**
     * EM with concomitant weights from each distinct end point of the plain fit {@code plain}'s starts
     * (run with {@link #listener}), the best kept ({@link ConcomitantStarts}); the result in a plain
     * fit's shape.
     *
     * @param degenerate whether a fit's components, with the rows' posteriors under it, have a
     *     component the data do not support (as select's family judges a candidate)
     */
    @SuppressWarnings("unchecked")
    <M> MixtureFit<M> fit(ComponentDensities<M> comps, MixtureFit<M> plain, Function<M, double[]> weights,
            double[] rowWeights, EmOptions em, BiPredicate<M, double[][]> degenerate) {
        ConcomitantStarts.Ends<M> collected = ends == null ? new ConcomitantStarts.Ends<>(null) : (ConcomitantStarts.Ends<M>) ends;
        ConcomitantStarts.Outcome<M> f = ConcomitantStarts.best(plain, collected, weights, comps, design, rowWeights, em,
                degenerate);
        this.fit = f.fit();
        this.components = comps;
        this.rowWeights = rowWeights;
        this.em = em;
        return f.asMixtureFit(f.fit().model().components());
    }

    /**
     * The standard errors {@code args} asks for: {@code --standard-errors louis} from the observed
     * information of the fitted model, {@code --bootstrap B} from B non-parametric replicates
     * ({@link ConcomitantBootstrap}: rows resampled with their covariates, each the concomitant EM
     * from the fit; seeds from {@code seed}, the same bits on any number of {@code threads}).
     *
     * @throws MlemUserException when every bootstrap replicate failed (naming the first reason)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void standardErrors(UncertaintyArgs args, long seed, int threads) {
        ConcomitantFit f = fit;
        if (args.bootstrap == null) {
            method = "observed information of the whole model (Richardson Hessian of the log-likelihood)";
            estimates = ConcomitantInformation.of((ComponentDensities) components, design, rowWeights, f.model())
                    .estimates();
            return;
        }
        bootstrap = new Bootstrap(args.bootstrap, BootstrapKind.NONPARAMETRIC, UncertaintyArgs.CONFIDENCE, threads)
                .run(new ConcomitantBootstrap(components, design, em), new ConcomitantBootstrap.Rows(rowWeights),
                        f.model(), seed);
        if (bootstrap.replicates() == 0) {
            throw new MlemUserException("every one of the " + args.bootstrap + " bootstrap replicates failed; the first: "
                    + bootstrap.failures().get(0).message());
        }
        method = "non-parametric bootstrap (rows resampled with their covariates, " + bootstrap.replicates()
                + " replicates refit by the concomitant EM from the fit)";
        estimates = bootstrap.estimates();
    }

    /** Adds {@code concomitant} to the model's JSON. */
    void addTo(ObjectNode node) {
        if (fit == null) {
            return;
        }
        Gating g = fit.model().gating();
        ObjectNode c = GatingJson.write(node, g);
        if (estimates != null) {
            ArrayNode se = c.putArray("standardErrors");
            for (int j = 0; j < g.components(); j++) {
                ArrayNode row = se.addArray();
                for (String t : g.terms()) {
                    row.add(j == 0 ? 0 : estimates.standardError("gamma[" + j + "][" + t + "]"));
                }
            }
            c.put("standardErrorMethod", method);
            ObjectNode all = c.putObject("allStandardErrors");
            for (int q = 0; q < estimates.names().size(); q++) {
                all.put(estimates.names().get(q), estimates.standardError()[q]);
            }
            if (bootstrap != null) {
                ObjectNode intervals = c.putObject("intervals");
                for (int q = 0; q < estimates.names().size(); q++) {
                    intervals.putArray(estimates.names().get(q)).add(bootstrap.lower()[q]).add(bootstrap.upper()[q]);
                }
                ObjectNode info = c.putObject("bootstrap");
                info.put("kind", "nonparametric");
                info.put("replicates", bootstrap.replicates());
                info.put("confidence", bootstrap.confidence());
                info.set("failures", org.mlem.io.ModelJson.mapper().valueToTree(bootstrap.failures()));
            }
        }
    }

    /**
     * select's family with concomitant variables over the gating design {@link #read} built: each
     * candidate the plain family's fit, then EM with covariate-dependent weights as this fit runs it.
     */
    <D, V, M> ConcomitantFamily<D, V, M> family(SelectableFamily<D, V, M> plain, ConcomitantFamily.Components<D, V, M> of,
            Function<M, double[]> weights, double[] rowWeights, EmOptions em) {
        return new ConcomitantFamily<>(plain, of, weights, design, rowWeights, em);
    }

    /** {@code node} (a candidate's plain model file) with its {@code concomitant} gating, as the fit writes it. */
    static <M> ObjectNode gated(ObjectNode node, ConcomitantFamily.Gated<M> model) {
        GatingJson.write(node, model.mixture().gating());
        return node;
    }

    /** Names the formula in a selection's JSON ({@code concomitant}), when given. */
    void name(ObjectNode selection) {
        if (given()) {
            selection.put("concomitant", formula);
        }
    }

    /** The formula for a selection's title (", concomitant ~ z"), or "". */
    String describe() {
        return given() ? ", concomitant " + formula.strip() : "";
    }

    /**
     * Refuses, in one line each, what {@code select MODEL --concomitant} cannot take: labels, missing-cell EM and
     * the options {@code others} names when given (option → whether it was given).
     */
    void refuseInSelect(String command, RowArgs rows, boolean missingEm, java.util.Map<String, Boolean> others) {
        if (!given()) {
            return;
        }
        if (rows.labels != null) {
            throw new MlemUserException("--labels with --concomitant is not available in " + command + ": a known "
                    + "component's row would need its prior from the covariates; drop one of them");
        }
        if (missingEm) {
            throw new MlemUserException("--missing em with --concomitant is not available in " + command
                    + "; use --drop-missing");
        }
        others.forEach((option, given) -> {
            if (given) {
                throw new MlemUserException(option + " with --concomitant is not available in " + command
                        + " (nor in its fit command); drop one of them");
            }
        });
    }

    /** The summary's lines: the gating coefficients by component (and their standard errors). */
    String summary() {
        if (fit == null) {
            return "";
        }
        Gating g = fit.model().gating();
        TextTable t = new TextTable();
        String[] head = new String[g.width()];
        for (int a = 0; a < head.length; a++) {
            head[a] = g.terms().get(a);
        }
        t.row("component", head);
        double[][] gamma = g.coefficients();
        for (int j = 0; j < g.components(); j++) {
            t.row(String.valueOf(j), gamma[j]);
            if (estimates != null && j > 0) {
                String[] se = new String[g.width()];
                for (int a = 0; a < se.length; a++) {
                    se[a] = String.format(java.util.Locale.ROOT, "(%.6g)",
                            estimates.standardError("gamma[" + j + "][" + g.terms().get(a) + "]"));
                }
                t.row("", se);
            }
        }
        return "concomitant " + g.formula() + ": log(pi_j / pi_0) = z'gamma_j"
                + (estimates != null ? " (standard errors below, " + (bootstrap != null ? "bootstrap" : "observed information")
                        + ")" : "") + System.lineSeparator()
                + t.render();
    }
}
