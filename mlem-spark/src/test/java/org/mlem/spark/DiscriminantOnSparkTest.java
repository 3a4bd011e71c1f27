package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.da.DaType;
import org.mlem.gmm.da.DiscriminantEstimator;
import org.mlem.gmm.da.GaussianDiscriminant;
import org.mlem.model.FittedGmmda;
import org.mlem.model.ModelKinds;

/**
 * EDDA and MclustDA on Spark ({@link LatentMixture#discriminant}) are {@code fit gmmda}: oracle
 * mlem-core's {@link DiscriminantEstimator#fit} on the same rows and classes (itself held to
 * mclust's {@code MclustDA(modelType = "EDDA")} by mlem-core's tests); tolerance 1e-9 relative (the
 * classes' sums are added in another order) for the log-likelihood, every candidate's BIC, the
 * chosen model and every class's mean and covariance, for 3 and 7 partitions (one partition, 240
 * rows in one block, merges nothing: dropped for CI time); VEV's M-step is
 * iterative, the others closed form. Data: 240 rows of the two-component fixture of mlem-core's
 * tests, its components the classes.
 */
class DiscriminantOnSparkTest {
    private static final List<String> MODELS = List.of("EII", "VEV", "VVV");

    private static DataMatrix rows;
    private static int[] classes;

    @BeforeAll
    static void data() throws Exception {
        GaussianMixture truth = SparkTestKit.fixtureMixture();
        GaussianMixture.Sample s = truth.sample(240, 5, null);
        rows = s.data().withLabels(s.components());
        classes = s.components();
    }

    private static DiscriminantEstimator.Fit local() {
        List<CovarianceStructure> models = MODELS.stream().map(m -> CovarianceStructure.parse(m, 2)).toList();
        return new DiscriminantEstimator(DaType.EDDA, models, 1, 1, DiscriminantEstimator.DEFAULT_REG_COVAR,
                EmOptions.DEFAULTS).fit(DataMatrix.of(rows.values(), rows.rows(), 2, null), classes, List.of("0", "1"), 0);
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {3, 7})
    void eddaIsFitGmmdaOnOneMachine(int partitions) {
        DiscriminantEstimator.Fit local = local();
        LatentDiscriminant spark = new LatentMixture().setLabelCol("label")
                .discriminant(SparkTestKit.frame(rows, partitions), "edda", MODELS);
        DiscriminantEstimator.Fit fit = spark.fit();
        assertThat(relative(fit.logLikelihood(), local.logLikelihood())).isLessThan(1e-9);
        assertThat(fit.candidates()).hasSameSizeAs(local.candidates());
        for (int i = 0; i < local.candidates().size(); i++) {
            assertThat(relative(fit.candidates().get(i).bic(), local.candidates().get(i).bic())).isLessThan(1e-9);
        }
        GaussianDiscriminant m = fit.model();
        assertThat(m.edda()).isEqualTo(local.model().edda());
        assertThat(m.priors()).containsExactly(local.model().priors());
        for (int c = 0; c < 2; c++) {
            GaussianMixture a = m.densities().get(c);
            GaussianMixture b = local.model().densities().get(c);
            assertThat(SparkTestKit.relativeError(a.mean(0), b.mean(0))).isLessThan(1e-9);
            for (int r = 0; r < 2; r++) {
                assertThat(SparkTestKit.relativeError(a.covariance(0)[r], b.covariance(0)[r])).isLessThan(1e-9);
            }
        }
    }

    /**
     * MclustDA ({@code fit gmmda --type mclustda --components 1..2}, EII and VVV): oracle
     * {@link DiscriminantEstimator#fit} with the same seed and EM settings (tolerance 1e-10, so each
     * class's fit has converged and the cluster's EM from it stops at once); 1e-9 relative in the
     * log-likelihood and every candidate's BIC, the same G and model per class. Over 7 partitions
     * (merged across partitions and through the tree's extra level); one partition merges nothing.
     */
    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {7})
    void mclustDaIsFitGmmdaOnOneMachine(int partitions) {
        EmOptions em = EmOptions.DEFAULTS.withTolerance(1e-10).withMaxIterations(500);
        List<CovarianceStructure> models = List.of(CovarianceStructure.parse("EII", 2), CovarianceStructure.parse("VVV", 2));
        DiscriminantEstimator.Fit local = DiscriminantEstimator.mclustDa(models, 1, 2, em)
                .fit(DataMatrix.of(rows.values(), rows.rows(), 2, null), classes, List.of("0", "1"), 17);
        DiscriminantEstimator.Fit fit = new LatentMixture().setLabelCol("label").setSeed(17).setTol(1e-10).setMaxIter(500)
                .discriminant(SparkTestKit.frame(rows, partitions), "mclustda", List.of("EII", "VVV"), 1, 2).fit();
        assertThat(relative(fit.logLikelihood(), local.logLikelihood())).isLessThan(1e-9);
        assertThat(fit.candidates()).hasSameSizeAs(local.candidates());
        for (int i = 0; i < local.candidates().size(); i++) {
            assertThat(relative(fit.candidates().get(i).bic(), local.candidates().get(i).bic())).as("candidate %d", i)
                    .isLessThan(1e-9);
        }
        for (int c = 0; c < 2; c++) {
            assertThat(fit.model().densities().get(c).components()).isEqualTo(local.model().densities().get(c).components());
            assertThat(fit.model().densities().get(c).structure()).isEqualTo(local.model().densities().get(c).structure());
        }
    }

    /**
     * The saved model.json is a {@code fit gmmda} model file ({@link ModelKinds#read}, as predict and
     * score read it); transform's probabilities are the model's P(c | x) (1e-12) and its prediction
     * their argmax; a loaded stage transforms alike.
     */
    @Test
    void modelFileAndTransform(@TempDir Path dir) throws Exception {
        LatentDiscriminant spark = new LatentMixture().setLabelCol("label")
                .discriminant(SparkTestKit.frame(rows, 3), "edda", List.of("VVV"));
        String path = dir.resolve("da").toString();
        spark.model().write().save(path);
        FittedGmmda file = (FittedGmmda) ModelKinds.read(Path.of(path, LatentMixtureModel.MODEL_FILE));
        assertThat(file.classNames()).containsExactly("0", "1");
        double[][] p = spark.fit().model().predictProba(rows);
        assertThat(SparkTestKit.relativeError(file.model().predictProba(rows)[7], p[7])).isLessThan(1e-15);
        LatentMixtureModel loaded = LatentMixtureModel.load(path);
        assertThat(loaded.kindName()).isEqualTo("gmmda");
        List<Row> out = loaded.transform(SparkTestKit.frame(rows, 3)).collectAsList();
        for (int i = 0; i < out.size(); i++) {
            Row r = out.get(i);
            double[] q = ((Vector) r.get(r.fieldIndex("probability"))).toArray();
            assertThat(SparkTestKit.relativeError(q, p[i])).isLessThan(1e-12);
            assertThat(((Number) r.get(r.fieldIndex("prediction"))).intValue()).isEqualTo(q[1] > q[0] ? 1 : 0);
        }
    }

    @Test
    void whatItCannotTakeIsOneLine() {
        assertThatThrownBy(() -> new LatentMixture().discriminant(SparkTestKit.frame(rows, 2), "edda", null))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("set labelCol");
        assertThatThrownBy(() -> new LatentMixture().setLabelCol("label").setWeightCol("label")
                .discriminant(SparkTestKit.frame(rows, 2), "mclustda", null)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("not weightCol");
        DataMatrix unlabelled = DataMatrix.of(rows.values(), rows.rows(), 2, null)
                .withLabels(Stream.iterate(0, i -> i + 1).limit(rows.rows()).mapToInt(i -> i == 9 ? -1 : classes[i]).toArray());
        assertThatThrownBy(() -> new LatentMixture().setLabelCol("label").discriminant(SparkTestKit.frame(unlabelled, 2),
                "edda", List.of("VVV"))).isInstanceOf(MlemUserException.class).hasMessageContaining("is null on some rows");
    }

    private static double relative(double a, double b) {
        return Math.abs(a - b) / Math.abs(b);
    }
}
