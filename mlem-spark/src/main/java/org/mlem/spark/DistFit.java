package org.mlem.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.dist.FittedDistribution;
import org.mlem.dist.PartitionedDist;
import org.mlem.dist.UnivariateFamily;
import org.mlem.io.FitJson;
import org.mlem.io.ModelFormat;

/**
 * One univariate distribution fitted by maximum likelihood over a Dataset's column, as
 * {@code mlem fit dist} fits it on one machine (mlem-core's {@link PartitionedDist}): the families
 * with sufficient statistics take them in one or two passes, the others run Newton's method with
 * one pass per step. Each partition's sums are merged along a fixed tree of the partitions. Bad
 * rows stop the fit on the driver, named by their 1-based row in the Dataset's order.
 */
public final class DistFit extends Estimator<DistFitModel> implements DistFitParams, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final DistFitParamDefs defs;

    public DistFit() {
        this(Identifiable.randomUID("mlemDistFit"));
    }

    public DistFit(String uid) {
        this.uid = uid;
        this.defs = new DistFitParamDefs(uid);
        DistFitParamDefs.setDefaults(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public DistFitParamDefs distDefs() {
        return defs;
    }

    public DistFit setFamily(String v) {
        return (DistFit) set(family(), v);
    }

    public DistFit setInputCol(String v) {
        return (DistFit) set(inputCol(), v);
    }

    public DistFit setWeightCol(String v) {
        return (DistFit) set(weightCol(), v);
    }

    public DistFit setHandleInvalid(String v) {
        return (DistFit) set(handleInvalid(), v);
    }

    public DistFit setAggregationDepth(int v) {
        return (DistFit) set(aggregationDepth(), v);
    }

    public DistFit setInitSampleRows(int v) {
        return (DistFit) set(initSampleRows(), v);
    }

    public DistFit setSeed(long v) {
        return (DistFit) set(seed(), v);
    }

    public DistFit setLogLikelihoodCol(String v) {
        return (DistFit) set(logLikelihoodCol(), v);
    }

    @Override
    public DistFitModel fit(Dataset<?> dataset) {
        long t0 = System.nanoTime();
        if (getFamily() == null) {
            throw new MlemUserException("family is not set; set it, e.g. setFamily(\"gamma\")");
        }
        if (getInputCol() == null) {
            throw new MlemUserException("inputCol is not set; set it to the column of values to fit");
        }
        UnivariateFamily family = Families.byName(getFamily());
        String input = getInputCol();
        String weights = getWeightCol();
        Columns.requireNumeric(dataset.schema(), weights, "weight");
        try (DistributedData data = DistributedData.read(asVectors(dataset, input), input, weights, null, 1,
                new PartitionScan(input, weights, null, 1, getHandleInvalid().equals("skip"), false,
                        "the " + family.name() + " family", false))) {
            if (data.cols() != 1) {
                throw new MlemUserException("column '" + input + "' holds vectors of " + data.cols() + " values; a"
                        + " distribution fits one value a row: give a numeric column or vectors of one value");
            }
            data.check(rows -> {
                double[] x = rows.values();
                for (int i = 0; i < x.length; i++) {
                    String fault = family.supportFault(x[i]);
                    if (fault != null) {
                        return new RowCheck.Fault(i, ", column '" + input + "': " + fault);
                    }
                }
                return null;
            });
            double readSeconds = (System.nanoTime() - t0) * 1e-9;
            long t1 = System.nanoTime();
            int leaves = data.partitions();
            int depth = getAggregationDepth();
            PartitionedDist.Passes passes = (f, summed) -> data.blocks().treeAggregate(
                    new FixedTreeMerge<MergedSums>(leaves), (tree, part) -> tree.add(part.partition(),
                            new MergedSums(f.of(new PartitionedDist.Part(part.values(), part.weightsOrNull())), summed), 0),
                    FixedTreeMerge::combine, depth).result().stats().values();
            int sampleRows = getInitSampleRows();
            long seed = getSeed();
            FittedDistribution fit = PartitionedDist.fit(family, passes, () -> {
                DataMatrix sample = data.sample(sampleRows, seed);
                return new PartitionedDist.Part(sample.values(), sample.hasWeights() ? weightsOf(sample) : null);
            });
            double fitSeconds = (System.nanoTime() - t1) * 1e-9;
            List<String> columns = new ArrayList<>(List.of(input));
            if (weights != null) {
                columns.add(weights);
            }
            if (data.rows() > Integer.MAX_VALUE) {
                throw new MlemUserException(data.rows() + " rows: a distribution's model file counts at most "
                        + Integer.MAX_VALUE + "; fit a sample");
            }
            ObjectNode json = FitJson.distribution(fit, family.name(), (int) data.rows(), columns, readSeconds, fitSeconds);
            DistFitModel model = new DistFitModel(uid, ModelFormat.fileOf(json), fit, data.droppedRows());
            return copyValues(model, ParamMap.empty()).setParent(this);
        }
    }

    private static double[] weightsOf(DataMatrix m) {
        double[] w = new double[m.rows()];
        for (int i = 0; i < w.length; i++) {
            w[i] = m.weight(i);
        }
        return w;
    }

    /** The Dataset with {@code input} as vectors of one value (kept when already vectors), nulls kept null. */
    static Dataset<Row> asVectors(Dataset<?> dataset, String input) {
        if (isVector(dataset.schema(), input)) {
            return dataset.toDF();
        }
        Columns.requireNumeric(dataset.schema(), input, "input");
        Column c = dataset.col(input);
        Column v = functions.when(c.isNull(), functions.lit(null))
                .otherwise(org.apache.spark.ml.functions.array_to_vector(functions.array(c.cast("double"))));
        return dataset.withColumn(input, v);
    }

    /** Whether {@code schema} has a column {@code name} of vectors. */
    static boolean isVector(StructType schema, String name) {
        return java.util.Arrays.asList(schema.fieldNames()).contains(name)
                && schema.apply(name).dataType() instanceof VectorUDT;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return DistFitModel.outputSchema(this, schema);
    }

    @Override
    public DistFit copy(ParamMap extra) {
        return (DistFit) defaultCopy(extra);
    }

    /** Reads an estimator saved by {@link #write()}. */
    public static MLReader<DistFit> read() {
        return new DefaultParamsReader<>();
    }

    public static DistFit load(String path) {
        return read().load(path);
    }
}
