package org.mlem.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.hmm.CategoricalSpec;
import org.mlem.hmm.EmissionSpec;
import org.mlem.hmm.GaussianSpec;
import org.mlem.hmm.HiddenMarkovEstimator;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.HmmParameter;
import org.mlem.hmm.HmmStats;
import org.mlem.hmm.SequenceData;
import scala.Tuple2;

/**
 * A Dataset of sequences for an HMM, read once and checked on the driver, then regrouped into
 * cached {@link SequenceGroup}s: each sequence whole in one partition however its rows arrived,
 * sequences in ascending id order, each sorted by the order column (or kept in the Dataset's
 * order). The groups are the single machine's {@link BlockReducer} groups of the same sequences,
 * so {@link #eStep} gives the same bits as {@code mlem fit hmm} on them, for any partitioning.
 */
final class GroupedSequences implements HiddenMarkovEstimator.RemoteSteps, AutoCloseable {
    private final JavaRDD<SequenceGroup> groups;
    private final int groupCount;
    private final int rows;
    private final int sequences;
    private final int cols;
    private final EmissionSpec spec;

    private GroupedSequences(JavaRDD<SequenceGroup> groups, int groupCount, int rows, int sequences, int cols,
            EmissionSpec spec) {
        this.groups = groups;
        this.groupCount = groupCount;
        this.rows = rows;
        this.sequences = sequences;
        this.cols = cols;
        this.spec = spec;
    }

    /**
     * Reads the id, order (null: the Dataset's order) and features columns, checks every row for
     * {@code spec} and regroups the sequences.
     *
     * @throws MlemUserException naming the 1-based row (Dataset order) and column of the first row
     *     the fit cannot take, or a Dataset without rows
     */
    static GroupedSequences read(Dataset<?> dataset, String idCol, String orderCol, String featuresCol, EmissionSpec spec) {
        List<Column> cols = new ArrayList<>();
        cols.add(dataset.col(idCol).cast(SequenceIds.requireIdColumn(dataset.schema(), idCol)));
        if (orderCol != null) {
            Columns.requireNumeric(dataset.schema(), orderCol, "order");
            cols.add(dataset.col(orderCol).cast("double"));
        }
        cols.add(dataset.col(featuresCol));
        JavaRDD<Row> input = dataset.select(cols.toArray(new Column[0])).javaRDD();
        SequenceScan scan = new SequenceScan(idCol, orderCol, featuresCol, spec);
        List<SequenceScan.Summary> summaries = new ArrayList<>(input.mapPartitionsWithIndex(scan::scan, true).collect());
        summaries.sort(Comparator.comparingInt(SequenceScan.Summary::partition));
        long[] offsets = new long[summaries.size()];
        int d = check(summaries, offsets, featuresCol);
        EmissionSpec resolved = resolve(spec, summaries, d, featuresCol);
        TreeMap<Object, Integer> counts = new TreeMap<>(SequenceIds.ORDER);
        for (SequenceScan.Summary s : summaries) {
            s.counts().forEach((id, n) -> counts.merge(id, n, Integer::sum));
        }
        long total = counts.values().stream().mapToLong(Integer::longValue).sum();
        if (total > Integer.MAX_VALUE) {
            throw new MlemUserException(total + " rows; an HMM fit takes at most " + Integer.MAX_VALUE);
        }
        int[] lengths = counts.values().stream().mapToInt(Integer::intValue).toArray();
        Object[] ids = counts.keySet().toArray();
        int[] cuts = SequenceData.blockStarts(lengths);
        int blocks = cuts.length - 1;
        int g = (blocks + BlockReducer.GROUP - 1) / BlockReducer.GROUP;
        Object[] firstIds = new Object[g];
        int[] firstSequence = new int[g];
        for (int i = 0; i < g; i++) {
            firstSequence[i] = cuts[i * BlockReducer.GROUP];
            firstIds[i] = ids[firstSequence[i]];
        }
        JavaRDD<SequenceGroup> grouped = regroup(input, scan.featuresIndex(), orderCol, offsets, firstIds, firstSequence);
        try {
            List<SequenceGroup> shape = grouped.map(s -> new SequenceGroup(s.index(), s.firstSequence(), s.lengths(),
                    new double[0], 1, s.fault())).collect();
            shape.stream().map(SequenceGroup::fault).filter(f -> f != null).min(Comparator.comparingLong(RowCheck.Fault::row))
                    .ifPresent(f -> {
                        throw new MlemUserException("row " + (f.row() + 1) + f.message());
                    });
            if (shape.size() != g) {
                throw new IllegalStateException(shape.size() + " sequence groups regrouped, expected " + g);
            }
            return new GroupedSequences(grouped, g, (int) total, lengths.length, d, resolved);
        } catch (RuntimeException e) {
            grouped.unpersist(false);
            throw e;
        }
    }

    /** Checks the summaries in partition order, filling {@code offsets} (rows before each); returns the dimension. */
    private static int check(List<SequenceScan.Summary> summaries, long[] offsets, String featuresCol) {
        long before = 0;
        int d = -1;
        long dRow = 0;
        for (SequenceScan.Summary s : summaries) {
            offsets[s.partition()] = before;
            if (s.problem() != null) {
                throw new MlemUserException(s.problem().message(before + s.problem().localRow() + 1));
            }
            if (s.cols() >= 0) {
                if (d < 0) {
                    d = s.cols();
                    dRow = before + 1;
                } else if (s.cols() != d) {
                    throw new MlemUserException("row " + (before + 1) + ", column '" + featuresCol + "' has " + s.cols()
                            + " values but row " + dRow + " has " + d + "; every feature vector must have the same size");
                }
            }
            before += s.inputRows();
        }
        if (d < 0) {
            throw new MlemUserException("no rows to fit in column '" + featuresCol + "'; the Dataset is empty");
        }
        if (d == 0) {
            throw new MlemUserException("column '" + featuresCol + "' holds empty vectors; give at least one feature");
        }
        return d;
    }

    /** The spec with its number of categories counted from the data's largest code. */
    private static EmissionSpec resolve(EmissionSpec spec, List<SequenceScan.Summary> summaries, int d, String featuresCol) {
        if (!(spec instanceof GaussianSpec) && d != 1) {
            throw new MlemUserException("column '" + featuresCol + "' holds vectors of " + d + " values but "
                    + spec.name() + " emissions read one value a step; give one-value vectors");
        }
        if (!(spec instanceof CategoricalSpec c) || c.categories() > 0) {
            return spec;
        }
        double max = summaries.stream().filter(s -> s.cols() > 0).mapToDouble(s -> s.max()[0]).max().orElse(0);
        return spec.resolve(DataMatrix.of(new double[] {max}, 1, 1, List.of(featuresCol)));
    }

    /** Every row keyed by its group and sent to that group's partition, each group built whole there. */
    private static JavaRDD<SequenceGroup> regroup(JavaRDD<Row> input, int xi, String orderCol, long[] offsets,
            Object[] firstIds, int[] firstSequence) {
        int partitions = Math.max(1, input.getNumPartitions());
        int g = firstIds.length;
        return input.mapPartitionsWithIndex((p, it) -> {
            List<Tuple2<Integer, SequenceStep>> out = new ArrayList<>();
            long row = offsets[p];
            while (it.hasNext()) {
                Row r = it.next();
                Object id = r.get(0);
                int at = Arrays.binarySearch(firstIds, id, SequenceIds.ORDER);
                int group = at >= 0 ? at : -at - 2;
                double order = orderCol == null ? row : r.getDouble(1);
                out.add(new Tuple2<>(group, new SequenceStep(id, order, row, ((org.apache.spark.ml.linalg.Vector) r.get(xi))
                        .toArray())));
                row++;
            }
            return out.iterator();
        }, true).mapToPair(t -> t).partitionBy(new GroupPartitioner(partitions, g)).mapPartitions(it -> {
            Map<Integer, List<SequenceStep>> byGroup = new HashMap<>();
            while (it.hasNext()) {
                Tuple2<Integer, SequenceStep> t = it.next();
                byGroup.computeIfAbsent(t._1(), k -> new ArrayList<>()).add(t._2());
            }
            List<SequenceGroup> built = new ArrayList<>();
            for (Map.Entry<Integer, List<SequenceStep>> e : new TreeMap<>(byGroup).entrySet()) {
                built.add(SequenceGroup.of(e.getKey(), firstSequence[e.getKey()], e.getValue(), orderCol));
            }
            return built.iterator();
        }, true).persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** Group g to partition g·P/G: consecutive groups share a partition. */
    private static final class GroupPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;
        private final int groups;

        GroupPartitioner(int partitions, int groups) {
            this.partitions = partitions;
            this.groups = groups;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (int) ((long) (Integer) key * partitions / groups);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GroupPartitioner p && p.partitions == partitions && p.groups == groups;
        }

        @Override
        public int hashCode() {
            return 31 * partitions + groups;
        }
    }

    /** The emissions' spec, with the number of categories counted from the data. */
    EmissionSpec spec() {
        return spec;
    }

    int rows() {
        return rows;
    }

    int sequences() {
        return sequences;
    }

    int cols() {
        return cols;
    }

    /**
     * Whole sequences on the driver, in id order: every one when there are at most {@code maxRows}
     * rows, otherwise each with probability {@code maxRows / rows} by a hash of its rank and
     * {@code seed}, the same for any partitioning.
     */
    SequenceData sample(int maxRows, long seed, List<String> columns) {
        double rate = rows <= maxRows ? 1.0 : (double) maxRows / rows;
        List<SequenceGroup> parts = new ArrayList<>(groups.map(s -> s.sample(rate, seed)).collect());
        parts.sort(Comparator.comparingInt(SequenceGroup::index));
        int n = parts.stream().mapToInt(SequenceGroup::rows).sum();
        double[] x = new double[n * cols];
        List<Integer> lengths = new ArrayList<>();
        int at = 0;
        for (SequenceGroup s : parts) {
            System.arraycopy(s.values(), 0, x, at * cols, s.values().length);
            at += s.rows();
            Arrays.stream(s.lengths()).forEach(lengths::add);
        }
        if (lengths.isEmpty()) {
            throw new MlemUserException("initSampleRows = " + maxRows + " drew no sequence of " + sequences
                    + "; raise initSampleRows");
        }
        return SequenceData.of(DataMatrix.of(x, n, cols, columns), lengths.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The E-step over every group: each group's blocks folded on an executor, the groups folded in order here. */
    @Override
    public EmDriver.EStep<HiddenMarkovModel, HmmStats> eStep(EmissionSpec resolved, Set<HmmParameter> fixed) {
        return params -> {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(groups.context());
            Broadcast<HiddenMarkovModel> bc = sc.broadcast(params);
            try {
                List<SequenceGroup.Stats> parts = new ArrayList<>(groups.map(s -> s.eStep(bc.value(), resolved, fixed))
                        .collect());
                parts.sort(Comparator.comparingInt(SequenceGroup.Stats::index));
                if (parts.size() != groupCount) {
                    throw new IllegalStateException(parts.size() + " of " + groupCount + " sequence groups reported");
                }
                HmmStats total = parts.get(0).stats();
                double ll = parts.get(0).logLikelihood();
                for (int i = 1; i < parts.size(); i++) {
                    total.merge(parts.get(i).stats());
                    ll += parts.get(i).logLikelihood();
                }
                return new BlockReducer.Result<>(total, ll);
            } finally {
                bc.destroy();
            }
        };
    }

    /** The E-steps and size for {@link HiddenMarkovEstimator#fit(SequenceData, HiddenMarkovEstimator.Remote, long, org.mlem.em.EmListener)}. */
    HiddenMarkovEstimator.Remote remote() {
        return new HiddenMarkovEstimator.Remote(this, rows, sequences, rows);
    }

    @Override
    public void close() {
        groups.unpersist(false);
    }
}
