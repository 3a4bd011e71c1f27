package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;
import org.mlem.gmm.NoiseMixture;
import org.mlem.gmm.NoiseMixtureEstimator;
import org.mlem.gmm.NoiseStart;
import org.mlem.model.FittedGmm;
import org.mlem.model.ModelKinds;
import org.mlem.select.Candidate;
import org.mlem.select.Criterion;
import org.mlem.select.GaussianFamily;
import org.mlem.select.ModelSelection;
import org.mlem.select.SelectionResult;

/**
 * mclust's extras on Spark ({@code prior}, {@code equalProportions}, {@code noise}, {@code init}):
 * the fit equals mlem-core's single-machine fit with the same options ({@code fit gmm --prior
 * default --equal-proportions}, {@code --noise}, {@code --init hc}) on the same rows. Oracle:
 * {@link GaussianMixtureEstimator} / {@link NoiseMixtureEstimator} on the rows in memory; tolerance
 * 1e-9 relative (log-likelihood, every parameter relative to the largest, the noise hypervolume),
 * since the prior's moments, the noise region's axes and the statistics are summed in another order.
 * Data: 230 rows of the two-component fixture of mlem-core's tests plus 10 rows uniform over a box
 * three times wider (noise).
 */
class MclustExtrasTest {
    private static final double TOL = 1e-6;
    private static final int MAX_ITER = 40;
    private static final EmOptions EM = EmOptions.DEFAULTS.withTolerance(TOL).withMaxIterations(MAX_ITER);

    private static DataMatrix rows;
    private static DataMatrix first;

    @BeforeAll
    static void data() throws Exception {
        GaussianMixture truth = SparkTestKit.fixtureMixture();
        DataMatrix x = truth.sample(230, 7, null).data();
        double[] v = Arrays.copyOf(x.values(), 240 * 2);
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < 230; i++) {
            for (int a = 0; a < 2; a++) {
                lo[a] = Math.min(lo[a], v[2 * i + a]);
                hi[a] = Math.max(hi[a], v[2 * i + a]);
            }
        }
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 230; i < 240; i++) {
            for (int a = 0; a < 2; a++) {
                double w = hi[a] - lo[a];
                v[2 * i + a] = lo[a] - w + 3 * w * rng.nextDouble();
            }
        }
        rows = DataMatrix.of(v, 240, 2, null);
        first = DataMatrix.of(Arrays.copyOf(v, 60 * 2), 60, 2, null);
    }

    /** Two EM iterations of the single-machine fit on the first 60 rows: a start EM has ground to cover from. */
    private static GaussianMixture start(CovarianceStructure s) {
        return GaussianMixtureEstimator.of(2).withCovariance(s).withEm(EM.withMaxIterations(2).withRestarts(1))
                .fit(first, 3).model();
    }

    /**
     * Over 3 partitions: the prior's moments and the statistics merged across partitions. Over 7 (the
     * tree's extra level) the prior is the noise case's below ({@code 7, true, 40}); one partition
     * merges nothing (CI time).
     */
    static Stream<Arguments> priorCases() {
        return Stream.of(Arguments.of("full", true, 3), Arguments.of("VEI", false, 3));
    }

    @ParameterizedTest(name = "{0}, equal proportions {1}, {2} partitions")
    @MethodSource("priorCases")
    void priorFromAGivenStartIsTheSingleMachineFit(String structure, boolean equal, int partitions) {
        CovarianceStructure s = CovarianceStructure.parse(structure, 2);
        GaussianMixture start = start(s);
        MixtureFit<GaussianMixture> local = GaussianMixtureEstimator.of(2).withCovariance(s)
                .withInit(new GmmInit.Given(start)).withEm(EM).withEqualProportions(equal).withDefaultPrior(true)
                .fit(rows, 0);
        LatentMixtureModel spark = new LatentMixture().setKind("gmm").setInitialModel(start).setPrior("default")
                .setEqualProportions(equal).setTol(TOL).setMaxIter(MAX_ITER).fit(SparkTestKit.frame(rows, partitions));
        GaussianMixture m = (GaussianMixture) spark.model();
        assertThat(relative(spark.summary().logLikelihood(), local.logLikelihood())).isLessThan(1e-9);
        assertThat(SparkTestKit.relativeError(parameters(m), parameters(local.model()))).isLessThan(1e-9);
        assertThat(spark.summary().nParameters()).isEqualTo(local.nParameters());
        assertThat(m.equalProportions()).isEqualTo(equal);
        assertThat(local.iterations()).as("EM moved from the start").isGreaterThan(3);
    }

    private static final GaussianMixtureEstimator NOISE_SETTINGS = GaussianMixtureEstimator.of(2).withEm(EM);

    static Stream<Arguments> noiseCases() {
        return Stream.of(Arguments.of(3, false, Double.NaN), Arguments.of(3, true, Double.NaN),
                Arguments.of(7, true, 40.0));
    }

    /**
     * From a given start, plain, under the prior ({@code fit gmm --noise --prior default}) and with a
     * hypervolume given ({@code --hypervolume}): the single machine's {@code fitFrom} with the same
     * settings, whose prior and region come from the rows in memory. Over 3 partitions and 7 (the
     * tree's extra level); the one-partition cases, which merge nothing, were dropped for CI time.
     */
    @ParameterizedTest(name = "{0} partitions, prior {1}, hypervolume {2}")
    @MethodSource("noiseCases")
    void noiseFromAGivenStartIsTheSingleMachineFit(int partitions, boolean prior, double hypervolume) {
        NoiseMixture start = new NoiseMixtureEstimator(GaussianMixtureEstimator.of(2)
                .withEm(EM.withMaxIterations(2).withRestarts(1))).fit(first, NoiseStart.byNearestNeighbours(first), 3,
                EmListener.NONE).model();
        MixtureFit<NoiseMixture> local = new NoiseMixtureEstimator(NOISE_SETTINGS.withDefaultPrior(prior), hypervolume)
                .fitFrom(rows, start, 0);
        LatentMixture settings = new LatentMixture().setKind("gmm").setNoise(true).setInitialModel(start).setTol(TOL)
                .setMaxIter(MAX_ITER).setPrior(prior ? "default" : "none");
        if (!Double.isNaN(hypervolume)) {
            settings.setHypervolume(hypervolume);
        }
        LatentMixtureModel spark = settings.fit(SparkTestKit.frame(rows, partitions));
        NoiseMixture m = (NoiseMixture) spark.model();
        assertThat(relative(spark.summary().logLikelihood(), local.logLikelihood())).isLessThan(1e-9);
        assertThat(SparkTestKit.relativeError(parameters(m.gaussians()), parameters(local.model().gaussians())))
                .isLessThan(1e-9);
        assertThat(relative(m.noiseWeight(), local.model().noiseWeight())).isLessThan(1e-9);
        assertThat(relative(m.region().hypervolume(), local.model().region().hypervolume())).isLessThan(1e-9);
        if (!Double.isNaN(hypervolume)) {
            assertThat(relative(m.region().hypervolume(), hypervolume)).isLessThan(1e-12);
        }
        assertThat(m.region().principal()).isEqualTo(local.model().region().principal());
        assertThat(spark.summary().nParameters()).isEqualTo(local.nParameters());
        assertThat(local.iterations()).as("EM moved from the start").isGreaterThan(3);
    }

    /**
     * {@code noiseStartCol} (a boolean column; {@code fit gmm --noise --noise-start}) with the prior,
     * own starts on every row: the single machine's fit from the same flags (the 10 uniform rows and
     * the first row: not the nearest-neighbour rule's), continued by its {@code fitFrom} with the
     * same EM settings as the cluster continues the driver's fit: 1e-9 relative in log-likelihood and
     * parameters; a null flag is refused naming its row.
     */
    @Test
    void aNoiseStartColumnIsTheUsersNoiseStart() {
        boolean[] flags = new boolean[rows.rows()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = i == 0 || i >= 230;
        }
        assertThat(flags).isNotEqualTo(NoiseStart.byNearestNeighbours(rows));
        EmOptions em = EM.withRestarts(1);
        NoiseMixtureEstimator single = new NoiseMixtureEstimator(NOISE_SETTINGS.withEm(em).withDefaultPrior(true));
        MixtureFit<NoiseMixture> local = single.fitFrom(rows, single.fit(rows, flags, 11, EmListener.NONE).model(), 0);
        LatentMixtureModel spark = new LatentMixture().setKind("gmm").setNoise(true).setPrior("default").setK(2)
                .setSeed(11).setNInit(1).setTol(TOL).setMaxIter(MAX_ITER).setNoiseStartCol("outlier")
                .fit(flagged(flags, -1, 3));
        assertThat(relative(spark.summary().logLikelihood(), local.logLikelihood())).isLessThan(1e-9);
        NoiseMixture m = (NoiseMixture) spark.model();
        assertThat(SparkTestKit.relativeError(parameters(m.gaussians()), parameters(local.model().gaussians())))
                .isLessThan(1e-9);
        assertThat(relative(m.noiseWeight(), local.model().noiseWeight())).isLessThan(1e-9);
        LatentMixture noFlag = new LatentMixture().setKind("gmm").setNoise(true).setK(2).setNoiseStartCol("outlier");
        assertThatThrownBy(() -> noFlag.fit(flagged(flags, 101, 3))).isInstanceOf(MlemUserException.class)
                .hasMessage("row 102, column 'outlier' holds null, not a noise flag; mark each row as noise (true or 1)"
                        + " or not (false or 0)");
    }

    /** The rows with a boolean column {@code outlier} of {@code flags} (null at row {@code nullAt}, 0-based). */
    private static org.apache.spark.sql.Dataset<Row> flagged(boolean[] flags, int nullAt, int partitions) {
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("features", new org.apache.spark.ml.linalg.VectorUDT(), true)
                .add("outlier", org.apache.spark.sql.types.DataTypes.BooleanType, true);
        List<Row> out = new java.util.ArrayList<>();
        for (int i = 0; i < rows.rows(); i++) {
            out.add(org.apache.spark.sql.RowFactory.create(org.apache.spark.ml.linalg.Vectors.dense(rows.row(i)),
                    i == nullAt ? null : flags[i]));
        }
        return SparkTestKit.frame(out, schema, partitions);
    }

    /**
     * Own starts with every row on the driver: the start is {@code fit gmm --noise}'s fit (its
     * nearest-neighbour noise start), so the Spark fit ends at its maximum (1e-9 in log-likelihood;
     * the parameters only to about 1e-4, plain EM creeping on from the converged start); the saved
     * model.json is a gmm model file with the noise component, whose posteriors (the noise's last)
     * are transform's (the file's own mixture, 1e-12).
     */
    @Test
    void noiseFromOwnStartsAndItsModelFile(@TempDir Path dir) throws Exception {
        EmOptions em = EM.withRestarts(1);
        MixtureFit<NoiseMixture> local = new NoiseMixtureEstimator(NOISE_SETTINGS.withEm(em))
                .fit(rows, NoiseStart.byNearestNeighbours(rows), 11, EmListener.NONE);
        LatentMixtureModel spark = new LatentMixture().setKind("gmm").setNoise(true).setK(2).setSeed(11).setNInit(1)
                .setTol(TOL).setMaxIter(MAX_ITER).fit(SparkTestKit.frame(rows, 3));
        assertThat(local.converged()).isTrue();
        assertThat(relative(spark.summary().logLikelihood(), local.logLikelihood()))
                .as("local %d iterations, spark %d", local.iterations(), spark.summary().iterations()).isLessThan(1e-9);
        String path = dir.resolve("m").toString();
        spark.write().save(path);
        FittedGmm file = (FittedGmm) ModelKinds.read(Path.of(path, LatentMixtureModel.MODEL_FILE));
        assertThat(file.noise()).isNotNull();
        assertThat(file.classNames()).containsExactly("0", "1", FittedGmm.NOISE_CLASS);
        NoiseMixture fitted = (NoiseMixture) spark.model();
        assertThat(relative(file.noise().noiseWeight(), fitted.noiseWeight())).isLessThan(1e-15);
        assertThat(relative(file.noise().region().hypervolume(), fitted.region().hypervolume())).isLessThan(1e-12);
        LatentMixtureModel loaded = LatentMixtureModel.load(path);
        assertThat(loaded.model()).isInstanceOf(NoiseMixture.class);
        List<Row> out = loaded.transform(SparkTestKit.frame(rows, 3)).collectAsList();
        double[][] p = fitted.predictProba(rows);
        for (int i = 0; i < out.size(); i++) {
            double[] q = ((Vector) out.get(i).get(out.get(i).fieldIndex("probability"))).toArray();
            assertThat(q).hasSize(3);
            assertThat(SparkTestKit.relativeError(q, p[i])).isLessThan(1e-12);
        }
    }

    /** {@code init=hc} with the prior and equal weights, own starts on every row: {@code fit gmm --init hc ...}'s maximum. */
    @Test
    void hierarchicalStartWithPriorReachesTheSingleMachineMaximum() {
        MixtureFit<GaussianMixture> local = GaussianMixtureEstimator.of(2).withCovariance(CovarianceStructure.TIED)
                .withInit(GmmInit.Hierarchical.withSeed(5)).withEm(EM).withDefaultPrior(true).withEqualProportions(true)
                .fit(rows, 5);
        LatentMixtureModel spark = new LatentMixture().setKind("gmm").setCovariance("tied").setK(2).setSeed(5)
                .setInit("hc").setPrior("default").setEqualProportions(true).setTol(TOL).setMaxIter(MAX_ITER)
                .fit(SparkTestKit.frame(rows, 3));
        assertThat(relative(spark.summary().logLikelihood(), local.logLikelihood())).isLessThan(1e-9);
        assertThat(SparkTestKit.relativeError(parameters((GaussianMixture) spark.model()), parameters(local.model())))
                .isLessThan(1e-6);
    }

    /**
     * Selection on the cluster: every candidate is {@code select gmm --converge-all}'s (mlem-core's
     * {@link ModelSelection} over {@link GaussianFamily}, same seed) to 1e-9 relative in
     * log-likelihood and BIC, ICL to 1e-7 (its classification term moves to first order with the
     * parameters, which the cluster's EM iterations after the driver's converged fit move by about
     * 1e-6; the log-likelihood is stationary there; 1.7e-9 seen), with the same parameter count and
     * the same choice. k 1..2 × full, diag by BIC; and with the prior and equal weights, k 1..2 × VVV
     * by ICL.
     */
    @ParameterizedTest(name = "prior and equal proportions {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void selectionOnTheClusterIsSelectGmm(boolean mclust) {
        List<CovarianceStructure> variants = mclust ? List.of(CovarianceStructure.FULL)
                : List.of(CovarianceStructure.FULL, CovarianceStructure.DIAG);
        Criterion by = mclust ? Criterion.ICL : Criterion.BIC;
        GaussianFamily family = new GaussianFamily(GaussianMixtureEstimator.DEFAULT_REG_COVAR, GmmInit.DEFAULT,
                EM.withRestarts(2)).forDimension(2).withEqualProportions(mclust).withDefaultPrior(mclust);
        // the cluster runs every candidate to the tolerance: select gmm --converge-all
        SelectionResult<GaussianMixture> local = new ModelSelection<>(family, 1, 2, variants, 1, by, true).run(rows, 13);
        LatentMixture settings = new LatentMixture().setSeed(13).setNInit(2).setTol(TOL).setMaxIter(MAX_ITER);
        if (mclust) {
            settings.setPrior("default").setEqualProportions(true);
        }
        LatentMixtureSelection spark = settings.select(SparkTestKit.frame(rows, 3), 1, 2,
                variants.stream().map(CovarianceStructure::id).toList(), by.id());
        assertThat(spark.candidates().candidates()).hasSameSizeAs(local.candidates());
        for (int i = 0; i < local.candidates().size(); i++) {
            Candidate<GaussianMixture> a = spark.candidates().candidates().get(i);
            Candidate<GaussianMixture> b = local.candidates().get(i);
            assertThat(a.k()).isEqualTo(b.k());
            assertThat(a.variant()).isEqualTo(b.variant());
            assertThat(a.seed()).isEqualTo(b.seed());
            assertThat(relative(a.logLikelihood(), b.logLikelihood())).isLessThan(1e-9);
            assertThat(relative(a.bic(), b.bic())).isLessThan(1e-9);
            assertThat(relative(a.icl(), b.icl())).isLessThan(1e-7);
            assertThat(a.nParameters()).isEqualTo(b.nParameters());
            assertThat(a.eligible()).isEqualTo(b.eligible());
        }
        assertThat(spark.candidates().bestIndex()).isEqualTo(local.bestIndex());
        Candidate<GaussianMixture> best = local.best();
        assertThat(spark.best().getK()).isEqualTo(best.k());
        assertThat(relative(spark.best().summary().logLikelihood(), best.logLikelihood())).isLessThan(1e-9);
        assertThat(((GaussianMixture) spark.best().model()).equalProportions()).isEqualTo(mclust);
    }

    @Test
    void extrasOutsideTheirReachAreRefusedInOneLine() {
        assertThatThrownBy(() -> new LatentMixture().setKind("tmix").select(SparkTestKit.frame(first, 2), 1, 2, null, "bic"))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("kind gmm");
        assertThatThrownBy(() -> new LatentMixture().setNoise(true).select(SparkTestKit.frame(first, 2), 1, 2, null, "bic"))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("select does not take noise yet");
        assertThatThrownBy(() -> new LatentMixture().setKind("tmix").setK(2).setPrior("default")
                .fit(SparkTestKit.frame(first, 2))).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("prior").hasMessageContaining("kind 'tmix' has none").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> new LatentMixture().setKind("gmm").setK(2).setHypervolume(3)
                .fit(SparkTestKit.frame(first, 2))).isInstanceOf(MlemUserException.class)
                .hasMessage("hypervolume belongs to the noise component; set noise or unset it");
        assertThatThrownBy(() -> new LatentMixture().setKind("gmm").setInit("hc").setInitialModel(start(CovarianceStructure.FULL))
                .fit(SparkTestKit.frame(first, 2))).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("unset one of them");
        assertThatThrownBy(() -> new LatentMixture().setKind("gmm").setNoise(true)
                .setInitialModel(start(CovarianceStructure.FULL)).fit(SparkTestKit.frame(first, 2)))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("has no noise component");
        assertThatThrownBy(() -> new LatentMixture().setKind("gmm").setInit("ward"))
                .hasMessageContaining("init");
    }

    private static double relative(double a, double b) {
        return Math.abs(a - b) / Math.abs(b);
    }

    private static double[] parameters(GaussianMixture m) {
        return org.mlem.model.EmKinds.ALL.stream().filter(k -> k.name().equals("gmm")).findFirst()
                .map(k -> ((org.mlem.model.EmKind<?, GaussianMixture>) k).parameters(m)).orElseThrow();
    }
}
