package org.mlem.spark;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.mlem.em.Convergence;
import org.mlem.em.EmOptions;
import org.mlem.model.BlockEmKind;

/**
 * The parameters shared by {@link LatentMixture} and {@link LatentMixtureModel} ({@link LatentParamDefs}
 * documents each). The EM settings left unset are the registered kind's defaults ({@link #emOptions}).
 */
public interface LatentMixtureParams extends StageParams, CensoringParams {

    /** The parameter objects of this stage. */
    LatentParamDefs latentDefs();

    default Param<String> kind() {
        return latentDefs().kind;
    }

    default IntParam k() {
        return latentDefs().k;
    }

    default Param<String> family() {
        return latentDefs().family;
    }

    default Param<String> covariance() {
        return latentDefs().covariance;
    }

    default IntParam maxIter() {
        return latentDefs().maxIter;
    }

    default DoubleParam tol() {
        return latentDefs().tol;
    }

    default IntParam nInit() {
        return latentDefs().nInit;
    }

    default LongParam seed() {
        return latentDefs().seed;
    }

    default Param<String> featuresCol() {
        return latentDefs().featuresCol;
    }

    default Param<String> weightCol() {
        return latentDefs().weightCol;
    }

    default Param<String> labelCol() {
        return latentDefs().labelCol;
    }

    default Param<String> missing() {
        return latentDefs().missing;
    }

    default Param<String> acceleration() {
        return latentDefs().acceleration;
    }

    default Param<String> convergence() {
        return latentDefs().convergence;
    }

    default IntParam aggregationDepth() {
        return latentDefs().aggregationDepth;
    }

    default IntParam initSampleRows() {
        return latentDefs().initSampleRows;
    }

    default Param<String> predictionCol() {
        return latentDefs().predictionCol;
    }

    default Param<String> probabilityCol() {
        return latentDefs().probabilityCol;
    }

    default Param<String> logLikelihoodCol() {
        return latentDefs().logLikelihoodCol;
    }

    default Param<String> init() {
        return latentDefs().init;
    }

    default BooleanParam equalProportions() {
        return latentDefs().equalProportions;
    }

    default Param<String> prior() {
        return latentDefs().prior;
    }

    default BooleanParam noise() {
        return latentDefs().noise;
    }

    default Param<String> noiseStartCol() {
        return latentDefs().noiseStartCol;
    }

    default DoubleParam hypervolume() {
        return latentDefs().hypervolume;
    }

    default Param<String> concomitant() {
        return latentDefs().concomitant;
    }

    @Override
    default Param<String> statusCol() {
        return latentDefs().statusCol;
    }

    @Override
    default Param<String> upperCol() {
        return latentDefs().upperCol;
    }

    /** The concomitant formula, or null when not set. */
    default String getConcomitant() {
        return isDefined(concomitant()) ? getOrDefault(concomitant()) : null;
    }

    /** The noise start column, or null when not set. */
    default String getNoiseStartCol() {
        return isDefined(noiseStartCol()) ? getOrDefault(noiseStartCol()) : null;
    }

    /**
     * mclust's extras this stage sets ({@code init}, {@code equalProportions}, {@code prior},
     * {@code noise}, {@code noiseStartCol}, {@code hypervolume}).
     */
    default BlockEmKind.Extras extras() {
        return new BlockEmKind.Extras(isDefined(init()) ? getOrDefault(init()) : null,
                (Boolean) getOrDefault(equalProportions()), "default".equals(getOrDefault(prior())),
                (Boolean) getOrDefault(noise()), getNoiseStartCol() != null,
                isDefined(hypervolume()) ? (Double) getOrDefault(hypervolume()) : Double.NaN);
    }

    /** The kind, or null when not set. */
    default String getKind() {
        return isDefined(kind()) ? getOrDefault(kind()) : null;
    }

    default int getK() {
        return (Integer) getOrDefault(k());
    }

    /** The family, or null when not set. */
    default String getFamily() {
        return isDefined(family()) ? getOrDefault(family()) : null;
    }

    /** The covariance structure, or null when not set. */
    default String getCovariance() {
        return isDefined(covariance()) ? getOrDefault(covariance()) : null;
    }

    default String getMissing() {
        return getOrDefault(missing());
    }

    /** {@code defaults} (the kind's) with every EM setting this stage sets. */
    default EmOptions emOptions(EmOptions defaults) {
        EmOptions em = EmParams.options(this, defaults, maxIter(), tol(), nInit(), acceleration());
        if (isDefined(convergence())) {
            em = em.withConvergence(Convergence.byId(getOrDefault(convergence())));
        }
        return em;
    }
}
