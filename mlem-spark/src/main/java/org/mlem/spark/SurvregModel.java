package org.mlem.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
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
import org.mlem.io.SurvregJson;
import org.mlem.model.FittedSurvreg;
import org.mlem.survival.SurvivalFit;

/**
 * A survival regression or Tobit model fitted by {@link Survreg}, as a Spark ML {@link Model}.
 * {@link #transform} appends predict.survreg's response and, if asked, the linear predictor, by
 * mlem-core's {@link FittedSurvreg} (the code {@code mlem predict} runs) per partition. Saved as
 * Spark's parameter metadata plus {@code model.json}: the file {@code mlem fit survreg|tobit --out}
 * writes, which {@code mlem predict}, {@code score} and {@code sample} read.
 */
public final class SurvregModel extends Model<SurvregModel> implements SurvregParams, MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final SurvregParamDefs defs;
    private final transient SurvivalFit summary;
    private final String file;

    SurvregModel(String uid, ObjectNode file, SurvivalFit summary) {
        this.uid = uid;
        this.defs = new SurvregParamDefs(uid);
        this.summary = summary;
        this.file = ModelJson.toJson(file);
        SurvregParamDefs.setDefaults(this);
        SurvregJson.from(file, "the fitted model"); // a file predict could not read stops here
    }

    /** A model read from a model file of {@code mlem fit survreg|tobit --out}. */
    public static SurvregModel fromFile(JsonNode root, String source) {
        return fromFile(Identifiable.randomUID("mlemSurvregModel"), root, source);
    }

    private static SurvregModel fromFile(String uid, JsonNode root, String source) {
        ModelFormat.check(root, source);
        if (!(root instanceof ObjectNode o) || !"survreg".equals(root.path("model").asText())) {
            throw new MlemUserException("not a survival regression model file (its 'model' is '"
                    + root.path("model").asText() + "'); give a file of mlem fit survreg|tobit --out", source, -1, -1);
        }
        SurvregJson f = SurvregJson.from(root, source);
        SurvregModel m = new SurvregModel(uid, o, null);
        m.set(m.formula(), f.formula());
        m.set(m.dist(), f.distribution().rName());
        if (f.tobit()) {
            m.set(m.tobit(), true);
            m.set(m.left(), f.left());
            m.set(m.right(), f.right());
        }
        return m;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public SurvregParamDefs survregDefs() {
        return defs;
    }

    /** The fit (survreg's coefficients, scale, covariance, log-likelihood, censoring counts); null for a loaded model. */
    public SurvivalFit summary() {
        return summary;
    }

    /** The model file's text, as {@code mlem fit survreg|tobit --out} writes it. */
    public String modelFile() {
        return file;
    }

    /** The model as mlem-core reads the file, usable on one machine. */
    public FittedSurvreg model() {
        return parse(file);
    }

    private static FittedSurvreg parse(String text) {
        try {
            return new FittedSurvreg(SurvregJson.from(ModelJson.mapper().readTree(text), "the model"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SurvregModel setPredictionCol(String v) {
        return (SurvregModel) set(predictionCol(), v);
    }

    public SurvregModel setLinkPredictionCol(String v) {
        return (SurvregModel) set(linkPredictionCol(), v);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        FittedSurvreg m = model();
        List<String> wanted = new ArrayList<>();
        if (!getPredictionCol().isEmpty()) {
            wanted.add("fit");
        }
        if (!getLinkPredictionCol().isEmpty()) {
            wanted.add("lp");
        }
        return PredictionColumns.append(dataset.toDF(), out, file, SurvregModel::parse, m.file().formula(),
                m.file().levels(), wanted);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(this, schema);
    }

    static StructType outputSchema(SurvregParams p, StructType schema) {
        return PredictionColumns.outputSchema(schema, p.getPredictionCol(), p.getLinkPredictionCol());
    }

    @Override
    public SurvregModel copy(ParamMap extra) {
        try {
            SurvregModel c = new SurvregModel(uid, (ObjectNode) ModelJson.mapper().readTree(file), summary);
            return copyValues(c, extra).setParent(parent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public MLWriter write() {
        SurvregModel model = this;
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                ModelFiles.save(model, model.file, path, sparkSession());
            }
        };
    }

    /** Reads a model saved by {@link #write()}. */
    public static MLReader<SurvregModel> read() {
        return new MLReader<>() {
            @Override
            public SurvregModel load(String path) {
                DefaultParamsReader.Metadata meta = ModelFiles.metadata(path, sparkSession(),
                        SurvregModel.class.getName());
                SurvregModel model = fromFile(meta.uid(), ModelFiles.read(path, sparkSession()),
                        ModelFiles.location(path));
                meta.getAndSetParams(model, meta.getAndSetParams$default$2());
                return model;
            }
        };
    }

    public static SurvregModel load(String path) {
        return read().load(path);
    }
}
