package org.mlem.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;
import org.mlem.io.FitJson;
import org.mlem.io.GlmJson;
import org.mlem.io.ModelFormat;
import org.mlem.io.SurvregJson;
import org.mlem.survival.AftDistribution;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.RowException;
import org.mlem.survival.SurvivalFit;
import org.mlem.survival.SurvivalFormula;
import org.mlem.survival.SurvivalRegression;
import org.mlem.survival.SurvivalRegression.Evaluation;

/**
 * Parametric survival regression ({@code mlem fit survreg}, R's {@code survival::survreg}) and the
 * Tobit model ({@code mlem fit tobit}, {@code AER::tobit}) on the cluster: each partition builds its
 * rows' design and censored responses once (cached, mlem-core's {@link SurvivalRegression.Block});
 * the start's least-squares sums are two jobs, then each Newton point (a step or a halving of it)
 * one job summing ℓ, its gradient and Hessian over the partitions along the fixed tree, and the
 * driver runs mlem-core's own Newton iterations ({@link SurvivalRegression#newton}). Mistakes in the
 * data stop the fit on the driver, naming the row (1-based, in the Dataset's order).
 */
public final class Survreg extends Estimator<SurvregModel> implements SurvregParams, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final SurvregParamDefs defs;

    public Survreg() {
        this(Identifiable.randomUID("mlemSurvreg"));
    }

    public Survreg(String uid) {
        this.uid = uid;
        this.defs = new SurvregParamDefs(uid);
        SurvregParamDefs.setDefaults(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public SurvregParamDefs survregDefs() {
        return defs;
    }

    public Survreg setFormula(String v) {
        return (Survreg) set(formula(), v);
    }

    public Survreg setDist(String v) {
        return (Survreg) set(dist(), v);
    }

    public Survreg setWeightCol(String v) {
        return (Survreg) set(weightCol(), v);
    }

    /** The Tobit model with censoring points {@code left} and {@code right} (AER's default: 0 and +∞). */
    public Survreg setTobit(double left, double right) {
        set(tobit(), true);
        set(left(), left);
        return (Survreg) set(right(), right);
    }

    public Survreg setAggregationDepth(int v) {
        return (Survreg) set(aggregationDepth(), v);
    }

    public Survreg setPredictionCol(String v) {
        return (Survreg) set(predictionCol(), v);
    }

    public Survreg setLinkPredictionCol(String v) {
        return (Survreg) set(linkPredictionCol(), v);
    }

    @Override
    public SurvregModel fit(Dataset<?> dataset) {
        long t0 = System.nanoTime();
        String formula = getFormula();
        if (formula == null) {
            throw new MlemUserException("no formula; set one, e.g. setFormula(\"Surv(time, status) ~ x\")");
        }
        AftDistribution dist = AftDistribution.byName(getDist());
        boolean tobit = getTobit();
        double left = getLeft();
        double right = getRight();
        String event = null;
        String designFormula = formula;
        if (tobit) {
            SurvivalFormula.checkTobit(left, right, dist);
        } else {
            SurvivalFormula.Parts parts = SurvivalFormula.parse(formula);
            event = parts.event();
            designFormula = parts.timeFormula();
        }
        List<String> columns = Arrays.asList(dataset.columns());
        GlmSetup setup = new GlmSetup(designFormula, columns, "gaussian", null, 25, 1e-8, getWeightCol(), null);
        Boolean oneTwo = event == null ? null : oneTwo(dataset, event);
        if (event != null) {
            setup.alsoRead(List.of(event));
        }
        String text = formula;
        FormulaBlocks<SurvivalRegression.Block> read = FormulaBlocks.read(dataset, setup,
                (design, frame) -> block(design, frame, text, tobit, left, right, dist, oneTwo));
        JavaRDD<GlmPartition<SurvivalRegression.Block>> parts = read.parts();
        try {
            Design layout = read.layout();
            List<String> names = layout.columnNames();
            int p = names.size();
            if (read.rows() <= p) {
                throw new MlemUserException("survreg: " + read.rows() + " rows for " + p + " coefficients; the model"
                        + " needs more rows than coefficients");
            }
            double readSeconds = (System.nanoTime() - t0) * 1e-9;
            long t1 = System.nanoTime();
            int leaves = read.partitions();
            int depth = getAggregationDepth();
            int kinds = CensoredSample.Kind.values().length;
            double[] normal = sum(parts, leaves, depth, p * p + p + kinds, b -> {
                double[] ne = b.normalEquations();
                double[] out = Arrays.copyOf(ne, ne.length + kinds);
                int[] c = b.counts();
                for (int k = 0; k < kinds; k++) {
                    out[ne.length + k] = c[k];
                }
                return out;
            });
            double[] beta = leastSquares(normal, p);
            double ss = sum(parts, leaves, depth, 1, b -> new double[] {b.residualSquares(beta)})[0];
            SurvivalRegression regression = new SurvivalRegression(dist);
            double[] start = regression.start(beta, ss, read.rows(), p);
            int q = start.length;
            int[] counts = new int[kinds];
            for (int k = 0; k < kinds; k++) {
                counts[k] = (int) normal[p * p + p + k];
            }
            SurvivalFit fit = regression.newton(start, theta -> unflatten(sum(parts, leaves, depth, 1 + q + q * q,
                    b -> flatten(b.evaluate(theta))), q), names, (int) read.rows(), counts);
            double fitSeconds = (System.nanoTime() - t1) * 1e-9;
            ObjectNode json = FitJson.survreg(fit, formula, read.columns(), readSeconds, fitSeconds);
            if (event != null) {
                json.put("eventCodes", oneTwo ? SurvregJson.ONE_TWO : SurvregJson.ZERO_ONE);
            }
            GlmJson.extras(json, setup.weightCol(), null, setup.levels());
            if (tobit) {
                FitJson.number(json, "left", left);
                FitJson.number(json, "right", right);
            }
            SurvregModel model = new SurvregModel(uid, ModelFormat.fileOf(json), fit);
            return copyValues(model, ParamMap.empty()).setParent(this);
        } finally {
            parts.unpersist(false);
        }
    }

    /** One partition's block; a bad row is named as the formula models name theirs ("data row N"). */
    private static SurvivalRegression.Block block(Design design, org.mlem.formula.Frame frame, String formula,
            boolean tobit, double left, double right, AftDistribution dist, Boolean oneTwo) {
        if (design.hasOffset()) {
            throw new MlemUserException("survreg: offsets are not supported yet; remove the offset() term");
        }
        CensoredSample y;
        try {
            y = tobit ? SurvivalFormula.tobitResponses(design.response(), design.weights(), left, right)
                    : SurvivalFormula.responses(SurvivalFormula.parse(formula), design, frame, oneTwo);
        } catch (RowException e) { // already the frame's row
            throw new MlemUserException("data row " + (e.row() + 1) + ": " + e.problem());
        }
        try {
            return new SurvivalRegression.Block(dist, design.matrixColumnMajor(), design.columnNames().size(), y);
        } catch (RowException e) {
            throw new MlemUserException("data row " + (design.sourceRows()[e.row()] + 1) + ": " + e.problem());
        }
    }

    /**
     * Whether the event codes are survival's 2 = event, 1 = censored (every code 1 or 2, some 2), read
     * from every row as one machine reads them (one job); a code the single machine refuses while
     * reading them (one outside 0, 1, 2; a 2 among 0/1 codes) stops the fit here with its message
     * and the row in the Dataset's order. Null codes are left to the rows' own check.
     */
    private static boolean oneTwo(Dataset<?> dataset, String event) {
        if (!Arrays.asList(dataset.columns()).contains(event)
                || !(dataset.schema().apply(event).dataType() instanceof NumericType)) {
            throw new MlemUserException("survreg: the event column '" + event + "' is not a numeric column of the"
                    + " Dataset; columns are " + String.join(", ", dataset.columns()));
        }
        // per partition: index, rows, first code outside 0/1/2 (row, value), first 2 (row), any 0, any 2, any null
        List<double[]> parts = new ArrayList<>(dataset.select(event).javaRDD().mapPartitionsWithIndex((p, it) -> {
            double[] s = {p, 0, -1, Double.NaN, -1, 0, 0, 0};
            while (it.hasNext()) {
                Row r = it.next();
                if (r.isNullAt(0)) {
                    s[7] = 1;
                } else {
                    double code = ((Number) r.get(0)).doubleValue();
                    if (code != 0 && code != 1 && code != 2 && s[2] < 0) {
                        s[2] = s[1];
                        s[3] = code;
                    }
                    if (code == 2 && s[4] < 0) {
                        s[4] = s[1];
                    }
                    s[5] = code == 0 ? 1 : s[5];
                    s[6] = code == 2 ? 1 : s[6];
                }
                s[1]++;
            }
            return List.of(s).iterator();
        }, true).collect());
        parts.sort((a, b) -> Double.compare(a[0], b[0]));
        boolean anyZero = parts.stream().anyMatch(s -> s[5] > 0);
        boolean anyTwo = parts.stream().anyMatch(s -> s[6] > 0);
        if (parts.stream().noneMatch(s -> s[7] > 0)) {
            long before = 0;
            for (double[] s : parts) {
                if (s[2] >= 0) {
                    throw new MlemUserException("row " + (before + (long) s[2] + 1) + ": unknown censoring status "
                            + s[3] + "; use 1 = event (observed), 0 = censored, or survival's 2 = event, 1 = censored");
                }
                before += (long) s[1];
            }
            before = 0;
            for (double[] s : parts) {
                if (anyZero && s[4] >= 0) {
                    throw new MlemUserException("row " + (before + (long) s[4] + 1) + ": censoring status 2 among 0/1"
                            + " codes; use 1 = event, 0 = censored, or survival's 2 = event, 1 = censored throughout");
                }
                before += (long) s[1];
            }
        }
        return !anyZero && anyTwo;
    }

    /** Solves the start's normal equations XᵀX β = Xᵀm (row-major XᵀX, then Xᵀm). */
    private static double[] leastSquares(double[] normal, int p) {
        double[][] a = new double[p][p];
        for (int i = 0; i < p; i++) {
            a[i] = Arrays.copyOfRange(normal, i * p, i * p + p);
        }
        return new QRDecomposition(new Array2DRowRealMatrix(a, false), 1e-12).getSolver()
                .solve(new ArrayRealVector(Arrays.copyOfRange(normal, p * p, p * p + p), false)).toArray();
    }

    /** The sum over every partition of {@code f} of its block (zeros for an empty partition), along the fixed tree. */
    private static double[] sum(JavaRDD<GlmPartition<SurvivalRegression.Block>> parts, int leaves, int depth, int size,
            Function<SurvivalRegression.Block, double[]> f) {
        return FormulaBlocks.sum(parts, leaves, depth, size, size, f);
    }

    private static double[] flatten(Evaluation e) {
        int q = e.gradient().length;
        double[] out = new double[1 + q + q * q];
        out[0] = e.logLikelihood();
        System.arraycopy(e.gradient(), 0, out, 1, q);
        for (int a = 0; a < q; a++) {
            System.arraycopy(e.hessian()[a], 0, out, 1 + q + a * q, q);
        }
        return out;
    }

    private static Evaluation unflatten(double[] v, int q) {
        double[][] h = new double[q][];
        for (int a = 0; a < q; a++) {
            h[a] = Arrays.copyOfRange(v, 1 + q + a * q, 1 + q + a * q + q);
        }
        double ll = Double.isFinite(v[0]) ? v[0] : Double.NEGATIVE_INFINITY;
        return new Evaluation(ll, Arrays.copyOfRange(v, 1, 1 + q), h);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return SurvregModel.outputSchema(this, schema);
    }

    @Override
    public Survreg copy(ParamMap extra) {
        return (Survreg) defaultCopy(extra);
    }

    /** Reads an estimator saved by {@link #write()}. */
    public static MLReader<Survreg> read() {
        return new DefaultParamsReader<>();
    }

    public static Survreg load(String path) {
        return read().load(path);
    }
}
