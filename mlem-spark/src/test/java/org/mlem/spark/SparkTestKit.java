package org.mlem.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlem.data.DataMatrix;

/** One local[2] SparkSession for every test of the module, and Datasets that keep row order. */
final class SparkTestKit {
    private SparkTestKit() {}

    private static SparkSession session;

    /**
     * The session: UI off, two shuffle partitions, and no generated code ({@code wholeStage} off,
     * {@code factoryMode NO_CODEGEN}: expressions interpreted) nor adaptive execution. The tests'
     * Datasets are a few thousand rows at most, and compiling each query's Java source (Janino) was
     * an eighth of the test JVM's samples (docs/benchmarks.md, "CI time (session 17)"); the
     * interpreted path is Spark's own and gives the same rows. {@link ClusterIT}'s sessions keep
     * Spark's defaults.
     */
    static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("mlem-spark-tests")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.codegen.wholeStage", "false").config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
                    .config("spark.sql.adaptive.enabled", "false")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }

    /** What a run returned and the Spark jobs it started. */
    record Counted<T>(T value, int jobs) {
    }

    /**
     * {@code run}'s answer and the jobs it started, counted by a job group set on this thread (so
     * the jobs of a test class running beside it are not counted), once the listener bus has
     * delivered them.
     */
    static <T> Counted<T> countJobs(java.util.function.Supplier<T> run) {
        org.apache.spark.SparkContext sc = spark().sparkContext();
        String group = "mlem-count-" + java.util.UUID.randomUUID();
        sc.setJobGroup(group, "counted", false);
        try {
            T value = run.get();
            try {
                sc.listenerBus().waitUntilEmpty();
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(e);
            }
            return new Counted<>(value, sc.statusTracker().getJobIdsForGroup(group).length);
        } finally {
            sc.clearJobGroup();
        }
    }

    /** The two-component Gaussian mixture of mlem-core's model-file fixtures ({@code fixtures/kinds/gmm.json}). */
    static org.mlem.gmm.GaussianMixture fixtureMixture() {
        try {
            com.fasterxml.jackson.databind.JsonNode root = org.mlem.io.ModelJson.mapper().readTree(java.nio.file.Files
                    .readString(java.nio.file.Path.of("../mlem-core/src/test/resources/fixtures/kinds/gmm.json")));
            return ((org.mlem.model.FittedGmm) org.mlem.model.ModelKinds.read(root, "gmm")).mixture();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * {@code data} as a Dataset in {@code partitions} contiguous slices, row order kept: column
     * {@code features} (vectors), plus {@code weight} and {@code label} (null for latent) when the
     * matrix has them.
     */
    static Dataset<Row> frame(DataMatrix data, int partitions) {
        return frame(spark(), data, partitions);
    }

    /** As {@link #frame(DataMatrix, int)}, in a given session (a standalone cluster's). */
    static Dataset<Row> frame(SparkSession session, DataMatrix data, int partitions) {
        StructType schema = new StructType().add("features", new VectorUDT(), true);
        if (data.hasWeights()) {
            schema = schema.add("weight", DataTypes.DoubleType, true);
        }
        if (data.hasLabels()) {
            schema = schema.add("label", DataTypes.IntegerType, true);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < data.rows(); i++) {
            List<Object> v = new ArrayList<>();
            v.add(Vectors.dense(data.row(i)));
            if (data.hasWeights()) {
                v.add(data.weight(i));
            }
            if (data.hasLabels()) {
                v.add(data.label(i) < 0 ? null : data.label(i));
            }
            rows.add(RowFactory.create(v.toArray()));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
        return session.createDataFrame(jsc.parallelize(rows, partitions), schema);
    }

    /** Rows in {@code partitions} contiguous slices, order kept. */
    static Dataset<Row> frame(List<Row> rows, StructType schema, int partitions) {
        return frame(spark(), rows, schema, partitions);
    }

    /** As {@link #frame(List, StructType, int)}, in a given session (a standalone cluster's). */
    static Dataset<Row> frame(SparkSession session, List<Row> rows, StructType schema, int partitions) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
        return session.createDataFrame(jsc.parallelize(rows, partitions), schema);
    }

    /** Rows given as cells (one array per row, {@code schema}'s order) in {@code partitions} contiguous slices. */
    static Dataset<Row> cellsFrame(List<Object[]> cells, StructType schema, int partitions) {
        return frame(spark(), cells.stream().map(RowFactory::create).toList(), schema, partitions);
    }

    /** The one-line message of the user error {@code fit} raises (it must raise one). */
    static String userMessage(Runnable fit) {
        try {
            fit.run();
        } catch (org.mlem.MlemUserException e) {
            return e.getMessage();
        }
        throw new AssertionError("the single machine accepted the rows");
    }

    /**
     * The same rows as mlem-core's frame (the CLI reads a CSV of them so): string fields of
     * {@code schema} as text (factors), the rest as numbers.
     */
    static org.mlem.formula.Frame coreFrame(List<Object[]> cells, StructType schema) {
        org.mlem.formula.Frame.Builder b = org.mlem.formula.Frame.builder();
        String[] names = schema.fieldNames();
        for (int c = 0; c < names.length; c++) {
            int col = c;
            if (schema.fields()[c].dataType().equals(DataTypes.StringType)) {
                b.text(names[c], cells.stream().map(v -> (String) v[col]).toArray(String[]::new));
            } else {
                b.numeric(names[c], cells.stream().mapToDouble(v -> ((Number) v[col]).doubleValue()).toArray());
            }
        }
        return b.build();
    }

    /** {@code |a_i − b_i| <= rtol · max_j |b_j|} for every i: agreement relative to the array's scale. */
    static double relativeError(double[] a, double[] b) {
        double scale = 0;
        double err = 0;
        for (int i = 0; i < b.length; i++) {
            scale = Math.max(scale, Math.abs(b[i]));
            err = Math.max(err, Math.abs(a[i] - b[i]));
        }
        return err / scale;
    }

    /** Rows of a matrix, concatenated. */
    static double[] flatten(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
