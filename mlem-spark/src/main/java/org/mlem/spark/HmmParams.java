package org.mlem.spark;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.mlem.em.EmOptions;

/**
 * The parameters shared by {@link HiddenMarkov} and {@link HiddenMarkovModel} ({@link HmmParamDefs}
 * documents each). The EM settings left unset are {@code mlem fit hmm}'s defaults ({@link #emOptions}).
 */
public interface HmmParams extends Params {

    /** The parameter objects of this stage. */
    HmmParamDefs hmmDefs();

    default IntParam states() {
        return hmmDefs().states;
    }

    default Param<String> emission() {
        return hmmDefs().emission;
    }

    default Param<String> covariance() {
        return hmmDefs().covariance;
    }

    default Param<String> sequenceCol() {
        return hmmDefs().sequenceCol;
    }

    default Param<String> orderCol() {
        return hmmDefs().orderCol;
    }

    default Param<String> featuresCol() {
        return hmmDefs().featuresCol;
    }

    default IntParam maxIter() {
        return hmmDefs().maxIter;
    }

    default DoubleParam tol() {
        return hmmDefs().tol;
    }

    default IntParam nInit() {
        return hmmDefs().nInit;
    }

    default Param<String> acceleration() {
        return hmmDefs().acceleration;
    }

    default LongParam seed() {
        return hmmDefs().seed;
    }

    default IntParam initSampleRows() {
        return hmmDefs().initSampleRows;
    }

    default Param<String> predictionCol() {
        return hmmDefs().predictionCol;
    }

    default Param<String> probabilityCol() {
        return hmmDefs().probabilityCol;
    }

    default Param<String> viterbiCol() {
        return hmmDefs().viterbiCol;
    }

    /** The number of states, or null when not set. */
    default Integer getStates() {
        return isDefined(states()) ? (Integer) getOrDefault(states()) : null;
    }

    /** The emission family, or null when not set. */
    default String getEmission() {
        return isDefined(emission()) ? getOrDefault(emission()) : null;
    }

    /** The covariance of gaussian emissions, or null when not set. */
    default String getCovariance() {
        return isDefined(covariance()) ? getOrDefault(covariance()) : null;
    }

    /** The sequence id column, or null when not set. */
    default String getSequenceCol() {
        return isDefined(sequenceCol()) ? getOrDefault(sequenceCol()) : null;
    }

    /** The order column, or null for the Dataset's order. */
    default String getOrderCol() {
        return getOrDefault(orderCol()).isEmpty() ? null : getOrDefault(orderCol());
    }

    default String getFeaturesCol() {
        return getOrDefault(featuresCol());
    }

    default long getSeed() {
        return (Long) getOrDefault(seed());
    }

    default int getInitSampleRows() {
        return (Integer) getOrDefault(initSampleRows());
    }

    default String getPredictionCol() {
        return getOrDefault(predictionCol());
    }

    default String getProbabilityCol() {
        return getOrDefault(probabilityCol());
    }

    default String getViterbiCol() {
        return getOrDefault(viterbiCol());
    }

    /** {@code defaults} with every EM setting this stage sets. */
    default EmOptions emOptions(EmOptions defaults) {
        return EmParams.options(this, defaults, maxIter(), tol(), nInit(), acceleration());
    }
}
