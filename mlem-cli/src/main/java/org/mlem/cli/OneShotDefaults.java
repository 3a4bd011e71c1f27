package org.mlem.cli;

import org.mlem.glm.GlmOptions;
import org.mlem.nls.NlsOptions;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults of the iteration options of {@code fit glm} and {@code fit nls}, read from mlem-core
 * ({@link GlmOptions#DEFAULTS}, {@link NlsOptions#DEFAULTS}), so that {@link CoreDefaults} does not
 * give them the EM defaults of the same-named options of {@code fit gmm}.
 */
final class OneShotDefaults {
    private OneShotDefaults() {}

    /** The default of {@code option} when it belongs to fit glm or fit nls; null otherwise. */
    static String value(OptionSpec option) {
        Object command = option.command() == null ? null : option.command().userObject();
        if (command instanceof FitGlmCommand) {
            return switch (option.longestName()) {
                case "--max-iter" -> String.valueOf(GlmOptions.DEFAULTS.maxIterations());
                case "--epsilon" -> String.valueOf(GlmOptions.DEFAULTS.epsilon());
                default -> null;
            };
        }
        if (command instanceof FitNlsCommand) {
            return switch (option.longestName()) {
                case "--max-iter" -> String.valueOf(NlsOptions.DEFAULTS.maxIterations());
                case "--tol" -> String.valueOf(NlsOptions.DEFAULTS.tolerance());
                default -> null;
            };
        }
        return null;
    }
}
