package org.mlem.spark;

import java.util.Locale;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;

/** The parameters shared by {@link Regmix} and {@link RegmixModel} ({@link RegmixParamDefs} documents each). */
public interface RegmixParams extends Params {

    /** The parameter objects of this stage. */
    RegmixParamDefs regmixDefs();

    default Param<String> formula() {
        return regmixDefs().formula;
    }

    default Param<String> family() {
        return regmixDefs().family;
    }

    default Param<String> link() {
        return regmixDefs().link;
    }

    default IntParam k() {
        return regmixDefs().k;
    }

    default Param<String> weightCol() {
        return regmixDefs().weightCol;
    }

    default Param<String> concomitant() {
        return regmixDefs().concomitant;
    }

    default IntParam maxIter() {
        return regmixDefs().maxIter;
    }

    default DoubleParam tol() {
        return regmixDefs().tol;
    }

    default IntParam nInit() {
        return regmixDefs().nInit;
    }

    default Param<String> acceleration() {
        return regmixDefs().acceleration;
    }

    default LongParam seed() {
        return regmixDefs().seed;
    }

    default IntParam aggregationDepth() {
        return regmixDefs().aggregationDepth;
    }

    default IntParam initSampleRows() {
        return regmixDefs().initSampleRows;
    }

    default Param<String> predictionCol() {
        return regmixDefs().predictionCol;
    }

    default Param<String> probabilityCol() {
        return regmixDefs().probabilityCol;
    }

    default Param<String> logLikelihoodCol() {
        return regmixDefs().logLikelihoodCol;
    }

    /** The formula, or null when not set. */
    default String getFormula() {
        return isDefined(regmixDefs().formula) ? getOrDefault(regmixDefs().formula) : null;
    }

    default String getFamily() {
        return getOrDefault(regmixDefs().family);
    }

    /** The link, or null for the family's canonical link. */
    default String getLink() {
        return orNull(regmixDefs().link);
    }

    /** The weight column, or null. */
    default String getWeightCol() {
        return orNull(regmixDefs().weightCol);
    }

    /** The concomitant formula, or null. */
    default String getConcomitant() {
        return orNull(regmixDefs().concomitant);
    }

    default long getSeed() {
        return (Long) getOrDefault(regmixDefs().seed);
    }

    default int getAggregationDepth() {
        return (Integer) getOrDefault(regmixDefs().aggregationDepth);
    }

    default int getInitSampleRows() {
        return (Integer) getOrDefault(regmixDefs().initSampleRows);
    }

    default String getPredictionCol() {
        return getOrDefault(regmixDefs().predictionCol);
    }

    default String getProbabilityCol() {
        return getOrDefault(regmixDefs().probabilityCol);
    }

    default String getLogLikelihoodCol() {
        return getOrDefault(regmixDefs().logLikelihoodCol);
    }

    /** {@code defaults} with the EM settings that are set. */
    default EmOptions emOptions(EmOptions defaults) {
        RegmixParamDefs d = regmixDefs();
        EmOptions em = defaults;
        if (isDefined(d.maxIter)) {
            em = em.withMaxIterations((Integer) getOrDefault(d.maxIter));
        }
        if (isDefined(d.tol)) {
            em = em.withTolerance((Double) getOrDefault(d.tol));
        }
        if (isDefined(d.nInit)) {
            em = em.withRestarts((Integer) getOrDefault(d.nInit));
        }
        if (isDefined(d.acceleration)) {
            em = em.withAcceleration(Acceleration.valueOf(getOrDefault(d.acceleration).toUpperCase(Locale.ROOT)));
        }
        return em;
    }

    private String orNull(Param<String> param) {
        return isDefined(param) && !getOrDefault(param).isEmpty() ? getOrDefault(param) : null;
    }
}
