package org.mlem.spark;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.mlem.glm.ConfidenceIntervals;
import org.mlem.glm.Sandwich;

/** The parameters shared by {@link Glm} and {@link GlmModel} ({@link GlmParamDefs} documents each). */
public interface GlmParams extends Params {

    /** The parameter objects of this stage. */
    GlmParamDefs glmDefs();

    default Param<String> formula() {
        return glmDefs().formula;
    }

    default Param<String> family() {
        return glmDefs().family;
    }

    default Param<String> link() {
        return glmDefs().link;
    }

    default Param<String> weightCol() {
        return glmDefs().weightCol;
    }

    default Param<String> offsetCol() {
        return glmDefs().offsetCol;
    }

    default IntParam maxIter() {
        return glmDefs().maxIter;
    }

    default DoubleParam tol() {
        return glmDefs().tol;
    }

    default IntParam aggregationDepth() {
        return glmDefs().aggregationDepth;
    }

    default Param<String> predictionCol() {
        return glmDefs().predictionCol;
    }

    default Param<String> linkPredictionCol() {
        return glmDefs().linkPredictionCol;
    }

    default Param<String> standardErrors() {
        return glmDefs().standardErrors;
    }

    default Param<String> confint() {
        return glmDefs().confint;
    }

    default DoubleParam level() {
        return glmDefs().level;
    }

    default BooleanParam anova() {
        return glmDefs().anova;
    }

    /** The sandwich type, or null for none. */
    default Sandwich.Type getStandardErrors() {
        String v = getOrDefault(standardErrors());
        return v.isEmpty() ? null : Sandwich.Type.byName(v);
    }

    default ConfidenceIntervals.Kind getConfint() {
        return ConfidenceIntervals.Kind.byName(getOrDefault(confint()));
    }

    default double getLevel() {
        return (Double) getOrDefault(level());
    }

    default boolean getAnova() {
        return (Boolean) getOrDefault(anova());
    }

    /** The formula, or null when not set. */
    default String getFormula() {
        return isDefined(formula()) ? getOrDefault(formula()) : null;
    }

    default String getFamily() {
        return getOrDefault(family());
    }

    /** The link, or null for the family's canonical link. */
    default String getLink() {
        return GlmParamDefs.orNull(this, link());
    }

    /** The prior-weights column, or null for weight 1 on every row. */
    default String getWeightCol() {
        return GlmParamDefs.orNull(this, weightCol());
    }

    /** The offset column, or null for none. */
    default String getOffsetCol() {
        return GlmParamDefs.orNull(this, offsetCol());
    }

    default int getMaxIter() {
        return (Integer) getOrDefault(maxIter());
    }

    default double getTol() {
        return (Double) getOrDefault(tol());
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
