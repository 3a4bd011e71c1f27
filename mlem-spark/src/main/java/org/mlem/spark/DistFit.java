package org.mlem.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
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
import org.mlem.dist.Distribution;
import org.mlem.dist.Families;
import org.mlem.dist.FittedDistribution;
import org.mlem.dist.PartitionedDist;
import org.mlem.dist.UnivariateFamily;
import org.mlem.io.FitJson;
import org.mlem.io.ModelFormat;
import scala.Tuple2;

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

    public DistFit setKsStatistic(boolean v) {
        return (DistFit) set(ksStatistic(), v);
    }

    public DistFit setStatusCol(String v) {
        return (DistFit) set(statusCol(), v);
    }

    public DistFit setUpperCol(String v) {
        return (DistFit) set(upperCol(), v);
    }

    public DistFit setTruncateBelow(double v) {
        return (DistFit) set(truncateBelow(), v);
    }

    public DistFit setTruncateAbove(double v) {
        return (DistFit) set(truncateAbove(), v);
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
        if (CensoredDistFit.wanted(this)) {
            return CensoredDistFit.fit(this, dataset, family, t0);
        }
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
            PartitionedDist.Passes<PartitionedDist.Part> passes = (f, summed) -> reduce(data, getAggregationDepth(),
                    part -> f.of(new PartitionedDist.Part(part.values(), part.weightsOrNull())), summed);
            int sampleRows = getInitSampleRows();
            long seed = getSeed();
            FittedDistribution fit = PartitionedDist.fit(family, passes, () -> {
                DataMatrix sample = data.sample(sampleRows, seed);
                return new PartitionedDist.Part(sample.values(), sample.hasWeights() ? weightsOf(sample) : null);
            });
            if (getKsStatistic()) {
                fit = withKs(fit, data, 1);
            }
            double fitSeconds = (System.nanoTime() - t1) * 1e-9;
            List<String> columns = new ArrayList<>(List.of(input));
            if (weights != null) {
                columns.add(weights);
            }
            ObjectNode json = FitJson.distribution(fit, family.name(), rowCount(data), columns, readSeconds, fitSeconds);
            return model(this, json, fit, data.droppedRows());
        }
    }

    /**
     * {@code mlem select dist} on the cluster: every family of {@code families} (null: the defaults of
     * {@code kind}, or of the data's kind when {@code kind} is null: counts when every value is a whole
     * number &ge; 0) fitted to {@code inputCol} as {@link #fit} fits it, with fitdistrplus's
     * goodness-of-fit statistics, ranked by {@code criterion} ({@code bic} or {@code aic}, lower is
     * better) as the command line ranks them. Weights, censoring and truncation are refused, as by
     * {@code select dist}.
     *
     * @param kind {@code continuous}, {@code discrete} or null
     * @throws MlemUserException as {@code select dist}: no family could be fitted, an unknown family,
     *     families of both kinds
     */
    public DistFitSelection select(Dataset<?> dataset, List<String> families, String kind, String criterion) {
        return DistSelection.select(this, dataset, families, kind, criterion);
    }

    /** A function of one partition's cached rows; runs where they are. */
    @FunctionalInterface
    interface BlockSums extends Serializable {
        double[] of(RowBlocks part);
    }

    /** {@code f} of every partition, merged along the fixed tree: entries {@code [0, summed)} added, the rest by maximum. */
    static double[] reduce(DistributedData data, int depth, BlockSums f, int summed) {
        return data.blocks().treeAggregate(new FixedTreeMerge<MergedSums>(data.partitions()),
                (tree, part) -> tree.add(part.partition(), new MergedSums(f.of(part), summed), 0),
                FixedTreeMerge::combine, depth).result().stats().values();
    }

    /** The rows, as a model file counts them. */
    static int rowCount(DistributedData data) {
        if (data.rows() > Integer.MAX_VALUE) {
            throw new MlemUserException(data.rows() + " rows: a distribution's model file counts at most "
                    + Integer.MAX_VALUE + "; fit a sample");
        }
        return (int) data.rows();
    }

    /** The model of {@code est}'s fit, its file {@code json}. */
    static DistFitModel model(DistFit est, ObjectNode json, FittedDistribution fit, long dropped) {
        DistFitModel model = new DistFitModel(est.uid(), ModelFormat.fileOf(json), fit, dropped);
        return est.copyValues(model, ParamMap.empty()).setParent(est);
    }

    /** {@code fit} with the Kolmogorov–Smirnov statistic of a continuous family (the value is each row's first of {@code cols}). */
    static FittedDistribution withKs(FittedDistribution fit, DistributedData data, int cols) {
        if (fit.distribution().family().isDiscrete()) {
            return fit;
        }
        return new FittedDistribution(fit.distribution(), fit.logLikelihood(), fit.n(), fit.nParameters(),
                fit.covariance(), ksStatistic(data, fit.distribution(), fit.n(), cols));
    }

    /**
     * {@code fit dist}'s Kolmogorov–Smirnov statistic of {@code d} over every row: the values sorted
     * across the partitions ({@code sortByKey}, which keeps equal values in one partition), each
     * partition's row count and weight (one job) for the weight before it, then each partition's
     * largest distance ({@link PartitionedDist#ksStatistic}). When every row weighs the same the
     * empirical cdf counts rows, as on one machine (its bits); else the weight before a partition is
     * summed over partitions rather than row by row.
     */
    private static double ksStatistic(DistributedData data, Distribution d, double total, int cols) {
        JavaPairRDD<Double, Double> sorted = data.blocks().flatMapToPair(part -> {
            double[] x = part.values();
            List<Tuple2<Double, Double>> out = new ArrayList<>(part.rows());
            for (int i = 0; i < part.rows(); i++) {
                out.add(new Tuple2<>(x[i * cols] + 0.0, part.weight(i))); // + 0.0: -0.0 and 0.0 are one tie group
            }
            return out.iterator();
        }).sortByKey(true, data.partitions());
        // per partition: its index, rows, weight, smallest and largest weight
        List<double[]> sizes = new ArrayList<>(sorted.mapPartitionsWithIndex((p, it) -> {
            double[] s = {p, 0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            while (it.hasNext()) {
                double w = it.next()._2();
                s[1]++;
                s[2] += w;
                s[3] = Math.min(s[3], w);
                s[4] = Math.max(s[4], w);
            }
            return List.of(s).iterator();
        }, true).collect());
        sizes.sort(java.util.Comparator.comparingDouble(s -> s[0]));
        double lightest = Double.POSITIVE_INFINITY;
        double heaviest = Double.NEGATIVE_INFINITY;
        double rows = 0;
        for (double[] s : sizes) {
            lightest = Math.min(lightest, s[3]);
            heaviest = Math.max(heaviest, s[4]);
            rows += s[1];
        }
        boolean counts = lightest == heaviest;
        double[] before = new double[sizes.size()];
        double cum = 0;
        for (int p = 0; p < before.length; p++) {
            before[p] = cum;
            cum += sizes.get(p)[counts ? 1 : 2];
        }
        double n = counts ? rows : total;
        return sorted.mapPartitionsWithIndex((p, it) -> {
            PartitionScan.Doubles x = new PartitionScan.Doubles();
            PartitionScan.Doubles w = new PartitionScan.Doubles();
            while (it.hasNext()) {
                Tuple2<Double, Double> t = it.next();
                x.add(t._1());
                w.add(t._2());
            }
            return List.of(PartitionedDist.ksStatistic(d, x.toArray(), counts ? null : w.toArray(), before[p], n))
                    .iterator();
        }, true).collect().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static double[] weightsOf(DataMatrix m) {
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
