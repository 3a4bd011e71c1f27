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
 * The {@link MvnParams} of one stage. The EM settings have no default here: unset, each is
 * {@code mlem fit mvn}'s ({@link org.mlem.missing.MvnMissingEstimator#DEFAULT_OPTIONS}).
 */
public final class MvnParamDefs implements Serializable {
    private static final long serialVersionUID = 1L;

    final Param<String> featuresCol;
    final Param<String> weightCol;
    final IntParam maxIter;
    final DoubleParam tol;
    final Param<String> acceleration;
    final IntParam aggregationDepth;
    final Param<String> imputedCol;
    final Param<String> fixed;
    final Param<String> standardErrors;
    final IntParam bootstrap;
    final Param<String> bootstrapKind;
    final LongParam seed;

    MvnParamDefs(String uid) {
        featuresCol = new Param<>(uid, "featuresCol", "features column (vectors); a NaN cell is missing at random");
        weightCol = new Param<>(uid, "weightCol", "frequency weight column; unset for weight 1 on every row");
        maxIter = new IntParam(uid, "maxIter", "most EM iterations (at least 1); unset: fit mvn's default",
                ParamValidators.gtEq(1));
        tol = new DoubleParam(uid, "tol", "the stopping rule's tolerance (>= 0; 0 runs maxIter iterations); unset: fit"
                + " mvn's default", ParamValidators.gtEq(0));
        String[] steps = Arrays.stream(Acceleration.values()).map(ParamDefs::name).toArray(String[]::new);
        acceleration = new Param<>(uid, "acceleration", "EM stepping: " + String.join(", ", steps) + "; unset: fit"
                + " mvn's default", ParamValidators.inArray(steps));
        aggregationDepth = new IntParam(uid, "aggregationDepth", "depth of treeAggregate (at least 1)",
                ParamValidators.gtEq(1));
        imputedCol = new Param<>(uid, "imputedCol", "output: the features with each missing cell replaced by its"
                + " conditional mean given the row's observed cells (fit mvn --impute); empty to skip");
        fixed = new Param<>(uid, "fixed", "parameter groups held at the initial model's values (fit mvn --fixed): mean,"
                + " covariance or mean,covariance; empty: none");
        standardErrors = new Param<>(uid, "standardErrors", "louis: standard errors from the observed information"
                + " (fit mvn --standard-errors louis); empty: none", ParamValidators.inArray(new String[] {"", "louis"}));
        bootstrap = new IntParam(uid, "bootstrap", "bootstrap replicates (fit mvn --bootstrap B: at least 2), each a fit"
                + " on the cluster; 0: none", ParamValidators.gtEq(0));
        bootstrapKind = new Param<>(uid, "bootstrapKind", "nonparametric (rows resampled) or parametric (rows drawn"
                + " from the fit), as fit mvn --bootstrap-kind", ParamValidators.inArray(
                        new String[] {"nonparametric", "parametric"}));
        seed = new LongParam(uid, "seed", "seed of the bootstrap's draws (fit mvn --seed)");
    }

    static void setDefaults(MvnParams p) {
        MvnParamDefs d = p.mvnDefs();
        p.setDefault(d.featuresCol, "features");
        p.setDefault(d.aggregationDepth, 2);
        p.setDefault(d.imputedCol, "imputed");
        p.setDefault(d.fixed, "");
        p.setDefault(d.standardErrors, "");
        p.setDefault(d.bootstrap, 0);
        p.setDefault(d.bootstrapKind, "nonparametric");
        p.setDefault(d.seed, 0L);
    }
}
