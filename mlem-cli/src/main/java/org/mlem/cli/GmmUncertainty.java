package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.io.ModelJson;
import org.mlem.uncertainty.Bootstrap;
import org.mlem.uncertainty.BootstrapKind;
import org.mlem.uncertainty.BootstrapResult;
import org.mlem.uncertainty.LouisInformation;
import org.mlem.uncertainty.ObservedInformation;
import org.mlem.uncertainty.ParameterEstimates;
import picocli.CommandLine.Option;

/**
 * {@code fit gmm}'s standard errors: {@code --bootstrap B} (percentile intervals too) or
 * {@code --standard-errors louis} (observed information by Louis' method). Parameters are named
 * {@code weight[j]}, {@code mean[j][column]}, and by covariance structure {@code cov[j][a,b]}
 * (full, a ≤ b), {@code cov[a,b]} (tied), {@code var[j][a]} (diag), {@code var[j]} (spherical),
 * with j counted from 0, as in the summary, the JSON and predict's labels.
 */
final class GmmUncertainty {
    static final double CONFIDENCE = 0.95;

    @Option(order = Shared.ORDER, names = "--bootstrap", paramLabel = "B",
            description = "Bootstrap standard errors and 95%% percentile intervals from B refits (at least 2; 200 or more "
                    + "for intervals).")
    Integer bootstrap;

    @Option(order = Shared.ORDER, names = "--bootstrap-kind", paramLabel = "KIND",
            description = "nonparametric (rows resampled) or parametric (rows simulated from the fit) (default: ${DEFAULT-VALUE}).",
            defaultValue = "nonparametric")
    String kind;

    @Option(order = Shared.ORDER, names = "--standard-errors", paramLabel = "louis",
            description = "louis: standard errors from the observed information (Louis' method).")
    String standardErrors;

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

    /** The standard errors (and intervals) as computed; null when none were asked for. */
    Result compute(GaussianMixtureEstimator estimator, DataMatrix data, GaussianMixture fitted, long seed, int threads) {
        if (bootstrap != null) {
            BootstrapResult b = new Bootstrap(bootstrap, kind(), CONFIDENCE, threads).run(estimator, data, fitted, seed);
            return new Result("bootstrap", b.estimates(), b.lower(), b.upper(), b);
        }
        if (standardErrors != null) {
            ObservedInformation info = LouisInformation.of(fitted, data);
            return new Result("louis", info.estimates(), null, null, null);
        }
        return null;
    }

    /** Standard errors by {@code method}; intervals and the bootstrap's details only for the bootstrap. */
    record Result(String method, ParameterEstimates estimates, double[] lower, double[] upper, BootstrapResult bootstrap) {

        void addTo(ObjectNode node) {
            List<String> names = estimates.names();
            double[] se = estimates.standardError();
            node.put("standardErrorMethod", method);
            ObjectNode ses = node.putObject("standardErrors");
            for (int q = 0; q < names.size(); q++) {
                put(ses, names.get(q), se[q]);
            }
            if (bootstrap == null) {
                return;
            }
            ObjectNode intervals = node.putObject("intervals");
            for (int q = 0; q < names.size(); q++) {
                ArrayNode pair = intervals.putArray(names.get(q));
                pair.add(lower[q]);
                pair.add(upper[q]);
            }
            ObjectNode info = node.putObject("bootstrap");
            info.put("kind", bootstrap.kind().name().toLowerCase(Locale.ROOT));
            info.put("replicates", bootstrap.replicates());
            info.put("confidence", bootstrap.confidence());
            info.set("failures", ModelJson.MAPPER.valueToTree(bootstrap.failures()));
        }

        private static void put(ObjectNode node, String name, double v) {
            if (Double.isFinite(v)) {
                node.put(name, v);
            } else {
                node.putNull(name);
            }
        }

        String table() {
            List<String> names = estimates.names();
            double[] est = estimates.estimate();
            double[] se = estimates.standardError();
            TextTable t = bootstrap == null ? new TextTable().row("parameter", "estimate", "SE (louis)")
                    : new TextTable().row("parameter", "estimate", "SE (bootstrap)", "2.5%", "97.5%");
            for (int q = 0; q < names.size(); q++) {
                if (bootstrap == null) {
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
