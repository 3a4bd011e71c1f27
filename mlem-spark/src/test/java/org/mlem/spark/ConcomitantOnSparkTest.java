package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlem.spark.SparkTestKit.flatten;
import static org.mlem.spark.SparkTestKit.relativeError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.MlemUserException;
import org.mlem.concomitant.ConcomitantDesign;
import org.mlem.concomitant.ConcomitantEm;
import org.mlem.concomitant.ConcomitantMixture;
import org.mlem.concomitant.ConcomitantStarts;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.formula.Frame;
import org.mlem.gmm.Degeneracy;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmComponents;
import org.mlem.io.ModelJson;
import org.mlem.model.BlockEmKind;
import org.mlem.model.FittedConcomitant;
import org.mlem.model.GmmEstimators;
import org.mlem.model.ModelKinds;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GmmInit;
import org.mlem.select.Candidate;
import org.mlem.select.ConcomitantFamily;
import org.mlem.select.Criterion;
import org.mlem.select.GaussianFamily;
import org.mlem.select.ModelSelection;
import org.mlem.select.SelectionResult;

/**
 * {@code fit gmm --concomitant} on Spark ({@link LatentMixture#setConcomitant}). Oracle: the single
 * machine's code that {@code fit gmm --concomitant} runs (the plain fit collecting its starts' ends,
 * then {@link ConcomitantStarts#best} over {@link GmmComponents}) on the same rows and seed; by hand
 * the CLI printed the same log-likelihood (docs/spark.md). Data: mtcars ({@code fixtures/kinds/concomitant.csv}),
 * k = 2 on mpg and qsec, weights by {@code ~ wt + carb_f} (carb_f: "odd" or "even" carburettors, a text factor): three distinct starts,
 * the third best, so the choice among the concomitant runs is tested too. Tolerance 1e-9 relative.
 */
class ConcomitantOnSparkTest {
    private static final String FORMULA = "~ wt + carb_f";
    private static final long SEED = 1;
    private static final StructType SCHEMA = new StructType().add("features", new VectorUDT(), true)
            .add("wt", DataTypes.DoubleType, true).add("carb_f", DataTypes.StringType, true);

    private static DataMatrix x;
    private static Frame covariates;
    private static List<Row> rows;
    private static ConcomitantStarts.Outcome<GaussianMixture> expected;
    private static ConcomitantStarts.Outcome<GaussianMixture> oneStart;
    private static GmmComponents components;
    private static ConcomitantDesign design;

    @BeforeAll
    static void oneMachine() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../mlem-core/src/test/resources/fixtures/kinds/concomitant.csv"));
        List<String> head = List.of(lines.get(0).split(","));
        int n = lines.size() - 1;
        double[] values = new double[2 * n];
        double[] wt = new double[n];
        String[] carb = new String[n];
        rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] cells = lines.get(i + 1).split(",");
            values[2 * i] = Double.parseDouble(cells[head.indexOf("mpg")]);
            values[2 * i + 1] = Double.parseDouble(cells[head.indexOf("qsec")]);
            wt[i] = Double.parseDouble(cells[head.indexOf("wt")]);
            carb[i] = Integer.parseInt(cells[head.indexOf("carb")]) % 2 == 1 ? "odd" : "even";
            rows.add(RowFactory.create(Vectors.dense(values[2 * i], values[2 * i + 1]), wt[i], carb[i]));
        }
        x = DataMatrix.of(values, n, 2, List.of("x1", "x2"));
        covariates = Frame.builder().numeric("wt", wt).text("carb_f", carb).build();
        design = ConcomitantDesign.build(FORMULA, covariates, null, null);
        expected = oneMachine(EmOptions.DEFAULTS);
        oneStart = oneMachine(EmOptions.DEFAULTS.withRestarts(1));
        assertThat(expected.finals()).as("several distinct concomitant starts, the best not the first").hasSizeGreaterThan(1);
        assertThat(expected.bestStart()).isPositive();
    }

    /** What {@code fit gmm --concomitant} runs on one machine with these EM options. */
    private static ConcomitantStarts.Outcome<GaussianMixture> oneMachine(EmOptions em) {
        GaussianMixtureEstimator est = GmmEstimators.of(x, new BlockEmKind.Shape(2, null, null),
                BlockEmKind.Extras.NONE, em, SEED);
        ConcomitantStarts.Ends<GaussianMixture> ends = new ConcomitantStarts.Ends<>(null);
        MixtureFit<GaussianMixture> plain = est.fit(x, SEED, ends);
        components = new GmmComponents(est, x);
        return ConcomitantStarts.best(plain, ends, GaussianMixture::weights, components, design, null, em,
                (m, post) -> !Degeneracy.of(m, x, post, est.regCovar()).isEmpty());
    }

    private static Dataset<Row> frame(int partitions) {
        return SparkTestKit.frame(rows, SCHEMA, partitions);
    }

    private static LatentMixtureModel fit(Dataset<Row> df) {
        return new LatentMixture().setKind("gmm").setK(2).setConcomitant(FORMULA).setSeed(SEED).fit(df);
    }

    @SuppressWarnings("unchecked")
    private static void assertSameFit(LatentMixtureModel m, ConcomitantStarts.Outcome<GaussianMixture> expected) {
        assertThat(relativeError(new double[] {m.summary().logLikelihood()},
                new double[] {expected.fit().logLikelihood()})).isLessThan(1e-9);
        ConcomitantMixture<GaussianMixture> got = (ConcomitantMixture<GaussianMixture>) m.model();
        ConcomitantMixture<GaussianMixture> want = expected.fit().model();
        GaussianMixture g = got.components();
        GaussianMixture w = want.components();
        assertThat(relativeError(g.weights(), w.weights())).isLessThan(1e-9);
        assertThat(relativeError(flatten(g.means()), flatten(w.means()))).isLessThan(1e-9);
        for (int j = 0; j < 2; j++) {
            assertThat(relativeError(flatten(g.covariance(j)), flatten(w.covariance(j)))).isLessThan(1e-9);
        }
        assertThat(relativeError(flatten(got.gating().coefficients()), flatten(want.gating().coefficients())))
                .isLessThan(1e-9);
        assertThat(got.gating().terms()).isEqualTo(want.gating().terms());
        assertThat(got.gating().levels()).isEqualTo(want.gating().levels());
        assertThat(m.summary().nParameters()).isEqualTo(expected.fit().nParameters());
        assertThat(m.summary().startLogLikelihoods()).hasSize(expected.finals().length);
    }

    /**
     * Seven uneven partitions with one start ({@code nInit} 1, the CLI's {@code --n-init 1}): every
     * EM iteration is a job and each Newton step of the gating another, so the many-start case runs
     * once, over three partitions, below (one partition, the blocks merged inside it, is every other
     * kind's case in {@code EveryKindTest}).
     */
    @Test
    void sevenPartitionsGiveTheSingleMachinesFit() {
        assertSameFit(new LatentMixture().setKind("gmm").setK(2).setConcomitant(FORMULA).setSeed(SEED).setNInit(1)
                .fit(frame(7)), oneStart);
    }

    /**
     * Three partitions: the fit; transform's memberships from each row's covariates against the
     * single machine's posteriors, its log densities summing to the fit's log-likelihood; the saved
     * model.json read by mlem-core's model-file reader (what {@code mlem score} and {@code predict}
     * read) scoring the rows to the same log-likelihood; the loaded model transforming alike.
     */
    @Test
    void threePartitionsTransformAndModelFile(@TempDir Path dir) throws IOException {
        Dataset<Row> df = frame(3);
        LatentMixtureModel m = fit(df);
        assertSameFit(m, expected);
        double[][] posterior = ConcomitantEm.posteriorRows(components, design, expected.fit().model());
        List<Row> out = m.transform(df).select("probability", "logLikelihood", "prediction").collectAsList();
        double[] ll = out.stream().mapToDouble(r -> r.getDouble(1)).toArray();
        assertThat(relativeError(out.stream().flatMapToDouble(r -> java.util.Arrays.stream(((Vector) r.get(0)).toArray()))
                .toArray(), flatten(posterior))).isLessThan(1e-9);
        assertThat(relativeError(new double[] {java.util.Arrays.stream(ll).sum()},
                new double[] {expected.fit().logLikelihood()})).isLessThan(1e-9);
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i).getInt(2)).isEqualTo(posterior[i][1] > posterior[i][0] ? 1 : 0);
        }

        m.write().overwrite().save(dir.toString());
        FittedConcomitant file = (FittedConcomitant) ModelKinds.read(
                ModelJson.mapper().readTree(dir.resolve("model.json").toFile()), "model.json");
        double[] x1 = new double[x.rows()];
        double[] x2 = new double[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            x1[i] = x.get(i, 0);
            x2[i] = x.get(i, 1);
        }
        Frame scored = Frame.builder().numeric("x1", x1).numeric("x2", x2)
                .numeric("wt", covariates.numeric("wt")).text("carb_f", covariates.text("carb_f")).build();
        assertThat(relativeError(file.logDensities(scored), ll)).isLessThan(1e-9);
        assertThatThrownBy(() -> m.transform(df.drop("wt"))).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("names wt, which is not a column");
        List<Row> loaded = LatentMixtureModel.load(dir.toString()).transform(df).select("logLikelihood").collectAsList();
        assertThat(relativeError(loaded.stream().mapToDouble(r -> r.getDouble(0)).toArray(), ll)).isLessThan(1e-12);
    }

    /**
     * {@code select gmm --concomitant} on the cluster ({@link LatentMixture#select} with a concomitant
     * formula): k 1..2 × full by BIC, one start, three partitions. Oracle: mlem-core's
     * {@link ModelSelection} over {@link ConcomitantFamily} (what {@code select gmm --concomitant}
     * runs, with {@code --converge-all}: the cluster does not rank-stop) on the same rows and seed: every candidate's log-likelihood and BIC within 1e-9
     * relative, ICL within 1e-7 (as {@code MclustExtrasTest}'s plain selection), the same parameter
     * counts and the same choice; the best's gating coefficients within 1e-9.
     */
    @Test
    @SuppressWarnings("unchecked")
    void selectionWithConcomitantVariablesIsSelectGmms() {
        GaussianFamily family = new GaussianFamily(GaussianMixtureEstimator.DEFAULT_REG_COVAR, GmmInit.DEFAULT,
                EmOptions.DEFAULTS.withRestarts(1)).forDimension(2);
        ConcomitantFamily<DataMatrix, CovarianceStructure, GaussianMixture> gated = new ConcomitantFamily<>(family,
                (rowsOf, kk, v) -> new GmmComponents(family.estimator(kk, v), rowsOf), GaussianMixture::weights, design,
                null, family.em());
        SelectionResult<ConcomitantFamily.Gated<GaussianMixture>> local = new ModelSelection<>(gated, 1, 2,
                List.of(CovarianceStructure.FULL), 1, Criterion.BIC).withConvergeAll(true).run(x, SEED);
        LatentMixtureSelection spark = new LatentMixture().setSeed(SEED).setNInit(1).setConcomitant(FORMULA)
                .select(frame(3), 1, 2, List.of("full"), "bic");
        assertThat(spark.candidates().candidates()).hasSameSizeAs(local.candidates());
        for (int i = 0; i < local.candidates().size(); i++) {
            Candidate<GaussianMixture> a = spark.candidates().candidates().get(i);
            Candidate<ConcomitantFamily.Gated<GaussianMixture>> b = local.candidates().get(i);
            assertThat(a.k()).isEqualTo(b.k());
            assertThat(relativeError(new double[] {a.logLikelihood(), a.bic()}, new double[] {b.logLikelihood(), b.bic()}))
                    .isLessThan(1e-9);
            assertThat(relativeError(new double[] {a.icl()}, new double[] {b.icl()})).isLessThan(1e-7);
            assertThat(a.nParameters()).isEqualTo(b.nParameters());
            assertThat(a.eligible()).isEqualTo(b.eligible());
        }
        assertThat(spark.candidates().bestIndex()).isEqualTo(local.bestIndex());
        ConcomitantMixture<GaussianMixture> best = (ConcomitantMixture<GaussianMixture>) spark.best().model();
        assertThat(relativeError(flatten(best.gating().coefficients()),
                flatten(local.best().model().mixture().gating().coefficients()))).isLessThan(1e-9);
    }

    /**
     * {@code fit gmm --concomitant --standard-errors louis} on Spark ({@link LatentMixtureModel#standardErrors})
     * for the model file {@code fixtures/kinds/concomitant.json} ({@code fit gmm --k 2 --columns mpg,qsec
     * --concomitant "~ wt" --out} on these rows) over one and three partitions. Oracle: mlem-core's
     * {@code ConcomitantInformation.of} over {@link GmmComponents} on the same rows (what the CLI runs,
     * Louis' identity): the same names, every standard error within 1e-10 relative (measured 7.5e-15;
     * the partitions' sums are added in another order).
     */
    @Test
    @SuppressWarnings("unchecked")
    void standardErrorsAreTheSingleMachines() throws IOException {
        LatentMixtureModel m = LatentMixtureModel.fromFile(ModelJson.mapper().readTree(
                Path.of("../mlem-core/src/test/resources/fixtures/kinds/concomitant.json").toFile()), "concomitant.json");
        ConcomitantMixture<GaussianMixture> model = (ConcomitantMixture<GaussianMixture>) m.model();
        org.mlem.uncertainty.ParameterEstimates one = org.mlem.concomitant.ConcomitantInformation.of(new GmmComponents(
                new org.mlem.gmm.GmmModel(model.components().structure(), GaussianMixtureEstimator.DEFAULT_REG_COVAR), 2, x),
                ConcomitantDesign.build("~ wt", covariates, null, null), null, model).estimates();
        for (int partitions : new int[] {1, 3}) {
            org.mlem.uncertainty.ParameterEstimates spark = m.standardErrors(frame(partitions));
            assertThat(spark.names()).isEqualTo(one.names());
            assertThat(relativeError(spark.standardError(), one.standardError())).isLessThan(1e-10);
        }
    }

    /** Bad input stops the fit on the driver in one line, naming the row and column or the formula's column. */
    @Test
    void badInputIsNamedOnTheDriver() {
        List<Row> holed = new ArrayList<>(rows);
        Row r = holed.get(20);
        holed.set(20, RowFactory.create(r.get(0), null, r.get(2)));
        assertThatThrownBy(() -> fit(SparkTestKit.frame(holed, SCHEMA, 3))).isInstanceOf(MlemUserException.class)
                .hasMessage("row 21: concomitant column 'wt' has no value; fill the cell, or filter the row out of the "
                        + "Dataset (no row is dropped for it)");
        assertThatThrownBy(() -> new LatentMixture().setKind("gmm").setK(2).setConcomitant("~ wt + zz").fit(frame(2)))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("'~ wt + zz' names zz, which is not a column")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> new LatentMixture().setKind("gmm").setK(2).setConcomitant("~ wt").setPrior("default")
                .fit(frame(2))).isInstanceOf(MlemUserException.class)
                .hasMessage("concomitant models the weights by covariates; it does not combine with prior yet; unset one "
                        + "of them");
    }
}
