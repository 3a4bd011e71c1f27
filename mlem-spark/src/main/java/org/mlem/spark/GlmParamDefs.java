package org.mlem.spark;

import java.io.Serializable;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.mlem.glm.ConfidenceIntervals;
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
    final Param<String> standardErrors;
    final Param<String> confint;
    final DoubleParam level;
    final BooleanParam anova;

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
        standardErrors = new Param<>(uid, "standardErrors", "sandwich standard errors beside the model-based ones:"
                + " hc0, hc1, hc2 or hc3 (as mlem fit glm --standard-errors, R's sandwich::vcovHC); empty for none",
                ParamValidators.inArray(new String[] {"", "hc0", "hc1", "hc2", "hc3"}));
        confint = new Param<>(uid, "confint", "the confidence intervals: wald (R's confint.default) or profile"
                + " (profile likelihood, R's confint with MASS), as mlem fit glm --confint",
                ParamValidators.inArray(new String[] {"wald", "profile"}));
        level = new DoubleParam(uid, "level", "confidence level of the intervals, in (0, 1)",
                ParamValidators.inRange(0, 1, false, false));
        anova = new BooleanParam(uid, "anova", "also the sequential analysis of deviance with likelihood-ratio tests"
                + " (R's anova(fit, test = \"Chisq\"), mlem fit glm --anova)");
    }

    static void setDefaults(GlmParams p) {
        GlmParamDefs d = p.glmDefs();
        p.setDefault(d.family, "gaussian");
        p.setDefault(d.maxIter, GlmOptions.DEFAULTS.maxIterations());
        p.setDefault(d.tol, GlmOptions.DEFAULTS.epsilon());
        p.setDefault(d.aggregationDepth, 2);
        p.setDefault(d.predictionCol, "prediction");
        p.setDefault(d.linkPredictionCol, "");
        p.setDefault(d.standardErrors, "");
        p.setDefault(d.confint, ConfidenceIntervals.Kind.WALD.label());
        p.setDefault(d.level, ConfidenceIntervals.DEFAULT_LEVEL);
        p.setDefault(d.anova, false);
    }

    /** The param's value, or null when unset or empty. */
    static String orNull(GlmParams p, Param<String> param) {
        return p.isDefined(param) && !p.getOrDefault(param).isEmpty() ? p.getOrDefault(param) : null;
    }
}
