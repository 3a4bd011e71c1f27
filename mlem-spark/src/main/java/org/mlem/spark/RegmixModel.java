package org.mlem.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.mlem.MlemUserException;
import org.mlem.em.MixtureFit;
import org.mlem.glm.GlmOptions;
import org.mlem.io.ModelFormat;
import org.mlem.io.ModelJson;
import org.mlem.io.RegmixJson;
import org.mlem.formula.Frame;
import org.mlem.regmix.RegmixScores;
import org.mlem.regmix.RegressionMixture;

/**
 * A mixture of regressions fitted by {@link Regmix}, as a Spark ML {@link Model}. {@link #transform}
 * appends each row's most probable component, the components' posterior probabilities given the
 * row's response, and the row's log density (mlem-core's {@link RegmixScores}; with a concomitant
 * gating, {@link #gating()}, mlem-core's {@code FittedConcomitant}: each row's weights from its
 * covariates, as {@code mlem predict} and {@code score} take them). Saved as Spark's
 * parameter metadata plus {@code model.json}, the file {@code mlem fit regmix --out} writes, which
 * {@code mlem predict}, {@code score}, {@code sample} and {@code --init} read.
 */
public final class RegmixModel extends Model<RegmixModel> implements RegmixParams, MLWritable {
    private static final long serialVersionUID = 1L;

    /** File beside Spark's metadata that holds the model. */
    public static final String MODEL_FILE = ModelFiles.MODEL_FILE;

    private final String uid;
    private final RegmixParamDefs defs;
    private final transient RegressionMixture mixture;
    private final transient MixtureFit<RegressionMixture> summary;
    private final String file;

    RegmixModel(String uid, RegressionMixture mixture, MixtureFit<RegressionMixture> summary, JsonNode file) {
        this.uid = uid;
        this.defs = new RegmixParamDefs(uid);
        this.mixture = mixture;
        this.summary = summary;
        this.file = ModelJson.toJson(file);
        RegmixParamDefs.setDefaults(this);
    }

    /** A model read from a {@code mlem fit regmix --out} file; its formula becomes the model's. */
    public static RegmixModel fromFile(JsonNode root, String source) {
        return fromFile(Identifiable.randomUID("mlemRegmixModel"), root, source);
    }

    private static RegmixModel fromFile(String uid, JsonNode root, String source) {
        ModelFormat.check(root, source);
        RegmixJson json = RegmixJson.from(root, source);
        if (json.trials() != null) {
            throw new MlemUserException("a binomial mixture with a trials column ('" + json.trials() + "') is not on"
                    + " Spark yet; refit with a cbind(successes, failures) response", source, -1, -1);
        }
        RegmixModel m = new RegmixModel(uid, json.mixture(), null, root);
        m.set(m.defs.formula, json.formula());
        m.set(m.defs.family, json.mixture().family().name());
        return m;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public RegmixParamDefs regmixDefs() {
        return defs;
    }

    /** The fitted mixture (weights, coefficients, sds), usable on one machine. */
    public RegressionMixture mixture() {
        return mixture;
    }

    /** The fit's diagnostics (log-likelihood, trace, iterations, AIC, BIC); null for a loaded model. */
    public MixtureFit<RegressionMixture> summary() {
        return summary;
    }

    /** The model file's text, as {@code mlem fit regmix --out} writes it. */
    public String modelFile() {
        return file;
    }

    public RegmixModel setPredictionCol(String v) {
        return (RegmixModel) set(defs.predictionCol, v);
    }

    public RegmixModel setProbabilityCol(String v) {
        return (RegmixModel) set(defs.probabilityCol, v);
    }

    public RegmixModel setLogLikelihoodCol(String v) {
        return (RegmixModel) set(defs.logLikelihoodCol, v);
    }

    /**
     * The concomitant gating of a fit with {@link Regmix#setConcomitant} (or of a {@code fit regmix
     * --concomitant} file), or null: the rows' weights are then {@link #mixture()}'s; with one,
     * {@link #transform} takes each row's weights from its covariates (the file's columns by name).
     */
    public org.mlem.concomitant.Gating gating() {
        JsonNode root = parse(file);
        return root.has("concomitant") ? org.mlem.io.GatingJson.read(root, "model.json", mixture().components()) : null;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        Dataset<Row> df = dataset.toDF();
        String formula = getFormula();
        GlmSetup setup = new GlmSetup(formula, Arrays.asList(df.columns()), getFamily(), null,
                GlmOptions.DEFAULTS.maxIterations(), GlmOptions.DEFAULTS.epsilon(), null, null);
        org.mlem.concomitant.Gating gating = gating();
        if (gating != null) { // each row's weights come from these columns
            setup.alsoRead(org.mlem.concomitant.ConcomitantDesign.columns(gating.formula(), Arrays.asList(df.columns())));
        }
        java.util.Map<String, List<String>> levels = new java.util.HashMap<>(RegmixJson.from(parse(file), "model.json").levels());
        if (gating != null) {
            levels.putAll(gating.levels());
        }
        FittedLevels.check(df, levels); // a level the fit never saw: one line here, not a failed task
        List<String> used = setup.usedColumns();
        GlmRows reader = GlmRows.of(df.schema(), used, formula);
        int[] at = used.stream().mapToInt(df.schema()::fieldIndex).toArray();
        String json = file;
        boolean pred = !getPredictionCol().isEmpty();
        boolean prob = !getProbabilityCol().isEmpty();
        boolean ll = !getLogLikelihoodCol().isEmpty();
        return df.sparkSession().createDataFrame(df.javaRDD().mapPartitions(
                it -> score(it, json, formula, reader, at, pred, prob, ll)), out);
    }

    /** One partition's rows with their scores appended. */
    private static Iterator<Row> score(Iterator<Row> it, String json, String formula, GlmRows reader, int[] at,
            boolean pred, boolean prob, boolean ll) {
        List<Row> rows = new ArrayList<>();
        it.forEachRemaining(rows::add);
        if (rows.isEmpty()) {
            return rows.iterator();
        }
        RegmixJson model = RegmixJson.from(parse(json), "model.json");
        List<Row> picked = new ArrayList<>();
        for (Row r : rows) {
            Object[] v = new Object[at.length];
            for (int c = 0; c < at.length; c++) {
                v[c] = r.get(at[c]);
            }
            picked.add(RowFactory.create(v));
        }
        Frame frame = reader.frame(reader.cells(picked.iterator()));
        double[][] p;
        double[] lls;
        if (parse(json).has("concomitant")) { // the weights of each row from its covariates (mlem score's code)
            org.mlem.model.FittedConcomitant c = (org.mlem.model.FittedConcomitant) org.mlem.model.ModelKinds.read(
                    parse(json), "model.json");
            p = c.posteriors(frame);
            lls = c.logDensities(frame);
        } else {
            // the file's levels: a partition with fewer of them scores as its rows do in the whole
            RegmixScores s = RegmixScores.of(model.mixture(), formula, null, frame, false, model.levels());
            p = s.probabilities();
            lls = s.rowLogLikelihoods();
        }
        List<Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<Object> v = new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(rows.get(i).toSeq()));
            if (pred) {
                int best = 0;
                for (int j = 1; j < p[i].length; j++) {
                    best = p[i][j] > p[i][best] ? j : best;
                }
                v.add(best);
            }
            if (prob) {
                v.add(Vectors.dense(p[i]));
            }
            if (ll) {
                v.add(lls[i]);
            }
            out.add(RowFactory.create(v.toArray()));
        }
        return out.iterator();
    }

    private static JsonNode parse(String json) {
        try {
            return ModelJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(this, schema);
    }

    static StructType outputSchema(RegmixParams p, StructType schema) {
        Columns.requireAbsent(schema, p.getPredictionCol());
        Columns.requireAbsent(schema, p.getProbabilityCol());
        Columns.requireAbsent(schema, p.getLogLikelihoodCol());
        return MixtureScorer.outputSchema(schema, p.getPredictionCol(), p.getProbabilityCol(), p.getLogLikelihoodCol());
    }

    @Override
    public RegmixModel copy(ParamMap extra) {
        RegmixModel c = new RegmixModel(uid, mixture, summary, parse(file));
        return copyValues(c, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** Reads a model saved by {@link #write()}. */
    public static MLReader<RegmixModel> read() {
        return new Reader();
    }

    public static RegmixModel load(String path) {
        return read().load(path);
    }

    private static final class Writer extends MLWriter {
        private final RegmixModel model;

        Writer(RegmixModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            ModelFiles.save(model, model.file, path, sparkSession());
        }
    }

    private static final class Reader extends MLReader<RegmixModel> {
        @Override
        public RegmixModel load(String path) {
            DefaultParamsReader.Metadata meta = ModelFiles.metadata(path, sparkSession(), RegmixModel.class.getName());
            RegmixModel model = fromFile(meta.uid(), ModelFiles.read(path, sparkSession()), ModelFiles.location(path));
            meta.getAndSetParams(model, meta.getAndSetParams$default$2());
            return model;
        }
    }
}
