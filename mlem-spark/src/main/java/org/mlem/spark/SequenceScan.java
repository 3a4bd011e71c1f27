package org.mlem.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.hmm.EmissionSpec;

/**
 * Reads one partition's rows for an HMM (sequence id, order when there is an order column,
 * features) on an executor: counts the rows of each sequence id and stops at the first row the
 * fit cannot take (a missing id or order, a null or non-finite feature, a value the emissions
 * cannot take), remembering it for the driver to report with its row number in the Dataset.
 */
final class SequenceScan implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * What one partition holds.
     *
     * @param inputRows rows read (all of them, unless a problem stopped the scan)
     * @param problem the first row the fit cannot take, or null
     * @param cols values per row, or -1 when the partition is empty
     * @param max the largest value of each column (category codes are counted from it)
     * @param counts rows per sequence id
     */
    record Summary(int partition, long inputRows, RowProblem problem, int cols, double[] max, Map<Object, Integer> counts)
            implements Serializable {}

    private final String idCol;
    private final String orderCol; // null: the Dataset's order
    private final String featuresCol;
    private final EmissionSpec spec;

    SequenceScan(String idCol, String orderCol, String featuresCol, EmissionSpec spec) {
        this.idCol = idCol;
        this.orderCol = orderCol;
        this.featuresCol = featuresCol;
        this.spec = spec;
    }

    /** Index of the features in a selected row: after the id and the order. */
    int featuresIndex() {
        return orderCol == null ? 1 : 2;
    }

    Iterator<Summary> scan(int partition, Iterator<Row> it) {
        Map<Object, Integer> counts = new HashMap<>();
        long input = 0;
        int cols = -1;
        double[] max = null;
        RowProblem problem = null;
        while (it.hasNext() && problem == null) {
            Row row = it.next();
            long local = input++;
            double[] x = row.isNullAt(featuresIndex()) ? null : ((Vector) row.get(featuresIndex())).toArray();
            problem = problem(row, local, x, cols);
            if (problem == null) {
                if (cols < 0) {
                    cols = x.length;
                    max = x.clone();
                }
                for (int a = 0; a < cols; a++) {
                    max[a] = Math.max(max[a], x[a]);
                }
                counts.merge(row.get(0), 1, Integer::sum);
            }
        }
        return List.of(new Summary(partition, input, problem, cols, max, counts)).iterator();
    }

    private RowProblem problem(Row row, long local, double[] x, int cols) {
        if (row.isNullAt(0)) {
            return new RowProblem(local, idCol, "is missing", "every row needs its sequence's id");
        }
        if (orderCol != null && (row.isNullAt(1) || Double.isNaN(row.getDouble(1)))) {
            return new RowProblem(local, orderCol, "is missing", "every row needs its position in its sequence");
        }
        if (x == null) {
            return new RowProblem(local, featuresCol, "is null", "an HMM needs an observation at every step");
        }
        if (cols >= 0 && x.length != cols) {
            return new RowProblem(local, featuresCol, "has " + x.length + " values but the rows before it have " + cols,
                    "every feature vector must have the same size");
        }
        for (int a = 0; a < x.length; a++) {
            if (!Double.isFinite(x[a])) {
                return new RowProblem(local, featuresCol, "holds " + x[a] + " at index " + a,
                        "an HMM needs finite values: remove or impute it");
            }
        }
        return x.length == 1 ? emissionProblem(local, x) : null;
    }

    /** A value the one-column emissions cannot take (a category code that is not a whole number, a count below 0). */
    private RowProblem emissionProblem(long local, double[] x) {
        try {
            spec.resolve(DataMatrix.of(x, 1, 1, List.of(featuresCol)));
            return null;
        } catch (MlemUserException e) {
            String why = e.getMessage().replaceFirst("^row 1(, column '[^']*')?:? *", "");
            int cut = why.indexOf("; ");
            return new RowProblem(local, featuresCol, "holds " + Arrays.toString(x) + ": " + (cut < 0 ? why : why.substring(0, cut)),
                    cut < 0 ? "give a value the " + spec.name() + " emissions can take" : why.substring(cut + 2));
        }
    }
}
