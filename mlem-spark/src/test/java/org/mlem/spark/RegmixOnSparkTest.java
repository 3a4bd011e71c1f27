package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.MlemUserException;
import org.mlem.em.MixtureFit;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;
import org.mlem.io.ModelJson;
import org.mlem.model.FittedRegmix;
import org.mlem.model.ModelKinds;
import org.mlem.regmix.RegmixEstimator;
import org.mlem.regmix.RegmixInit;
import org.mlem.regmix.RegmixScores;
import org.mlem.regmix.RegressionMixture;

/**
 * {@link Regmix} on Spark against the single-machine fit ({@link RegmixEstimator#fit}, the code
 * {@code mlem fit regmix} runs) on the same rows: from a given start (the CLI's {@code --init}),
 * gaussian over 3 and 7 partitions and Poisson over 3 (10 EM iterations), the iteration count, the trace, the
 * weights, every coefficient and sd to 1e-9 relative; from the default seeded starts (drawn on the
 * driver over every row) the log-likelihood to 1e-9. Bad rows are named in the Dataset's order;
 * the saved {@code model.json} is read by the CLI's model reader and scores alike.
 */
class RegmixOnSparkTest {
    private static final double TOL = 1e-9;
    private static final int N = 200;
    /** Enough for the gaussian fit to converge; the Poisson fit stops at it (each iteration is several Spark jobs). */
    private static final int ITERATIONS = 10;
    private static final StructType SCHEMA = new StructType().add("y", DataTypes.DoubleType, true)
            .add("x", DataTypes.DoubleType, true).add("count", DataTypes.IntegerType, true)
            .add("w", DataTypes.DoubleType, true);

    /** Two lines and two log-linear count rates over x, each row from one of two components. */
    static List<Object[]> cells() {
        SplittableRandom r = new SplittableRandom(11);
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            double x = r.nextDouble(0, 10);
            boolean first = r.nextDouble() < 0.4;
            double y = first ? 1 + 2 * x + r.nextGaussian() : 8 - x + 1.5 * r.nextGaussian();
            int count = poisson(first ? Math.exp(0.5 + 0.2 * x) : Math.exp(2.5 - 0.15 * x), r);
            out.add(new Object[] {y, x, count, 1.0 + r.nextInt(3)});
        }
        return out;
    }

    private static int poisson(double mean, SplittableRandom r) {
        double limit = Math.exp(-mean);
        double p = r.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= r.nextDouble();
            k++;
        }
        return k;
    }

    private static Dataset<Row> frame(List<Object[]> cells, int partitions) {
        return frame(SparkTestKit.spark(), cells, partitions);
    }

    private static Dataset<Row> frame(SparkSession session, List<Object[]> cells, int partitions) {
        return SparkTestKit.frame(session, cells.stream().map(RowFactory::create).toList(), SCHEMA, partitions);
    }

    private static Frame coreFrame(List<Object[]> cells) {
        Frame.Builder b = Frame.builder();
        String[] names = SCHEMA.fieldNames();
        for (int c = 0; c < names.length; c++) {
            int col = c;
            b.numeric(names[c], cells.stream().mapToDouble(v -> ((Number) v[col]).doubleValue()).toArray());
        }
        return b.build();
    }

    record Case(String formula, String family, String weights, RegressionMixture start) {
    }

    private static final List<String> TERMS = List.of("(Intercept)", "x");

    static final List<Case> CASES = List.of(
            new Case("y ~ x", "gaussian", "w", new RegressionMixture(Family.byName("gaussian"), null, TERMS,
                    new double[] {0.5, 0.5}, new double[][] {{0, 1.5}, {7, -0.5}}, new double[] {2, 2})),
            new Case("count ~ x", "poisson", null, new RegressionMixture(Family.byName("poisson"), null, TERMS,
                    new double[] {0.5, 0.5}, new double[][] {{0.3, 0.1}, {2, -0.1}}, null)));

    private static RegmixEstimator estimator(Case c) {
        RegmixEstimator e = RegmixEstimator.of(c.formula(), 2).withFamily(Family.byName(c.family()))
                .withEm(RegmixEstimator.DEFAULT_EM.withMaxIterations(ITERATIONS));
        return c.weights() == null ? e : e.withDesign(e.design().withWeights(c.weights()));
    }

    private static Regmix onSpark(Case c) {
        Regmix r = new Regmix().setFormula(c.formula()).setFamily(c.family()).setK(2).setMaxIter(ITERATIONS);
        return c.weights() == null ? r : r.setWeightCol(c.weights());
    }

    /**
     * {@link ClusterIT}'s case: the weighted gaussian mixture from its given start, 5 EM iterations,
     * over {@code partitions}, against {@code fit regmix --init}'s fit.
     */
    static ClusterCase clusterCase(int partitions) {
        Case c = CASES.get(0);
        int iterations = 5;
        return new ClusterCase("regmix gaussian, weights, given start, " + iterations + " EM iterations, " + partitions
                + " partitions", s -> ClusterCase.Answer.of(onSpark(c).setMaxIter(iterations).setInitialModel(c.start())
                        .fit(frame(s, cells(), partitions)).summary(), RegmixOnSparkTest::arrays),
                () -> ClusterCase.Answer.of(estimator(c).withEm(RegmixEstimator.DEFAULT_EM.withMaxIterations(iterations))
                        .withInit(new RegmixInit.Given(c.start())).fit(coreFrame(cells()), 0), RegmixOnSparkTest::arrays));
    }

    /** The weights, each component's coefficients, and the sds when the family has them. */
    private static List<double[]> arrays(RegressionMixture m) {
        List<double[]> out = new ArrayList<>(List.of(m.weights(), m.coefficients(0), m.coefficients(1)));
        if (m.hasSd()) {
            out.add(m.sds());
        }
        return out;
    }

    @Test
    void sameAnswerAsOneMachineFromAGivenStart() {
        List<Object[]> cells = cells();
        for (Case c : CASES) {
            MixtureFit<RegressionMixture> one = estimator(c).withInit(new RegmixInit.Given(c.start()))
                    .fit(coreFrame(cells), 0);
            // the Poisson fit (IRLS passes each iteration, each pass a task a partition) over 3 partitions
            // only: its merge across partitions is that case's; 7 partitions (the tree's extra level) are
            // the gaussian's. No one-partition case: 200 rows are one block, so it merges nothing (CI time)
            for (int partitions : c.family().equals("poisson") ? new int[] {3} : new int[] {3, 7}) {
                MixtureFit<RegressionMixture> spark = onSpark(c).setInitialModel(c.start()).fit(frame(cells, partitions))
                        .summary();
                String what = c.formula() + " " + c.family() + " over " + partitions + " partitions: ";
                assertThat(spark.iterations()).as(what + "iterations").isEqualTo(one.iterations());
                assertThat(SparkTestKit.relativeError(spark.trace(), one.trace())).as(what + "trace").isLessThan(TOL);
                close(what + "log-likelihood", spark.logLikelihood(), one.logLikelihood());
                assertThat(SparkTestKit.relativeError(spark.model().weights(), one.model().weights()))
                        .as(what + "weights").isLessThan(TOL);
                for (int j = 0; j < 2; j++) {
                    assertThat(SparkTestKit.relativeError(spark.model().coefficients(j), one.model().coefficients(j)))
                            .as(what + "coefficients of " + j).isLessThan(TOL);
                }
                if (one.model().hasSd()) {
                    assertThat(SparkTestKit.relativeError(spark.model().sds(), one.model().sds())).as(what + "sd")
                            .isLessThan(TOL);
                }
                assertThat(spark.rows()).isEqualTo(N);
                assertThat(spark.nParameters()).isEqualTo(one.nParameters());
            }
        }
    }

    /** With no more rows than initSampleRows the driver's starts are the single machine's, on every row. */
    @Test
    void defaultStartsGiveTheSingleMachineMaximum() {
        List<Object[]> cells = cells();
        Case c = CASES.get(0);
        double one = estimator(c).fit(coreFrame(cells), 5).logLikelihood();
        double spark = onSpark(c).setSeed(5).fit(frame(cells, 3)).summary().logLikelihood();
        close("gaussian from the default starts", spark, one);
    }

    @Test
    void badRowsAreNamedInTheDatasetsOrder() {
        List<Object[]> missing = cells();
        missing.get(56)[1] = null;
        assertThatThrownBy(() -> new Regmix().setFormula("y ~ x").setK(2).fit(frame(missing, 3)))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("row 57").hasMessageContaining("'x'");
        List<Object[]> counts = cells();
        counts.get(100)[2] = -2;
        assertThatThrownBy(() -> new Regmix().setFormula("count ~ x").setFamily("poisson").setK(2)
                .fit(frame(counts, 7))).isInstanceOf(MlemUserException.class)
                .hasMessageStartingWith("row 101: response 'count' is -2.0");
        assertThatThrownBy(() -> new Regmix().setFormula("y ~ x").fit(frame(cells(), 2)))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("setK");
        assertThatThrownBy(() -> new Regmix().setFormula("y ~ x").setFamily("gamma").setK(2).fit(frame(cells(), 2)))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("gaussian, poisson and binomial");
    }

    /** The saved model.json is a CLI model file: the CLI's reader scores what transform appends. */
    @Test
    void savedModelIsTheClisFileAndScoresAlike(@TempDir Path dir) throws Exception {
        List<Object[]> cells = cells();
        Dataset<Row> df = frame(cells, 3);
        Case c = CASES.get(1);
        RegmixModel m = onSpark(c).setInitialModel(c.start()).fit(df);
        String path = dir.resolve("regmix").toString();
        m.write().overwrite().save(path);
        JsonNode root = ModelJson.mapper().readTree(Files.readString(dir.resolve("regmix").resolve("model.json")));
        FittedRegmix cli = (FittedRegmix) ModelKinds.read(root, "model.json");
        assertThat(cli.mixture().coefficients(1)).containsExactly(m.mixture().coefficients(1));
        assertThat(root.path("logLikelihood").asDouble()).isEqualTo(m.summary().logLikelihood());
        RegmixScores expected = RegmixScores.of(cli.mixture(), c.formula(), null, coreFrame(cells), false);
        double[][] p = expected.probabilities();
        double[] ll = expected.rowLogLikelihoods();
        RegmixModel loaded = RegmixModel.load(path);
        List<Row> out = loaded.transform(df).select("prediction", "probability", "logLikelihood").collectAsList();
        double total = 0;
        for (int i = 0; i < N; i++) {
            Vector v = out.get(i).getAs(1);
            assertThat(v.toArray()).containsExactly(p[i], within(1e-12));
            assertThat(out.get(i).getInt(0)).isEqualTo(p[i][0] >= p[i][1] ? 0 : 1);
            assertThat(out.get(i).getDouble(2)).isCloseTo(ll[i], within(1e-12 * Math.abs(ll[i])));
            total += ll[i];
        }
        close("total of the rows' log densities", total, m.summary().logLikelihood());
        assertThat(loaded.getFormula()).isEqualTo(c.formula());
    }

    private static void close(String what, double actual, double expected) {
        assertThat(actual).as(what).isCloseTo(expected, within(TOL * Math.abs(expected)));
    }
}
