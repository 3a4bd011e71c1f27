package org.mlem.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.mlem.MlemUserException;
import org.mlem.count.CountBlock;
import org.mlem.count.CountDistribution;
import org.mlem.count.CountEstimator;
import org.mlem.count.CountFit;
import org.mlem.count.CountFormula;
import org.mlem.count.CountModelKind;
import org.mlem.count.CountOptions;
import org.mlem.count.CountRows;
import org.mlem.count.VuongComparison;
import org.mlem.formula.Design;
import org.mlem.formula.Frame;
import org.mlem.formula.ModelFormula;
import org.mlem.io.CountJson;
import org.mlem.io.GlmJson;

/**
 * Zero-inflated ({@code mlem fit zeroinfl}, pscl's {@code zeroinfl}) and hurdle ({@code mlem fit
 * hurdle}, pscl's {@code hurdle}) count regressions, Poisson or negative binomial, on the cluster:
 * each partition builds its rows' two designs once (cached, mlem-core's {@link CountBlock}), and
 * mlem-core's own fitter ({@link CountEstimator#fit(CountRows, int, int, List, List)}: pscl's start,
 * Newton with halving and the same stopping rule) runs on the driver, each of its passes over the
 * rows — ℓ and its gradient at a point, or the 2k gradients of a finite-difference Hessian — one job
 * summing the partitions along the fixed tree. The plain count model and Vuong's test against it,
 * which the CLI's file carries, are fitted the same way (Vuong's sums in two more jobs). Mistakes in
 * the data stop the fit on the driver, naming the row (1-based, in the Dataset's order) and column.
 */
public final class CountRegression extends Estimator<CountRegressionModel>
        implements CountRegressionParams, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private static final Pattern DATA_ROW = Pattern.compile("^data row (\\d+): (.*)$", Pattern.DOTALL);

    private final String uid;
    private final CountRegressionParamDefs defs;

    public CountRegression() {
        this(Identifiable.randomUID("mlemCountRegression"));
    }

    public CountRegression(String uid) {
        this.uid = uid;
        this.defs = new CountRegressionParamDefs(uid);
        CountRegressionParamDefs.setDefaults(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public CountRegressionParamDefs countDefs() {
        return defs;
    }

    public CountRegression setFormula(String v) {
        return (CountRegression) set(formula(), v);
    }

    /** {@code zeroinfl} (the default) or {@code hurdle}. */
    public CountRegression setKind(String v) {
        return (CountRegression) set(kind(), v);
    }

    /** {@code poisson} (the default) or {@code negbin}. */
    public CountRegression setDist(String v) {
        return (CountRegression) set(dist(), v);
    }

    public CountRegression setWeightCol(String v) {
        return (CountRegression) set(weightCol(), v);
    }

    public CountRegression setAggregationDepth(int v) {
        return (CountRegression) set(aggregationDepth(), v);
    }

    public CountRegression setPredictionCol(String v) {
        return (CountRegression) set(predictionCol(), v);
    }

    public CountRegression setZeroProbabilityCol(String v) {
        return (CountRegression) set(zeroProbabilityCol(), v);
    }

    @Override
    public CountRegressionModel fit(Dataset<?> dataset) {
        long t0 = System.nanoTime();
        String formula = getFormula();
        if (formula == null) {
            throw new MlemUserException("no formula; set one, e.g. setFormula(\"y ~ x1 + x2 | z1\")");
        }
        CountModelKind kind = countModelKind();
        CountDistribution dist = countDistribution();
        CountFormula two = CountFormula.parse(formula);
        List<String> columns = Arrays.asList(dataset.columns());
        String weightCol = getWeightCol();
        GlmSetup setup = new GlmSetup(two.count(), columns, "poisson", null, 25, 1e-8, weightCol, null);
        GlmSetup zeroSetup = new GlmSetup(two.zero(), columns, "poisson", null, 25, 1e-8, null, null);
        List<String> used = usedColumns(two, columns, weightCol);
        zeroSetup.checkFactorCalls(GlmRows.of(dataset.schema(), used, formula).textColumns());
        setup.alsoRead(used);
        String zero = two.zero();
        String response = ModelFormula.parse(two.count(), columns).response().columns().iterator().next();
        FormulaBlocks<CountBlock> read = FormulaBlocks.read(dataset, setup,
                (design, frame) -> block(design, frame, zero, setup, kind, weightCol, response));
        JavaRDD<GlmPartition<CountBlock>> parts = read.parts();
        try {
            List<String> countTerms = read.layout().columnNames();
            List<String> zeroTerms = read.layoutOf(zero, setup.spec()).columnNames();
            int leaves = read.partitions();
            int depth = getAggregationDepth();
            double[] zerosAndMax = FormulaBlocks.sum(parts, leaves, depth, 2, 1,
                    b -> new double[] {b.zeros(), b.maxCount()});
            int n = Math.toIntExact(read.rows());
            double readSeconds = (System.nanoTime() - t0) * 1e-9;
            long t1 = System.nanoTime();
            CountRows rows = new PartitionSums(parts, leaves, depth, read.totalWeight());
            int zeros = (int) zerosAndMax[0];
            CountFit fit = new CountEstimator(kind, dist, CountOptions.DEFAULTS).fit(rows, n, zeros, countTerms,
                    zeroTerms);
            CountFit plain = new CountEstimator(CountModelKind.PLAIN, dist, CountOptions.DEFAULTS).fit(rows, n, zeros,
                    countTerms, List.of());
            VuongComparison vuong = vuong(parts, leaves, depth, fit, plain);
            double fitSeconds = (System.nanoTime() - t1) * 1e-9;
            ObjectNode json = CountJson.of(fit, plain, vuong, formula, used, readSeconds, fitSeconds);
            json.put("maxCount", (int) zerosAndMax[1]);
            GlmJson.extras(json, null, null, setup.levels()); // as fit zeroinfl|hurdle --out writes them
            CountRegressionModel model = new CountRegressionModel(uid, json, fit, plain, vuong);
            return copyValues(model, ParamMap.empty()).setParent(this);
        } finally {
            parts.unpersist(false);
        }
    }

    /** The columns both formulas read, then the weights: the CLI's order (the file's {@code columns}). */
    private static List<String> usedColumns(CountFormula two, List<String> columns, String weightCol) {
        Set<String> used = new LinkedHashSet<>();
        for (String f : List.of(two.count(), two.zero())) {
            ModelFormula parsed = ModelFormula.parse(f, columns);
            used.addAll(parsed.response().columns());
            parsed.terms().forEach(t -> t.variables().forEach(v -> used.addAll(v.columns())));
        }
        if (weightCol != null) {
            used.add(weightCol);
        }
        return new ArrayList<>(used);
    }

    /**
     * One partition's rows; a bad count or weight is named as the CLI names it ("response 'y': the
     * count ..." or "weights 'w': ..."), at the frame's row.
     */
    private static CountBlock block(Design x, Frame frame, String zeroFormula, GlmSetup setup, CountModelKind kind,
            String weightCol, String response) {
        if (x.hasOffset()) {
            throw new MlemUserException("zeroinfl/hurdle: offsets are not supported; remove the offset() term");
        }
        Design z = Design.build(zeroFormula, frame, setup.spec());
        try {
            return new CountBlock(kind, x.response(), CountFormula.rowMajor(x), CountFormula.rowMajor(z),
                    weightCol == null ? null : x.weights());
        } catch (MlemUserException e) {
            Matcher m = DATA_ROW.matcher(e.getMessage());
            if (!m.matches()) {
                throw e;
            }
            boolean weight = m.group(2).startsWith("the weight ");
            throw new MlemUserException("data row " + (x.sourceRows()[Integer.parseInt(m.group(1)) - 1] + 1) + ": "
                    + (weight ? "weights '" + weightCol : "response '" + response) + "': " + m.group(2));
        }
    }

    /**
     * Vuong's test of {@code fit} against {@code plain} from two jobs: the kept rows' count and sum of
     * m = ℓ_fit − ℓ_plain, then Σ(m − mean)².
     */
    private static VuongComparison vuong(JavaRDD<GlmPartition<CountBlock>> parts, int leaves, int depth, CountFit fit,
            CountFit plain) {
        CountModelKind kind = fit.kind();
        CountDistribution dist = fit.distribution();
        double[] a = parameters(fit);
        double[] b = parameters(plain);
        double[] first = FormulaBlocks.sum(parts, leaves, depth, 2, 2, block -> {
            double[] d = differences(block, kind, dist, a, b);
            double[] s = new double[2];
            for (double v : d) {
                if (!Double.isNaN(v)) {
                    s[0]++;
                    s[1] += v;
                }
            }
            return s;
        });
        int kept = (int) first[0];
        double mean = first[1] / kept;
        double squares = FormulaBlocks.sum(parts, leaves, depth, 1, 1, block -> {
            double s = 0;
            for (double v : differences(block, kind, dist, a, b)) {
                if (!Double.isNaN(v)) {
                    s += (v - mean) * (v - mean);
                }
            }
            return new double[] {s};
        })[0];
        return VuongComparison.fromSums(first[1], squares, kept, fit.rows(), fit.nCoefficients(), plain.nCoefficients());
    }

    /** Each row's m, NaN where Vuong's test leaves the row out. */
    private static double[] differences(CountBlock block, CountModelKind kind, CountDistribution dist, double[] fit,
            double[] plain) {
        double[] l1 = block.rowLogLikelihoods(kind, dist, fit);
        double[] l2 = block.rowLogLikelihoods(CountModelKind.PLAIN, dist, plain);
        double[] d = new double[l1.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = VuongComparison.difference(l1[i], l2[i]);
        }
        return d;
    }

    /** The fit's parameters as the likelihood lays them out: count, zero, then log θ for negbin. */
    private static double[] parameters(CountFit f) {
        double[] c = f.countCoefficients();
        double[] z = f.zeroCoefficients();
        boolean nb = f.distribution() == CountDistribution.NEGBIN;
        double[] par = Arrays.copyOf(c, c.length + z.length + (nb ? 1 : 0));
        System.arraycopy(z, 0, par, c.length, z.length);
        if (nb) {
            par[par.length - 1] = f.logTheta();
        }
        return par;
    }

    /**
     * The rows' sums at a batch of points: one job over the cached blocks. A batch asked for again
     * (the plain model's Poisson start is the zero-part model's) is answered from memory.
     */
    private static final class PartitionSums implements CountRows {
        private final JavaRDD<GlmPartition<CountBlock>> parts;
        private final int leaves;
        private final int depth;
        private final double totalWeight;
        private final java.util.Map<List<Object>, double[][]> done = new java.util.HashMap<>();

        PartitionSums(JavaRDD<GlmPartition<CountBlock>> parts, int leaves, int depth, double totalWeight) {
            this.parts = parts;
            this.leaves = leaves;
            this.depth = depth;
            this.totalWeight = totalWeight;
        }

        @Override
        public double[][] sums(CountModelKind kind, CountDistribution dist, double[][] points) {
            List<Object> key = List.of(kind, dist, Arrays.stream(points).map(p -> Arrays.stream(p).boxed().toList()).toList());
            return done.computeIfAbsent(key, k -> job(kind, dist, points));
        }

        private double[][] job(CountModelKind kind, CountDistribution dist, double[][] points) {
            int width = 1 + points[0].length;
            int size = points.length * width;
            double[] flat = FormulaBlocks.sum(parts, leaves, depth, size, size, b -> {
                double[] out = new double[size];
                double[][] s = b.sums(kind, dist, points);
                for (int a = 0; a < s.length; a++) {
                    System.arraycopy(s[a], 0, out, a * width, width);
                }
                return out;
            });
            double[][] out = new double[points.length][];
            for (int a = 0; a < points.length; a++) {
                out[a] = Arrays.copyOfRange(flat, a * width, a * width + width);
            }
            return out;
        }

        @Override
        public double totalWeight() {
            return totalWeight;
        }

        @Override
        public boolean passesAreCostly() {
            return true;
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return CountRegressionModel.outputSchema(this, schema);
    }

    @Override
    public CountRegression copy(ParamMap extra) {
        return (CountRegression) defaultCopy(extra);
    }

    /** Reads an estimator saved by {@link #write()}. */
    public static MLReader<CountRegression> read() {
        return new DefaultParamsReader<>();
    }

    public static CountRegression load(String path) {
        return read().load(path);
    }
}
