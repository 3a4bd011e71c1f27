package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.io.ModelJson;

/** transform agrees with the single-machine model; saving and loading keeps parameters and params. */
class TransformAndPersistenceTest {

    /** Oracle: the core model's predictProba and scoreSamples on the same rows; tolerance 1e-13 (same code). */
    @Test
    void transformMatchesTheCoreModel() {
        DataMatrix x = SameAnswerTest.data();
        org.mlem.gmm.GaussianMixture core = SameAnswerTest.start(CovarianceStructure.TIED);
        GaussianMixtureModel model = new GaussianMixtureModel(core);
        List<Row> out = model.transform(SparkTestKit.frame(x, 3)).collectAsList();
        double[][] p = core.predictProba(x);
        double[] ll = core.scoreSamples(x);
        int[] labels = core.predict(x);
        int disagreements = 0;
        assertThat(out).hasSize(x.rows());
        for (int i = 0; i < x.rows(); i++) {
            Row r = out.get(i);
            assertThat(SparkTestKit.relativeError(((Vector) r.getAs("probability")).toArray(), p[i])).isLessThan(1e-13);
            assertThat((double) r.getAs("logLikelihood")).isCloseTo(ll[i], org.assertj.core.data.Offset.offset(1e-12));
            disagreements += (int) r.getAs("prediction") == labels[i] ? 0 : 1;
        }
        assertThat(disagreements).isZero();
    }

    @Test
    void emptyOutputNamesSkipColumns() {
        GaussianMixtureModel model = new GaussianMixtureModel(SameAnswerTest.start(CovarianceStructure.DIAG))
                .setProbabilityCol("").setLogLikelihoodCol("");
        Dataset<Row> out = model.transform(SparkTestKit.frame(SameAnswerTest.data(), 2));
        assertThat(out.columns()).containsExactly("features", "prediction");
    }

    /** Oracle: the saved model's parameters, exactly as written (JSON keeps every double; weights renormalised: 1e-15). */
    @Test
    void modelRoundTripsThroughSaveAndLoad(@TempDir Path dir) throws Exception {
        GaussianMixtureModel fitted = new GaussianMixture().setK(3).setCovariance("full").setMaxIter(5).setSeed(2)
                .setProbabilityCol("p").fit(SparkTestKit.frame(SameAnswerTest.data(), 2));
        String path = dir.resolve("gmm").toString();
        fitted.write().overwrite().save(path);
        assertThat(Files.readString(dir.resolve("gmm").resolve(GaussianMixtureModel.MIXTURE_FILE)))
                .contains("\"model\" : \"gmm\"").contains("\"covariance\" : \"full\"");
        GaussianMixtureModel loaded = GaussianMixtureModel.load(path);
        assertThat(loaded.uid()).isEqualTo(fitted.uid());
        assertThat(loaded.getK()).isEqualTo(3);
        assertThat(loaded.getProbabilityCol()).isEqualTo("p");
        assertThat(loaded.getMaxIter()).isEqualTo(5);
        org.mlem.gmm.GaussianMixture a = loaded.mixture();
        org.mlem.gmm.GaussianMixture b = fitted.mixture();
        assertThat(SparkTestKit.relativeError(a.weights(), b.weights())).isLessThan(1e-15);
        assertThat(SparkTestKit.flatten(a.means())).containsExactly(SparkTestKit.flatten(b.means()));
        for (int j = 0; j < 3; j++) {
            assertThat(SparkTestKit.flatten(a.covariance(j))).containsExactly(SparkTestKit.flatten(b.covariance(j)));
        }
    }

    /** Oracle: mlem-core's model JSON reader (the {@code mlem} command's) and writer; the parameters as written, exactly. */
    @Test
    void mixtureJsonIsTheMlemModelFileBothWays(@TempDir Path dir) throws Exception {
        GaussianMixtureModel fitted = new GaussianMixture().setK(2).setCovariance("diag").setMaxIter(3).setSeed(4)
                .fit(SparkTestKit.frame(SameAnswerTest.data(), 2));
        String path = dir.resolve("gmm").toString();
        fitted.write().save(path);
        Path json = dir.resolve("gmm").resolve(GaussianMixtureModel.MIXTURE_FILE);
        org.mlem.gmm.GaussianMixture read = ModelJson.readGmm(json).mixture();
        assertThat(SparkTestKit.flatten(read.means())).containsExactly(SparkTestKit.flatten(fitted.mixture().means()));
        assertThat(ModelJson.readTree(json).get("iterations").asInt()).isEqualTo(fitted.summary().iterations());
        // the reverse: a file as `mlem fit gmm --out` writes it, loaded into a Spark model
        org.mlem.gmm.GaussianMixture single = SameAnswerTest.start(CovarianceStructure.SPHERICAL);
        Path out = dir.resolve("single.json");
        ModelJson.write(ModelJson.gmmNode(single), out);
        GaussianMixtureModel fromCli = new GaussianMixtureModel(ModelJson.readGmm(out).mixture());
        assertThat(SparkTestKit.flatten(fromCli.mixture().means())).containsExactly(SparkTestKit.flatten(single.means()));
        assertThat(fromCli.mixture().covariance(1)[2][2]).isEqualTo(single.covariance(1)[2][2]);
    }

    @Test
    void estimatorRoundTripsAndDefaultsComeFromCore(@TempDir Path dir) throws Exception {
        GaussianMixture e = new GaussianMixture().setK(4).setCovariance("spherical").setWeightCol("w");
        String path = dir.resolve("est").toString();
        e.write().overwrite().save(path);
        GaussianMixture loaded = GaussianMixture.load(path);
        assertThat(loaded.getK()).isEqualTo(4);
        assertThat(loaded.getCovariance()).isEqualTo("spherical");
        assertThat(loaded.getWeightCol()).isEqualTo("w");
        // defaults are mlem-core's: Aitken's rule with tol 1e-10 and 1000 iterations, automatic starts
        // (0: one start here, a screened first start on the driver's sample), regCovar 1e-6; SQUAREM
        assertThat(loaded.getConvergence()).isEqualTo("aitken");
        assertThat(loaded.getMaxIter()).isEqualTo(1000);
        assertThat(loaded.getTol()).isEqualTo(1e-10);
        assertThat(loaded.getNInit()).isEqualTo(org.mlem.em.EmOptions.AUTO_RESTARTS).isEqualTo(0);
        assertThat(loaded.getRegCovar()).isEqualTo(1e-6);
        assertThat(loaded.getLabelCol()).isNull();
        assertThat(loaded.getAcceleration()).isEqualTo("squarem");
        // the rule set on the estimator reaches the core fit
        assertThat(loaded.setConvergence("sklearn").setTol(1e-3).toCore().em().convergence())
                .isEqualTo(org.mlem.em.Convergence.SKLEARN);
    }
}
