package org.mlem.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;
import org.mlem.formula.Frame;
import org.mlem.glm.NestedAnova;

/**
 * A formula model's rows on the cluster: the columns the formula reads, every string column's
 * levels gathered from the whole Dataset, each partition's design built once into the model's block
 * (cached), and the partitions' first fault raised on the driver with the row numbered in the
 * Dataset's order. {@link Glm} and {@link Regmix} read their rows this way.
 *
 * @param <B> the block type
 * @param parts the cached partitions (unpersist when done)
 * @param rows input rows of every partition
 * @param totalWeight sum of the partitions' prior weights
 * @param responseTotal sum of the partitions' prior weight × response (a binomial's successes)
 * @param layout the design of the first row (column names, intercept, offset)
 * @param columns the columns read
 * @param reader turns rows of {@code dataset.select(columns)} into mlem frames
 * @param firstRow the cells of the first row (for another formula's layout)
 */
record FormulaBlocks<B>(JavaRDD<GlmPartition<B>> parts, long rows, double totalWeight, double responseTotal,
        Design layout,
        List<String> columns, GlmRows reader, Object[] firstRow) {

    /** Builds one partition's block from its design and frame; throws {@link MlemUserException} for bad rows. */
    @FunctionalInterface
    interface Builder<B> extends Serializable {
        B build(Design design, Frame frame);
    }

    /** The blocks of {@code dataset}'s rows under {@code setup}; the first fault stops here. */
    static <B> FormulaBlocks<B> read(Dataset<?> dataset, GlmSetup setup, Builder<B> builder) {
        List<String> used = setup.usedColumns();
        GlmRows rows = GlmRows.of(dataset.schema(), used, setup.formula().text());
        setup.checkFactorCalls(rows.textColumns());
        Dataset<Row> selected = dataset.select(used.stream().map(dataset::col).toArray(Column[]::new));
        gatherLevels(selected, rows, setup);
        JavaRDD<GlmPartition<B>> parts = selected.javaRDD()
                .mapPartitionsWithIndex((p, it) -> List.of(partition(p, it, rows, setup, builder)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<GlmPartition<B>> summaries = new ArrayList<>(parts.map(GlmPartition::withoutBlock).collect());
        summaries.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        long before = 0;
        double totalWeight = 0;
        double responseTotal = 0;
        Object[] first = null;
        for (GlmPartition<B> s : summaries) {
            if (s.fault() != null) {
                parts.unpersist(false);
                throw new MlemUserException(s.fault().message(before));
            }
            first = first == null ? s.firstRow() : first;
            before += s.inputRows();
            totalWeight += s.totalWeight();
            responseTotal += s.responseTotal();
        }
        if (first == null) {
            parts.unpersist(false);
            throw new MlemUserException("no rows to fit; the Dataset is empty");
        }
        Design layout = Design.build(setup.formula(), rows.frame(List.<Object[]>of(first)), setup.spec());
        return new FormulaBlocks<>(parts, before, totalWeight, responseTotal, layout, used, rows, first);
    }

    /** The design of {@code formula} (over the columns read) on the first row: its column names. */
    Design layoutOf(String formula, org.mlem.formula.DesignSpec spec) {
        return Design.build(formula, reader.frame(List.<Object[]>of(firstRow)), spec);
    }

    /**
     * The merge of {@code f} of every partition's block (zeros for an empty partition) along the
     * fixed tree: the first {@code summed} entries add, the rest take the maximum.
     */
    static <B> double[] sum(JavaRDD<GlmPartition<B>> parts, int leaves, int depth, int size, int summed,
            org.apache.spark.api.java.function.Function<B, double[]> f) {
        return parts.treeAggregate(new FixedTreeMerge<MergedSums>(leaves), (tree, part) -> tree.add(part.partition(),
                new MergedSums(part.block() == null ? new double[size] : f.call(part.block()), summed), 0),
                FixedTreeMerge::combine, depth).result().stats().values();
    }

    /** Number of partitions. */
    int partitions() {
        return parts.getNumPartitions();
    }

    /** Each string column's distinct values over the whole Dataset, sorted as mlem-core sorts levels. */
    private static void gatherLevels(Dataset<Row> selected, GlmRows rows, GlmSetup setup) {
        levels(selected, rows).forEach(setup::levels);
    }

    /**
     * Each string column's distinct values over the whole Dataset, sorted as mlem-core sorts levels;
     * {@code selected} holds {@code rows}' columns (first, in order).
     */
    static java.util.Map<String, List<String>> levels(Dataset<Row> selected, GlmRows rows) {
        java.util.Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        List<String> text = rows.textColumns();
        if (text.isEmpty()) {
            return out;
        }
        String[] names = rows.names();
        List<TreeSet<String>> seen = selected.javaRDD().mapPartitions(it -> {
            List<TreeSet<String>> sets = new ArrayList<>();
            text.forEach(c -> sets.add(new TreeSet<>()));
            it.forEachRemaining(r -> {
                for (int t = 0; t < text.size(); t++) {
                    int i = Arrays.asList(names).indexOf(text.get(t));
                    if (!r.isNullAt(i)) {
                        sets.get(t).add(r.getString(i));
                    }
                }
            });
            return List.of(sets).iterator();
        }).reduce((a, b) -> {
            for (int t = 0; t < a.size(); t++) {
                a.get(t).addAll(b.get(t));
            }
            return a;
        });
        for (int t = 0; t < text.size(); t++) {
            out.put(text.get(t), new ArrayList<>(seen.get(t)));
        }
        return out;
    }

    /** Builds one partition's block, or records its first fault. */
    private static <B> GlmPartition<B> partition(int p, Iterator<Row> it, GlmRows rows, GlmSetup setup,
            Builder<B> builder) {
        List<Object[]> cells = rows.cells(it);
        if (cells.isEmpty()) {
            return new GlmPartition<>(p, 0, null, null, null, 0, 0);
        }
        try {
            Frame frame = rows.frame(cells);
            Design design = Design.build(setup.formula(), frame, setup.spec());
            B block = builder.build(design, frame);
            return new GlmPartition<>(p, cells.size(), block, null, cells.get(0), Arrays.stream(design.weights()).sum(),
                    NestedAnova.responseTotal(design));
        } catch (MlemUserException e) {
            return new GlmPartition<>(p, cells.size(), null, GlmRows.Fault.of(e), null, 0, 0);
        }
    }
}
