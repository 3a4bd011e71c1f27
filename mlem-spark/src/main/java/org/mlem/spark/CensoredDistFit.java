package org.mlem.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.dist.FittedDistribution;
import org.mlem.dist.UnivariateFamily;
import org.mlem.io.FitJson;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.PartitionedCensoredFit;
import org.mlem.survival.RowException;
import org.mlem.survival.Truncation;

/**
 * {@link DistFit} with {@code statusCol}, {@code upperCol} or truncation: {@code mlem fit dist
 * --status/--interval/--truncate-below/--truncate-above} over the partitions ({@link
 * PartitionedCensoredFit}). Each row becomes a vector of its value and status, or of its two bounds
 * (NaN for an open end); each pass rebuilds each partition's {@link CensoredSample} from its cached
 * block. Bad codes, bounds and rows outside the truncation stop the fit on the driver with the
 * single machine's message, naming the 1-based row in the Dataset's order.
 */
final class CensoredDistFit {
    private CensoredDistFit() {
    }

    /** Whether {@code p} asks for a censored or truncated fit. */
    static boolean wanted(DistFitParams p) {
        return p.censored() || p.isDefined(p.truncateBelow())
                || p.isDefined(p.truncateAbove());
    }

    /** How a partition's rows become a censored sample: exact values, value and status, or two bounds. */
    record Reading(int cols, boolean intervals, Boolean oneTwo) implements Serializable {
        CensoredSample of(double[] v, int rows, double[] w) {
            if (cols == 1) {
                return CensoredSample.exact(Arrays.copyOf(v, rows), w);
            }
            double[] a = new double[rows];
            double[] b = new double[rows];
            for (int i = 0; i < rows; i++) {
                a[i] = v[2 * i];
                b[i] = v[2 * i + 1];
            }
            return intervals ? CensoredSample.ofIntervals(a, b, w) : CensoredSample.ofStatus(a, b, w, false, oneTwo);
        }
    }

    static DistFitModel fit(DistFit est, Dataset<?> dataset, UnivariateFamily family, long t0) {
        String input = est.getInputCol();
        String status = est.getStatusCol();
        String upper = est.getUpperCol();
        Truncation t;
        try {
            t = new Truncation(est.getTruncateBelow(), est.getTruncateAbove());
        } catch (MlemUserException e) {
            throw new MlemUserException("the truncation points must satisfy truncateBelow < truncateAbove, got "
                    + est.getTruncateBelow() + " and " + est.getTruncateAbove() + "; correct truncateBelow or"
                    + " truncateAbove");
        }
        PartitionedCensoredFit.checkOptions(family, t);
        try (Rows read = read(dataset, input, status, upper, est.getWeightCol(), est.getHandleInvalid().equals("skip"),
                family, t, 1, est.getAggregationDepth())) {
            DistributedData data = read.data();
            Reading reading = read.reading();
            int cols = data.cols();
            double readSeconds = (System.nanoTime() - t0) * 1e-9;
            long t1 = System.nanoTime();
            int sampleRows = est.getInitSampleRows();
            long seed = est.getSeed();
            PartitionedCensoredFit.Result result = PartitionedCensoredFit.fit(family, (f, summed) -> DistFit.reduce(data,
                    est.getAggregationDepth(), part -> f.of(reading.of(part.values(), part.rows(), part.weightsOrNull())),
                    summed), t, () -> {
                        DataMatrix sample = data.sample(sampleRows, seed);
                        return reading.of(sample.values(), sample.rows(), sample.hasWeights() ? DistFit.weightsOf(sample)
                                : null);
                    });
            FittedDistribution fit = result.fit();
            long[] counts = result.counts();
            boolean exact = counts[0] == data.rows() && !t.truncates();
            if (exact && est.getKsStatistic()) {
                fit = DistFit.withKs(fit, data, cols);
            }
            double fitSeconds = (System.nanoTime() - t1) * 1e-9;
            List<String> columns = new ArrayList<>(List.of(input));
            if (upper != null) {
                columns.add(upper);
            }
            ObjectNode json = FitJson.distribution(fit, family.name(), DistFit.rowCount(data), columns, readSeconds,
                    fitSeconds);
            json.put("converged", result.converged());
            ObjectNode censoring = json.putObject("censoring");
            for (CensoredSample.Kind k : CensoredSample.Kind.values()) {
                censoring.put(k.name().toLowerCase(Locale.ROOT), counts[k.ordinal()]);
            }
            ObjectNode trunc = json.putObject("truncation");
            FitJson.number(trunc, "below", t.below());
            FitJson.number(trunc, "above", t.above());
            return DistFit.model(est, json, fit, data.droppedRows());
        }
    }

    /**
     * The censored rows of {@code dataset} over its cached partitions, read and checked as {@code
     * fit dist --status/--interval} reads them: each row its value and status code (statusCol), its
     * two bounds with NaN for an open end (upperCol, inputCol the lower), or its value (neither); the
     * codes' coding (0/1 or survival's 1/2) read from every row in one job. Bad codes, a lower bound
     * above its upper bound and values outside the family's support or the truncation stop it on the
     * driver with the single machine's message, naming the 1-based row and the column.
     *
     * @param k the fit's components, for the distinct-row check
     * @param depth {@code treeAggregate}'s depth
     */
    static Rows read(Dataset<?> dataset, String input, String status, String upper, String weights, boolean skip,
            UnivariateFamily family, Truncation t, int k, int depth) {
        if (status != null && upper != null) {
            throw new MlemUserException("set statusCol (event codes of inputCol) or upperCol (upper bounds, inputCol the"
                    + " lower), not both");
        }
        String second = status != null ? status : upper;
        Columns.requireNumeric(dataset.schema(), weights, "weight");
        Dataset<Row> rows;
        if (second == null) {
            rows = DistFit.asVectors(dataset, input);
        } else {
            Columns.requireNumeric(dataset.schema(), input, "input");
            Columns.requireNumeric(dataset.schema(), second, status != null ? "status" : "upper bound");
            Column a = dataset.col(input).cast("double");
            Column b = dataset.col(second).cast("double");
            Column v = upper != null
                    ? org.apache.spark.ml.functions.array_to_vector(functions.array(
                            functions.coalesce(a, functions.lit(Double.NaN)), functions.coalesce(b, functions.lit(Double.NaN))))
                    : functions.when(a.isNull().or(b.isNull()), functions.lit(null))
                            .otherwise(org.apache.spark.ml.functions.array_to_vector(functions.array(a, b)));
            rows = dataset.withColumn(input, v);
        }
        DistributedData data = DistributedData.read(rows, input, weights, null, k, new PartitionScan(input, weights, null,
                k, skip, upper != null, (k > 1 ? "a censored " + family.name() + " mixture" : "a censored "
                        + family.name() + " fit"), false));
        try {
            int cols = second == null ? 1 : 2;
            if (data.cols() != cols) {
                throw new MlemUserException("column '" + input + "' holds vectors of " + data.cols() + " values; a"
                        + " distribution fits one value a row: give a numeric column or vectors of one value");
            }
            Boolean oneTwo = status == null ? null : coding(data, status, depth);
            Reading reading = new Reading(cols, upper != null, oneTwo);
            String blame = status != null ? status : input;
            data.check(m -> {
                CensoredSample s;
                try {
                    s = reading.of(m.values(), m.rows(), null);
                } catch (RowException e) {
                    return new RowCheck.Fault(e.row(), ", column '" + blame + "': " + e.problem());
                }
                RowException e = PartitionedCensoredFit.firstFault(family, s, t);
                return e == null ? null : new RowCheck.Fault(e.row(), ", column '" + input + "': " + e.problem());
            });
            return new Rows(data, reading);
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /** The status codes' coding, survival's 1/2 (true) or 0/1, after checking every code (one job, two on a fault). */
    private static boolean coding(DistributedData data, String status, int depth) {
        checkCodes(data, status, false);
        double[] seen = DistFit.reduce(data, depth, part -> {
            double[] out = {0, 0};
            double[] v = part.values();
            for (int i = 0; i < part.rows(); i++) {
                out[0] = Math.max(out[0], v[2 * i + 1] == 0 ? 1 : 0);
                out[1] = Math.max(out[1], v[2 * i + 1] == 2 ? 1 : 0);
            }
            return out;
        }, 0);
        if (seen[0] > 0 && seen[1] > 0) {
            checkCodes(data, status, true);
        }
        return seen[0] == 0 && seen[1] > 0;
    }

    /** Censored rows cached over the partitions, and how each partition's become a {@link CensoredSample}. */
    record Rows(DistributedData data, Reading reading) implements AutoCloseable {
        @Override
        public void close() {
            data.close();
        }
    }

    /** Throws at the first status code the single machine refuses ({@code mixed}: 0 and 2 codes both occur). */
    private static void checkCodes(DistributedData data, String status, boolean mixed) {
        data.check(m -> {
            double[] v = m.values();
            for (int i = 0; i < m.rows(); i++) {
                String fault = PartitionedCensoredFit.statusFault(v[2 * i + 1], mixed);
                if (fault != null) {
                    return new RowCheck.Fault(i, ", column '" + status + "': " + fault);
                }
            }
            return null;
        });
    }
}
