package org.mlem.spark;

import java.io.Serializable;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.mlem.survival.Turnbull;

/** The {@link TurnbullParams} of one stage, each with its documentation; the defaults are {@code fit turnbull}'s. */
public final class TurnbullParamDefs implements Serializable {
    private static final long serialVersionUID = 1L;

    final Param<String> lowerCol;
    final Param<String> upperCol;
    final Param<String> weightCol;
    final DoubleParam tol;
    final IntParam maxIter;
    final Param<String> survivalCol;
    final Param<String> cdfCol;

    TurnbullParamDefs(String uid) {
        lowerCol = new Param<>(uid, "lowerCol", "each row's lower end (null: left-censored), as --interval LO,HI's LO");
        upperCol = new Param<>(uid, "upperCol", "each row's upper end (null: right-censored; equal to the lower end:"
                + " exact), as --interval LO,HI's HI");
        weightCol = new Param<>(uid, "weightCol", "prior weights column (--weights); unset for weight 1 on every row");
        tol = new DoubleParam(uid, "tol", "stop when no innermost interval's mass moves by more (--tol)",
                ParamValidators.gtEq(0));
        maxIter = new IntParam(uid, "maxIter", "most self-consistency iterations (--max-iter)", ParamValidators.gtEq(1));
        survivalCol = new Param<>(uid, "survivalCol", "output of transform: S at column 'time' (mlem predict's"
                + " survival); empty to skip");
        cdfCol = new Param<>(uid, "cdfCol", "output of transform: F at column 'time' (mlem predict's cdf); empty to"
                + " skip");
    }

    static void setDefaults(TurnbullParams p) {
        TurnbullParamDefs d = p.turnbullDefs();
        p.setDefault(d.tol, Turnbull.DEFAULT_TOLERANCE);
        p.setDefault(d.maxIter, Turnbull.DEFAULT_MAX_ITERATIONS);
        p.setDefault(d.survivalCol, "survival");
        p.setDefault(d.cdfCol, "");
    }
}
