package org.mlem.spark;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/** The parameters shared by {@link Survreg} and {@link SurvregModel} ({@link SurvregParamDefs} documents each). */
public interface SurvregParams extends Params {

    /** The parameter objects of this stage. */
    SurvregParamDefs survregDefs();

    default Param<String> formula() {
        return survregDefs().formula;
    }

    default Param<String> dist() {
        return survregDefs().dist;
    }

    default Param<String> weightCol() {
        return survregDefs().weightCol;
    }

    default BooleanParam tobit() {
        return survregDefs().tobit;
    }

    default DoubleParam left() {
        return survregDefs().left;
    }

    default DoubleParam right() {
        return survregDefs().right;
    }

    default IntParam aggregationDepth() {
        return survregDefs().aggregationDepth;
    }

    default Param<String> predictionCol() {
        return survregDefs().predictionCol;
    }

    default Param<String> linkPredictionCol() {
        return survregDefs().linkPredictionCol;
    }

    /** The formula, or null when not set. */
    default String getFormula() {
        return isDefined(formula()) ? getOrDefault(formula()) : null;
    }

    /** The error distribution; unset: survreg's weibull, or the Tobit model's gaussian. */
    default String getDist() {
        return isSet(dist()) ? getOrDefault(dist()) : getTobit() ? "gaussian" : "weibull";
    }

    /** The prior-weights column, or null for weight 1 on every row. */
    default String getWeightCol() {
        return isDefined(weightCol()) && !getOrDefault(weightCol()).isEmpty() ? getOrDefault(weightCol()) : null;
    }

    default boolean getTobit() {
        return (Boolean) getOrDefault(tobit());
    }

    default double getLeft() {
        return (Double) getOrDefault(left());
    }

    default double getRight() {
        return (Double) getOrDefault(right());
    }

    default int getAggregationDepth() {
        return (Integer) getOrDefault(aggregationDepth());
    }

    default String getPredictionCol() {
        return getOrDefault(predictionCol());
    }

    default String getLinkPredictionCol() {
        return getOrDefault(linkPredictionCol());
    }
}
