package org.mlem.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.mlem.count.CountFit;
import org.mlem.count.CountModelKind;
import org.mlem.count.VuongComparison;
import org.mlem.io.CountModelJson;
import org.mlem.io.ModelFormat;
import org.mlem.io.ModelJson;
import org.mlem.model.FittedCount;

/**
 * A zero-inflated or hurdle count regression fitted by {@link CountRegression}, as a Spark ML
 * {@link Model}. {@link #transform} appends pscl's predicted mean ({@code type = "response"}) and,
 * if asked, P(y = 0), by mlem-core's {@link FittedCount} (the code {@code mlem predict} runs) per
 * partition. Saved as Spark's parameter metadata plus {@code model.json}: the file {@code mlem fit
 * zeroinfl|hurdle --out} writes, which {@code mlem predict}, {@code score} and {@code sample} read.
 */
public final class CountRegressionModel extends Model<CountRegressionModel>
        implements CountRegressionParams, MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final CountRegressionParamDefs defs;
    private final transient CountFit summary;
    private final transient CountFit plain;
    private final transient VuongComparison vuong;
    private final String file;

    CountRegressionModel(String uid, ObjectNode file, CountFit summary, CountFit plain, VuongComparison vuong) {
        this.uid = uid;
        this.defs = new CountRegressionParamDefs(uid);
        this.summary = summary;
        this.plain = plain;
        this.vuong = vuong;
        this.file = ModelJson.toJson(file);
        CountRegressionParamDefs.setDefaults(this);
        parse(this.file); // a file predict could not read stops here
    }

    /** A model read from a model file of {@code mlem fit zeroinfl|hurdle --out}. */
    public static CountRegressionModel fromFile(JsonNode root, String source) {
        return fromFile(Identifiable.randomUID("mlemCountRegressionModel"), root, source);
    }

    private static CountRegressionModel fromFile(String uid, JsonNode root, String source) {
        ModelFormat.check(root, source);
        String name = root.path("model").asText();
        if (!(root instanceof ObjectNode o) || !(name.equals("zeroinfl") || name.equals("hurdle"))) {
            throw new MlemUserException("not a zero-inflated or hurdle model file (its 'model' is '" + name
                    + "'); give a file of mlem fit zeroinfl|hurdle --out", source, -1, -1);
        }
        CountModelJson f = CountModelJson.from(root, source, CountModelKind.valueOf(name.toUpperCase(Locale.ROOT)));
        CountRegressionModel m = new CountRegressionModel(uid, o, null, null, null);
        m.set(m.formula(), f.formula());
        m.set(m.kind(), name);
        m.set(m.dist(), f.model().distribution().label());
        return m;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public CountRegressionParamDefs countDefs() {
        return defs;
    }

    /** The fit (both parts' coefficients and standard errors, θ, log-likelihood, iterations); null for a loaded model. */
    public CountFit summary() {
        return summary;
    }

    /** The plain count model (no zero part) on the same rows, what Vuong's test compares with; null for a loaded model. */
    public CountFit plainSummary() {
        return plain;
    }

    /** Vuong's test of this model against the plain one (pscl::vuong); null for a loaded model. */
    public VuongComparison vuong() {
        return vuong;
    }

    /** The model file's text, as {@code mlem fit zeroinfl|hurdle --out} writes it. */
    public String modelFile() {
        return file;
    }

    /** The model as mlem-core reads the file, usable on one machine. */
    public FittedCount model() {
        return parse(file);
    }

    private static FittedCount parse(String text) {
        try {
            JsonNode root = ModelJson.mapper().readTree(text);
            CountModelKind kind = CountModelKind.valueOf(root.path("model").asText().toUpperCase(Locale.ROOT));
            return new FittedCount(CountModelJson.from(root, "the model", kind));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CountRegressionModel setPredictionCol(String v) {
        return (CountRegressionModel) set(predictionCol(), v);
    }

    public CountRegressionModel setZeroProbabilityCol(String v) {
        return (CountRegressionModel) set(zeroProbabilityCol(), v);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        FittedCount m = model();
        List<String> wanted = new ArrayList<>();
        if (!getPredictionCol().isEmpty()) {
            wanted.add("fit");
        }
        if (!getZeroProbabilityCol().isEmpty()) {
            wanted.add("prob0");
        }
        return PredictionColumns.append(dataset.toDF(), out, file, CountRegressionModel::parse, m.file().formula(),
                m.file().levels(), wanted);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(this, schema);
    }

    static StructType outputSchema(CountRegressionParams p, StructType schema) {
        return PredictionColumns.outputSchema(schema, p.getPredictionCol(), p.getZeroProbabilityCol());
    }

    @Override
    public CountRegressionModel copy(ParamMap extra) {
        CountRegressionModel c = new CountRegressionModel(uid, ModelFiles.tree(file), summary, plain, vuong);
        return copyValues(c, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return ModelFiles.writer(this, file);
    }

    /** Reads a model saved by {@link #write()}. */
    public static MLReader<CountRegressionModel> read() {
        return ModelFiles.reader(CountRegressionModel.class, CountRegressionModel::fromFile);
    }

    public static CountRegressionModel load(String path) {
        return read().load(path);
    }
}
