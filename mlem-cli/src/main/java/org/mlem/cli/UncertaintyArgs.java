package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.mlem.MlemUserException;
import org.mlem.io.UncertaintyJson;
import org.mlem.uncertainty.Bootstrap;
import org.mlem.uncertainty.BootstrapKind;
import org.mlem.uncertainty.BootstrapModel;
import org.mlem.uncertainty.BootstrapResult;
import org.mlem.uncertainty.HeldParameters;
import org.mlem.uncertainty.ObservedInformation;
import org.mlem.uncertainty.ParameterEstimates;
import picocli.CommandLine.Option;

/**
 * The standard-error flags every latent-model fit shares ({@code fit gmm}, {@code tmix},
 * {@code mixture}, {@code regmix}, {@code hmm}, {@code mvn}): {@code --bootstrap B} (percentile
 * intervals too) or {@code --standard-errors louis} (observed information by Louis' method), with
 * the same JSON fields ({@code standardErrorMethod}, {@code standardErrors}, and for the bootstrap
 * {@code intervals} and {@code bootstrap}) and the same summary table. Parameters are named by
 * each model's layout in {@code org.mlem.uncertainty} ({@code weight[j]}, {@code mean[j][column]},
 * ...), with j counted from 0, as in the summary, the JSON and predict's labels.
 *
 * <p>A command calls {@link #check} before reading data, {@link #compute} after fitting, then
 * {@link #addTo} on its JSON and {@link #printTable} after its summary.
 */
final class UncertaintyArgs {
    static final double CONFIDENCE = 0.95;

    @Option(order = Shared.ORDER, names = "--bootstrap", paramLabel = "B",
            description = "Bootstrap standard errors and 95%% percentile intervals from B refits (at least 2; 200 or more "
                    + "for intervals).")
    Integer bootstrap;

    @Option(order = Shared.ORDER, names = "--bootstrap-kind", paramLabel = "KIND",
            description = "nonparametric (rows, or an HMM's sequences, resampled) or parametric (data simulated from the fit: "
                    + "rows; a regression mixture's responses at the observed covariates; sequences of the observed "
                    + "lengths) (default: ${DEFAULT-VALUE}).",
            defaultValue = "nonparametric")
    String kind;

    @Option(order = Shared.ORDER, names = "--standard-errors", paramLabel = "louis",
            description = "louis: standard errors from the observed information (Louis' method; an HMM's by Lystig and Hughes' recursions).")
    String standardErrors;

    private Result result;

    /** Checks the flags before any fitting, so a mistake costs nothing. */
    void check() {
        if (bootstrap != null && standardErrors != null) {
            throw new MlemUserException("give --bootstrap B or --standard-errors louis, not both");
        }
        if (bootstrap != null) {
            Checks.atLeast("--bootstrap", bootstrap, 2);
        }
        if (standardErrors != null && !standardErrors.equalsIgnoreCase("louis")) {
            throw new MlemUserException("--standard-errors " + standardErrors + " is not known; the method is louis "
                    + "(or use --bootstrap B)");
        }
        kind();
    }

    boolean requested() {
        return bootstrap != null || standardErrors != null;
    }

    BootstrapKind kind() {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "nonparametric" -> BootstrapKind.NONPARAMETRIC;
            case "parametric" -> BootstrapKind.PARAMETRIC;
            default -> throw new MlemUserException("--bootstrap-kind " + kind + " is not known; use nonparametric or parametric");
        };
    }

    /**
     * Computes what was asked for, keeps it for {@link #addTo} and {@link #printTable}, and
     * returns it (null when nothing was asked for).
     *
     * @param model the bootstrap of the fitted model's kind
     * @param louis the observed information, computed only when asked for
     * @throws MlemUserException when every bootstrap replicate failed (naming the first reason)
     */
    <D, M> Result compute(BootstrapModel<D, M> model, D data, M fitted, long seed, int threads,
            Supplier<ObservedInformation> louis) {
        return compute(model, data, fitted, seed, threads, louis, HeldParameters.NONE);
    }

    /**
     * As {@link #compute(BootstrapModel, Object, Object, long, int, Supplier)}, the parameters
     * {@code held} names fixed by {@code --fixed} (known, so no standard error: "fixed" in the
     * table, null in {@code standardErrors} and listed in {@code fixedParameters}).
     */
    <D, M> Result compute(BootstrapModel<D, M> model, D data, M fitted, long seed, int threads,
            Supplier<ObservedInformation> louis, Predicate<String> held) {
        if (bootstrap != null) {
            BootstrapResult b = new Bootstrap(bootstrap, kind(), CONFIDENCE, threads).run(model, data, fitted, seed);
            if (b.replicates() == 0) {
                throw new MlemUserException("every one of the " + bootstrap + " bootstrap replicates failed; the first: "
                        + b.failures().get(0).message());
            }
            result = new Result("bootstrap", b.estimates(), b.lower(), b.upper(), b, held);
        } else if (standardErrors != null) {
            result = new Result("louis", louis.get().estimates(), null, null, null, held);
        }
        return result;
    }

    /** Adds the computed standard errors' fields to a fit's JSON (nothing when none were asked for). */
    void addTo(ObjectNode json) {
        if (result != null) {
            result.addTo(json);
        }
    }

    /** Prints the standard-error table after a summary, a blank line first (nothing when none were asked for). */
    void printTable(PrintWriter out) {
        if (result != null) {
            out.println();
            out.print(result.table());
        }
    }

    /** Standard errors by {@code method}; intervals and the bootstrap's details only for the bootstrap. */
    record Result(String method, ParameterEstimates estimates, double[] lower, double[] upper, BootstrapResult bootstrap,
            Predicate<String> held) {

        void addTo(ObjectNode node) {
            UncertaintyJson.add(node, method, estimates, bootstrap, held);
        }

        String table() {
            List<String> names = estimates.names();
            double[] est = estimates.estimate();
            double[] se = estimates.standardError();
            TextTable t = bootstrap == null ? new TextTable().row("parameter", "estimate", "SE (louis)")
                    : new TextTable().row("parameter", "estimate", "SE (bootstrap)", "2.5%", "97.5%");
            for (int q = 0; q < names.size(); q++) {
                boolean fixed = held.test(names.get(q));
                if (fixed) {
                    t.row(names.get(q), CsvNumbers.brief(est[q]), "fixed");
                } else if (bootstrap == null) {
                    t.row(names.get(q), est[q], se[q]);
                } else {
                    t.row(names.get(q), est[q], se[q], lower[q], upper[q]);
                }
            }
            String head = bootstrap == null ? "Standard errors from the observed information (Louis' method)"
                    : String.format(Locale.ROOT, "Bootstrap (%s, %d replicates fit%s): standard errors and 95%% percentile intervals",
                            bootstrap.kind().name().toLowerCase(Locale.ROOT), bootstrap.replicates(),
                            bootstrap.failures().isEmpty() ? "" : ", " + bootstrap.failures().size() + " failed");
            return head + System.lineSeparator() + System.lineSeparator() + t.render();
        }
    }
}
