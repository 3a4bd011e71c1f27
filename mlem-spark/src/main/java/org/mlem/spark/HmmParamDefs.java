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
 * The {@link HmmParams} of one stage, each with its documentation and validator. The EM settings
 * ({@code maxIter}, {@code tol}, {@code nInit}, {@code acceleration}) have no default here: unset,
 * each is {@code mlem fit hmm}'s ({@link org.mlem.hmm.HiddenMarkovEstimator#DEFAULT_EM}).
 */
public final class HmmParamDefs implements Serializable {
    private static final long serialVersionUID = 1L;

    final IntParam states;
    final Param<String> emission;
    final Param<String> covariance;
    final Param<String> sequenceCol;
    final Param<String> orderCol;
    final Param<String> featuresCol;
    final IntParam maxIter;
    final DoubleParam tol;
    final IntParam nInit;
    final Param<String> acceleration;
    final LongParam seed;
    final IntParam initSampleRows;
    final Param<String> predictionCol;
    final Param<String> probabilityCol;
    final Param<String> viterbiCol;

    HmmParamDefs(String uid) {
        states = new IntParam(uid, "states", "number of hidden states K (at least 1)", ParamValidators.gtEq(1));
        emission = new Param<>(uid, "emission", "each state's emission distribution: gaussian, categorical (codes"
                + " 0..M-1), poisson, bernoulli, or any family 'mlem fit dist' knows (one-value vectors)");
        covariance = new Param<>(uid, "covariance", "gaussian emissions: full or diag; unset: full",
                ParamValidators.inArray(new String[] {"full", "diag"}));
        sequenceCol = new Param<>(uid, "sequenceCol", "the column of each row's sequence id (whole numbers or strings);"
                + " sequences are taken in ascending id order");
        orderCol = new Param<>(uid, "orderCol", "numeric column giving each row's position in its sequence; empty:"
                + " the Dataset's order");
        featuresCol = new Param<>(uid, "featuresCol", "features column (vectors): the observation at each step");
        maxIter = new IntParam(uid, "maxIter", "most EM iterations per start (at least 1); unset: fit hmm's default",
                ParamValidators.gtEq(1));
        tol = new DoubleParam(uid, "tol", "the stopping rule's tolerance (>= 0; 0 runs maxIter iterations); unset: fit"
                + " hmm's default", ParamValidators.gtEq(0));
        nInit = new IntParam(uid, "nInit", "starts drawn on the driver's sample, each run on every row, the best kept;"
                + " 0: automatic; unset: fit hmm's default", ParamValidators.gtEq(0));
        String[] steps = Arrays.stream(Acceleration.values()).map(ParamDefs::name).toArray(String[]::new);
        acceleration = new Param<>(uid, "acceleration", "EM stepping: " + String.join(", ", steps) + "; unset: fit"
                + " hmm's default", ParamValidators.inArray(steps));
        seed = new LongParam(uid, "seed", "seed for the starts");
        initSampleRows = new IntParam(uid, "initSampleRows", "rows (whole sequences) collected to the driver to draw"
                + " the starts on; with no more rows than this the fit is fit hmm's on the sorted rows",
                ParamValidators.gtEq(1));
        predictionCol = new Param<>(uid, "predictionCol", "output: each step's most probable state (posterior);"
                + " empty to skip");
        probabilityCol = new Param<>(uid, "probabilityCol", "output: each step's state posteriors; empty to skip");
        viterbiCol = new Param<>(uid, "viterbiCol", "output: each step's state on its sequence's Viterbi path; empty"
                + " to skip");
    }

    /** Sets the defaults that are not mlem-core's: columns, seed, sample size. */
    static void setDefaults(HmmParams p) {
        HmmParamDefs d = p.hmmDefs();
        p.setDefault(d.orderCol, "");
        p.setDefault(d.featuresCol, "features");
        p.setDefault(d.seed, (long) HiddenMarkov.class.getName().hashCode());
        p.setDefault(d.initSampleRows, ParamDefs.DEFAULT_INIT_SAMPLE_ROWS);
        p.setDefault(d.predictionCol, "prediction");
        p.setDefault(d.probabilityCol, "probability");
        p.setDefault(d.viterbiCol, "viterbi");
    }
}
