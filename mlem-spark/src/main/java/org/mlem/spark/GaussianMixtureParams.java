package org.mlem.spark;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;

/**
 * The parameters shared by {@link GaussianMixture} (the estimator) and
 * {@link GaussianMixtureModel}, with Spark ML's names. Defaults come from mlem-core
 * ({@link org.mlem.em.EmOptions#DEFAULTS}, {@link org.mlem.gmm.GaussianMixtureEstimator}) and are
 * set in one place ({@link ParamDefs}).
 *
 * <ul>
 *   <li>{@code k}: number of components (no default; required)
 *   <li>{@code covariance}: {@code full}, {@code tied}, {@code diag} or {@code spherical}
 *   <li>{@code convergence}: {@code aitken} (default: EM run to its maximum) or {@code sklearn}
 *       (scikit-learn's rule on the change of the mean per-row log-likelihood)
 *   <li>{@code maxIter}, {@code tol}: EM iterations per start, and the stopping rule's tolerance
 *   <li>{@code acceleration}: {@code squarem} or {@code none} (plain EM, scikit-learn's iterates)
 *   <li>{@code nInit}: starts (k-means++ restarts); the best final log-likelihood is kept
 *   <li>{@code regCovar}: added to every variance in each M-step
 *   <li>{@code seed}: for the k-means++ starts
 *   <li>{@code featuresCol} (vectors), {@code weightCol} (frequency weights, optional), {@code labelCol}
 *       (known component 0..k-1, or null for a latent row; optional)
 *   <li>{@code predictionCol}, {@code probabilityCol}, {@code logLikelihoodCol}: outputs of
 *       {@code transform}; an empty name skips that column
 *   <li>{@code handleInvalid}: {@code error} (default) stops at a null, NaN or infinite feature,
 *       naming its row; {@code skip} drops such rows and counts them
 *   <li>{@code aggregationDepth}: depth of {@code treeAggregate}
 *   <li>{@code initSampleRows}: rows collected to the driver for the k-means++ seeding; with at
 *       most this many rows the start is the single-machine start exactly
 * </ul>
 */
public interface GaussianMixtureParams extends StageParams {

    /** The parameter objects of this stage (one set per instance). */
    ParamDefs paramDefs();

    default IntParam k() {
        return paramDefs().k;
    }

    default Param<String> covariance() {
        return paramDefs().covariance;
    }

    default IntParam maxIter() {
        return paramDefs().maxIter;
    }

    default DoubleParam tol() {
        return paramDefs().tol;
    }

    default IntParam nInit() {
        return paramDefs().nInit;
    }

    default DoubleParam regCovar() {
        return paramDefs().regCovar;
    }

    default LongParam seed() {
        return paramDefs().seed;
    }

    default Param<String> featuresCol() {
        return paramDefs().featuresCol;
    }

    default Param<String> weightCol() {
        return paramDefs().weightCol;
    }

    default Param<String> labelCol() {
        return paramDefs().labelCol;
    }

    default Param<String> predictionCol() {
        return paramDefs().predictionCol;
    }

    default Param<String> probabilityCol() {
        return paramDefs().probabilityCol;
    }

    default Param<String> logLikelihoodCol() {
        return paramDefs().logLikelihoodCol;
    }

    default Param<String> handleInvalid() {
        return paramDefs().handleInvalid;
    }

    default IntParam aggregationDepth() {
        return paramDefs().aggregationDepth;
    }

    default IntParam initSampleRows() {
        return paramDefs().initSampleRows;
    }

    default int getK() {
        return (Integer) getOrDefault(k());
    }

    default String getCovariance() {
        return getOrDefault(covariance());
    }

    default int getMaxIter() {
        return (Integer) getOrDefault(maxIter());
    }

    default double getTol() {
        return (Double) getOrDefault(tol());
    }

    default int getNInit() {
        return (Integer) getOrDefault(nInit());
    }

    default double getRegCovar() {
        return (Double) getOrDefault(regCovar());
    }

    default String getHandleInvalid() {
        return getOrDefault(handleInvalid());
    }

    default Param<String> acceleration() {
        return paramDefs().acceleration;
    }

    default String getAcceleration() {
        return getOrDefault(acceleration());
    }

    default Param<String> convergence() {
        return paramDefs().convergence;
    }

    default String getConvergence() {
        return getOrDefault(convergence());
    }

}
