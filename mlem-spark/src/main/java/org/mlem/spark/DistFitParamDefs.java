package org.mlem.spark;

import java.io.Serializable;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
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
    final BooleanParam ksStatistic;
    final Param<String> statusCol;
    final Param<String> upperCol;
    final DoubleParam truncateBelow;
    final DoubleParam truncateAbove;

    DistFitParamDefs(String uid) {
        family = new Param<>(uid, "family", "the distribution family, as mlem fit dist --family: "
                + String.join(", ", Families.NAMES));
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
        ksStatistic = new BooleanParam(uid, "ksStatistic", "whether to compute the Kolmogorov-Smirnov statistic of a"
                + " continuous family, as fit dist reports it (one sort of the values: a shuffle)");
        statusCol = new Param<>(uid, "statusCol", "censoring status of each value (fit dist --status): 1 = event,"
                + " 0 = right-censored, or survival's 2 = event, 1 = censored; unset: every value exact");
        upperCol = new Param<>(uid, "upperCol", "upper bounds (fit dist --interval LO,HI with inputCol the lower"
                + " bounds): equal = exact, a null lower end = left-censored, a null upper end = right-censored");
        truncateBelow = new DoubleParam(uid, "truncateBelow", "left truncation point (fit dist --truncate-below)");
        truncateAbove = new DoubleParam(uid, "truncateAbove", "right truncation point (fit dist --truncate-above)");
    }

    static void setDefaults(DistFitParams p) {
        DistFitParamDefs d = p.distDefs();
        p.setDefault(d.handleInvalid, "error");
        p.setDefault(d.aggregationDepth, 2);
        p.setDefault(d.initSampleRows, ParamDefs.DEFAULT_INIT_SAMPLE_ROWS);
        p.setDefault(d.seed, (long) DistFit.class.getName().hashCode());
        p.setDefault(d.logLikelihoodCol, "logLikelihood");
        p.setDefault(d.ksStatistic, true);
    }
}
