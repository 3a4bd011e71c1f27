package org.mlem.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.io.ModelFormat;
import org.mlem.io.ModelJson;
import org.mlem.io.MvnJson;
import org.mlem.missing.MvnFit;
import org.mlem.missing.MvnMissingEstimator;
import org.mlem.missing.MvnParameters;
import org.mlem.uncertainty.BootstrapResult;
import org.mlem.uncertainty.ParameterEstimates;

/**
 * A multivariate normal fitted by {@link Mvn}, as a Spark ML {@link Model}. {@link #transform}
 * appends each row's features with its missing cells replaced by their conditional means given its
 * observed cells ({@code mlem fit mvn --impute}'s values). Saved as Spark's parameter metadata plus
 * {@code model.json}: the file {@code mlem fit mvn --out} writes, which {@code fit mvn --init},
 * {@code score} and {@code sample} read.
 */
public final class MvnModel extends Model<MvnModel> implements MvnParams, MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final MvnParamDefs defs;
    private final transient MvnFit summary;
    private final String file;
    private transient ParameterEstimates standardErrors;
    private transient BootstrapResult bootstrap;

    MvnModel(String uid, ObjectNode file, MvnFit summary) {
        this.uid = uid;
        this.defs = new MvnParamDefs(uid);
        this.summary = summary;
        this.file = ModelJson.toJson(file);
        MvnParamDefs.setDefaults(this);
        MvnJson.from(file, "the fitted model"); // a file the CLI could not read stops here
    }

    /** A model read from a model file of {@code mlem fit mvn --out}. */
    public static MvnModel fromFile(JsonNode root, String source) {
        return fromFile(Identifiable.randomUID("mlemMvnModel"), root, source);
    }

    private static MvnModel fromFile(String uid, JsonNode root, String source) {
        ModelFormat.check(root, source);
        if (!(root instanceof ObjectNode o) || !"mvn".equals(root.path("model").asText())) {
            throw new MlemUserException("not a multivariate normal model file (its 'model' is '"
                    + root.path("model").asText() + "'); give a file of mlem fit mvn --out", source, -1, -1);
        }
        return new MvnModel(uid, o, null);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public MvnParamDefs mvnDefs() {
        return defs;
    }

    /** The fit as {@code mlem fit mvn} reports it (log-likelihood, trace, iterations, ...); null for a loaded model. */
    public MvnFit summary() {
        return summary;
    }

    /**
     * The standard errors asked for ({@code standardErrors} or {@code bootstrap}), in {@code fit mvn}'s
     * layout ({@code mean[x1]}, ..., {@code cov[x1,x1]}, ...); null when none were or for a loaded
     * model (its {@code model.json} has them).
     */
    public ParameterEstimates estimates() {
        return standardErrors;
    }

    /** The bootstrap's replicates and intervals; null without {@code bootstrap} or for a loaded model. */
    public BootstrapResult bootstrapResult() {
        return bootstrap;
    }

    MvnModel withStandardErrors(ParameterEstimates errors, BootstrapResult replicates) {
        this.standardErrors = errors;
        this.bootstrap = replicates;
        return this;
    }

    /** The model file's text, as {@code mlem fit mvn --out} writes it. */
    public String modelFile() {
        return file;
    }

    /** The fitted mean and covariance. */
    public MvnParameters parameters() {
        try {
            return MvnJson.from(ModelJson.mapper().readTree(file), "the model").parameters();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MvnModel setFeaturesCol(String v) {
        return (MvnModel) set(featuresCol(), v);
    }

    public MvnModel setImputedCol(String v) {
        return (MvnModel) set(imputedCol(), v);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        if (getImputedCol().isEmpty()) {
            return dataset.toDF();
        }
        MvnParameters p = parameters();
        int d = p.dimension();
        UDF1<Vector, Vector> impute = v -> {
            if (v == null || v.size() != d) {
                return null;
            }
            DataMatrix row = DataMatrix.of(v.toArray(), 1, d, null);
            return Vectors.dense(MvnMissingEstimator.impute(p, row).values());
        };
        return dataset.withColumn(getImputedCol(), functions.udf(impute, SQLDataTypes.VectorType())
                .apply(dataset.col(getFeaturesCol())));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(this, schema);
    }

    static StructType outputSchema(MvnParams p, StructType schema) {
        Columns.requireVector(schema, p.getFeaturesCol(), "features");
        Columns.requireAbsent(schema, p.getImputedCol());
        return p.getImputedCol().isEmpty() ? schema : schema.add(p.getImputedCol(), SQLDataTypes.VectorType(), true);
    }

    @Override
    public MvnModel copy(ParamMap extra) {
        return copyValues(new MvnModel(uid, ModelFiles.tree(file), summary).withStandardErrors(standardErrors, bootstrap),
                extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return ModelFiles.writer(this, file);
    }

    /** Reads a model saved by {@link #write()}. */
    public static MLReader<MvnModel> read() {
        return ModelFiles.reader(MvnModel.class, MvnModel::fromFile);
    }

    public static MvnModel load(String path) {
        return read().load(path);
    }
}
