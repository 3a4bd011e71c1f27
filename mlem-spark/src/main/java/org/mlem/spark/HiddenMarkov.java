package org.mlem.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmListener;
import org.mlem.em.MixtureFit;
import org.mlem.hmm.EmissionSpec;
import org.mlem.hmm.HiddenMarkovEstimator;
import org.mlem.hmm.HmmInit;
import org.mlem.hmm.SequenceData;
import org.mlem.io.HmmJson;
import org.mlem.io.ModelFormat;
import org.mlem.io.ModelJson;

/**
 * A hidden Markov model fitted by Baum–Welch on Spark ({@code mlem fit hmm}'s model), as a Spark ML
 * {@link Estimator}. Rows are time steps; {@code sequenceCol} names each row's sequence and
 * {@code orderCol} its position (unset: the Dataset's order). The rows are regrouped so that each
 * sequence is whole in one partition however they arrived ({@link GroupedSequences}); forward–backward
 * runs per sequence on the executors; the expected statistics are summed on the driver in the order
 * mlem sums them on one machine, and mlem's own EM loop, restarts and stopping rule run there. With
 * at most {@code initSampleRows} rows the fit is therefore {@code mlem fit hmm}'s on the rows sorted
 * by sequence id then position, for any partitioning, from its default start as from a given one
 * ({@link #setInitialModel}); with more, the starts are drawn on a sample of whole sequences and
 * every run covers all the rows.
 *
 * <pre>{@code
 * HiddenMarkovModel m = new HiddenMarkov().setStates(2).setEmission("gaussian")
 *         .setSequenceCol("sequence").setOrderCol("t").fit(df);
 * m.write().save(path);   // path/model.json is the file mlem fit hmm --out writes: mlem decode reads it
 * }</pre>
 *
 * <p>Mistakes in the data throw {@link MlemUserException} on the driver, naming the 1-based row in
 * the Dataset's order, the column and the fix: a missing sequence id or position, a position that
 * repeats in its sequence, a null or non-finite feature, a value the emissions cannot take, vectors
 * of different sizes.
 */
public final class HiddenMarkov extends Estimator<HiddenMarkovModel> implements HmmParams, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final HmmParamDefs defs;
    private transient org.mlem.hmm.HiddenMarkovModel initialModel;

    public HiddenMarkov() {
        this(Identifiable.randomUID("mlemHiddenMarkov"));
    }

    public HiddenMarkov(String uid) {
        this.uid = uid;
        this.defs = new HmmParamDefs(uid);
        HmmParamDefs.setDefaults(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public HmmParamDefs hmmDefs() {
        return defs;
    }

    public HiddenMarkov setStates(int v) {
        return (HiddenMarkov) set(states(), v);
    }

    public HiddenMarkov setEmission(String v) {
        return (HiddenMarkov) set(emission(), v);
    }

    public HiddenMarkov setCovariance(String v) {
        return (HiddenMarkov) set(covariance(), v);
    }

    public HiddenMarkov setSequenceCol(String v) {
        return (HiddenMarkov) set(sequenceCol(), v);
    }

    /** The position column; empty for the Dataset's order. */
    public HiddenMarkov setOrderCol(String v) {
        return (HiddenMarkov) set(orderCol(), v);
    }

    public HiddenMarkov setFeaturesCol(String v) {
        return (HiddenMarkov) set(featuresCol(), v);
    }

    public HiddenMarkov setMaxIter(int v) {
        return (HiddenMarkov) set(maxIter(), v);
    }

    public HiddenMarkov setTol(double v) {
        return (HiddenMarkov) set(tol(), v);
    }

    public HiddenMarkov setNInit(int v) {
        return (HiddenMarkov) set(nInit(), v);
    }

    public HiddenMarkov setAcceleration(String v) {
        return (HiddenMarkov) set(acceleration(), v);
    }

    public HiddenMarkov setSeed(long v) {
        return (HiddenMarkov) set(seed(), v);
    }

    public HiddenMarkov setInitSampleRows(int v) {
        return (HiddenMarkov) set(initSampleRows(), v);
    }

    public HiddenMarkov setPredictionCol(String v) {
        return (HiddenMarkov) set(predictionCol(), v);
    }

    public HiddenMarkov setProbabilityCol(String v) {
        return (HiddenMarkov) set(probabilityCol(), v);
    }

    public HiddenMarkov setViterbiCol(String v) {
        return (HiddenMarkov) set(viterbiCol(), v);
    }

    /**
     * Start EM from these parameters (an E-step first), as {@code mlem fit hmm --init FILE.json}:
     * a core {@link org.mlem.hmm.HiddenMarkovModel} or a fitted {@link HiddenMarkovModel}; its states
     * and emissions are the fit's unless set. Not saved by {@link #write()}.
     */
    public HiddenMarkov setInitialModel(Object start) {
        if (start instanceof HiddenMarkovModel m) {
            this.initialModel = m.model();
        } else if (start instanceof org.mlem.hmm.HiddenMarkovModel m || start == null) {
            this.initialModel = (org.mlem.hmm.HiddenMarkovModel) start;
        } else {
            throw new MlemUserException("the initial model is a " + start.getClass().getSimpleName()
                    + ", not a hidden Markov model; give an org.mlem.hmm.HiddenMarkovModel or a fitted HiddenMarkovModel");
        }
        return this;
    }

    /** The initial parameters, or null. */
    public org.mlem.hmm.HiddenMarkovModel getInitialModel() {
        return initialModel;
    }

    @Override
    public HiddenMarkovModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        HiddenMarkovEstimator estimator = estimator();
        long t0 = System.nanoTime();
        try (GroupedSequences data = GroupedSequences.read(dataset, getSequenceCol(), getOrderCol(), getFeaturesCol(),
                estimator.emission())) {
            List<String> columns = DataMatrix.defaultNames(data.cols());
            SequenceData sample = data.sample(getInitSampleRows(), getSeed(), columns);
            double readSeconds = (System.nanoTime() - t0) * 1e-9;
            MixtureFit<org.mlem.hmm.HiddenMarkovModel> fit = new HiddenMarkovEstimator(estimator.states(), data.spec(),
                    estimator.em(), estimator.init(), Set.of()).fit(sample, data.remote(), getSeed(), EmListener.NONE);
            ObjectNode file = ModelJson.fitNode("hmm", fit, columns, readSeconds);
            file.setAll(HmmJson.node(fit.model()));
            file.put("sequences", data.sequences());
            file.put("sequenceColumn", getSequenceCol());
            HiddenMarkovModel model = new HiddenMarkovModel(uid, fit.model(), fit, ModelFormat.fileOf(file));
            return copyValues(model, ParamMap.empty()).setParent(this);
        }
    }

    /** The core estimator these params describe (its emission spec not yet resolved on the data). */
    private HiddenMarkovEstimator estimator() {
        org.mlem.hmm.HiddenMarkovModel start = initialModel;
        if (getStates() == null && start == null) {
            throw new MlemUserException("states is not set; call setStates (or setInitialModel to take it from a model)");
        }
        if (getEmission() == null && start == null) {
            throw new MlemUserException("emission is not set; call setEmission with gaussian, categorical, poisson,"
                    + " bernoulli or another family (or setInitialModel to take it from a model)");
        }
        int k = getStates() != null ? getStates() : start.states();
        EmissionSpec spec = getEmission() == null && getCovariance() == null ? start.emissions().spec()
                : EmissionSpec.byName(getEmission() != null ? getEmission() : start.emissions().spec().name(), getCovariance());
        HmmInit init = start != null ? new HmmInit.Given(start) : HmmInit.DEFAULT;
        return new HiddenMarkovEstimator(k, spec, emOptions(HiddenMarkovEstimator.DEFAULT_EM), init, Set.of());
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return HiddenMarkovModel.outputSchema(this, schema);
    }

    @Override
    public HiddenMarkov copy(ParamMap extra) {
        HiddenMarkov c = (HiddenMarkov) defaultCopy(extra);
        c.initialModel = initialModel;
        return c;
    }

    /** Reads an estimator saved by {@link #write()}. */
    public static MLReader<HiddenMarkov> read() {
        return new DefaultParamsReader<>();
    }

    public static HiddenMarkov load(String path) {
        return read().load(path);
    }
}
