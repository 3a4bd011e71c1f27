package org.mlem.spark;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;

/** The parameters shared by {@link DistFit} and {@link DistFitModel} ({@link DistFitParamDefs} documents each). */
public interface DistFitParams extends CensoringParams {

    /** The parameter objects of this stage. */
    DistFitParamDefs distDefs();

    default Param<String> family() {
        return distDefs().family;
    }

    default Param<String> inputCol() {
        return distDefs().inputCol;
    }

    default Param<String> weightCol() {
        return distDefs().weightCol;
    }

    default Param<String> handleInvalid() {
        return distDefs().handleInvalid;
    }

    default IntParam aggregationDepth() {
        return distDefs().aggregationDepth;
    }

    default IntParam initSampleRows() {
        return distDefs().initSampleRows;
    }

    default LongParam seed() {
        return distDefs().seed;
    }

    default Param<String> logLikelihoodCol() {
        return distDefs().logLikelihoodCol;
    }

    default BooleanParam ksStatistic() {
        return distDefs().ksStatistic;
    }

    @Override
    default Param<String> statusCol() {
        return distDefs().statusCol;
    }

    @Override
    default Param<String> upperCol() {
        return distDefs().upperCol;
    }

    default DoubleParam truncateBelow() {
        return distDefs().truncateBelow;
    }

    default DoubleParam truncateAbove() {
        return distDefs().truncateAbove;
    }

    /** The left truncation point, −∞ when unset. */
    default double getTruncateBelow() {
        return isDefined(truncateBelow()) ? (Double) getOrDefault(truncateBelow()) : Double.NEGATIVE_INFINITY;
    }

    /** The right truncation point, +∞ when unset. */
    default double getTruncateAbove() {
        return isDefined(truncateAbove()) ? (Double) getOrDefault(truncateAbove()) : Double.POSITIVE_INFINITY;
    }

    /** The family, or null when not set. */
    default String getFamily() {
        return isDefined(family()) ? getOrDefault(family()) : null;
    }

    /** The input column, or null when not set. */
    default String getInputCol() {
        return isDefined(inputCol()) ? getOrDefault(inputCol()) : null;
    }

    /** The weight column, or null for weight 1 on every row. */
    default String getWeightCol() {
        return isDefined(weightCol()) && !getOrDefault(weightCol()).isEmpty() ? getOrDefault(weightCol()) : null;
    }

    default String getHandleInvalid() {
        return getOrDefault(handleInvalid());
    }

    default int getAggregationDepth() {
        return (Integer) getOrDefault(aggregationDepth());
    }

    default int getInitSampleRows() {
        return (Integer) getOrDefault(initSampleRows());
    }

    default long getSeed() {
        return (Long) getOrDefault(seed());
    }

    default boolean getKsStatistic() {
        return (Boolean) getOrDefault(ksStatistic());
    }

    default String getLogLikelihoodCol() {
        return getOrDefault(logLikelihoodCol());
    }
}
