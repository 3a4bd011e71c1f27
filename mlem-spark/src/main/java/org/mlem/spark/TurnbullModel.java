package org.mlem.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.mlem.MlemUserException;
import org.mlem.io.ModelFormat;
import org.mlem.io.ModelJson;
import org.mlem.model.FittedTurnbull;
import org.mlem.survival.Turnbull;

/**
 * Turnbull's estimate fitted by {@link TurnbullFit}, as a Spark ML {@link Model}. {@link #transform}
 * appends S (and, if asked, F) at each row's column {@code time}, by mlem-core's
 * {@link FittedTurnbull} (the code {@code mlem predict} runs: survfit's reading of the masses).
 * Saved as Spark's parameter metadata plus {@code model.json}: the file {@code mlem fit turnbull
 * --out} writes, which {@code mlem predict} and {@code sample} read.
 */
public final class TurnbullModel extends Model<TurnbullModel> implements TurnbullParams, MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final TurnbullParamDefs defs;
    private final transient Turnbull.Fit summary;
    private final String file;

    TurnbullModel(String uid, ObjectNode file, Turnbull.Fit summary) {
        this.uid = uid;
        this.defs = new TurnbullParamDefs(uid);
        this.summary = summary;
        this.file = ModelJson.toJson(file);
        TurnbullParamDefs.setDefaults(this);
        parse(this.file); // a file predict could not read stops here
    }

    /** A model read from a model file of {@code mlem fit turnbull --out}. */
    public static TurnbullModel fromFile(JsonNode root, String source) {
        return fromFile(Identifiable.randomUID("mlemTurnbullModel"), root, source);
    }

    private static TurnbullModel fromFile(String uid, JsonNode root, String source) {
        ModelFormat.check(root, source);
        if (!(root instanceof ObjectNode o) || !FittedTurnbull.KIND.name().equals(root.path("model").asText())) {
            throw new MlemUserException("not a Turnbull model file (its 'model' is '" + root.path("model").asText()
                    + "'); give a file of mlem fit turnbull --out", source, -1, -1);
        }
        FittedTurnbull.KIND.codec().read(root, source);
        return new TurnbullModel(uid, o, null);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public TurnbullParamDefs turnbullDefs() {
        return defs;
    }

    /** The fit (innermost intervals, masses, log-likelihood, iterations); null for a loaded model. */
    public Turnbull.Fit summary() {
        return summary;
    }

    /** The model file's text, as {@code mlem fit turnbull --out} writes it. */
    public String modelFile() {
        return file;
    }

    /** The model as mlem-core reads the file, usable on one machine. */
    public FittedTurnbull model() {
        return parse(file);
    }

    private static FittedTurnbull parse(String text) {
        try {
            return FittedTurnbull.KIND.codec().read(ModelJson.mapper().readTree(text), "the model");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TurnbullModel setSurvivalCol(String v) {
        return (TurnbullModel) set(survivalCol(), v);
    }

    public TurnbullModel setCdfCol(String v) {
        return (TurnbullModel) set(cdfCol(), v);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        List<String> wanted = new ArrayList<>();
        if (!getSurvivalCol().isEmpty()) {
            wanted.add("survival");
        }
        if (!getCdfCol().isEmpty()) {
            wanted.add("cdf");
        }
        return PredictionColumns.append(dataset.toDF(), out, file, TurnbullModel::parse, FittedTurnbull.TIME, Map.of(),
                wanted);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(this, schema);
    }

    static StructType outputSchema(TurnbullParams p, StructType schema) {
        return PredictionColumns.outputSchema(schema, p.getSurvivalCol(), p.getCdfCol());
    }

    @Override
    public TurnbullModel copy(ParamMap extra) {
        return copyValues(new TurnbullModel(uid, ModelFiles.tree(file), summary), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return ModelFiles.writer(this, file);
    }

    /** Reads a model saved by {@link #write()}. */
    public static MLReader<TurnbullModel> read() {
        return ModelFiles.reader(TurnbullModel.class, TurnbullModel::fromFile);
    }

    public static TurnbullModel load(String path) {
        return read().load(path);
    }
}
