package org.mlem.cli;

import java.util.Locale;
import org.mlem.em.EmOptions;
import org.mlem.hmm.HiddenMarkovEstimator;
import org.mlem.missing.MvnMissingEstimator;
import org.mlem.tmix.TMixtureEstimator;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of the fits whose EM settings differ from the Gaussian mixture's, read from
 * mlem-core: {@code fit hmm} (Baum–Welch's {@link HiddenMarkovEstimator#DEFAULT_EM}),
 * {@code fit mvn} ({@link MvnMissingEstimator#DEFAULT_OPTIONS}) and {@code fit tmix}
 * ({@link TMixtureEstimator#of}) and {@code fit gmmda} (no ridge and every mclust model, as
 * mclust's MclustDA). {@link CoreDefaults} asks here first.
 */
final class ModelDefaults {
    /** The command-line name of {@link org.mlem.hmm.HmmInit#DEFAULT}. */
    static final String HMM_KMEANS = "kmeans";

    /** The command-line name of {@code fit mvn}'s own start: the observed column means and variances. */
    static final String MVN_COLUMNS = "columns";

    private ModelDefaults() {}

    /** The default of {@code option}, or null when its command is not one of these (or the option has none here). */
    static String of(OptionSpec option) {
        String command = option.command() == null ? "" : option.command().qualifiedName(" ");
        EmOptions em;
        String regCovar = null;
        switch (command) {
            case "mlem fit hmm", "mlem select hmm" -> em = HiddenMarkovEstimator.DEFAULT_EM;
            case "mlem fit mvn" -> em = MvnMissingEstimator.DEFAULT_OPTIONS;
            case "mlem fit gmmda" -> {
                if (option.longestName().equals("--covariance")) {
                    return FitGmmdaCommand.ALL_MODELS;
                }
                em = EmOptions.DEFAULTS;
                regCovar = String.valueOf(org.mlem.gmm.da.DiscriminantEstimator.DEFAULT_REG_COVAR);
            }
            case "mlem fit tmix", "mlem select tmix" -> {
                TMixtureEstimator t = TMixtureEstimator.of(1);
                em = t.em();
                regCovar = String.valueOf(t.regCovar());
            }
            default -> {
                return switch (option.longestName()) {
                    case "--acceleration" -> name(EmOptions.DEFAULTS);
                    case "--convergence" -> EmOptions.DEFAULTS.convergence().id();
                    default -> null;
                };
            }
        }
        return switch (option.longestName()) {
            case "--max-iter" -> String.valueOf(em.maxIterations());
            case "--tol" -> String.valueOf(em.tolerance());
            case "--n-init" -> EmArgs.restartsText(em.restarts());
            case "--threads" -> String.valueOf(em.threads());
            case "--acceleration" -> name(em);
            case "--convergence" -> em.convergence().id();
            case "--reg-covar" -> regCovar;
            case "--init" -> command.equals("mlem fit hmm") ? HMM_KMEANS : command.equals("mlem fit mvn") ? MVN_COLUMNS : null;
            default -> null;
        };
    }

    private static String name(EmOptions em) {
        return em.acceleration().name().toLowerCase(Locale.ROOT);
    }
}
