package org.mlem.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.em.Stats;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;
import org.mlem.gmm.da.ClassLevels;
import org.mlem.gmm.da.CrossValidation;
import org.mlem.gmm.da.DaType;
import org.mlem.gmm.da.DiscriminantEstimator;
import org.mlem.gmm.da.GaussianDiscriminant;
import org.mlem.io.DaJson;
import org.mlem.io.ModelJson;
import org.mlem.model.FittedGmmda;

/**
 * EDDA and MclustDA ({@code fit gmmda --type edda|mclustda}) over a cluster's partitions:
 * mlem-core's {@link DiscriminantEstimator#fitEdda(DiscriminantEstimator.LabelledRows, List, long[])}
 * and {@code fitMclustDa} with the rows they read held in the cached partitions. The class sizes are one pass; each
 * model's joint fit is EM with every row's class known (the classes' weighted sums merged along the
 * fixed tree, then mlem-core's M-step, closed form or iterated); mclust's log-likelihood
 * Σ log Σ_c π_c f_c(x) is one pass per model. MclustDA's class fits are EM over each class's rows
 * (read and cached once per class) from {@code fit gmm}'s fit to the driver's sample of them.
 */
final class DiscriminantOnSpark {
    private DiscriminantOnSpark() {}

    /**
     * The fit and its model file ({@code fit gmmda --out}'s fields); the estimator and number of
     * classes, for cross-validation.
     */
    record Fitted(DiscriminantEstimator.Fit fit, ObjectNode file, DiscriminantEstimator estimator, int classes,
            Dataset<Row> labelled) {}

    /**
     * A column's classes as {@code fit gmmda --class} orders them ({@link ClassLevels}: numbers in
     * numeric order, text in sorted order) and the Dataset with that column replaced by each row's
     * class 0..C−1 (a null cell stays null).
     */
    record Levels(List<String> names, Dataset<Row> indexed) {}

    static Levels levels(Dataset<?> dataset, String col, String role) {
        boolean numeric = Columns.type(dataset.schema(), col, role) instanceof NumericType;
        Column cell = dataset.col(col).cast(numeric ? "double" : "string");
        List<Row> distinct = dataset.select(cell.as("v")).where("v is not null").distinct().collectAsList();
        List<String> names;
        List<Column> values = new ArrayList<>();
        if (numeric) {
            java.util.TreeSet<Double> sorted = new java.util.TreeSet<>();
            distinct.forEach(r -> sorted.add(r.getDouble(0)));
            names = ClassLevels.ofNumbers(sorted);
            sorted.forEach(v -> values.add(functions.lit(v)));
        } else {
            List<String> texts = new ArrayList<>();
            distinct.forEach(r -> texts.add(r.getString(0)));
            names = ClassLevels.ofTexts(texts);
            names.forEach(v -> values.add(functions.lit(v)));
        }
        Column index = values.isEmpty() ? functions.lit(null).cast("int")
                : functions.array_position(functions.array(values.toArray(Column[]::new)), cell).minus(1).cast("int");
        return new Levels(names, dataset.toDF().withColumn(col, index));
    }

    static Fitted fit(LatentMixture stage, Dataset<?> original, String type, List<String> covariances, int minComponents,
            int maxComponents) {
        DaType t = DaType.parse(type);
        String labelCol = stage.getLabelCol();
        if (labelCol == null) {
            throw new MlemUserException("a discriminant fit learns from each row's class; set labelCol");
        }
        if (stage.getWeightCol() != null || stage.getInitialModel() != null || stage.extras().noise()
                || "em".equals(stage.getMissing())) {
            throw new MlemUserException("a discriminant fit takes features and labelCol only (not weightCol, an initial"
                    + " model, noise or missing=em) yet; unset them");
        }
        Levels levels = levels(original, labelCol, "label");
        Dataset<Row> dataset = levels.indexed();
        stage.transformSchema(dataset.schema());
        List<String> names = levels.names();
        if (names.isEmpty()) {
            throw new MlemUserException("column '" + labelCol + "' holds no class; every row of a discriminant fit needs"
                    + " one");
        }
        int classes = names.size();
        PartitionScan scan = new PartitionScan(stage.getFeaturesCol(), null, labelCol, classes, false, false,
                "a discriminant model", false);
        try (DistributedData data = DistributedData.read(dataset, stage.getFeaturesCol(), null, labelCol, classes, scan)) {
            if (!data.allLabelled()) {
                throw new MlemUserException("column '" + labelCol + "' is null on some rows; every row of a discriminant"
                        + " fit needs its class: fill or filter them");
            }
            int depth = stage.getAggregationDepth();
            long[] counts = LatentModelFitter.reduce(data, depth, () -> new ClassCounts(classes), (block, into) -> {
                into.add(block);
                return 0;
            }).stats().counts;
            int d = data.cols();
            List<CovarianceStructure> models = new ArrayList<>();
            if (covariances == null || covariances.isEmpty()) {
                models.addAll(DiscriminantEstimator.allModels(d));
            } else {
                covariances.forEach(n -> models.add(CovarianceStructure.parse(n.strip(), d)));
            }
            EmOptions em = stage.emOptions(EmOptions.DEFAULTS);
            boolean edda = t == DaType.EDDA;
            DiscriminantEstimator estimator = new DiscriminantEstimator(t, models.stream().distinct().toList(),
                    edda ? 1 : minComponents, edda ? 1 : maxComponents, DiscriminantEstimator.DEFAULT_REG_COVAR, em);
            DiscriminantEstimator.Fit fit;
            try (Rows rows = new Rows(data, dataset, stage.getFeaturesCol(), labelCol, depth, em, stage.getInitSampleRows(),
                    stage.getSeed())) {
                fit = edda ? estimator.fitEdda(rows, names, counts) : estimator.fitMclustDa(rows, names, counts,
                        stage.getSeed());
            }
            List<String> columns = DataMatrix.defaultNames(d);
            ObjectNode file = FittedGmmda.KIND.codec().write(new FittedGmmda(new DaJson.DaFile(fit.model(), columns)));
            file.put("logLikelihood", fit.logLikelihood());
            file.put("nParameters", fit.model().nParameters());
            file.put("bic", fit.bic());
            return new Fitted(fit, file, estimator, classes, dataset);
        }
    }

    /**
     * cvMclustDA ({@code fit gmmda --cv-folds K}, or {@code --folds COLUMN}: {@code given}, one
     * fold a row, from {@link #userFolds}) on the cluster: the single machine's folds
     * ({@link CrossValidation#balancedFolds} of the rows' classes in the Dataset's order, seeded by
     * the stage's seed; the classes, one int a row, are brought to the driver to draw them, and each
     * row's fold travels back by its position), then for each fold the full fit's structure refitted
     * to the other rows ({@link DiscriminantEstimator#refit(GaussianDiscriminant,
     * DiscriminantEstimator.LabelledRows, long[], long, int)}, on the cluster, the fold's seed as one
     * machine draws it) and the fold's rows predicted with the full fit's priors in one pass that
     * counts their errors and sums their Brier terms.
     */
    static CrossValidation.Summary crossValidate(LatentMixture stage, Fitted full, int cvFolds, int[] given) {
        Dataset<Row> dataset = full.labelled();
        String labelCol = stage.getLabelCol();
        String featuresCol = stage.getFeaturesCol();
        int classes = full.classes();
        int[] folds = given;
        if (folds == null) {
            List<Integer> labels = dataset.select(dataset.col(labelCol)).toJavaRDD().map(r -> r.getInt(0)).collect();
            folds = CrossValidation.balancedFolds(labels.stream().mapToInt(Integer::intValue).toArray(), classes, cvFolds,
                    stage.getSeed());
        }
        int k = Arrays.stream(folds).max().orElse(0) + 1;
        String foldCol = "mlem_cv_fold";
        Dataset<Row> df = dataset.select(dataset.col(featuresCol), dataset.col(labelCol));
        org.apache.spark.broadcast.Broadcast<int[]> shared = org.apache.spark.api.java.JavaSparkContext
                .fromSparkContext(dataset.sparkSession().sparkContext()).broadcast(folds);
        org.apache.spark.api.java.JavaRDD<Row> rows = df.javaRDD().zipWithIndex().map(t -> org.apache.spark.sql.RowFactory
                .create(t._1().get(0), t._1().get(1), shared.value()[Math.toIntExact(t._2())]));
        Dataset<Row> withFolds = dataset.sparkSession().createDataFrame(rows, df.schema().add(foldCol,
                org.apache.spark.sql.types.DataTypes.IntegerType, false)).persist();
        try {
            GaussianDiscriminant chosen = full.fit().model();
            long[] seeds = CrossValidation.foldSeeds(stage.getSeed(), k);
            int depth = stage.getAggregationDepth();
            EmOptions em = stage.emOptions(EmOptions.DEFAULTS);
            double[] foldError = new double[k];
            double[] foldBrier = new double[k];
            int[] size = new int[k];
            for (int f = 0; f < k; f++) {
                Dataset<Row> train = withFolds.filter(withFolds.col(foldCol).notEqual(f));
                GaussianDiscriminant model;
                try (DistributedData data = DistributedData.read(train, featuresCol, null, labelCol, classes,
                        new PartitionScan(featuresCol, null, labelCol, classes, false, false, "a discriminant model", false));
                        Rows held = new Rows(data, train, featuresCol, labelCol, depth, em, stage.getInitSampleRows(),
                                stage.getSeed())) {
                    long[] counts = LatentModelFitter.reduce(data, depth, () -> new ClassCounts(classes), (block, into) -> {
                        into.add(block);
                        return 0;
                    }).stats().counts;
                    model = full.estimator().refit(chosen, held, counts, seeds[f], f).model().withPriors(chosen.priors());
                }
                Dataset<Row> test = withFolds.filter(withFolds.col(foldCol).equalTo(f));
                try (DistributedData data = DistributedData.read(test, featuresCol, null, labelCol, 1,
                        new PartitionScan(featuresCol, null, labelCol, classes, false, false, "a discriminant model", false))) {
                    GaussianDiscriminant m = model;
                    double[] sums = LatentModelFitter.reduce(data, depth, () -> new MergedSums(new double[3], 3),
                            (block, into) -> {
                                double[] x = Arrays.copyOfRange(block.x(), block.offset(0),
                                        block.offset(0) + block.rows() * block.cols());
                                double[][] p = m.predictProba(DataMatrix.of(x, block.rows(), block.cols(), null));
                                int[] y = new int[block.rows()];
                                for (int i = 0; i < y.length; i++) {
                                    y[i] = block.label(i);
                                }
                                double[] eb = CrossValidation.errorAndBrierSums(p, y);
                                into.values()[0] += eb[0];
                                into.values()[1] += eb[1];
                                into.values()[2] += y.length;
                                return 0;
                            }).stats().values();
                    size[f] = (int) sums[2];
                    foldError[f] = sums[0] / sums[2];
                    foldBrier[f] = sums[1] / sums[2];
                }
            }
            return CrossValidation.Summary.of(foldError, foldBrier, size);
        } finally {
            withFolds.unpersist(false);
            shared.destroy();
        }
    }

    /**
     * {@code fit gmmda --folds COLUMN}'s folds from column {@code foldCol}, one a row in the Dataset's
     * order (brought to the driver, one value a row): its values in {@link ClassLevels}' order are
     * folds 0..K−1; a missing cell, a number that is not whole or one fold only is one line.
     */
    static int[] userFolds(Dataset<?> dataset, String foldCol) {
        boolean numeric = Columns.type(dataset.schema(), foldCol, "fold") instanceof NumericType;
        List<Row> cells = dataset.select(dataset.col(foldCol).cast(numeric ? "double" : "string")).collectAsList();
        List<String> keys = new ArrayList<>(cells.size());
        List<Double> numbers = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Row r = cells.get(i);
            if (r.isNullAt(0) || numeric && Double.isNaN(r.getDouble(0))) {
                throw new MlemUserException("fold column '" + foldCol + "', row " + (i + 1)
                        + ": the cell is missing; give every row its class (and fold)");
            }
            if (numeric) {
                double v = r.getDouble(0);
                if (v != Math.rint(v)) {
                    throw new MlemUserException("fold column '" + foldCol + "', row " + (i + 1) + ": " + ClassLevels.name(v)
                            + " is not a whole number; number the folds");
                }
                numbers.add(v);
                keys.add(ClassLevels.name(v));
            } else {
                keys.add(r.getString(0));
            }
        }
        List<String> names = numeric ? ClassLevels.ofNumbers(numbers) : ClassLevels.ofTexts(keys);
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int f = 0; f < names.size(); f++) {
            index.put(names.get(f), f);
        }
        int[] folds = keys.stream().mapToInt(index::get).toArray();
        try {
            CrossValidation.checkFolds(folds, folds.length);
        } catch (MlemUserException e) {
            throw new MlemUserException("cross-validation: " + e.getMessage());
        }
        return folds;
    }

    /** The labelled rows in the cached partitions; each class's rows read and cached when MclustDA first asks. */
    private static final class Rows implements DiscriminantEstimator.LabelledRows, AutoCloseable {
        private final DistributedData data;
        private final Dataset<?> dataset;
        private final String featuresCol;
        private final String labelCol;
        private final int depth;
        private final EmOptions em;
        private final int sampleRows;
        private final long seed;
        private final java.util.Map<Integer, DistributedData> byClass = new java.util.HashMap<>();

        Rows(DistributedData data, Dataset<?> dataset, String featuresCol, String labelCol, int depth, EmOptions em,
                int sampleRows, long seed) {
            this.data = data;
            this.dataset = dataset;
            this.featuresCol = featuresCol;
            this.labelCol = labelCol;
            this.depth = depth;
            this.em = em;
            this.sampleRows = sampleRows;
            this.seed = seed;
        }

        /**
         * Class {@code c}'s rows: G = 1 one M-step over them; else the estimator's own starts on the
         * driver's sample of them ({@code fit gmm}'s, every row of the class up to
         * {@code initSampleRows}), then EM over every row of the class from that fit.
         */
        @Override
        public MixtureFit<GaussianMixture> classFit(int c, GaussianMixtureEstimator est, int[] start, long classSeed) {
            if (start != null) {
                throw new IllegalArgumentException("partition starts are cross-validation's, which Spark does not run");
            }
            DistributedData rows = byClass.computeIfAbsent(c, k -> {
                Dataset<?> part = dataset.filter(dataset.col(labelCol).cast("double").equalTo((double) k));
                return DistributedData.read(part, featuresCol, null, null, 1, new PartitionScan(featuresCol, null, null, 1,
                        false, false, "a discriminant model", false));
            });
            DataMatrix sample = rows.sample(sampleRows, seed);
            GaussianMixture first = (est.components() == 1 ? est.fit(sample.withLabels(new int[sample.rows()]), classSeed)
                    : est.fit(sample, classSeed)).model();
            return DistributedProblem.fit(est.withInit(new GmmInit.Given(first)).problem(false), rows, em, depth, classSeed,
                    0, null);
        }

        @Override
        public void close() {
            byClass.values().forEach(DistributedData::close);
        }

        @Override
        public int rows() {
            return (int) Math.min(Integer.MAX_VALUE, data.rows());
        }

        @Override
        public int cols() {
            return data.cols();
        }

        /**
         * EM over the partitions with every row's class known, from {@code est}'s fit to the driver's
         * sample (its M-step's statistics are the labels', so the start only has to be valid).
         */
        @Override
        public GaussianMixture labelledFit(GaussianMixtureEstimator est) {
            DataMatrix sample = data.sample(sampleRows, seed);
            boolean[] seen = new boolean[est.components()];
            for (int i = 0; i < sample.rows(); i++) {
                seen[sample.label(i)] = true;
            }
            for (int c = 0; c < seen.length; c++) {
                if (!seen[c]) {
                    throw new MlemUserException("class " + c + " has no row in the driver's sample of about " + sampleRows
                            + " rows; raise initSampleRows");
                }
            }
            GaussianMixture start = est.fit(sample, 0L).model();
            MixtureFit<GaussianMixture> fit = DistributedProblem.fit(est.withInit(new GmmInit.Given(start)).problem(false),
                    data, em, depth, 0L, 0, null);
            return fit.model();
        }

        @Override
        public double logLikelihood(GaussianDiscriminant model) {
            return LatentModelFitter.reduce(data, depth, () -> new ClassCounts(0), (block, into) -> {
                double[] x = Arrays.copyOfRange(block.x(), block.offset(0), block.offset(0) + block.rows() * block.cols());
                double s = 0;
                for (double v : model.scoreSamples(DataMatrix.of(x, block.rows(), block.cols(), null))) {
                    s += v;
                }
                return s;
            }).logLikelihood();
        }
    }

    /** Rows per known class, mergeable. */
    static final class ClassCounts implements Stats<ClassCounts>, java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final long[] counts;

        ClassCounts(int classes) {
            counts = new long[classes];
        }

        void add(Block block) {
            for (int i = 0; i < block.rows(); i++) {
                counts[block.label(i)]++;
            }
        }

        @Override
        public void merge(ClassCounts other) {
            for (int c = 0; c < counts.length; c++) {
                counts[c] += other.counts[c];
            }
        }
    }
}
