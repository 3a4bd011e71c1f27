package org.mlem.spark;

import java.io.Serializable;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;

/** The {@link SurvregParams} of one stage, each with its documentation; the defaults are {@code fit survreg}'s and {@code fit tobit}'s. */
public final class SurvregParamDefs implements Serializable {
    private static final long serialVersionUID = 1L;

    final Param<String> formula;
    final Param<String> dist;
    final Param<String> weightCol;
    final BooleanParam tobit;
    final DoubleParam left;
    final DoubleParam right;
    final IntParam aggregationDepth;
    final Param<String> predictionCol;
    final Param<String> linkPredictionCol;

    SurvregParamDefs(String uid) {
        formula = new Param<>(uid, "formula", "Surv(time, event) ~ terms, Surv(time, event, type = \"left\") ~ terms"
                + " or Surv(time) ~ terms (fit survreg --formula); with tobit, y ~ terms (fit tobit --formula)");
        dist = new Param<>(uid, "dist", "weibull, exponential, lognormal, loglogistic, gaussian, logistic or extreme;"
                + " unset: weibull, or gaussian with tobit (as fit survreg|tobit --dist)");
        weightCol = new Param<>(uid, "weightCol", "prior weights column; unset for weight 1 on every row");
        tobit = new BooleanParam(uid, "tobit", "fit the Tobit model (AER::tobit, fit tobit): y censored at left and"
                + " right");
        left = new DoubleParam(uid, "left", "tobit: left censoring point (default 0; -Infinity for none)");
        right = new DoubleParam(uid, "right", "tobit: right censoring point (default Infinity: none)");
        aggregationDepth = new IntParam(uid, "aggregationDepth", "depth of treeAggregate (at least 1)",
                ParamValidators.gtEq(1));
        predictionCol = new Param<>(uid, "predictionCol", "output: predict.survreg's response (exp of the linear"
                + " predictor for the log-time distributions); empty to skip");
        linkPredictionCol = new Param<>(uid, "linkPredictionCol", "output: the linear predictor (predict's lp);"
                + " empty to skip");
    }

    static void setDefaults(SurvregParams p) {
        SurvregParamDefs d = p.survregDefs();
        p.setDefault(d.tobit, false);
        p.setDefault(d.left, 0.0);
        p.setDefault(d.right, Double.POSITIVE_INFINITY);
        p.setDefault(d.aggregationDepth, 2);
        p.setDefault(d.predictionCol, "prediction");
        p.setDefault(d.linkPredictionCol, "");
    }
}
