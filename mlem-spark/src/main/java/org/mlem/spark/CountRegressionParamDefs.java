package org.mlem.spark;

import java.io.Serializable;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;

/** The {@link CountRegressionParams} of one stage, each with its documentation; the defaults are {@code fit zeroinfl}'s. */
public final class CountRegressionParamDefs implements Serializable {
    private static final long serialVersionUID = 1L;

    final Param<String> formula;
    final Param<String> kind;
    final Param<String> dist;
    final Param<String> weightCol;
    final IntParam aggregationDepth;
    final Param<String> predictionCol;
    final Param<String> zeroProbabilityCol;

    CountRegressionParamDefs(String uid) {
        formula = new Param<>(uid, "formula", "pscl's two-part formula y ~ count terms | zero terms (1 for an intercept"
                + " alone); without | both parts take the count terms (fit zeroinfl|hurdle's formula)");
        kind = new Param<>(uid, "kind", "zeroinfl (a logit structural zero mixed with the counts, pscl::zeroinfl) or"
                + " hurdle (a logit for y > 0 and zero-truncated counts, pscl::hurdle)",
                ParamValidators.inArray(new String[] {"zeroinfl", "hurdle"}));
        dist = new Param<>(uid, "dist", "the count distribution: poisson or negbin (theta estimated), as --dist");
        weightCol = new Param<>(uid, "weightCol", "prior weights column (--weights, pscl's weights =); unset for weight 1"
                + " on every row");
        aggregationDepth = new IntParam(uid, "aggregationDepth", "depth of treeAggregate (at least 1)",
                ParamValidators.gtEq(1));
        predictionCol = new Param<>(uid, "predictionCol", "output: the mean of y (pscl's predict type = \"response\","
                + " mlem predict's fit); empty to skip");
        zeroProbabilityCol = new Param<>(uid, "zeroProbabilityCol", "output: P(y = 0) (pscl's type = \"prob\" at 0,"
                + " mlem predict's prob0); empty to skip");
    }

    static void setDefaults(CountRegressionParams p) {
        CountRegressionParamDefs d = p.countDefs();
        p.setDefault(d.kind, "zeroinfl");
        p.setDefault(d.dist, "poisson");
        p.setDefault(d.aggregationDepth, 2);
        p.setDefault(d.predictionCol, "prediction");
        p.setDefault(d.zeroProbabilityCol, "");
    }
}
