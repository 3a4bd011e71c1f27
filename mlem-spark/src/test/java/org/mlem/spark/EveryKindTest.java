package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.io.ModelJson;
import org.mlem.model.BlockEmKind;
import org.mlem.model.FittedModel;
import org.mlem.model.LatentClasses;
import org.mlem.model.ModelKinds;
import org.mlem.model.RowScores;

/**
 * Every kind {@link LatentMixture} fits (the registry's {@link BlockEmKind}s) gives the
 * single-machine answer on any partitioning. Oracle: the kind's own single-machine fit
 * ({@code EmKind.fit}) from the same start on the same rows; tolerance 1e-9 relative (the
 * log-likelihood, and every parameter relative to its kind's largest), since statistics summed in
 * another order differ in the last bits only. Data: 240 rows drawn from the kind's
 * {@code fixtures/kinds} model of mlem-core's tests; the start: two EM iterations of the kind's
 * own start on the first 60 rows, so EM has ground to cover.
 */
class EveryKindTest {
    private static final Path FIXTURES = Path.of("../mlem-core/src/test/resources/fixtures/kinds");

    /** Looser than the default stopping rule, to keep the module's test time down (each E-step is a Spark job). */
    private static final double TOL = 1e-6;
    private static final int MAX_ITER = 40;

    /** What each kind is asked for (k = 2; the mixture of Poissons is the fixture's family). */
    private static final Map<String, BlockEmKind.Shape> SHAPES = Map.of("gmm", new BlockEmKind.Shape(2, null, "full"),
            "tmix", new BlockEmKind.Shape(2, null, null), "mixture", new BlockEmKind.Shape(2, "poisson", null));

    private record Case<M>(BlockEmKind<M> kind, DataMatrix rows, M start) {}

    @SuppressWarnings("unchecked")
    private static <M> Case<M> load(String name, boolean holes) throws Exception {
        BlockEmKind<M> kind = (BlockEmKind<M>) LatentMixture.kindNamed(name);
        JsonNode root = ModelJson.mapper().readTree(Files.readString(FIXTURES.resolve(name + ".json")));
        M truth = kind.model(ModelKinds.read(root, name));
        int d = ((org.mlem.model.RowInput.Columns) ModelKinds.read(root, name).input()).names().size();
        DataMatrix like = DataMatrix.of(new double[d], 1, d, null);
        DataMatrix x = kind.draw(truth, like, 240, 7).data();
        x = DataMatrix.of(x.values(), x.rows(), d, null);
        DataMatrix first = DataMatrix.of(Arrays.copyOf(x.values(), 60 * d), 60, d, null);
        M start = kind.fit(first, SHAPES.get(name), kind.defaults().withMaxIterations(2).withRestarts(1), 3, false).model();
        return new Case<>(kind, holes ? withHoles(x) : x, start);
    }

    /** About 10% of the cells missing, never every cell of a row. */
    private static DataMatrix withHoles(DataMatrix x) {
        double[] v = x.values().clone();
        SplittableRandom rng = new SplittableRandom(5);
        int d = x.cols();
        for (int i = 0; i < x.rows(); i++) {
            int keep = rng.nextInt(d);
            for (int a = 0; a < d; a++) {
                if (a != keep && rng.nextDouble() < 0.1) {
                    v[i * d + a] = Double.NaN;
                }
            }
        }
        return DataMatrix.of(v, x.rows(), d, null);
    }

    /**
     * Each kind over 3 and 7 partitions (7 leaves: treeAggregate's extra level), but the t mixture
     * over 3 only: its fit here is 225 Spark jobs (the degrees of freedom's updates pass over the
     * rows too), so over 7 partitions it ran 2 000 tasks, 17 s of CI; its statistics' merge across
     * partitions is the 3-partition case's, and the fixed tree over 7 leaves is the same code for
     * every kind. No kind over one partition: 240 rows are one block, so it merges nothing and is
     * the single machine's own computation (CI time).
     */
    static Stream<Arguments> cases() {
        return LatentMixture.kindNames().stream()
                .flatMap(k -> (k.equals("tmix") ? Stream.of(3) : Stream.of(3, 7)).map(p -> Arguments.of(k, p)));
    }

    @ParameterizedTest(name = "{0}, {1} partitions")
    @MethodSource("cases")
    void sameAsSingleMachine(String name, int partitions) throws Exception {
        same(load(name, false), partitions, false);
    }

    static Stream<Arguments> missingCases() {
        return LatentMixture.kindNames().stream().map(k -> Arguments.of(k, 3));
    }

    /**
     * Missing cells marginalised (the Gaussian mixture's filled step first), over 3 partitions only:
     * the merge is the complete data's (tested above for 3 and 7), and the t mixture over 7
     * partitions took 13 s of the module's time. The Poisson fixture has one column, so no holes.
     */
    @ParameterizedTest(name = "{0}, {1} partitions, cells missing")
    @MethodSource("missingCases")
    void sameWithMissingCells(String name, int partitions) throws Exception {
        Case<?> c = load(name, true);
        if (c.rows().cols() > 1) {
            same(c, partitions, true);
        }
    }

    private static <M> void same(Case<M> c, int partitions, boolean missing) {
        EmOptions em = c.kind().defaults().withTolerance(TOL).withMaxIterations(MAX_ITER);
        MixtureFit<M> local = c.kind().fit(c.rows(), c.start(), em, Set.of(), missing);
        LatentMixtureModel spark = new LatentMixture().setKind(c.kind().name()).setInitialModel(c.start())
                .setTol(TOL).setMaxIter(MAX_ITER).setMissing(missing ? "em" : "error")
                .fit(SparkTestKit.frame(c.rows(), partitions));
        MixtureFit<?> fit = spark.summary();
        assertThat(Math.abs(fit.logLikelihood() - local.logLikelihood()) / Math.abs(local.logLikelihood()))
                .isLessThan(1e-9);
        @SuppressWarnings("unchecked")
        M m = (M) spark.model();
        assertThat(SparkTestKit.relativeError(c.kind().parameters(m), c.kind().parameters(local.model()))).isLessThan(1e-9);
        assertThat(fit.nParameters()).isEqualTo(local.nParameters());
        assertThat(fit.iterations()).isBetween(local.iterations() - 2, local.iterations() + 2);
        assertThat(local.iterations()).as("EM moved from the start").isGreaterThan(3);
    }

    /**
     * Without a start, the start is the kind's own single-machine fit to the driver's sample (every
     * row here), so the Spark fit ends at the single-machine maximum: log-likelihood within 1e-9
     * relative (EM over the partitions continues from it until the stopping rule holds).
     */
    @Test
    void ownStartsReachTheSingleMachineMaximum() throws Exception {
        Case<?> c = load("mixture", false);
        MixtureFit<?> local = ((BlockEmKind<?>) c.kind()).fit(c.rows(), SHAPES.get("mixture"),
                c.kind().defaults().withRestarts(2).withTolerance(TOL), 11, false);
        LatentMixtureModel spark = new LatentMixture().setKind("mixture").setFamily("poisson").setK(2).setSeed(11)
                .setNInit(2).setTol(TOL).fit(SparkTestKit.frame(c.rows(), 3));
        assertThat(Math.abs(spark.summary().logLikelihood() - local.logLikelihood()) / Math.abs(local.logLikelihood()))
                .isLessThan(1e-9);
    }

    /**
     * The saved {@code model.json} is a model file mlem-core's registry reads (as {@code mlem predict}
     * does), and its posteriors and log densities are {@code transform}'s (oracle: the file's own
     * faces on the same rows; 1e-12 relative, the same code).
     */
    @Test
    void savedModelIsAModelFileAndTransformAgrees(@TempDir Path dir) throws Exception {
        Case<?> c = load("gmm", false);
        // the file and transform do not depend on how far EM went: this class's EM settings
        LatentMixtureModel spark = new LatentMixture().setKind("gmm").setInitialModel(c.start()).setTol(TOL)
                .setMaxIter(MAX_ITER).fit(SparkTestKit.frame(c.rows(), 3));
        String path = dir.resolve("m").toString();
        spark.write().save(path);
        FittedModel file = ModelKinds.read(Path.of(path, LatentMixtureModel.MODEL_FILE));
        assertThat(file.kind()).isEqualTo("gmm");
        assertThat(ModelJson.readTree(Path.of(path, LatentMixtureModel.MODEL_FILE)).get("logLikelihood").asDouble())
                .isEqualTo(spark.summary().logLikelihood());
        LatentMixtureModel loaded = LatentMixtureModel.load(path);
        List<Row> out = loaded.transform(SparkTestKit.frame(c.rows(), 3)).collectAsList();
        org.mlem.formula.Frame f = org.mlem.formula.Frame.builder().numeric("x1", column(c.rows(), 0))
                .numeric("x2", column(c.rows(), 1)).build();
        double[][] p = ((LatentClasses) file).posteriors(f);
        double[] ll = ((RowScores) file).logDensities(f);
        for (int i = 0; i < out.size(); i++) {
            Row r = out.get(i);
            assertThat(r.getInt(r.fieldIndex("prediction"))).isEqualTo(LatentClasses.argmax(p)[i]);
            assertThat(((Vector) r.get(r.fieldIndex("probability"))).toArray()).containsExactly(p[i],
                    org.assertj.core.data.Offset.offset(1e-12));
            assertThat(r.getDouble(r.fieldIndex("logLikelihood"))).isCloseTo(ll[i],
                    org.assertj.core.data.Offset.offset(1e-12 * Math.abs(ll[i])));
        }
    }

    private static double[] column(DataMatrix x, int a) {
        double[] v = new double[x.rows()];
        for (int i = 0; i < v.length; i++) {
            v[i] = x.get(i, a);
        }
        return v;
    }

    /** A count outside the Poisson's support, in the third of three partitions: one line naming the row and column. */
    @Test
    void valueOutsideTheSupportNamesItsRow() throws Exception {
        Case<?> c = load("mixture", false);
        double[] v = c.rows().values().clone();
        v[200] = -3;
        DataMatrix bad = DataMatrix.of(v, c.rows().rows(), 1, null);
        assertThatThrownBy(() -> new LatentMixture().setKind("mixture").setFamily("poisson").setK(2)
                .fit(SparkTestKit.frame(bad, 3))).isInstanceOf(MlemUserException.class)
                .hasMessageStartingWith("row 201, column 'x1'").hasMessageContaining("-3")
                .hasMessageNotContaining("\n");
    }

    /** NaN without missing=em names the row and the fix; a row of NaN only is refused even with it. */
    @Test
    void missingCellsNeedMissingEm() throws Exception {
        Case<?> c = load("gmm", false);
        double[] v = c.rows().values().clone();
        v[2 * 150 + 1] = Double.NaN;
        DataMatrix holed = DataMatrix.of(v, c.rows().rows(), 2, null);
        assertThatThrownBy(() -> new LatentMixture().setKind("tmix").setK(2).fit(SparkTestKit.frame(holed, 3)))
                .isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 151, column 'features' holds NaN at index 1")
                .hasMessageContaining("missing=\"em\"");
        v[2 * 150] = Double.NaN;
        DataMatrix empty = DataMatrix.of(v, c.rows().rows(), 2, null);
        assertThatThrownBy(() -> new LatentMixture().setKind("tmix").setK(2).setMissing("em")
                .fit(SparkTestKit.frame(empty, 3))).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 151, column 'features' has every cell missing");
    }

    @Test
    void kindOutsideTheRegistryIsRefused() {
        assertThatThrownBy(() -> new LatentMixture().setKind("hmm"))
                .hasMessageContaining("kind");
        assertThatThrownBy(() -> LatentMixture.kindNamed("hmm")).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("does not run on Spark").hasMessageContaining("[gmm, tmix, mixture]");
    }
}
