package org.mlem.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.mlem.em.MixtureFit;
import org.mlem.io.ModelFormat;
import org.mlem.io.ModelJson;
import org.mlem.model.BlockEmKind;
import org.mlem.model.FittedModel;
import org.mlem.model.ModelKinds;

/**
 * A latent model fitted by {@link LatentMixture}, of any registered kind, as a Spark ML {@link Model}.
 * {@link #transform} appends the most probable class, the class probabilities and the row's log
 * density. Saved as Spark's parameter metadata plus {@code model.json}: the model file
 * {@code mlem fit KIND --out} writes (the fit's common fields, then the kind's parameters through
 * mlem-core's codec), which {@code mlem predict}, {@code score}, {@code sample} and {@code --init} read.
 */
public final class LatentMixtureModel extends Model<LatentMixtureModel> implements LatentMixtureParams, MLWritable {
    private static final long serialVersionUID = 1L;

    /** File beside Spark's metadata that holds the model. */
    public static final String MODEL_FILE = ModelFiles.MODEL_FILE;

    private final String uid;
    private final LatentParamDefs defs;
    private final String kindName;
    private final transient Object model;
    private final transient MixtureFit<?> summary;
    private final String file;

    LatentMixtureModel(String uid, String kindName, Object model, MixtureFit<?> summary, ObjectNode file) {
        this.uid = uid;
        this.defs = new LatentParamDefs(uid);
        this.kindName = kindName;
        this.model = model;
        this.summary = summary;
        this.file = ModelJson.toJson(file);
        LatentParamDefs.setDefaults(this);
        if (!DISCRIMINANT.equals(kindName)) {
            set(kind(), kindName); // a discriminant model is no kind LatentMixture fits by EM
        }
    }

    /** The kind of a Gaussian discriminant model ({@link LatentMixture#discriminant}; {@code fit gmmda}'s files). */
    static final String DISCRIMINANT = org.mlem.model.FittedGmmda.KIND.name();

    /**
     * A model read from a model file ({@code mlem fit ... --out}) of a kind {@link LatentMixture} fits,
     * or a Gaussian discriminant model ({@code fit gmmda --out}), whose classes transform predicts.
     */
    public static LatentMixtureModel fromFile(JsonNode root, String source) {
        return fromFile(Identifiable.randomUID("mlemLatentMixtureModel"), root, source);
    }

    private static LatentMixtureModel fromFile(String uid, JsonNode root, String source) {
        ModelFormat.check(root, source);
        FittedModel file = ModelKinds.read(root, source);
        if (file instanceof org.mlem.model.FittedGmmda da) {
            return new LatentMixtureModel(uid, DISCRIMINANT, da.model(), null, (ObjectNode) root);
        }
        if (file instanceof org.mlem.model.FittedConcomitant c) {
            Object inner = c.mixture();
            Object components = inner instanceof org.mlem.model.FittedGmm g ? g.mixture()
                    : inner instanceof org.mlem.model.FittedMixture f ? f.mixture() : null;
            if (components == null) {
                throw new org.mlem.MlemUserException("a concomitant model of this mixture does not run on Spark; "
                        + "gmm's and mixture's (fit gmm/mixture --concomitant) do", source, -1, -1);
            }
            LatentMixtureModel m = new LatentMixtureModel(uid, inner instanceof org.mlem.model.FittedGmm ? "gmm" : "mixture",
                    new org.mlem.concomitant.ConcomitantMixture<>(components, c.gating()), null, (ObjectNode) root);
            m.set(m.concomitant(), c.gating().formula());
            return m;
        }
        BlockEmKind<?> kind = LatentMixture.kindNamed(file.kind());
        return new LatentMixtureModel(uid, kind.name(), kind.fitted(file), null, (ObjectNode) root);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public LatentParamDefs latentDefs() {
        return defs;
    }

    /** The kind: {@code gmm}, {@code tmix}, {@code mixture}, or {@code gmmda} for a discriminant model. */
    public String kindName() {
        return kindName;
    }

    /** The fitted core model (a {@code GaussianMixture}, {@code TMixture} or {@code ProductMixture}), usable on one machine. */
    public Object model() {
        return model;
    }

    /** The fit's diagnostics (log-likelihood, trace, iterations, AIC, BIC); null for a loaded model. */
    public MixtureFit<?> summary() {
        return summary;
    }

    /** The model file's text, as {@code mlem fit --out} writes it. */
    public String modelFile() {
        return file;
    }

    public LatentMixtureModel setFeaturesCol(String v) {
        return (LatentMixtureModel) set(featuresCol(), v);
    }

    /** Scores censored rows ({@code predict --status}): each row's event code, {@code featuresCol} numeric values. */
    public LatentMixtureModel setStatusCol(String v) {
        return (LatentMixtureModel) set(statusCol(), v);
    }

    /** Scores interval-censored rows ({@code predict --interval}): each row's upper bound, {@code featuresCol} the lower. */
    public LatentMixtureModel setUpperCol(String v) {
        return (LatentMixtureModel) set(upperCol(), v);
    }

    public LatentMixtureModel setPredictionCol(String v) {
        return (LatentMixtureModel) set(predictionCol(), v);
    }

    public LatentMixtureModel setProbabilityCol(String v) {
        return (LatentMixtureModel) set(probabilityCol(), v);
    }

    public LatentMixtureModel setLogLikelihoodCol(String v) {
        return (LatentMixtureModel) set(logLikelihoodCol(), v);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        if (censored()) {
            return CensoredMixtureOnSpark.transform(this, dataset, out);
        }
        Dataset<Row> df = dataset.toDF();
        if (model() instanceof org.mlem.concomitant.ConcomitantMixture<?> c) { // an unseen covariate level: one line here
            FittedLevels.check(df, c.gating().levels());
        }
        LatentScorer scorer = new LatentScorer(file, df.schema().fieldIndex(getFeaturesCol()), getFeaturesCol(),
                !getPredictionCol().isEmpty(), !getProbabilityCol().isEmpty(), !getLogLikelihoodCol().isEmpty())
                .reading(df.schema());
        return df.sparkSession().createDataFrame(df.javaRDD().mapPartitionsWithIndex(scorer::score, true), out);
    }

    /**
     * Standard errors of a concomitant mixture (kinds {@code gmm} and {@code mixture} with
     * {@link LatentMixture#setConcomitant}) over {@code dataset}, the rows it was fit to: {@code fit
     * gmm|mixture --concomitant --standard-errors louis}'s observed information of the whole model
     * (the components' parameters named as that command's model file names them, with the columns
     * x1, x2, ..., then {@code gamma[j][term]}), its log-likelihoods at the differences' points summed
     * over the partitions in one Spark job.
     */
    public org.mlem.uncertainty.ParameterEstimates standardErrors(Dataset<?> dataset) {
        return LatentMixture.concomitantStandardErrors(this, dataset);
    }

    /**
     * mclust's {@code clustCombi} ({@code mlem combine}) over the rows of {@code dataset}: the
     * components merged two at a time by entropy down to one cluster, each step one Spark job
     * ({@link LatentCombination}); {@link LatentCombination#transform} applies the combined model.
     */
    public LatentCombination combine(Dataset<?> dataset) {
        Columns.requireVector(dataset.schema(), getFeaturesCol(), "features");
        return LatentCombination.of(this, dataset, getAggregationDepth());
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (censored()) {
            return censoredSchema(this, schema);
        }
        Columns.requireVector(schema, getFeaturesCol(), "features");
        if (getConcomitant() != null) { // each row's weights come from these columns
            org.mlem.concomitant.ConcomitantDesign.columns(getConcomitant(), java.util.Arrays.asList(schema.fieldNames()));
        }
        return outputSchema(this, schema);
    }

    /** The output schema of censored rows: a numeric {@code featuresCol} and status or upper-bound column. */
    static StructType censoredSchema(LatentMixtureParams p, StructType schema) {
        Columns.requireNumeric(schema, p.getFeaturesCol(), "features");
        Columns.requireNumeric(schema, p.getStatusCol(), "status");
        Columns.requireNumeric(schema, p.getUpperCol(), "upper bound");
        return outputSchema(p, schema);
    }

    static StructType outputSchema(LatentMixtureParams p, StructType schema) {
        Columns.requireAbsent(schema, p.getPredictionCol());
        Columns.requireAbsent(schema, p.getProbabilityCol());
        Columns.requireAbsent(schema, p.getLogLikelihoodCol());
        return MixtureScorer.outputSchema(schema, p.getPredictionCol(), p.getProbabilityCol(), p.getLogLikelihoodCol());
    }

    @Override
    public LatentMixtureModel copy(ParamMap extra) {
        return copyValues(new LatentMixtureModel(uid, kindName, model, summary, ModelFiles.tree(file)), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** Reads a model saved by {@link #write()}. */
    public static MLReader<LatentMixtureModel> read() {
        return new Reader();
    }

    public static LatentMixtureModel load(String path) {
        return read().load(path);
    }

    private static final class Writer extends MLWriter {
        private final LatentMixtureModel model;

        Writer(LatentMixtureModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            ModelFiles.save(model, model.file, path, sparkSession());
        }
    }

    private static final class Reader extends MLReader<LatentMixtureModel> {
        @Override
        public LatentMixtureModel load(String path) {
            DefaultParamsReader.Metadata meta = ModelFiles.metadata(path, sparkSession(),
                    LatentMixtureModel.class.getName());
            JsonNode root = ModelFiles.read(path, sparkSession());
            LatentMixtureModel model = fromFile(meta.uid(), root, ModelFiles.location(path));
            meta.getAndSetParams(model, meta.getAndSetParams$default$2());
            return model;
        }
    }
}
