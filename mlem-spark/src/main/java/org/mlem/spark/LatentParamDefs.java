package org.mlem.spark;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.mlem.em.Acceleration;
import org.mlem.em.Convergence;

/**
 * The {@link LatentMixtureParams} of one stage, each with its documentation and validator. The EM
 * settings ({@code maxIter}, {@code tol}, {@code nInit}, {@code acceleration}, {@code convergence})
 * have no default here: unset, each is the registered kind's own ({@code EmKind.defaults()}), so a
 * default is defined once, in mlem-core.
 */
public final class LatentParamDefs implements Serializable {
    private static final long serialVersionUID = 1L;

    final Param<String> kind;
    final IntParam k;
    final Param<String> family;
    final Param<String> covariance;
    final IntParam maxIter;
    final DoubleParam tol;
    final IntParam nInit;
    final LongParam seed;
    final Param<String> featuresCol;
    final Param<String> weightCol;
    final Param<String> labelCol;
    final Param<String> missing;
    final Param<String> acceleration;
    final Param<String> convergence;
    final IntParam aggregationDepth;
    final IntParam initSampleRows;
    final Param<String> predictionCol;
    final Param<String> probabilityCol;
    final Param<String> logLikelihoodCol;
    final Param<String> init;
    final BooleanParam equalProportions;
    final Param<String> prior;
    final BooleanParam noise;
    final Param<String> noiseStartCol;
    final DoubleParam hypervolume;
    final Param<String> concomitant;
    final Param<String> statusCol;
    final Param<String> upperCol;

    LatentParamDefs(String uid) {
        String[] kinds = LatentMixture.kindNames().toArray(String[]::new);
        kind = new Param<>(uid, "kind", "the model, a kind of mlem's registry: " + String.join(", ", kinds),
                ParamValidators.inArray(kinds));
        k = new IntParam(uid, "k", "number of components or classes (at least 1)", ParamValidators.gtEq(1));
        family = new Param<>(uid, "family", "mixture: the family of every column (poisson, bernoulli for latent class"
                + " analysis, normal, ...), multinomial, or one per column separated by commas");
        covariance = new Param<>(uid, "covariance", "gmm: the covariance structure (full, tied, diag, spherical, or an"
                + " mclust name); unset: mlem-core's default");
        maxIter = new IntParam(uid, "maxIter", "most EM iterations per start (at least 1); unset: the kind's default",
                ParamValidators.gtEq(1));
        tol = new DoubleParam(uid, "tol", "the stopping rule's tolerance (>= 0; 0 runs maxIter iterations); unset: the"
                + " kind's default", ParamValidators.gtEq(0));
        nInit = new IntParam(uid, "nInit", "starts drawn on the driver's sample, the best kept; 0: automatic; unset: the"
                + " kind's default", ParamValidators.gtEq(0));
        seed = new LongParam(uid, "seed", "seed for the starts");
        featuresCol = new Param<>(uid, "featuresCol", "features column (vectors)");
        weightCol = new Param<>(uid, "weightCol", "frequency weight column; unset for unweighted rows");
        labelCol = new Param<>(uid, "labelCol", "known class column (0..k-1, null for latent rows); unset when every"
                + " row is latent");
        missing = new Param<>(uid, "missing", "NaN cells: 'error' stops naming the row; 'em' marginalises them in the"
                + " E-step (cells missing at random)", ParamValidators.inArray(new String[] {"error", "em"}));
        String[] steps = Arrays.stream(Acceleration.values()).map(ParamDefs::name).toArray(String[]::new);
        acceleration = new Param<>(uid, "acceleration", "EM stepping: " + String.join(", ", steps) + "; unset: the"
                + " kind's default", ParamValidators.inArray(steps));
        String[] rules = Arrays.stream(Convergence.values()).map(Convergence::id).toArray(String[]::new);
        convergence = new Param<>(uid, "convergence", "stopping rule: " + String.join(", ", rules) + "; unset: the"
                + " kind's default", ParamValidators.inArray(rules));
        aggregationDepth = new IntParam(uid, "aggregationDepth", "depth of treeAggregate (at least 1)",
                ParamValidators.gtEq(1));
        initSampleRows = new IntParam(uid, "initSampleRows", "rows collected to the driver to draw the starts on; with"
                + " no more rows than this the start is the single-machine fit's", ParamValidators.gtEq(1));
        predictionCol = new Param<>(uid, "predictionCol", "output: most probable class; empty to skip");
        probabilityCol = new Param<>(uid, "probabilityCol", "output: class probabilities; empty to skip");
        logLikelihoodCol = new Param<>(uid, "logLikelihoodCol", "output: log density of the row; empty to skip");
        init = new Param<>(uid, "init", "gmm: where each start begins, as fit gmm --init: kmeans++, random or hc (mclust's"
                + " hierarchical start); unset: kmeans++", ParamValidators.inArray(new String[] {"kmeans++", "random", "hc"}));
        equalProportions = new BooleanParam(uid, "equalProportions", "gmm: hold every weight at 1/k (mclust's equalPro, fit"
                + " gmm --equal-proportions)");
        prior = new Param<>(uid, "prior", "gmm: 'default' for MAP EM under mclust's default conjugate prior (priorControl(),"
                + " fit gmm --prior default), 'none' for ML", ParamValidators.inArray(new String[] {"none", "default"}));
        noise = new BooleanParam(uid, "noise", "gmm: add mclust's uniform noise component over the rows' region (fit gmm"
                + " --noise)");
        noiseStartCol = new Param<>(uid, "noiseStartCol", "gmm with noise: the user's initial noise rows (fit gmm"
                + " --noise-start), a boolean or 0/1 column with no nulls; unset: the nearest-neighbour rule's");
        hypervolume = new DoubleParam(uid, "hypervolume", "gmm with noise: the noise region's volume V, the noise density"
                + " 1/V (mclust's Vinv = 1/V; fit gmm --hypervolume); unset: mclust's hypvol of the rows",
                ParamValidators.gt(0));
        concomitant = new Param<>(uid, "concomitant", "gmm: mixing weights that depend on these columns through a"
                + " multinomial logit (flexmix's FLXPmultinom, fit gmm --concomitant): a one-sided R formula such as"
                + " '~ z1 + z2' over numeric and string columns of the Dataset; unset: constant weights");
        statusCol = new Param<>(uid, "statusCol", "mixture of one continuous family on censored rows (fit mixture"
                + " --status): each row's event code, 1 = event (featuresCol, a numeric column, observed), 0 = right-censored,"
                + " or survival's 2 = event, 1 = censored when every code is 1 or 2");
        upperCol = new Param<>(uid, "upperCol", "mixture of one continuous family on interval-censored rows (fit mixture"
                + " --interval): each row's upper bound, featuresCol (a numeric column) the lower; equal = exact, a null"
                + " lower = left-censored, a null upper = right-censored");
    }

    /** Sets the defaults that are not the kind's: columns, seed, missing, depth, sample size. */
    static void setDefaults(LatentMixtureParams p) {
        LatentParamDefs d = p.latentDefs();
        p.setDefault(d.seed, (long) LatentMixture.class.getName().hashCode());
        p.setDefault(d.featuresCol, "features");
        p.setDefault(d.missing, "error");
        p.setDefault(d.aggregationDepth, 2);
        p.setDefault(d.initSampleRows, ParamDefs.DEFAULT_INIT_SAMPLE_ROWS);
        p.setDefault(d.predictionCol, "prediction");
        p.setDefault(d.probabilityCol, "probability");
        p.setDefault(d.logLikelihoodCol, "logLikelihood");
        p.setDefault(d.equalProportions, false);
        p.setDefault(d.prior, "none");
        p.setDefault(d.noise, false);
    }
}
