package org.mlem.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;

/**
 * A Dataset read once into cached {@link RowBlocks} (one per partition) and checked on the
 * driver: every problem row is reported with its 1-based number in the Dataset's order, so the
 * message is the same whatever the partitioning.
 */
public final class DistributedData implements AutoCloseable {
    private final JavaRDD<RowBlocks> blocks;
    private final List<PartitionSummary> summaries;
    private final long[] offsets; // kept rows before each partition
    private final long rows;
    private final int cols;
    private final double totalWeight;
    private final long latentRows;
    private final long dropped;
    private final boolean hasWeights;

    private DistributedData(JavaRDD<RowBlocks> blocks, List<PartitionSummary> summaries, int cols) {
        this(blocks, summaries, cols, Double.NaN);
    }

    /** {@code total} the rows' total weight, NaN for the summaries' sum. */
    private DistributedData(JavaRDD<RowBlocks> blocks, List<PartitionSummary> summaries, int cols, double total) {
        this.blocks = blocks;
        this.summaries = summaries;
        this.cols = cols;
        this.offsets = new long[summaries.size()];
        long n = 0;
        long latent = 0;
        long drop = 0;
        double sum = 0;
        for (PartitionSummary s : summaries) {
            offsets[s.partition()] = n;
            n += s.keptRows();
            latent += s.latentRows();
            drop += s.dropped();
            sum += s.totalWeight();
        }
        this.rows = n;
        this.latentRows = latent;
        this.dropped = drop;
        this.totalWeight = Double.isNaN(total) ? sum : total;
        this.hasWeights = !summaries.isEmpty() && summaries.get(0).hasWeights();
    }

    /**
     * Reads {@code featuresCol} (vectors), and the weight and label columns when not null, into
     * cached blocks, and checks them for a k-component fit.
     *
     * @throws MlemUserException naming the row and column of the first value the fit cannot take,
     *     vectors of different sizes, no rows, zero total weight, or fewer distinct rows than k
     */
    public static DistributedData read(Dataset<?> dataset, String featuresCol, String weightCol, String labelCol,
            int k, boolean skipInvalid) {
        return read(dataset, featuresCol, weightCol, labelCol, k,
                new PartitionScan(featuresCol, weightCol, labelCol, k, skipInvalid));
    }

    /** As {@link #read(Dataset, String, String, String, int, boolean)}, each partition read by {@code scan}. */
    static DistributedData read(Dataset<?> dataset, String featuresCol, String weightCol, String labelCol, int k,
            PartitionScan scan) {
        List<Column> cols = new ArrayList<>();
        cols.add(dataset.col(featuresCol));
        if (weightCol != null) {
            cols.add(dataset.col(weightCol).cast("double"));
        }
        if (labelCol != null) {
            cols.add(dataset.col(labelCol).cast("double"));
        }
        Dataset<Row> selected = dataset.select(cols.toArray(new Column[0]));
        JavaRDD<RowBlocks> blocks = selected.javaRDD()
                .mapPartitionsWithIndex((p, it) -> List.of(scan.scan(p, it)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        return of(blocks, featuresCol, k);
    }

    /** The cached {@code blocks} (one per partition, unpersisted here on a fault), checked for a k-component fit. */
    static DistributedData of(JavaRDD<RowBlocks> blocks, String featuresCol, int k) {
        List<PartitionSummary> summaries;
        try {
            summaries = new ArrayList<>(blocks.map(RowBlocks::summary).collect());
            summaries.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
            int d = check(summaries, featuresCol, k);
            return new DistributedData(blocks, summaries, d);
        } catch (RuntimeException e) {
            blocks.unpersist(false);
            throw e;
        }
    }

    /** Checks the summaries in partition order; returns the common dimension. */
    private static int check(List<PartitionSummary> summaries, String featuresCol, int k) {
        long before = 0;
        int d = -1;
        long dRow = 0;
        for (PartitionSummary s : summaries) {
            if (s.problem() != null) {
                throw new MlemUserException(s.problem().message(before + s.problem().localRow() + 1));
            }
            if (s.cols() >= 0) {
                long first = before + s.firstKept() + 1;
                if (d < 0) {
                    d = s.cols();
                    dRow = first;
                } else if (s.cols() != d) {
                    throw new MlemUserException("row " + first + ", column '" + featuresCol + "' has " + s.cols()
                            + " values but row " + dRow + " has " + d + "; every feature vector must have the same size");
                }
            }
            before += s.inputRows();
        }
        if (d < 0) {
            throw new MlemUserException("no rows to fit in column '" + featuresCol + "'; the Dataset is empty"
                    + " (or every row was dropped as invalid)");
        }
        if (d == 0) {
            throw new MlemUserException("column '" + featuresCol + "' holds empty vectors; give at least one feature");
        }
        double total = 0;
        Set<List<Double>> distinct = new HashSet<>();
        for (PartitionSummary s : summaries) {
            total += s.totalWeight();
            for (double[] r : s.distinct()) {
                if (distinct.size() < k) {
                    distinct.add(Arrays.stream(r).boxed().toList());
                }
            }
        }
        if (!(total > 0)) {
            throw new MlemUserException("every row has weight 0; at least one row needs a positive weight");
        }
        if (distinct.size() < k) {
            throw new MlemUserException("k=" + k + " components but only " + distinct.size()
                    + " distinct rows (of positive weight); use k <= " + distinct.size() + " or give more rows");
        }
        return d;
    }

    /** The cached blocks, one {@link RowBlocks} per partition. */
    public JavaRDD<RowBlocks> blocks() {
        return blocks;
    }

    /** Number of partitions. */
    public int partitions() {
        return summaries.size();
    }

    /** Rows kept. */
    public long rows() {
        return rows;
    }

    /** Values per row. */
    public int cols() {
        return cols;
    }

    /** Sum of the kept rows' weights. */
    public double totalWeight() {
        return totalWeight;
    }

    /** Missing (NaN) cells in the kept rows; 0 unless the scan kept them. */
    public long missingCells() {
        return summaries.stream().mapToLong(PartitionSummary::missingCells).sum();
    }

    /**
     * Runs {@code check} on every partition's rows (on the executors) and throws the first fault, in
     * the Dataset's order, naming its 1-based row.
     */
    void check(RowCheck check) {
        long[] offs = offsets.clone();
        List<RowCheck.Fault> faults = blocks.map(b -> {
            RowCheck.Fault f = b.rows() == 0 ? null : check.first(b.matrix());
            return f == null ? null : new RowCheck.Fault(offs[b.partition()] + f.row(), f.message());
        }).filter(f -> f != null).collect();
        faults.stream().min((a, b) -> Long.compare(a.row(), b.row())).ifPresent(f -> {
            throw new MlemUserException("row " + (f.row() + 1) + f.message());
        });
    }

    /** Rows dropped for invalid features (0 unless asked to skip them). */
    public long droppedRows() {
        return dropped;
    }

    /** Whether every row has a known label (the fit is then one closed-form M-step). */
    public boolean allLabelled() {
        return latentRows == 0;
    }

    /** Weighted mean of the rows, summed in partition order. */
    public double[] weightedMean() {
        double[] m = new double[cols];
        for (PartitionSummary s : summaries) {
            for (int a = 0; a < cols && s.keptRows() > 0; a++) {
                m[a] += s.weightedSums()[a];
            }
        }
        for (int a = 0; a < cols; a++) {
            m[a] /= totalWeight;
        }
        return m;
    }

    /**
     * Up to about {@code maxRows} rows on the driver, in the Dataset's order, with their weights and
     * known labels:
     * every row when there are at most {@code maxRows}, otherwise each row independently with
     * probability {@code maxRows / rows} by a hash of its row number and {@code seed}, so the
     * sample does not depend on the partitioning.
     */
    public DataMatrix sample(int maxRows, long seed) {
        double rate = rows <= maxRows ? 1.0 : (double) maxRows / rows;
        long[] offs = offsets.clone();
        List<double[][]> parts = new ArrayList<>(blocks.map(b -> RowSample.take(b, offs[b.partition()], rate, seed))
                .collect());
        parts.sort((a, b) -> Double.compare(a[2][0], b[2][0]));
        int n = 0;
        for (double[][] p : parts) {
            n += p[1].length;
        }
        double[] x = new double[n * cols];
        double[] w = new double[n];
        int[] labels = new int[n];
        boolean labelled = false;
        int at = 0;
        for (double[][] p : parts) {
            System.arraycopy(p[0], 0, x, at * cols, p[1].length * cols);
            System.arraycopy(p[1], 0, w, at, p[1].length);
            for (int i = 0; i < p[1].length; i++) {
                labels[at + i] = (int) p[3][i];
                labelled |= labels[at + i] >= 0;
            }
            at += p[1].length;
        }
        DataMatrix m = DataMatrix.of(x, n, cols, null);
        m = hasWeights ? m.withWeights(w) : m;
        return labelled ? m.withLabels(labels) : m;
    }

    /**
     * The same rows, partitions and checks with each partition's blocks replaced by {@code change}'s
     * (the same rows in the same order: new weights or new values), cached; {@code totalWeight} their
     * total weight. Close it to release them.
     */
    DistributedData mapBlocks(org.apache.spark.api.java.function.Function<RowBlocks, RowBlocks> change, double totalWeight) {
        JavaRDD<RowBlocks> changed = blocks.map(change).persist(StorageLevel.MEMORY_AND_DISK());
        return new DistributedData(changed, summaries, cols, totalWeight);
    }

    /** Kept rows before each partition, by partition index. */
    long[] offsets() {
        return offsets.clone();
    }

    /** The kept rows' total weight in each partition, by partition index. */
    double[] partitionWeights() {
        double[] w = new double[summaries.size()];
        for (PartitionSummary s : summaries) {
            w[s.partition()] = s.totalWeight();
        }
        return w;
    }

    /** Whether the rows came with a weight column. */
    boolean hasWeights() {
        return hasWeights;
    }

    /** Releases the cached blocks. */
    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
