package org.mlem.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.ml.Estimator;
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
import org.mlem.io.FitJson;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.RowException;
import org.mlem.survival.Turnbull;

/**
 * Turnbull's nonparametric MLE of interval-censored values ({@code mlem fit turnbull}) on the
 * cluster, through mlem-core's own steps ({@link Turnbull}): each partition's rows are read as
 * {@code Surv(lo, hi, type = "interval2")} (cached), their distinct ends collected (one job) give
 * the innermost intervals, each partition groups its rows by their run of innermost intervals and
 * sums the runs' weights (one job; the partitions' runs merge in partition order on the driver),
 * and the self-consistency iteration runs on the driver over the runs, which is all of the rows the
 * likelihood sees. Mistakes in the data stop the fit on the driver, naming the row (1-based, in the
 * Dataset's order) and column.
 */
public final class TurnbullFit extends Estimator<TurnbullModel> implements TurnbullParams, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final TurnbullParamDefs defs;

    public TurnbullFit() {
        this(Identifiable.randomUID("mlemTurnbull"));
    }

    public TurnbullFit(String uid) {
        this.uid = uid;
        this.defs = new TurnbullParamDefs(uid);
        TurnbullParamDefs.setDefaults(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public TurnbullParamDefs turnbullDefs() {
        return defs;
    }

    /** The columns of each row's lower and upper end ({@code fit turnbull --interval LO,HI}). */
    public TurnbullFit setInterval(String lower, String upper) {
        set(lowerCol(), lower);
        return (TurnbullFit) set(upperCol(), upper);
    }

    public TurnbullFit setWeightCol(String v) {
        return (TurnbullFit) set(weightCol(), v);
    }

    public TurnbullFit setTol(double v) {
        return (TurnbullFit) set(tol(), v);
    }

    public TurnbullFit setMaxIter(int v) {
        return (TurnbullFit) set(maxIter(), v);
    }

    public TurnbullFit setSurvivalCol(String v) {
        return (TurnbullFit) set(survivalCol(), v);
    }

    public TurnbullFit setCdfCol(String v) {
        return (TurnbullFit) set(cdfCol(), v);
    }

    @Override
    public TurnbullModel fit(Dataset<?> dataset) {
        long t0 = System.nanoTime();
        String lo = getLowerCol();
        String hi = getUpperCol();
        if (lo == null || hi == null) {
            throw new MlemUserException("the interval columns are not set; call setInterval(\"lo\", \"hi\")");
        }
        String weights = getWeightCol();
        Columns.requireNumeric(dataset.schema(), lo, "lower end");
        Columns.requireNumeric(dataset.schema(), hi, "upper end");
        Columns.requireNumeric(dataset.schema(), weights, "weight");
        Column a = functions.coalesce(dataset.col(lo).cast("double"), functions.lit(Double.NaN));
        Column b = functions.coalesce(dataset.col(hi).cast("double"), functions.lit(Double.NaN));
        Dataset<Row> rows = dataset.withColumn(lo, org.apache.spark.ml.functions.array_to_vector(functions.array(a, b)));
        try (DistributedData data = DistributedData.read(rows, lo, weights, null, 1,
                new PartitionScan(lo, weights, null, 1, false, true, "a Turnbull fit", false))) {
            data.check(m -> {
                try {
                    sample(m.values(), m.rows(), null);
                    return null;
                } catch (RowException e) {
                    return new RowCheck.Fault(e.row(), ", columns '" + lo + "' and '" + hi + "': " + e.problem());
                }
            });
            double readSeconds = (System.nanoTime() - t0) * 1e-9;
            long t1 = System.nanoTime();
            Turnbull.Cells cells = Turnbull.innermost(distinctEnds(data));
            List<Object[]> parts = new ArrayList<>(data.blocks().map(part -> new Object[] {part.partition(),
                Turnbull.runs(sample(part.values(), part.rows(), part.weightsOrNull()), cells)}).collect());
            parts.sort(Comparator.comparingInt(p -> (Integer) p[0]));
            Turnbull.Runs runs = new Turnbull.Runs(new int[0], new int[0], new double[0]);
            for (Object[] p : parts) {
                runs = runs.merge((Turnbull.Runs) p[1]); // in partition order: the same sums every run
            }
            Turnbull.Fit fit = Turnbull.fit(cells, runs, getTol(), getMaxIter());
            double fitSeconds = (System.nanoTime() - t1) * 1e-9;
            ObjectNode json = FitJson.turnbull(fit, DistFit.rowCount(data), List.of(getLowerCol(), hi), readSeconds,
                    fitSeconds);
            TurnbullModel model = new TurnbullModel(uid, json, fit);
            return copyValues(model, ParamMap.empty()).setParent(this);
        }
    }

    /** A partition's rows (row-major lower and upper ends, NaN for a missing end) as mlem-core reads them. */
    private static CensoredSample sample(double[] v, int rows, double[] w) {
        double[] a = new double[rows];
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            a[i] = v[2 * i];
            b[i] = v[2 * i + 1];
        }
        return CensoredSample.ofIntervals(a, b, w);
    }

    /** Every row's ends, each distinct {value, rank} once: one job, the partitions' sets joined on the driver. */
    private static double[][] distinctEnds(DistributedData data) {
        TreeSet<double[]> all = new TreeSet<>(TurnbullFit::compareEnds);
        for (double[][] part : data.blocks().map(p -> {
            TreeSet<double[]> seen = new TreeSet<>(TurnbullFit::compareEnds);
            java.util.Collections.addAll(seen, Turnbull.ends(sample(p.values(), p.rows(), null)));
            return seen.toArray(double[][]::new);
        }).collect()) {
            java.util.Collections.addAll(all, part);
        }
        return all.toArray(double[][]::new);
    }

    private static int compareEnds(double[] a, double[] b) {
        int c = Double.compare(a[0], b[0]);
        return c != 0 ? c : Double.compare(a[1], b[1]);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return TurnbullModel.outputSchema(this, schema);
    }

    @Override
    public TurnbullFit copy(ParamMap extra) {
        return (TurnbullFit) defaultCopy(extra);
    }

    /** Reads an estimator saved by {@link #write()}. */
    public static MLReader<TurnbullFit> read() {
        return new DefaultParamsReader<>();
    }

    public static TurnbullFit load(String path) {
        return read().load(path);
    }
}
