package org.mlem.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.storage.StorageLevel;
import org.mlem.MlemUserException;
import org.mlem.concomitant.ConcomitantDesign;
import org.mlem.concomitant.Gating;

/**
 * A concomitant-variable fit's rows on the cluster: each partition's features (a {@link RowBlocks},
 * read by the same {@link PartitionScan} as a plain fit's, in the same pass) and beside them the
 * design of the concomitant formula over the same rows ({@link ConcomitantDesign}, text columns
 * coded with their levels gathered from the whole Dataset), cached together so the two never
 * disagree about which row is which. A missing or infinite covariate cell stops the fit on the
 * driver naming its 1-based row in the Dataset's order, as the single machine names its line.
 */
final class ConcomitantData implements AutoCloseable {
    /** One partition: its rows, their design (rows × q, row-major), or the first fault. */
    record Part(int partition, RowBlocks blocks, double[] z, List<String> terms, long faultRow, String fault)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** This partition without its arrays (its terms and fault), for the driver. */
        Part summary() {
            return new Part(partition, null, null, terms, faultRow, fault);
        }
    }

    private final JavaRDD<Part> parts;
    private final DistributedData data;
    private final Gating zero;

    private ConcomitantData(JavaRDD<Part> parts, DistributedData data, Gating zero) {
        this.parts = parts;
        this.data = data;
        this.zero = zero;
    }

    /**
     * Reads {@code featuresCol} (and {@code weightCol}) by {@code scan} and the columns of
     * {@code formula} from {@code dataset}, in one pass, for a k-component fit.
     *
     * @throws MlemUserException for an unknown or mistyped column, a data-dependent term
     *     ({@code poly()}, {@code ns()}, {@code bs()}), a missing covariate cell (naming its row), or
     *     any fault the plain fit's scan finds
     */
    static ConcomitantData read(Dataset<?> dataset, String featuresCol, String weightCol, int k, PartitionScan scan,
            String formula) {
        List<String> used = ConcomitantDesign.columns(formula, Arrays.asList(dataset.schema().fieldNames()));
        for (String c : used) {
            DataType t = dataset.schema().apply(c).dataType();
            if (!(t instanceof NumericType) && !t.equals(DataTypes.StringType)) {
                throw new MlemUserException("concomitant column '" + c + "' has type " + t.simpleString() + "; the "
                        + "concomitant formula reads numeric columns and string columns (factors): cast it to one of them");
            }
        }
        GlmRows covariates = GlmRows.of(dataset.schema(), used, formula);
        Map<String, List<String>> levels = FormulaBlocks.levels(
                dataset.select(used.stream().map(dataset::col).toArray(Column[]::new)), covariates);
        List<Column> cols = new ArrayList<>();
        cols.add(dataset.col(featuresCol));
        if (weightCol != null) {
            cols.add(dataset.col(weightCol).cast("double"));
        }
        int offset = cols.size();
        used.forEach(c -> cols.add(dataset.col(c)));
        JavaRDD<Part> parts = dataset.select(cols.toArray(new Column[0])).javaRDD()
                .mapPartitionsWithIndex((p, it) -> List.of(part(p, it, scan, covariates, offset, formula, levels))
                        .iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        DistributedData data;
        try {
            data = DistributedData.of(parts.map(Part::blocks).persist(StorageLevel.MEMORY_AND_DISK()), featuresCol, k);
        } catch (RuntimeException e) {
            parts.unpersist(false);
            throw e;
        }
        try {
            List<Part> summaries = new ArrayList<>(parts.map(Part::summary).collect());
            long[] before = data.offsets();
            List<String> terms = null;
            long faultRow = Long.MAX_VALUE;
            String fault = null;
            for (Part s : summaries) {
                int p = s.partition();
                if (s.fault() != null && before[p] + s.faultRow() < faultRow) {
                    faultRow = before[p] + s.faultRow();
                    fault = s.fault();
                }
                terms = terms == null && s.terms() != null ? List.copyOf(s.terms()) : terms;
            }
            if (fault != null) {
                throw new MlemUserException("row " + (faultRow + 1) + fault);
            }
            Gating zero = new Gating(formula, terms, levels, new double[k][terms.size()]);
            return new ConcomitantData(parts, data, zero);
        } catch (RuntimeException e) {
            data.close();
            parts.unpersist(false);
            throw e;
        }
    }

    /** Reads one partition: the scan's blocks, then the design of the same rows. */
    private static Part part(int p, Iterator<Row> it, PartitionScan scan, GlmRows covariates, int offset, String formula,
            Map<String, List<String>> levels) {
        List<Object[]> cells = new ArrayList<>();
        Iterator<Row> tap = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Row next() {
                Row r = it.next();
                cells.add(covariates.cells(r, offset));
                return r;
            }
        };
        RowBlocks blocks = scan.scan(p, tap);
        if (blocks.summary().problem() != null || blocks.rows() == 0) {
            return new Part(p, blocks, new double[0], null, -1, null);
        }
        String[] names = covariates.names();
        for (int i = 0; i < cells.size(); i++) {
            for (int c = 0; c < names.length; c++) {
                Object v = cells.get(i)[c];
                if (v == null || v instanceof Double d && Double.isNaN(d)) {
                    return new Part(p, blocks, new double[0], null, i, ": concomitant column '" + names[c] + "' has no value;"
                            + " fill the cell, or filter the row out of the Dataset (no row is dropped for it)");
                }
                if (v instanceof Double d && Double.isInfinite(d)) {
                    return new Part(p, blocks, new double[0], null, i, ": concomitant column '" + names[c] + "' is " + d
                            + "; the gating needs finite covariates: fix the cell, or filter the row out of the Dataset");
                }
            }
        }
        try {
            ConcomitantDesign d = ConcomitantDesign.build(formula, covariates.frame(cells), null, levels, true);
            if (!d.bases().isEmpty()) {
                return new Part(p, blocks, new double[0], null, 0, ": the concomitant formula '" + formula + "' has a term"
                        + " built from all rows at once (poly(), ns(), bs()), which a partition cannot build alone; use"
                        + " poly(..., raw = TRUE) or precomputed columns");
            }
            return new Part(p, blocks, d.z(), List.copyOf(d.terms()), -1, null);
        } catch (MlemUserException e) {
            return new Part(p, blocks, new double[0], null, 0, ": " + e.getMessage());
        }
    }

    /** The cached partitions. */
    JavaRDD<Part> parts() {
        return parts;
    }

    /** The features, read and checked as a plain fit's. */
    DistributedData data() {
        return data;
    }

    /** The gating of k components with every coefficient 0 (the formula, terms and levels). */
    Gating zeroGating() {
        return zero;
    }

    @Override
    public void close() {
        data.close();
        parts.unpersist(false);
    }
}
