package org.mlem.spark;

import java.io.Serializable;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.mlem.glm.GlmOptions;

/**
 * The {@link GlmParams} of one stage, each with its documentation and validator; the iteration
 * defaults are mlem-core's ({@link GlmOptions#DEFAULTS}, R's {@code glm.control}).
 */
public final class GlmParamDefs implements Serializable {
    private static final long serialVersionUID = 1L;

    final Param<String> formula;
    final Param<String> family;
    final Param<String> link;
    final Param<String> weightCol;
    final Param<String> offsetCol;
    final IntParam maxIter;
    final DoubleParam tol;
    final IntParam aggregationDepth;
    final Param<String> predictionCol;
    final Param<String> linkPredictionCol;

    GlmParamDefs(String uid) {
        formula = new Param<>(uid, "formula", "R model formula over the Dataset's columns, e.g. 'y ~ x1 + g + log(x2)';"
                + " string columns are factors");
        family = new Param<>(uid, "family", "gaussian, binomial, poisson, gamma, inverse.gaussian, negbin:THETA,"
                + " tweedie:P, quasipoisson, quasibinomial (as mlem fit glm --family)");
        link = new Param<>(uid, "link", "link as R names it (logit, probit, cloglog, log, identity, inverse, sqrt,"
                + " 1/mu^2); unset: the family's canonical link");
        weightCol = new Param<>(uid, "weightCol", "prior weights column; unset for weight 1 on every row");
        offsetCol = new Param<>(uid, "offsetCol", "offset column, added to the linear predictor; unset for none");
        maxIter = new IntParam(uid, "maxIter", "most IRLS iterations (at least 1)", ParamValidators.gtEq(1));
        tol = new DoubleParam(uid, "tol", "IRLS stops when the relative deviance change is below this (> 0)",
                ParamValidators.gt(0));
        aggregationDepth = new IntParam(uid, "aggregationDepth", "depth of treeAggregate (at least 1)",
                ParamValidators.gtEq(1));
        predictionCol = new Param<>(uid, "predictionCol", "output: the fitted mean (response scale); empty to skip");
        linkPredictionCol = new Param<>(uid, "linkPredictionCol", "output: the linear predictor, offset included;"
                + " empty to skip");
    }

    static void setDefaults(GlmParams p) {
        GlmParamDefs d = p.glmDefs();
        p.setDefault(d.family, "gaussian");
        p.setDefault(d.maxIter, GlmOptions.DEFAULTS.maxIterations());
        p.setDefault(d.tol, GlmOptions.DEFAULTS.epsilon());
        p.setDefault(d.aggregationDepth, 2);
        p.setDefault(d.predictionCol, "prediction");
        p.setDefault(d.linkPredictionCol, "");
    }

    /** The param's value, or null when unset or empty. */
    static String orNull(GlmParams p, Param<String> param) {
        return p.isDefined(param) && !p.getOrDefault(param).isEmpty() ? p.getOrDefault(param) : null;
    }
}
