package org.mlem.spark;

import java.util.Locale;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.mlem.count.CountDistribution;
import org.mlem.count.CountModelKind;

/** The parameters shared by {@link CountRegression} and {@link CountRegressionModel} ({@link CountRegressionParamDefs} documents each). */
public interface CountRegressionParams extends Params {

    /** The parameter objects of this stage. */
    CountRegressionParamDefs countDefs();

    default Param<String> formula() {
        return countDefs().formula;
    }

    default Param<String> kind() {
        return countDefs().kind;
    }

    default Param<String> dist() {
        return countDefs().dist;
    }

    default Param<String> weightCol() {
        return countDefs().weightCol;
    }

    default IntParam aggregationDepth() {
        return countDefs().aggregationDepth;
    }

    default Param<String> predictionCol() {
        return countDefs().predictionCol;
    }

    default Param<String> zeroProbabilityCol() {
        return countDefs().zeroProbabilityCol;
    }

    /** The formula, or null when not set. */
    default String getFormula() {
        return isDefined(formula()) ? getOrDefault(formula()) : null;
    }

    /** {@code zeroinfl} or {@code hurdle}. */
    default String getKind() {
        return getOrDefault(kind());
    }

    /** The kind as mlem-core's enum. */
    default CountModelKind countModelKind() {
        return CountModelKind.valueOf(getKind().toUpperCase(Locale.ROOT));
    }

    default String getDist() {
        return getOrDefault(dist());
    }

    /** The distribution as mlem-core's enum; a name it does not know is its one-line error. */
    default CountDistribution countDistribution() {
        return CountDistribution.byName(getDist());
    }

    /** The prior-weights column, or null for weight 1 on every row. */
    default String getWeightCol() {
        return isDefined(weightCol()) && !getOrDefault(weightCol()).isEmpty() ? getOrDefault(weightCol()) : null;
    }

    default int getAggregationDepth() {
        return (Integer) getOrDefault(aggregationDepth());
    }

    default String getPredictionCol() {
        return getOrDefault(predictionCol());
    }

    default String getZeroProbabilityCol() {
        return getOrDefault(zeroProbabilityCol());
    }
}
