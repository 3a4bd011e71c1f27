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
import org.mlem.glm.Anova;
import org.mlem.glm.ConfidenceIntervals;
import org.mlem.glm.GlmFit;
import org.mlem.glm.NestedAnova;
import org.mlem.glm.Sandwich;
import org.mlem.io.FitJson;
import org.mlem.io.GlmJson;
import org.mlem.io.ModelFormat;
import org.mlem.io.ModelJson;
import org.mlem.model.FittedGlm;

/**
 * A GLM fitted by {@link Glm}, as a Spark ML {@link Model}. {@link #transform} appends the fitted
 * mean and, if asked, the linear predictor, computed by mlem-core's {@link FittedGlm} (the code
 * {@code mlem predict} runs) per partition. Saved as Spark's parameter metadata plus
 * {@code model.json}: the file {@code mlem fit glm --out} writes, which {@code mlem predict} and
 * {@code score} read.
 */
public final class GlmModel extends Model<GlmModel> implements GlmParams, MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final GlmParamDefs defs;
    private final transient GlmFit summary;
    private final String file;
    private transient Extras extras;
    private double readSeconds = Double.NaN;
    private double fitSeconds = Double.NaN;

    GlmModel(String uid, ObjectNode file, GlmFit summary) {
        this.uid = uid;
        this.defs = new GlmParamDefs(uid);
        this.summary = summary;
        this.file = ModelJson.toJson(file);
        GlmParamDefs.setDefaults(this);
        GlmJson.from(file, "the fitted model"); // a file predict could not read stops here
    }

    /** A model read from a model file of {@code mlem fit glm --out}. */
    public static GlmModel fromFile(JsonNode root, String source) {
        return fromFile(Identifiable.randomUID("mlemGlmModel"), root, source);
    }

    private static GlmModel fromFile(String uid, JsonNode root, String source) {
        ModelFormat.check(root, source);
        if (!(root instanceof ObjectNode o) || !"glm".equals(root.path("model").asText())) {
            throw new MlemUserException("not a GLM model file (its 'model' is '" + root.path("model").asText()
                    + "'); give a file of mlem fit glm --out", source, -1, -1);
        }
        GlmJson.from(root, source);
        GlmModel m = new GlmModel(uid, o, null);
        m.set(m.formula(), root.path("formula").asText());
        m.set(m.family(), root.path("family").asText());
        m.set(m.link(), root.path("link").asText());
        return m;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public GlmParamDefs glmDefs() {
        return defs;
    }

    /** R's {@code summary.glm} of the fit (fitted values not collected: empty); null for a loaded model. */
    public GlmFit summary() {
        return summary;
    }

    /**
     * What {@link Glm} adds to the summary as its params ask, as {@code mlem fit glm} adds it.
     *
     * @param sandwichType the sandwich's type, or null for none
     * @param sandwich the p × p row-major sandwich covariance (NaN rows for aliased columns), or null
     * @param anova R's sequential analysis of deviance, or null when not asked for
     * @param interval the kind of {@code intervals}
     * @param level their confidence level
     * @param intervals one per coefficient, in column order
     */
    public record Extras(Sandwich.Type sandwichType, double[] sandwich, List<Anova.Row> anova,
            ConfidenceIntervals.Kind interval, double level, List<ConfidenceIntervals.Interval> intervals) {

        /** Adds them to a model file, as the CLI's {@code fit glm} does ({@code columns}: the model matrix's). */
        void addTo(ObjectNode json, List<String> columns) {
            if (sandwich != null) {
                FitJson.glmSandwich(json, columns, sandwichType, sandwich);
            }
            if (anova != null) {
                FitJson.glmAnova(json, anova);
            }
            FitJson.glmIntervals(json, interval, level, intervals);
        }
    }

    /**
     * The analysis of deviance between nested GLMs fitted separately to the same rows, as
     * {@code mlem anova} compares their files (R's {@code anova(m0, m1, test = ...)}): from their
     * model files alone, so fitted or loaded models, and CLI files through {@link #fromFile}, mix.
     *
     * @param test {@code Chisq} (or {@code LRT}) or {@code F}
     * @param models two or more, in the table's order
     * @throws MlemUserException for models not fitted to the same data or not nested
     */
    public static List<NestedAnova.Row> anova(String test, GlmModel... models) {
        List<NestedAnova.Model> m = new ArrayList<>();
        for (GlmModel g : models) {
            m.add(GlmJson.anovaModel(parsed(g.file), "model " + g.uid() + " (" + g.getFormula() + ")"));
        }
        return NestedAnova.table(m, NestedAnova.Test.byName(test));
    }

    /** The fit's sandwich covariance, analysis of deviance and intervals; null for a loaded model (its file has them). */
    public Extras extras() {
        return extras;
    }

    GlmModel withExtras(Extras e) {
        extras = e;
        return this;
    }

    /** Sets the fit's timings. */
    GlmModel timed(double read, double fit) {
        readSeconds = read;
        fitSeconds = fit;
        return this;
    }

    /**
     * Seconds spent before IRLS (gathering the levels, building and checking every partition's
     * model matrix); NaN for a loaded model.
     */
    public double readSeconds() {
        return readSeconds;
    }

    /** Seconds of IRLS and the summary's passes; NaN for a loaded model. */
    public double fitSeconds() {
        return fitSeconds;
    }

    /** The model file's text, as {@code mlem fit glm --out} writes it. */
    public String modelFile() {
        return file;
    }

    /** The model as mlem-core reads the file, usable on one machine. */
    public FittedGlm model() {
        return new FittedGlm(GlmJson.from(parsed(file), "the model"));
    }

    public GlmModel setPredictionCol(String v) {
        return (GlmModel) set(predictionCol(), v);
    }

    public GlmModel setLinkPredictionCol(String v) {
        return (GlmModel) set(linkPredictionCol(), v);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        FittedGlm m = model();
        List<String> wanted = new ArrayList<>();
        if (!getPredictionCol().isEmpty()) {
            wanted.add("fit");
        }
        if (!getLinkPredictionCol().isEmpty()) {
            wanted.add("link");
        }
        return PredictionColumns.append(dataset.toDF(), out, file,
                text -> new FittedGlm(GlmJson.from(parsed(text), "the model")), m.file().formula(), m.file().levels(),
                wanted);
    }

    private static JsonNode parsed(String text) {
        try {
            return ModelJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(this, schema);
    }

    static StructType outputSchema(GlmParams p, StructType schema) {
        return PredictionColumns.outputSchema(schema, p.getPredictionCol(), p.getLinkPredictionCol());
    }

    @Override
    public GlmModel copy(ParamMap extra) {
        GlmModel c = new GlmModel(uid, (ObjectNode) parsed(file), summary).timed(readSeconds, fitSeconds)
                .withExtras(extras);
        return copyValues(c, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        GlmModel model = this;
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                ModelFiles.save(model, model.file, path, sparkSession());
            }
        };
    }

    /** Reads a model saved by {@link #write()}. */
    public static MLReader<GlmModel> read() {
        return new MLReader<>() {
            @Override
            public GlmModel load(String path) {
                DefaultParamsReader.Metadata meta = ModelFiles.metadata(path, sparkSession(), GlmModel.class.getName());
                GlmModel model = fromFile(meta.uid(), ModelFiles.read(path, sparkSession()), ModelFiles.location(path));
                meta.getAndSetParams(model, meta.getAndSetParams$default$2());
                return model;
            }
        };
    }

    public static GlmModel load(String path) {
        return read().load(path);
    }
}
