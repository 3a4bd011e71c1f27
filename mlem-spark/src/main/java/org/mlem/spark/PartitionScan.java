package org.mlem.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * Reads one partition's rows (features vector, then the weight and label columns when present)
 * into a {@link RowBlocks}, stopping at the first row the fit cannot take and remembering it for
 * the driver to report. Invalid feature vectors (null, NaN, infinite) are dropped and counted
 * instead when {@code skipInvalid}; a bad weight or label is always an error.
 */
final class PartitionScan implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String featuresCol;
    private final String weightCol; // null when absent
    private final String labelCol; // null when absent
    private final int k;
    private final boolean skipInvalid;

    private final boolean missingCells; // NaN cells kept as missing (marginalised by the model)
    private final String what; // the model, for messages
    private final boolean generic; // a stage with a missing param
    private boolean flags; // the label column holds 0/1 flags (a noise start), never null

    PartitionScan(String featuresCol, String weightCol, String labelCol, int k, boolean skipInvalid) {
        this(featuresCol, weightCol, labelCol, k, skipInvalid, false, "a Gaussian mixture", false);
    }

    /**
     * @param missingCells keep NaN cells as missing (a row with every cell missing is still an error)
     * @param what the model, for messages ("a t mixture")
     */
    PartitionScan(String featuresCol, String weightCol, String labelCol, int k, boolean skipInvalid, boolean missingCells,
            String what, boolean generic) {
        this.featuresCol = featuresCol;
        this.weightCol = weightCol;
        this.labelCol = labelCol;
        this.k = k;
        this.skipInvalid = skipInvalid;
        this.missingCells = missingCells;
        this.what = what;
        this.generic = generic;
    }

    /** This scan reading the label column as 0/1 flags for every row (a noise start): null or other values are errors. */
    PartitionScan flags() {
        PartitionScan s = new PartitionScan(featuresCol, weightCol, labelCol, k, skipInvalid, missingCells, what, generic);
        s.flags = true;
        return s;
    }

    RowBlocks scan(int partition, Iterator<Row> it) {
        int wi = weightCol == null ? -1 : 1;
        int li = labelCol == null ? -1 : (weightCol == null ? 1 : 2);
        Doubles x = new Doubles();
        Doubles w = new Doubles();
        int[] labels = new int[16];
        int cols = -1;
        int kept = 0;
        long input = 0;
        long dropped = 0;
        long firstKept = -1;
        long latent = 0;
        double total = 0;
        long missing = 0;
        double[] sums = null;
        Set<RowKey> distinct = new HashSet<>();
        List<double[]> distinctRows = new ArrayList<>();
        RowProblem problem = null;
        while (it.hasNext() && problem == null) {
            Row row = it.next();
            long local = input++;
            Vector v = row.isNullAt(0) ? null : (Vector) row.get(0);
            String bad = missingCells ? invalidWithMissing(v) : invalidFeatures(v);
            if (bad != null) {
                if (skipInvalid) {
                    dropped++;
                    continue;
                }
                problem = new RowProblem(local, featuresCol, bad, what + " needs finite values" + (missingCells
                        ? " (NaN cells are missing)" : "") + ": clean or filter these rows, or set handleInvalid=\"skip\""
                        + " to drop them (the count is reported)" + (missingCells ? "" : missingHint()));
                break;
            }
            if (cols < 0) {
                cols = v.size();
                sums = new double[cols];
                firstKept = local;
            } else if (v.size() != cols) {
                problem = new RowProblem(local, featuresCol, "has " + v.size() + " values where earlier rows have "
                        + cols, "every feature vector must have the same size");
                break;
            }
            double weight = 1.0;
            if (wi >= 0) {
                weight = row.isNullAt(wi) ? Double.NaN : ((Number) row.get(wi)).doubleValue();
                if (!(weight >= 0) || Double.isInfinite(weight)) {
                    problem = new RowProblem(local, weightCol, "holds weight " + weight,
                            "weights count how often a row occurs and must be finite and >= 0");
                    break;
                }
            }
            int label = -1;
            if (flags && (row.isNullAt(li) || !(((Number) row.get(li)).doubleValue() == 0
                    || ((Number) row.get(li)).doubleValue() == 1))) {
                problem = new RowProblem(local, labelCol, "holds " + (row.isNullAt(li) ? "null" : row.get(li))
                        + ", not a noise flag", "mark each row as noise (true or 1) or not (false or 0)");
                break;
            }
            if (li >= 0 && !row.isNullAt(li)) {
                double l = ((Number) row.get(li)).doubleValue();
                if (!flags && !(l >= 0 && l < k && l == Math.rint(l))) {
                    problem = new RowProblem(local, labelCol, "holds label " + l + ", outside the k=" + k
                            + " classes 0.." + (k - 1), "raise k, fix the label, or leave it null for a latent row");
                    break;
                }
                label = (int) l;
            }
            double[] values = v.toArray();
            for (double e : values) {
                missing += Double.isNaN(e) ? 1 : 0;
            }
            x.addAll(values);
            w.add(weight);
            if (kept == labels.length) {
                labels = Arrays.copyOf(labels, 2 * kept);
            }
            labels[kept++] = label;
            if (label < 0) {
                latent++;
            }
            total += weight;
            for (int a = 0; a < cols; a++) {
                sums[a] += weight * values[a];
            }
            if (weight > 0 && distinctRows.size() < k && distinct.add(new RowKey(values))) {
                distinctRows.add(values);
            }
        }
        int d = Math.max(cols, 0);
        PartitionSummary summary = new PartitionSummary(partition, input, kept, dropped, cols, firstKept, total, latent,
                wi >= 0, li >= 0, sums == null ? new double[0] : sums, distinctRows, problem, missing);
        if (problem != null) {
            return new RowBlocks(new double[0], null, null, 0, d, summary);
        }
        return new RowBlocks(x.toArray(), wi >= 0 ? w.toArray() : null, li >= 0 ? Arrays.copyOf(labels, kept) : null,
                kept, d, summary);
    }

    /** The hint to marginalise NaN cells, for the stages that can (not the Gaussian-mixture-only one). */
    private String missingHint() {
        return generic ? ", or set missing=\"em\" to marginalise NaN cells" : "";
    }

    /** Why the vector cannot be used when NaN cells are missing values, or null when it can. */
    static String invalidWithMissing(Vector v) {
        if (v == null) {
            return "is null";
        }
        int missing = 0;
        for (int a = 0; a < v.size(); a++) {
            double e = v.apply(a);
            if (Double.isInfinite(e)) {
                return "holds " + e + " at index " + a;
            }
            missing += Double.isNaN(e) ? 1 : 0;
        }
        return missing == v.size() && missing > 0 ? "has every cell missing (NaN); it carries no information: remove it"
                : null;
    }

    /** Why the vector cannot be used, or null when it can. */
    static String invalidFeatures(Vector v) {
        if (v == null) {
            return "is null";
        }
        for (int a = 0; a < v.size(); a++) {
            double e = v.apply(a);
            if (!Double.isFinite(e)) {
                return "holds " + e + " at index " + a;
            }
        }
        return null;
    }

    /** A growable array of doubles. */
    static final class Doubles {
        private double[] a = new double[64];
        private int n;

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        void addAll(double[] v) {
            if (n + v.length > a.length) {
                a = Arrays.copyOf(a, Math.max(2 * a.length, n + v.length));
            }
            System.arraycopy(v, 0, a, n, v.length);
            n += v.length;
        }

        double[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    private record RowKey(double[] v) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RowKey r && Arrays.equals(v, r.v);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(v);
        }
    }
}
