package org.mlem.spark;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.mlem.em.EmOptions;
import org.mlem.missing.MvnMissingEstimator;

/** The parameters shared by {@link Mvn} and {@link MvnModel} ({@link MvnParamDefs} documents each). */
public interface MvnParams extends Params {

    /** The parameter objects of this stage. */
    MvnParamDefs mvnDefs();

    default Param<String> featuresCol() {
        return mvnDefs().featuresCol;
    }

    default Param<String> weightCol() {
        return mvnDefs().weightCol;
    }

    default IntParam maxIter() {
        return mvnDefs().maxIter;
    }

    default DoubleParam tol() {
        return mvnDefs().tol;
    }

    default Param<String> acceleration() {
        return mvnDefs().acceleration;
    }

    default IntParam aggregationDepth() {
        return mvnDefs().aggregationDepth;
    }

    default Param<String> imputedCol() {
        return mvnDefs().imputedCol;
    }

    default Param<String> fixed() {
        return mvnDefs().fixed;
    }

    default Param<String> standardErrors() {
        return mvnDefs().standardErrors;
    }

    default IntParam bootstrap() {
        return mvnDefs().bootstrap;
    }

    default Param<String> bootstrapKind() {
        return mvnDefs().bootstrapKind;
    }

    default LongParam seed() {
        return mvnDefs().seed;
    }

    default String getStandardErrors() {
        return getOrDefault(standardErrors());
    }

    default int getBootstrap() {
        return (Integer) getOrDefault(bootstrap());
    }

    default String getBootstrapKind() {
        return getOrDefault(bootstrapKind());
    }

    default long getSeed() {
        return (Long) getOrDefault(seed());
    }

    default String getFixed() {
        return getOrDefault(fixed());
    }

    default String getFeaturesCol() {
        return getOrDefault(featuresCol());
    }

    /** The weight column, or null for weight 1 on every row. */
    default String getWeightCol() {
        return isDefined(weightCol()) && !getOrDefault(weightCol()).isEmpty() ? getOrDefault(weightCol()) : null;
    }

    default int getAggregationDepth() {
        return (Integer) getOrDefault(aggregationDepth());
    }

    default String getImputedCol() {
        return getOrDefault(imputedCol());
    }

    /** The EM options: {@code fit mvn}'s defaults with the params that are set. */
    default EmOptions emOptions() {
        return EmParams.options(this, MvnMissingEstimator.DEFAULT_OPTIONS, maxIter(), tol(), null, acceleration());
    }
}
