package org.mlem.spark;

import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The parameters every mlem stage has, whatever its model: the input and output columns, the seed,
 * the depth of {@code treeAggregate} and the driver's sample size; each stage's params interface
 * returns its own param objects.
 */
public interface StageParams extends Params {
    LongParam seed();

    Param<String> featuresCol();

    Param<String> weightCol();

    Param<String> labelCol();

    Param<String> predictionCol();

    Param<String> probabilityCol();

    Param<String> logLikelihoodCol();

    IntParam aggregationDepth();

    IntParam initSampleRows();

    default long getSeed() {
        return (Long) getOrDefault(seed());
    }

    default String getFeaturesCol() {
        return getOrDefault(featuresCol());
    }

    /** The weight column, or null when rows are unweighted. */
    default String getWeightCol() {
        return isDefined(weightCol()) && !getOrDefault(weightCol()).isEmpty() ? getOrDefault(weightCol()) : null;
    }

    /** The label column, or null when every row is latent. */
    default String getLabelCol() {
        return isDefined(labelCol()) && !getOrDefault(labelCol()).isEmpty() ? getOrDefault(labelCol()) : null;
    }

    default String getPredictionCol() {
        return getOrDefault(predictionCol());
    }

    default String getProbabilityCol() {
        return getOrDefault(probabilityCol());
    }

    default String getLogLikelihoodCol() {
        return getOrDefault(logLikelihoodCol());
    }

    default int getAggregationDepth() {
        return (Integer) getOrDefault(aggregationDepth());
    }

    default int getInitSampleRows() {
        return (Integer) getOrDefault(initSampleRows());
    }
}
