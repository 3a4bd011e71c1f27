package org.mlem.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.MixtureFit;

/**
 * A fitted Gaussian mixture as a Spark ML {@link Model}. {@link #transform} appends the most
 * probable component ({@code predictionCol}, int), the component probabilities
 * ({@code probabilityCol}, vector) and the row's log density ({@code logLikelihoodCol}, natural
 * log). Saved as Spark's parameter metadata plus {@code mixture.json}, mlem's own description of
 * the mixture.
 */
public final class GaussianMixtureModel extends Model<GaussianMixtureModel>
        implements GaussianMixtureParams, MLWritable {
    private static final long serialVersionUID = 1L;

    /** File beside Spark's metadata that holds the mixture. */
    public static final String MIXTURE_FILE = "mixture.json";

    private final String uid;
    private final ParamDefs defs;
    private final org.mlem.gmm.GaussianMixture mixture;
    private final transient MixtureFit<org.mlem.gmm.GaussianMixture> summary;
    private final transient List<DegenerateComponent> degenerate;
    private final long droppedRows;

    GaussianMixtureModel(String uid, org.mlem.gmm.GaussianMixture mixture,
            MixtureFit<org.mlem.gmm.GaussianMixture> summary, List<DegenerateComponent> degenerate, long droppedRows) {
        this.uid = uid;
        this.defs = new ParamDefs(uid);
        this.mixture = mixture;
        this.summary = summary;
        this.degenerate = degenerate;
        this.droppedRows = droppedRows;
        ParamDefs.setDefaults(this);
    }

    /** A model around given parameters (for scoring with a mixture fitted elsewhere). */
    public GaussianMixtureModel(org.mlem.gmm.GaussianMixture mixture) {
        this(Identifiable.randomUID("mlemGaussianMixtureModel"), mixture, null, null, 0);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public ParamDefs paramDefs() {
        return defs;
    }

    /** The fitted mixture (immutable; usable with mlem's single-machine API). */
    public org.mlem.gmm.GaussianMixture mixture() {
        return mixture;
    }

    /**
     * The fit's diagnostics: log-likelihood, trace, iterations, convergence, every start's final
     * log-likelihood, AIC and BIC; null for a loaded model or one built from parameters.
     */
    public MixtureFit<org.mlem.gmm.GaussianMixture> summary() {
        return summary;
    }

    /**
     * The fitted mixture's components that the rows do not support (a component on a few rows, at
     * the regCovar floor or a likelihood spike: {@link org.mlem.gmm.Degeneracy}), as {@code mlem fit
     * gmm} names them; empty when none. Available with {@link #summary()}.
     *
     * @throws IllegalStateException for a model not fitted in this session
     */
    public List<DegenerateComponent> degenerateComponents() {
        if (degenerate == null) {
            throw new IllegalStateException("no fit summary: the model was loaded or built from parameters");
        }
        return degenerate;
    }

    /** Whether {@link #summary()} is available. */
    public boolean hasSummary() {
        return summary != null;
    }

    /** Rows dropped for invalid features when fitting with {@code handleInvalid="skip"}. */
    public long droppedRows() {
        return droppedRows;
    }

    public GaussianMixtureModel setFeaturesCol(String v) {
        return (GaussianMixtureModel) set(featuresCol(), v);
    }

    public GaussianMixtureModel setPredictionCol(String v) {
        return (GaussianMixtureModel) set(predictionCol(), v);
    }

    public GaussianMixtureModel setProbabilityCol(String v) {
        return (GaussianMixtureModel) set(probabilityCol(), v);
    }

    public GaussianMixtureModel setLogLikelihoodCol(String v) {
        return (GaussianMixtureModel) set(logLikelihoodCol(), v);
    }

    public GaussianMixtureModel setHandleInvalid(String v) {
        return (GaussianMixtureModel) set(handleInvalid(), v);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        Dataset<Row> df = dataset.toDF();
        MixtureScorer scorer = new MixtureScorer(mixture, df.schema().fieldIndex(getFeaturesCol()), getFeaturesCol(),
                !getPredictionCol().isEmpty(), !getProbabilityCol().isEmpty(), !getLogLikelihoodCol().isEmpty(),
                "skip".equals(getHandleInvalid()));
        return df.sparkSession().createDataFrame(df.javaRDD().mapPartitionsWithIndex(scorer::score, true), out);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Columns.requireVector(schema, getFeaturesCol(), "features");
        return outputSchema(this, schema);
    }

    static StructType outputSchema(GaussianMixtureParams p, StructType schema) {
        Columns.requireAbsent(schema, p.getPredictionCol());
        Columns.requireAbsent(schema, p.getProbabilityCol());
        Columns.requireAbsent(schema, p.getLogLikelihoodCol());
        return MixtureScorer.outputSchema(schema, p.getPredictionCol(), p.getProbabilityCol(), p.getLogLikelihoodCol());
    }

    @Override
    public GaussianMixtureModel copy(ParamMap extra) {
        GaussianMixtureModel c = new GaussianMixtureModel(uid, mixture, summary, degenerate, droppedRows);
        return copyValues(c, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** Reads a model saved by {@link #write()}. */
    public static MLReader<GaussianMixtureModel> read() {
        return new Reader();
    }

    public static GaussianMixtureModel load(String path) {
        return read().load(path);
    }

    private static final class Writer extends MLWriter {
        private final GaussianMixtureModel model;

        Writer(GaussianMixtureModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(model, path, sparkSession());
            Path file = new Path(path, MIXTURE_FILE);
            try (OutputStream out = file.getFileSystem(sc().hadoopConfiguration()).create(file, true)) {
                MixtureJson.write(model.mixture, model.summary, model.degenerate, out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }

    private static final class Reader extends MLReader<GaussianMixtureModel> {
        @Override
        public GaussianMixtureModel load(String path) {
            DefaultParamsReader.Metadata meta = DefaultParamsReader.loadMetadata(path, sparkSession(),
                    GaussianMixtureModel.class.getName());
            Path file = new Path(path, MIXTURE_FILE);
            org.mlem.gmm.GaussianMixture mixture;
            try (InputStream in = FileSystem.get(file.toUri(), sc().hadoopConfiguration()).open(file)) {
                mixture = MixtureJson.read(in, file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            GaussianMixtureModel model = new GaussianMixtureModel(meta.uid(), mixture, null, null, 0);
            meta.getAndSetParams(model, meta.getAndSetParams$default$2());
            return model;
        }
    }
}
