package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Frame;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;
import org.mlem.em.EmOptions;
import org.mlem.gmm.combi.ClustCombi;
import org.mlem.gmm.da.CrossValidation;
import org.mlem.gmm.da.DaType;
import org.mlem.gmm.da.DiscriminantEstimator;
import org.mlem.model.LatentClasses;
import org.mlem.model.ModelKinds;
import org.mlem.select.BootstrapLrt;
import org.mlem.select.Criterion;
import org.mlem.select.GaussianFamily;
import org.mlem.select.ModelSelection;
import org.mlem.select.SelectionResult;

/**
 * The rest of mclust on Spark against the single machine's code on the same rows. Data: 240 rows
 * drawn from the two-component fixture of mlem-core's tests (shared by every case).
 */
class MclustRestOnSparkTest {
    private static DataMatrix rows;
    private static LatentMixtureModel four;

    @BeforeAll
    static void data() throws Exception {
        GaussianMixture truth = SparkTestKit.fixtureMixture();
        GaussianMixture.Sample s = truth.sample(240, 5, null);
        rows = s.data().withLabels(s.components());
        GaussianMixture start = GaussianMixtureEstimator.of(4).withEm(EmOptions.DEFAULTS.withThreads(1))
                .fit(DataMatrix.of(rows.values(), rows.rows(), 2, null), 3).model();
        four = new LatentMixture().setKind("gmm").setInitialModel(start).setMaxIter(1)
                .fit(SparkTestKit.frame(DataMatrix.of(rows.values(), rows.rows(), 2, null), 2));
    }

    /**
     * clustCombi ({@code mlem combine}) of a four-component model: oracle {@link ClustCombi#of} on
     * the posteriors the model file gives the same rows (what {@code mlem combine MODEL FILE} runs).
     * The same merges; every entropy within 1e-9 relative (K = 1's, a sum of rounding errors around
     * 0, within 1e-12 absolute); the combined model's probabilities at K = 2 within 1e-15 of the
     * single machine's step (the same code per row) and its prediction their argmax.
     */
    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {3, 7})
    void clustCombiIsCombineOnOneMachine(int partitions) {
        var df = SparkTestKit.frame(DataMatrix.of(rows.values(), rows.rows(), 2, null), partitions);
        LatentMixtureModel model = four;
        LatentClasses file = (LatentClasses) ModelKinds.read(ModelFiles.tree(model.modelFile()), "model.json");
        double[] x1 = new double[rows.rows()];
        double[] x2 = new double[rows.rows()];
        for (int i = 0; i < x1.length; i++) {
            x1[i] = rows.row(i)[0];
            x2[i] = rows.row(i)[1];
        }
        ClustCombi local = ClustCombi.of(file.posteriors(Frame.builder().numeric("x1", x1).numeric("x2", x2).build()));

        LatentCombination combi = model.combine(df);
        assertThat(combi.steps()).hasSameSizeAs(local.steps());
        for (int s = 0; s < local.steps().size(); s++) {
            ClustCombi.Step l = local.steps().get(s);
            LatentCombination.Step c = combi.steps().get(s);
            assertThat(c.clusters()).isEqualTo(l.clusters());
            assertThat(c.merged()).isEqualTo(l.merged());
            if (l.clusters() > 1) {
                assertThat(Math.abs(c.entropy() - l.entropy()) / Math.abs(l.entropy())).isLessThan(1e-9);
            } else {
                assertThat(Math.abs(c.entropy() - l.entropy())).isLessThan(1e-12);
            }
        }
        assertThat(combi.mergesTo(2)).usingRecursiveComparison().isEqualTo(local.mergesTo(2));
        List<Row> out = combi.transform(df, 2).select("probability", "prediction").collectAsList();
        double[][] p = local.at(2).posteriors();
        int[] z = local.at(2).classification();
        for (int i = 0; i < p.length; i++) {
            assertThat(SparkTestKit.relativeError(((Vector) out.get(i).get(0)).toArray(), p[i])).isLessThan(1e-15);
            assertThat(out.get(i).getInt(1)).isEqualTo(z[i]);
        }
    }

    /**
     * The bootstrap LRT ({@code select gmm --bootstrap-lrt 19}, VVV, k 1..2, seed 13): oracle
     * mlem-core's {@link ModelSelection} and {@link BootstrapLrt#overGrid} on the rows in memory
     * (the CLI's code). The observed statistic within 1e-9 relative (the two cluster fits are held to
     * 1e-9). Each replicate is a function of the two fitted models and the seed: the cluster's
     * replicates are exactly those the single machine's threads compute from the cluster's models,
     * and from the single machine's models the Spark tasks give the single machine's bits. The
     * cluster's models differ from the single machine's in the last bits, and a refit from such starts
     * may end elsewhere (here one replicate of 19 ended 2.6% apart), so replicate by replicate the two
     * pipelines agree only from the same models; the p-value is the same here (every replicate is far
     * below the observed statistic of two well separated components).
     */
    @Test
    void bootstrapLrtIsSelectGmmsOnOneMachine() {
        DataMatrix x = DataMatrix.of(rows.values(), rows.rows(), 2, null);
        EmOptions em = EmOptions.DEFAULTS.withTolerance(1e-10).withMaxIterations(500).withRestarts(2);
        GaussianFamily family = new GaussianFamily(GaussianMixtureEstimator.DEFAULT_REG_COVAR, GmmInit.DEFAULT, em)
                .forDimension(2);
        CovarianceStructure vvv = CovarianceStructure.FULL;
        SelectionResult<GaussianMixture> grid = new ModelSelection<>(family, 1, 2, List.of(vvv), 1, Criterion.BIC, true)
                .run(x, 13);
        BootstrapLrt lrt = new BootstrapLrt(family.estimator(1, vvv), 19);
        BootstrapLrt.Step local = lrt.overGrid(grid, List.of(1, 2), family.variantName(vvv), x.rows(), x.columns(), 13,
                BootstrapLrt.inThreads(2)).steps().get(0);

        LatentMixtureSelection spark = new LatentMixture().setSeed(13).setNInit(2).setTol(1e-10).setMaxIter(500)
                .select(SparkTestKit.frame(x, 3), 1, 2, List.of(vvv.id()), "bic", 19);
        assertThat(spark.bootstrapLrt().notTested()).isEmpty();
        BootstrapLrt.Step s = spark.bootstrapLrt().steps().get(0);
        assertThat(s.k()).isEqualTo(1);
        assertThat(Math.abs(s.observed() - local.observed()) / Math.abs(local.observed())).isLessThan(1e-9);
        String v = family.variantName(vvv);
        assertThat(s.bootstrap()).containsExactly(BootstrapLrt.inThreads(2).run(19, lrt.replicates(
                spark.candidates().get(1, v).model(), spark.candidates().get(2, v).model(), x.rows(), x.columns(), 13)));
        assertThat(s.pValue()).isEqualTo(local.pValue());

        BootstrapLrt.Replicate same = lrt.replicates(grid.get(1, v).model(), grid.get(2, v).model(), x.rows(),
                x.columns(), 13);
        assertThat(LatentMixture.replicatesOnSpark(SparkTestKit.spark()).run(19, same))
                .containsExactly(BootstrapLrt.inThreads(2).run(19, same));
    }

    /**
     * cvMclustDA ({@code fit gmmda --cv-folds 3 --seed 11}): oracle mlem-core's
     * {@link CrossValidation#run} over {@link CrossValidation#balancedFolds} of the same rows and
     * classes (the CLI's code, itself held to R's cvMclustDA by mlem-core's tests). EDDA (VVV) over
     * 3 partitions; MclustDA (G 1..2, EII and VVV, EM to 1e-10) over 2 (each fold is a whole refit and
     * Spark's time follows its tasks: few partitions here; clustCombi above covers 3 and 7). The error, the Brier
     * score and their standard errors within 1e-9 relative (the folds' sums are added in another
     * order; the refits are held to 1e-9). These two classes separate (every error 0), so the Brier
     * score, a sum of every row's probabilities, carries the comparison.
     */
    @ParameterizedTest(name = "{0} over {1} partitions")
    @CsvSource({"edda, 3", "mclustda, 2"})
    void crossValidationIsCvMclustDa(String type, int partitions) {
        DataMatrix x = DataMatrix.of(rows.values(), rows.rows(), 2, null);
        int[] classes = new int[rows.rows()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = rows.label(i);
        }
        boolean edda = type.equals("edda");
        List<String> names = edda ? List.of("VVV") : List.of("EII", "VVV");
        List<CovarianceStructure> models = names.stream().map(m -> CovarianceStructure.parse(m, 2)).toList();
        EmOptions em = EmOptions.DEFAULTS.withTolerance(1e-10).withMaxIterations(500);
        DiscriminantEstimator est = edda
                ? new DiscriminantEstimator(DaType.EDDA, models, 1, 1, DiscriminantEstimator.DEFAULT_REG_COVAR, em)
                : DiscriminantEstimator.mclustDa(models, 1, 2, em);
        DiscriminantEstimator.Fit fit = est.fit(x, classes, List.of("0", "1"), 11);
        CrossValidation local = CrossValidation.run(est, fit, x, classes, CrossValidation.balancedFolds(classes, 2, 3, 11),
                11, DiscriminantEstimator.ClassStarts.DEFAULT);

        CrossValidation.Summary cv = new LatentMixture().setLabelCol("label").setSeed(11).setTol(1e-10).setMaxIter(500)
                .discriminant(SparkTestKit.frame(rows, partitions), type, names, 1, 2, 3).crossValidation();
        assertThat(close(cv.error(), local.error())).as("error %s, %s", cv.error(), local.error()).isTrue();
        assertThat(close(cv.errorSe(), local.errorSe())).isTrue();
        assertThat(close(cv.brier(), local.brier())).as("Brier %s, %s", cv.brier(), local.brier()).isTrue();
        assertThat(close(cv.brierSe(), local.brierSe())).isTrue();
        assertThat(local.brier()).isPositive(); // these classes separate (error 0): the Brier score carries the comparison
    }

    /**
     * cvMclustDA over the user's folds with class names ({@code fit gmmda --class class --type edda
     * --covariance VEV --folds fold} on iris): the classes {@code setosa, versicolor, virginica} as
     * text and mclust's own folds as a column ({@code fixtures/da/mclust_da.json}, the folds
     * FitGmmdaEndToEndTest gives the CLI), over 2 partitions. Oracles: the CLI's code
     * ({@link CrossValidation#run} with the same folds and the classes in sorted order) for the error,
     * the Brier score and their standard errors, 1e-9 relative; R's cvMclustDA in the fixture, to
     * the CLI test's tolerances (error 1e-12 absolute, Brier score 1e-8 relative; their standard
     * errors alike). The model's classes are the names. A fold column with a missing cell, or with
     * one fold, is the CLI's one line, before any fit.
     */
    @Test
    void crossValidationOverTheUsersFoldsWithClassNames() throws Exception {
        com.fasterxml.jackson.databind.JsonNode fixture = org.mlem.io.ModelJson.mapper().readTree(
                java.nio.file.Path.of("../mlem-core/src/test/resources/fixtures/da/mclust_da.json").toFile());
        com.fasterxml.jackson.databind.JsonNode want = null;
        int[] folds = null;
        for (com.fasterxml.jackson.databind.JsonNode c : fixture.get("cases")) {
            if (!c.get("dataset").asText().equals("iris")) {
                continue;
            }
            if (c.get("type").asText().equals("folds")) {
                folds = new int[c.get("folds").size()];
                for (int i = 0; i < folds.length; i++) {
                    folds[i] = c.get("folds").get(i).asInt();
                }
            } else if (c.get("type").asText().equals("EDDA") && c.get("chosen").asText().equals("VEV")
                    && c.get("models").size() == 1) {
                want = c.get("cv");
            }
        }
        List<String> lines = java.nio.file.Files.readAllLines(
                java.nio.file.Path.of("../mlem-core/src/test/resources/fixtures/da/iris.csv"));
        List<String> names = List.of("setosa", "versicolor", "virginica");
        int n = lines.size() - 1;
        double[] values = new double[n * 4];
        int[] classes = new int[n];
        List<Row> table = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] cell = lines.get(i + 1).split(",");
            for (int j = 0; j < 4; j++) {
                values[i * 4 + j] = Double.parseDouble(cell[j]);
            }
            classes[i] = names.indexOf(cell[4]);
            table.add(org.apache.spark.sql.RowFactory.create(org.apache.spark.ml.linalg.Vectors.dense(
                    java.util.Arrays.copyOfRange(values, i * 4, i * 4 + 4)), cell[4], folds[i], 3, i == 6 ? null : folds[i]));
        }
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("features", new org.apache.spark.ml.linalg.VectorUDT(), false)
                .add("class", org.apache.spark.sql.types.DataTypes.StringType, false)
                .add("fold", org.apache.spark.sql.types.DataTypes.IntegerType, false)
                .add("one", org.apache.spark.sql.types.DataTypes.IntegerType, false)
                .add("gap", org.apache.spark.sql.types.DataTypes.IntegerType, true);
        var df = SparkTestKit.frame(table, schema, 2);
        DataMatrix x = DataMatrix.of(values, n, 4, null);
        DiscriminantEstimator est = new DiscriminantEstimator(DaType.EDDA, List.of(CovarianceStructure.parse("VEV", 4)), 1,
                1, DiscriminantEstimator.DEFAULT_REG_COVAR, EmOptions.DEFAULTS);
        DiscriminantEstimator.Fit fit = est.fit(x, classes, names, 0);
        CrossValidation local = CrossValidation.run(est, fit, x, classes, folds, 0, DiscriminantEstimator.ClassStarts.DEFAULT);

        LatentMixture stage = new LatentMixture().setLabelCol("class").setSeed(0);
        LatentDiscriminant da = stage.discriminant(df, "edda", List.of("VEV"), 1, 1, "fold");
        assertThat(da.fit().model().classes()).containsExactlyElementsOf(names);
        CrossValidation.Summary cv = da.crossValidation();
        assertThat(close(cv.error(), local.error())).as("error %s, %s", cv.error(), local.error()).isTrue();
        assertThat(close(cv.errorSe(), local.errorSe())).isTrue();
        assertThat(close(cv.brier(), local.brier())).as("Brier %s, %s", cv.brier(), local.brier()).isTrue();
        assertThat(close(cv.brierSe(), local.brierSe())).isTrue();
        assertThat(cv.error()).isCloseTo(want.get("ce").asDouble(), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(cv.errorSe()).isCloseTo(want.get("seCe").asDouble(), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(cv.brier()).isCloseTo(want.get("brier").asDouble(),
                org.assertj.core.api.Assertions.within(1e-8 * want.get("brier").asDouble()));
        assertThat(cv.brierSe()).isCloseTo(want.get("seBrier").asDouble(),
                org.assertj.core.api.Assertions.within(1e-8 * want.get("seBrier").asDouble()));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stage.discriminant(df, "edda", List.of("VEV"), 1, 1, "gap"))
                .isInstanceOf(org.mlem.MlemUserException.class)
                .hasMessage("fold column 'gap', row 7: the cell is missing; give every row its class (and fold)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stage.discriminant(df, "edda", List.of("VEV"), 1, 1, "one"))
                .isInstanceOf(org.mlem.MlemUserException.class)
                .hasMessage("cross-validation: one fold only; cross-validation needs at least two");
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.abs(b) + 1e-15;
    }
}
