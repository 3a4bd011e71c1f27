package org.mlem.spark;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/** The parameters shared by {@link TurnbullFit} and {@link TurnbullModel} ({@link TurnbullParamDefs} documents each). */
public interface TurnbullParams extends Params {

    /** The parameter objects of this stage. */
    TurnbullParamDefs turnbullDefs();

    default Param<String> lowerCol() {
        return turnbullDefs().lowerCol;
    }

    default Param<String> upperCol() {
        return turnbullDefs().upperCol;
    }

    default Param<String> weightCol() {
        return turnbullDefs().weightCol;
    }

    default DoubleParam tol() {
        return turnbullDefs().tol;
    }

    default IntParam maxIter() {
        return turnbullDefs().maxIter;
    }

    default Param<String> survivalCol() {
        return turnbullDefs().survivalCol;
    }

    default Param<String> cdfCol() {
        return turnbullDefs().cdfCol;
    }

    /** The lower ends' column, or null when not set. */
    default String getLowerCol() {
        return isDefined(lowerCol()) ? getOrDefault(lowerCol()) : null;
    }

    /** The upper ends' column, or null when not set. */
    default String getUpperCol() {
        return isDefined(upperCol()) ? getOrDefault(upperCol()) : null;
    }

    /** The prior-weights column, or null for weight 1 on every row. */
    default String getWeightCol() {
        return isDefined(weightCol()) && !getOrDefault(weightCol()).isEmpty() ? getOrDefault(weightCol()) : null;
    }

    default double getTol() {
        return (Double) getOrDefault(tol());
    }

    default int getMaxIter() {
        return (Integer) getOrDefault(maxIter());
    }

    default String getSurvivalCol() {
        return getOrDefault(survivalCol());
    }

    default String getCdfCol() {
        return getOrDefault(cdfCol());
    }
}
