package org.mlem.spark;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.mlem.em.Acceleration;
import org.mlem.em.Convergence;
import org.mlem.em.EmOptions;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixtureEstimator;

/**
 * The {@link GaussianMixtureParams} of one stage, each with its documentation and validator, and
 * every default in one place, read from mlem-core.
 */
public final class ParamDefs implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Rows collected to the driver for k-means++ seeding, by default. */
    static final int DEFAULT_INIT_SAMPLE_ROWS = 100_000;

    final IntParam k;
    final Param<String> covariance;
    final IntParam maxIter;
    final DoubleParam tol;
    final IntParam nInit;
    final DoubleParam regCovar;
    final LongParam seed;
    final Param<String> featuresCol;
    final Param<String> weightCol;
    final Param<String> labelCol;
    final Param<String> predictionCol;
    final Param<String> probabilityCol;
    final Param<String> logLikelihoodCol;
    final Param<String> handleInvalid;
    final IntParam aggregationDepth;
    final IntParam initSampleRows;
    final Param<String> acceleration;
    final Param<String> convergence;

    ParamDefs(String uid) {
        String[] structures = Arrays.stream(CovarianceStructure.values()).map(CovarianceStructure::id)
                .toArray(String[]::new);
        k = new IntParam(uid, "k", "number of mixture components (at least 1)", ParamValidators.gtEq(1));
        covariance = new Param<>(uid, "covariance", "covariance structure: " + String.join(", ", structures),
                ParamValidators.inArray(structures));
        maxIter = new IntParam(uid, "maxIter", "most EM iterations per start (at least 1)", ParamValidators.gtEq(1));
        tol = new DoubleParam(uid, "tol",
                "the stopping rule's tolerance (>= 0; 0 runs maxIter iterations): for aitken, the log-likelihood still to"
                        + " gain relative to max(1, |logLik|); for sklearn, the change of the mean per-row log-likelihood",
                ParamValidators.gtEq(0));
        String[] rules = Arrays.stream(Convergence.values()).map(Convergence::id).toArray(String[]::new);
        convergence = new Param<>(uid, "convergence", "stopping rule: " + String.join(", ", rules)
                + " (aitken runs EM to its maximum; sklearn is scikit-learn's rule)", ParamValidators.inArray(rules));
        nInit = new IntParam(uid, "nInit", "number of starts; the best final log-likelihood is kept; 0 (the default): "
                + "10 on at most 2^18 values (rows x columns), else 1", ParamValidators.gtEq(0));
        regCovar = new DoubleParam(uid, "regCovar", "added to every variance in each M-step (>= 0)",
                ParamValidators.gtEq(0));
        seed = new LongParam(uid, "seed", "seed for the k-means++ starts");
        featuresCol = new Param<>(uid, "featuresCol", "features column (vectors)");
        weightCol = new Param<>(uid, "weightCol", "frequency weight column; unset for unweighted rows");
        labelCol = new Param<>(uid, "labelCol",
                "known component column (0..k-1, null for latent rows); unset when every row is latent");
        predictionCol = new Param<>(uid, "predictionCol", "output: most probable component; empty to skip");
        probabilityCol = new Param<>(uid, "probabilityCol", "output: component probabilities; empty to skip");
        logLikelihoodCol = new Param<>(uid, "logLikelihoodCol", "output: log density of the row; empty to skip");
        handleInvalid = new Param<>(uid, "handleInvalid",
                "null, NaN or infinite features: 'error' stops naming the row, 'skip' drops and counts such rows",
                ParamValidators.inArray(new String[] {"error", "skip"}));
        aggregationDepth = new IntParam(uid, "aggregationDepth", "depth of treeAggregate (at least 1)",
                ParamValidators.gtEq(1));
        initSampleRows = new IntParam(uid, "initSampleRows",
                "rows collected to the driver for k-means++ seeding; with no more rows than this the start is the"
                        + " single-machine start", ParamValidators.gtEq(1));
        String[] steps = Arrays.stream(Acceleration.values()).map(ParamDefs::name).toArray(String[]::new);
        acceleration = new Param<>(uid, "acceleration", "EM stepping: " + String.join(", ", steps)
                + " (SQUAREM needs fewer E-steps; none gives scikit-learn's iterates)", ParamValidators.inArray(steps));
    }

    /** The parameter value naming an acceleration: its enum name in lower case. */
    static String name(Acceleration a) {
        return a.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Sets every default on {@code p}; k, weightCol and labelCol have none. */
    static void setDefaults(GaussianMixtureParams p) {
        GaussianMixtureEstimator core = GaussianMixtureEstimator.of(1);
        EmOptions em = core.em();
        ParamDefs d = p.paramDefs();
        p.setDefault(d.covariance, core.covariance().id());
        p.setDefault(d.maxIter, em.maxIterations());
        p.setDefault(d.tol, em.tolerance());
        p.setDefault(d.nInit, em.restarts());
        p.setDefault(d.regCovar, core.regCovar());
        p.setDefault(d.seed, (long) GaussianMixture.class.getName().hashCode());
        p.setDefault(d.featuresCol, "features");
        p.setDefault(d.predictionCol, "prediction");
        p.setDefault(d.probabilityCol, "probability");
        p.setDefault(d.logLikelihoodCol, "logLikelihood");
        p.setDefault(d.handleInvalid, "error");
        p.setDefault(d.aggregationDepth, 2);
        p.setDefault(d.initSampleRows, DEFAULT_INIT_SAMPLE_ROWS);
        p.setDefault(d.acceleration, name(em.acceleration()));
        p.setDefault(d.convergence, em.convergence().id());
    }
}
