package org.mlem.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlem.em.MixtureFit;
import org.mlem.io.HmmJson;
import org.mlem.io.ModelFormat;
import org.mlem.io.ModelJson;

/**
 * A hidden Markov model fitted by {@link HiddenMarkov}, as a Spark ML {@link Model}.
 * {@link #transform} regroups the rows by sequence (as the fit does), runs forward–backward and
 * Viterbi on each whole sequence, and appends to every row its state posteriors, its most probable
 * state and its state on the sequence's Viterbi path; the rows come out grouped by sequence. Saved
 * as Spark's parameter metadata plus {@code model.json}: the file {@code mlem fit hmm --out} writes,
 * which {@code mlem decode}, {@code score}, {@code sample} and {@code fit hmm --init} read.
 */
public final class HiddenMarkovModel extends Model<HiddenMarkovModel> implements HmmParams, MLWritable {
    private static final long serialVersionUID = 1L;

    /** File beside Spark's metadata that holds the model. */
    public static final String MODEL_FILE = ModelFiles.MODEL_FILE;

    /** The internal column that holds the Dataset's order when there is no order column. */
    private static final String ROW_ORDER = "__mlem_row_order";

    private final String uid;
    private final HmmParamDefs defs;
    private final org.mlem.hmm.HiddenMarkovModel model;
    private final transient MixtureFit<org.mlem.hmm.HiddenMarkovModel> summary;
    private final String file;

    HiddenMarkovModel(String uid, org.mlem.hmm.HiddenMarkovModel model, MixtureFit<org.mlem.hmm.HiddenMarkovModel> summary,
            ObjectNode file) {
        this.uid = uid;
        this.defs = new HmmParamDefs(uid);
        this.model = model;
        this.summary = summary;
        this.file = ModelJson.toJson(file);
        HmmParamDefs.setDefaults(this);
        set(states(), model.states());
        set(emission(), model.emissions().spec().name());
        if (file.has("sequenceColumn")) {
            set(sequenceCol(), file.get("sequenceColumn").asText());
        }
    }

    /** A model read from a model file ({@code mlem fit hmm --out}). */
    public static HiddenMarkovModel fromFile(JsonNode root, String source) {
        return fromFile(Identifiable.randomUID("mlemHiddenMarkovModel"), root, source);
    }

    private static HiddenMarkovModel fromFile(String uid, JsonNode root, String source) {
        ModelFormat.check(root, source);
        return new HiddenMarkovModel(uid, HmmJson.from(root, source).model(), null, (ObjectNode) root);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public HmmParamDefs hmmDefs() {
        return defs;
    }

    /** The fitted core model, usable on one machine. */
    public org.mlem.hmm.HiddenMarkovModel model() {
        return model;
    }

    /** The fit's diagnostics (log-likelihood, trace, iterations, AIC, BIC); null for a loaded model. */
    public MixtureFit<org.mlem.hmm.HiddenMarkovModel> summary() {
        return summary;
    }

    /** The model file's text, as {@code mlem fit hmm --out} writes it. */
    public String modelFile() {
        return file;
    }

    public HiddenMarkovModel setSequenceCol(String v) {
        return (HiddenMarkovModel) set(sequenceCol(), v);
    }

    public HiddenMarkovModel setOrderCol(String v) {
        return (HiddenMarkovModel) set(orderCol(), v);
    }

    public HiddenMarkovModel setFeaturesCol(String v) {
        return (HiddenMarkovModel) set(featuresCol(), v);
    }

    public HiddenMarkovModel setPredictionCol(String v) {
        return (HiddenMarkovModel) set(predictionCol(), v);
    }

    public HiddenMarkovModel setProbabilityCol(String v) {
        return (HiddenMarkovModel) set(probabilityCol(), v);
    }

    public HiddenMarkovModel setViterbiCol(String v) {
        return (HiddenMarkovModel) set(viterbiCol(), v);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        Dataset<Row> df = dataset.toDF();
        Column order = getOrderCol() != null ? df.col(getOrderCol()).cast("double")
                : functions.monotonically_increasing_id().cast("double");
        Column id = df.col(getSequenceCol());
        Dataset<Row> sorted = df.withColumn(ROW_ORDER, order).repartition(id).sortWithinPartitions(id, functions.col(ROW_ORDER));
        HmmScorer scorer = new HmmScorer(model, df.schema().size(), df.schema().fieldIndex(getSequenceCol()),
                df.schema().fieldIndex(getFeaturesCol()), getSequenceCol(), getFeaturesCol(),
                !getProbabilityCol().isEmpty(), !getPredictionCol().isEmpty(), !getViterbiCol().isEmpty());
        return df.sparkSession().createDataFrame(sorted.javaRDD().mapPartitions(scorer::score), out);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(this, schema);
    }

    /** The input columns checked and the output columns appended: posteriors, most probable state, Viterbi state. */
    static StructType outputSchema(HmmParams p, StructType schema) {
        SequenceIds.requireIdColumn(schema, p.getSequenceCol());
        Columns.requireNumeric(schema, p.getOrderCol(), "order");
        Columns.requireVector(schema, p.getFeaturesCol(), "features");
        StructType out = schema;
        if (!p.getProbabilityCol().isEmpty()) {
            Columns.requireAbsent(schema, p.getProbabilityCol());
            out = out.add(p.getProbabilityCol(), new VectorUDT(), false);
        }
        if (!p.getPredictionCol().isEmpty()) {
            Columns.requireAbsent(schema, p.getPredictionCol());
            out = out.add(p.getPredictionCol(), DataTypes.IntegerType, false);
        }
        if (!p.getViterbiCol().isEmpty()) {
            Columns.requireAbsent(schema, p.getViterbiCol());
            out = out.add(p.getViterbiCol(), DataTypes.IntegerType, false);
        }
        return out;
    }

    @Override
    public HiddenMarkovModel copy(ParamMap extra) {
        return copyValues(new HiddenMarkovModel(uid, model, summary, ModelFiles.tree(file)), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return ModelFiles.writer(this, file);
    }

    /** Reads a model saved by {@link #write()}. */
    public static MLReader<HiddenMarkovModel> read() {
        return ModelFiles.reader(HiddenMarkovModel.class, HiddenMarkovModel::fromFile);
    }

    public static HiddenMarkovModel load(String path) {
        return read().load(path);
    }
}
