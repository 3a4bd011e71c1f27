package org.mlem.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlem.MlemUserException;
import org.mlem.dist.Distribution;
import org.mlem.dist.FittedDistribution;
import org.mlem.io.ModelFormat;
import org.mlem.io.ModelJson;
import org.mlem.io.OneShotJson;
import org.mlem.survival.CensoredFit;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.Truncation;

/**
 * A distribution fitted by {@link DistFit}, as a Spark ML {@link Model}. {@link #transform} appends
 * each row's log density (log mass for a count family) under the fitted distribution; a null or
 * non-finite value gets null. Saved as Spark's parameter metadata plus {@code model.json}: the file
 * {@code mlem fit dist --out} writes, which {@code mlem score} and {@code sample} read.
 */
public final class DistFitModel extends Model<DistFitModel> implements DistFitParams, MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final DistFitParamDefs defs;
    private final transient FittedDistribution summary;
    private final String file;
    private final long dropped;

    DistFitModel(String uid, ObjectNode file, FittedDistribution summary, long dropped) {
        this.uid = uid;
        this.defs = new DistFitParamDefs(uid);
        this.summary = summary;
        this.file = ModelJson.toJson(file);
        this.dropped = dropped;
        DistFitParamDefs.setDefaults(this);
        OneShotJson.dist(file, "the fitted model"); // a file score could not read stops here
    }

    /** A model read from a model file of {@code mlem fit dist --out}. */
    public static DistFitModel fromFile(JsonNode root, String source) {
        return fromFile(Identifiable.randomUID("mlemDistFitModel"), root, source);
    }

    private static DistFitModel fromFile(String uid, JsonNode root, String source) {
        ModelFormat.check(root, source);
        if (!(root instanceof ObjectNode o) || !"distribution".equals(root.path("model").asText())) {
            throw new MlemUserException("not a distribution model file (its 'model' is '" + root.path("model").asText()
                    + "'); give a file of mlem fit dist --out", source, -1, -1);
        }
        OneShotJson.Dist d = OneShotJson.dist(root, source);
        DistFitModel m = new DistFitModel(uid, o, null, 0);
        m.set(m.family(), root.path("family").asText());
        m.set(m.inputCol(), d.column());
        return m;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public DistFitParamDefs distDefs() {
        return defs;
    }

    /**
     * The fit as {@code mlem fit dist} reports it (estimates, standard errors, log-likelihood, AIC,
     * BIC; the Kolmogorov–Smirnov statistic is NaN on Spark); null for a loaded model.
     */
    public FittedDistribution summary() {
        return summary;
    }

    /** Rows dropped as invalid ({@code handleInvalid=skip}). */
    public long droppedRows() {
        return dropped;
    }

    /** The model file's text, as {@code mlem fit dist --out} writes it. */
    public String modelFile() {
        return file;
    }

    /** The fitted distribution, usable on one machine. */
    public Distribution distribution() {
        return read(file).distribution();
    }

    public DistFitModel setInputCol(String v) {
        return (DistFitModel) set(inputCol(), v);
    }

    public DistFitModel setLogLikelihoodCol(String v) {
        return (DistFitModel) set(logLikelihoodCol(), v);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        if (getLogLikelihoodCol().isEmpty()) {
            return dataset.toDF();
        }
        OneShotJson.Dist file = read(this.file);
        Distribution d = file.distribution();
        Truncation t = file.truncation();
        Column in = dataset.col(getInputCol());
        UserDefinedFunction logDensity;
        if (DistFit.isVector(dataset.schema(), getInputCol())) {
            logDensity = functions.udf((UDF1<Vector, Double>) v -> v == null || v.size() != 1 ? null
                    : logDensity(d, t, v.apply(0)), DataTypes.DoubleType);
        } else {
            in = in.cast("double");
            logDensity = functions.udf((UDF1<Double, Double>) x -> x == null ? null : logDensity(d, t, x),
                    DataTypes.DoubleType);
        }
        return dataset.withColumn(getLogLikelihoodCol(), logDensity.apply(in));
    }

    /** log f(x), less log(F(B) − F(A)) under truncation to [A, B]; null for a non-finite x or one outside [A, B]. */
    private static Double logDensity(Distribution d, Truncation t, double x) {
        if (!Double.isFinite(x)) {
            return null;
        }
        if (!t.truncates()) {
            return d.logDensity(x);
        }
        try {
            return CensoredFit.rowLogLikelihoods(d, CensoredSample.exact(new double[] {x}, null), t)[0];
        } catch (MlemUserException outside) {
            return null;
        }
    }

    private static OneShotJson.Dist read(String text) {
        try {
            return OneShotJson.dist(ModelJson.mapper().readTree(text), "the model");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(this, schema);
    }

    static StructType outputSchema(DistFitParams p, StructType schema) {
        if (p.getInputCol() != null && !DistFit.isVector(schema, p.getInputCol())) {
            Columns.requireNumeric(schema, p.getInputCol(), "input");
        }
        Columns.requireAbsent(schema, p.getLogLikelihoodCol());
        return p.getLogLikelihoodCol().isEmpty() ? schema : schema.add(p.getLogLikelihoodCol(), DataTypes.DoubleType, true);
    }

    @Override
    public DistFitModel copy(ParamMap extra) {
        return copyValues(new DistFitModel(uid, ModelFiles.tree(file), summary, dropped), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return ModelFiles.writer(this, file);
    }

    /** Reads a model saved by {@link #write()}. */
    public static MLReader<DistFitModel> read() {
        return ModelFiles.reader(DistFitModel.class, DistFitModel::fromFile);
    }

    public static DistFitModel load(String path) {
        return read().load(path);
    }
}
