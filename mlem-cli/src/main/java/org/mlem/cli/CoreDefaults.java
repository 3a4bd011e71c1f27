package org.mlem.cli;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.mlem.em.EmOptions;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.regmix.RegmixEstimator;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults read from mlem-core, where each is defined once; {@code --help} shows them
 * through {@code ${DEFAULT-VALUE}}. Only the seed's default belongs to the command line.
 */
final class CoreDefaults implements IDefaultValueProvider {
    /** The seed used when none is given, so that two runs of one command agree. */
    static final long DEFAULT_SEED = 0;

    /** The command-line name of {@link org.mlem.gmm.GmmInit#DEFAULT}. */
    static final String KMEANS_PLUS_PLUS = "kmeans++";

    /** The command-line name of {@link org.mlem.gmm.GmmInit.Hierarchical}, mclust's start. */
    static final String HC = "hc";

    /**
     * The start named by {@code --init} (kmeans++, random or hc; the hierarchical start's subset of
     * rows drawn by {@code seed}), or null for any other value (a model file).
     */
    static org.mlem.gmm.GmmInit gmmInit(String init, long seed) {
        return org.mlem.gmm.GmmInit.named(init, seed);
    }

    /** The options whose defaults come from the Gaussian mixture's estimator below. */
    private static final Set<String> EM_OPTIONS =
            Set.of("--max-iter", "--tol", "--n-init", "--threads", "--reg-covar", "--covariance", "--init", "--seed");

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        String oneShot = OneShotDefaults.value(option);
        if (oneShot != null) {
            return oneShot;
        }
        String own = ModelDefaults.of(option);
        if (own != null) {
            return own;
        }
        if (!EM_OPTIONS.contains(option.longestName())) {
            return null; // no need to build the estimator, whose classes cost a short run some time
        }
        GaussianMixtureEstimator gmm = GaussianMixtureEstimator.of(1);
        EmOptions em = gmm.em();
        boolean selectGmm = option.command() != null && option.command().qualifiedName(" ").equals("mlem select gmm");
        if (option.longestName().equals("--covariance") && selectGmm) {
            return CovarianceStructure.scikitLearn().stream().map(CovarianceStructure::id).collect(Collectors.joining(","));
        }
        if (option.longestName().equals("--reg-covar") && selectGmm) {
            return RegCovarArg.SCALED;
        }
        if (option.command() != null && option.command().name().equals("regmix")) {
            em = RegmixEstimator.DEFAULT_EM;
            if (option.longestName().equals("--init")) {
                return "random";
            }
        }
        return switch (option.longestName()) {
            case "--max-iter" -> String.valueOf(em.maxIterations());
            case "--tol" -> String.valueOf(em.tolerance());
            case "--n-init" -> EmArgs.restartsText(em.restarts());
            case "--threads" -> String.valueOf(em.threads());
            case "--reg-covar" -> String.valueOf(gmm.regCovar());
            case "--covariance" -> gmm.covariance().id();
            case "--init" -> gmm.init() instanceof org.mlem.gmm.GmmInit.KMeansPlusPlus ? KMEANS_PLUS_PLUS : null;
            case "--seed" -> String.valueOf(DEFAULT_SEED);
            default -> null;
        };
    }
}
