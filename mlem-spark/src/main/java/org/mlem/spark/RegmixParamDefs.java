package org.mlem.spark;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.mlem.em.Acceleration;

/**
 * The {@link RegmixParams} of one stage, each with its documentation and validator. The EM
 * settings left unset are mlem-core's ({@code RegmixEstimator.DEFAULT_EM}, as {@code mlem fit regmix}).
 */
public final class RegmixParamDefs implements Serializable {
    private static final long serialVersionUID = 1L;

    final Param<String> formula;
    final Param<String> family;
    final Param<String> link;
    final IntParam k;
    final Param<String> weightCol;
    final Param<String> concomitant;
    final IntParam maxIter;
    final DoubleParam tol;
    final IntParam nInit;
    final Param<String> acceleration;
    final LongParam seed;
    final IntParam aggregationDepth;
    final IntParam initSampleRows;
    final Param<String> predictionCol;
    final Param<String> probabilityCol;
    final Param<String> logLikelihoodCol;

    RegmixParamDefs(String uid) {
        formula = new Param<>(uid, "formula", "R model formula over the Dataset's columns, e.g. 'y ~ x'; string columns"
                + " are factors");
        family = new Param<>(uid, "family", "the components' family, as mlem fit regmix --family (mlem-core's"
                + " RegmixEstimator takes gaussian, poisson and binomial)");
        link = new Param<>(uid, "link", "link as R names it; unset: the family's canonical link");
        k = new IntParam(uid, "k", "number of components (at least 1)", ParamValidators.gtEq(1));
        weightCol = new Param<>(uid, "weightCol", "frequency weight column; unset for unweighted rows");
        concomitant = new Param<>(uid, "concomitant", "mixing weights that depend on columns through a multinomial"
                + " logit, as mlem fit regmix --concomitant: a one-sided formula such as '~ z1 + z2'; unset: constant weights");
        maxIter = new IntParam(uid, "maxIter", "most EM iterations (at least 1); unset: mlem-core's default",
                ParamValidators.gtEq(1));
        tol = new DoubleParam(uid, "tol", "the stopping rule's tolerance (>= 0); unset: mlem-core's default",
                ParamValidators.gtEq(0));
        nInit = new IntParam(uid, "nInit", "starts drawn on the driver's sample, the best kept; 0: automatic; unset:"
                + " mlem-core's default", ParamValidators.gtEq(0));
        String[] steps = Arrays.stream(Acceleration.values()).map(ParamDefs::name).toArray(String[]::new);
        acceleration = new Param<>(uid, "acceleration", "EM stepping: " + String.join(", ", steps)
                + "; unset: mlem-core's default", ParamValidators.inArray(steps));
        seed = new LongParam(uid, "seed", "seed for the starts");
        aggregationDepth = new IntParam(uid, "aggregationDepth", "depth of treeAggregate (at least 1)",
                ParamValidators.gtEq(1));
        initSampleRows = new IntParam(uid, "initSampleRows", "rows collected to the driver to draw the starts on; with"
                + " no more rows than this the start is the single-machine fit's", ParamValidators.gtEq(1));
        predictionCol = new Param<>(uid, "predictionCol", "output: most probable component; empty to skip");
        probabilityCol = new Param<>(uid, "probabilityCol", "output: component probabilities; empty to skip");
        logLikelihoodCol = new Param<>(uid, "logLikelihoodCol", "output: log density of the row's response; empty to skip");
    }

    static void setDefaults(RegmixParams p) {
        RegmixParamDefs d = p.regmixDefs();
        p.setDefault(d.family, "gaussian");
        p.setDefault(d.seed, (long) Regmix.class.getName().hashCode());
        p.setDefault(d.aggregationDepth, 2);
        p.setDefault(d.initSampleRows, ParamDefs.DEFAULT_INIT_SAMPLE_ROWS);
        p.setDefault(d.predictionCol, "prediction");
        p.setDefault(d.probabilityCol, "probability");
        p.setDefault(d.logLikelihoodCol, "logLikelihood");
    }
}
