package org.mlem.spark;

import java.io.Serializable;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.mlem.dist.Families;

/** The {@link DistFitParams} of one stage, each with its documentation and validator. */
public final class DistFitParamDefs implements Serializable {
    private static final long serialVersionUID = 1L;

    final Param<String> family;
    final Param<String> inputCol;
    final Param<String> weightCol;
    final Param<String> handleInvalid;
    final IntParam aggregationDepth;
    final IntParam initSampleRows;
    final LongParam seed;
    final Param<String> logLikelihoodCol;

    DistFitParamDefs(String uid) {
        family = new Param<>(uid, "family", "the distribution family, as mlem fit dist --family: "
                + String.join(", ", Families.NAMES) + " (laplace not yet on Spark)");
        inputCol = new Param<>(uid, "inputCol", "the values: a numeric column, or vectors of one value");
        weightCol = new Param<>(uid, "weightCol", "frequency weight column; unset for weight 1 on every row");
        handleInvalid = new Param<>(uid, "handleInvalid",
                "null, NaN or infinite values: 'error' stops naming the row, 'skip' drops and counts such rows",
                ParamValidators.inArray(new String[] {"error", "skip"}));
        aggregationDepth = new IntParam(uid, "aggregationDepth", "depth of treeAggregate (at least 1)",
                ParamValidators.gtEq(1));
        initSampleRows = new IntParam(uid, "initSampleRows", "rows collected to the driver for the start of Newton's"
                + " method (weibull, negbin, t, logistic)", ParamValidators.gtEq(1));
        seed = new LongParam(uid, "seed", "seed of the driver's sample (above initSampleRows rows)");
        logLikelihoodCol = new Param<>(uid, "logLikelihoodCol", "output: the log density (or log mass) of the row's"
                + " value; empty to skip");
    }

    static void setDefaults(DistFitParams p) {
        DistFitParamDefs d = p.distDefs();
        p.setDefault(d.handleInvalid, "error");
        p.setDefault(d.aggregationDepth, 2);
        p.setDefault(d.initSampleRows, ParamDefs.DEFAULT_INIT_SAMPLE_ROWS);
        p.setDefault(d.seed, (long) DistFit.class.getName().hashCode());
        p.setDefault(d.logLikelihoodCol, "logLikelihood");
    }
}
