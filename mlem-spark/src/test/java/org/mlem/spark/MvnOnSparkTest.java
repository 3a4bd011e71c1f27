package org.mlem.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.io.ModelFormat;
import org.mlem.io.ModelJson;
import org.mlem.io.MvnJson;
import org.mlem.missing.MvnFit;
import org.mlem.missing.MvnMissingEstimator;
import org.mlem.io.UncertaintyJson;
import org.mlem.uncertainty.Bootstrap;
import org.mlem.uncertainty.BootstrapKind;
import org.mlem.uncertainty.BootstrapResult;
import org.mlem.uncertainty.HeldParameters;
import org.mlem.uncertainty.MvnUncertainty;
import org.mlem.uncertainty.ParameterEstimates;

/**
 * {@link Mvn} on Spark against the single-machine fit ({@link MvnMissingEstimator#fit}, the code
 * {@code mlem fit mvn} runs) on the same weighted rows with 10% of the cells missing: the iteration
 * count, the log-likelihood, the mean and the covariance to 1e-9 relative for 1, 3 and 7
 * partitions; the saved {@code model.json} is {@code fit mvn --out}'s file; {@code transform}'s
 * imputed rows are {@code --impute}'s; bad rows are named in the Dataset's order.
 */
class MvnOnSparkTest {
    private static final double TOL = 1e-9;
    private static final int N = 300;
    /** Standard errors and bootstrap replicates: functions of parameters that agree to 1e-9. */
    private static final double SE_TOL = 1e-8;

    /** Three correlated columns, weights 1..3, each cell missing with probability 0.1 (never a whole row). */
    static DataMatrix data() {
        SplittableRandom r = new SplittableRandom(21);
        double[] x = new double[N * 3];
        double[] w = new double[N];
        for (int i = 0; i < N; i++) {
            double z1 = r.nextGaussian();
            double z2 = r.nextGaussian();
            double[] row = {5 + 2 * z1, -1 + z1 + 0.5 * z2, 10 + 0.3 * z2 + r.nextGaussian()};
            int kept = 3;
            for (int a = 0; a < 3; a++) {
                if (kept > 1 && r.nextDouble() < 0.1) {
                    row[a] = Double.NaN;
                    kept--;
                }
            }
            System.arraycopy(row, 0, x, 3 * i, 3);
            w[i] = 1 + r.nextInt(3);
        }
        return DataMatrix.of(x, N, 3, null).withWeights(w);
    }

    /** {@link ClusterIT}'s case: the weighted rows with missing cells over {@code partitions}, against fit mvn's fit. */
    static ClusterCase clusterCase(int partitions) {
        return new ClusterCase("mvn, weights, 10% of cells missing, " + partitions + " partitions",
                s -> answer(new Mvn().setWeightCol("weight").fit(SparkTestKit.frame(s, data(), partitions)).summary()),
                () -> answer(MvnMissingEstimator.defaults().fit(data())));
    }

    private static ClusterCase.Answer answer(MvnFit f) {
        return new ClusterCase.Answer(List.of(f.parameters().mean(), SparkTestKit.flatten(f.parameters().covariance())),
                f.trace(), f.iterations());
    }

    @Test
    void equalsTheSingleMachineForEveryPartitioning(@TempDir Path dir) throws Exception {
        DataMatrix data = data();
        MvnFit one = MvnMissingEstimator.defaults().fit(data);
        assertTrue(one.missingCells() > 50, "cells missing: " + one.missingCells());
        for (int p : new int[] {1, 3, 7}) {
            MvnModel m = new Mvn().setWeightCol("weight").setStandardErrors("louis").fit(SparkTestKit.frame(data, p));
            MvnFit spark = m.summary();
            String where = p + " partitions";
            // fit mvn --standard-errors louis: the observed information summed per partition = the single machine's
            ParameterEstimates louis = MvnUncertainty.observed(one.parameters(), data).estimates();
            assertEquals(louis.names(), m.estimates().names());
            assertTrue(SparkTestKit.relativeError(m.estimates().standardError(), louis.standardError()) <= SE_TOL, where);
            assertEquals(one.iterations(), spark.iterations(), where);
            assertEquals(one.logLikelihood(), spark.logLikelihood(), TOL * Math.abs(one.logLikelihood()), where);
            assertTrue(SparkTestKit.relativeError(spark.parameters().mean(), one.parameters().mean()) <= TOL, where);
            assertTrue(SparkTestKit.relativeError(SparkTestKit.flatten(spark.parameters().covariance()),
                    SparkTestKit.flatten(one.parameters().covariance())) <= TOL, where);
            assertEquals(one.missingCells(), spark.missingCells(), where);
            if (p == 3) {
                m.write().overwrite().save(dir.resolve("m").toString());
                JsonNode saved = ModelJson.mapper().readTree(Files.readString(dir.resolve("m").resolve(ModelFiles.MODEL_FILE)));
                com.fasterxml.jackson.databind.node.ObjectNode cli = ModelFormat.fileOf(MvnJson.fit(one,
                        MvnMissingEstimator.DEFAULT_OPTIONS, List.of("x1", "x2", "x3"), 0));
                UncertaintyJson.add(cli, "louis", louis, null, HeldParameters.NONE);
                List<String> names = new ArrayList<>();
                saved.fieldNames().forEachRemaining(names::add);
                List<String> expected = new ArrayList<>();
                cli.fieldNames().forEachRemaining(expected::add);
                assertEquals(expected, names, "fit mvn --out's fields");
                for (String f : List.of("model", "n", "nParameters", "iterations", "converged", "columns", "missingCells",
                        "tol", "convergence", "acceleration", "standardErrorMethod")) {
                    assertEquals(cli.get(f).toString(), saved.get(f).toString(), f);
                }
                for (String name : louis.names()) {
                    double want = cli.get("standardErrors").get(name).asDouble();
                    assertEquals(want, saved.get("standardErrors").get(name).asDouble(), SE_TOL * want, name);
                }
                // the reader mlem score and sample use
                assertTrue(org.mlem.model.ModelKinds.read(saved, "model.json") instanceof org.mlem.model.FittedMvn);
                MvnModel back = MvnModel.load(dir.resolve("m").toString());
                DataMatrix imputed = MvnMissingEstimator.impute(back.parameters(), data);
                List<Row> rows = back.transform(SparkTestKit.frame(data, 2)).select("imputed").collectAsList();
                for (int i = 0; i < N; i += 7) {
                    double[] got = ((Vector) rows.get(i).get(0)).toArray();
                    for (int a = 0; a < 3; a++) {
                        assertEquals(imputed.get(i, a), got[a], 0, "row " + i);
                    }
                }
            }
        }
    }

    /**
     * {@code fit mvn --init FILE.json --fixed covariance}: EM from a given start with the covariance
     * held at its values, against {@link MvnMissingEstimator#fit(DataMatrix, org.mlem.missing.MvnParameters)}
     * with the same groups: the mean, log-likelihood and iterations to 1e-9 relative over 3
     * partitions, the covariance the start's bits; without a start, holding a group is refused.
     */
    @Test
    void aGivenStartWithTheCovarianceHeld() {
        DataMatrix data = data();
        org.mlem.missing.MvnParameters start = org.mlem.missing.MvnParameters.of(new double[] {4, 0, 9},
                new double[][] {{3, 1, 0}, {1, 2, 0.2}, {0, 0.2, 1.5}});
        MvnFit one = new MvnMissingEstimator(MvnMissingEstimator.DEFAULT_OPTIONS,
                java.util.EnumSet.of(org.mlem.missing.MvnParameter.COVARIANCE)).fit(data, start);
        MvnFit spark = new Mvn().setWeightCol("weight").setInitialModel(start).setFixed("covariance")
                .fit(SparkTestKit.frame(data, 3)).summary();
        assertEquals(one.iterations(), spark.iterations());
        assertEquals(one.logLikelihood(), spark.logLikelihood(), TOL * Math.abs(one.logLikelihood()));
        assertTrue(SparkTestKit.relativeError(spark.parameters().mean(), one.parameters().mean()) <= TOL);
        assertEquals(java.util.Arrays.deepToString(start.covariance()),
                java.util.Arrays.deepToString(spark.parameters().covariance()), "the held covariance, bit for bit");
        MlemUserException e = assertThrows(MlemUserException.class,
                () -> new Mvn().setFixed("mean").fit(SparkTestKit.frame(data, 3)));
        assertTrue(e.getMessage().startsWith("holding mean fixed needs their values"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Mvn().setFixed("means"));
    }

    /**
     * {@code fit mvn --bootstrap B --seed S} on the cluster: each replicate's draws are replayed by
     * every partition from the single machine's stream, so the replicates are {@link Bootstrap}'s
     * ({@link MvnUncertainty#bootstrap}, the code fit mvn runs) for the same seed, to 1e-8 relative
     * (each the same EM steps, its sums merged in another order; four plain EM iterations, as a
     * Spark job costs time): non-parametric with whole weights over
     * 3 partitions, parametric over 2 (two replicates each: the single machine's stream is the same
     * for any partitioning, so more partitionings add time, not checks); the standard errors and
     * intervals follow. Fractional weights are refused for the non-parametric bootstrap, naming the
     * row, as fit mvn refuses them, before the fit.
     */
    @Test
    void bootstrapReplicatesAreTheSingleMachines() {
        DataMatrix data = data();
        // 4 plain EM iterations for the fit and each replicate (Spark jobs cost time, not checks: the steps are the same)
        MvnMissingEstimator est = new MvnMissingEstimator(MvnMissingEstimator.DEFAULT_OPTIONS.withMaxIterations(4)
                .withAcceleration(org.mlem.em.Acceleration.NONE));
        MvnFit one = est.fit(data);
        for (BootstrapKind kind : BootstrapKind.values()) {
            BootstrapResult want = new Bootstrap(2, kind, 0.95, 1).run(MvnUncertainty.bootstrap(est), data,
                    one.parameters(), 11);
            for (int p : kind == BootstrapKind.NONPARAMETRIC ? new int[] {3} : new int[] {2}) {
                MvnModel m = new Mvn().setWeightCol("weight").setBootstrap(2).setMaxIter(4).setAcceleration("none").setSeed(11)
                        .setBootstrapKind(kind.name().toLowerCase(java.util.Locale.ROOT)).fit(SparkTestKit.frame(data, p));
                String where = kind + ", " + p + " partitions";
                BootstrapResult got = m.bootstrapResult();
                assertEquals(want.replicates(), got.replicates(), where);
                for (int b = 0; b < want.replicates(); b++) {
                    assertTrue(SparkTestKit.relativeError(got.draws()[b], want.draws()[b]) <= SE_TOL, where + ", replicate " + b);
                }
                assertTrue(SparkTestKit.relativeError(got.estimates().standardError(), want.estimates().standardError())
                        <= SE_TOL, where);
                assertTrue(SparkTestKit.relativeError(got.lower(), want.lower()) <= SE_TOL, where);
            }
        }
        double[] w = data.weights().clone();
        w[40] = 1.5;
        MlemUserException e = assertThrows(MlemUserException.class, () -> new Mvn().setWeightCol("weight").setBootstrap(2)
                .fit(SparkTestKit.frame(data.withWeights(w), 3)));
        assertTrue(e.getMessage().startsWith("row 41 has weight 1.5; the non-parametric bootstrap"), e.getMessage());
    }

    @Test
    void badRowsAreNamed() {
        double[] x = data().values().clone();
        x[3 * 200 + 1] = Double.POSITIVE_INFINITY;
        MlemUserException e = assertThrows(MlemUserException.class,
                () -> new Mvn().fit(SparkTestKit.frame(DataMatrix.of(x, N, 3, null), 3)));
        assertTrue(e.getMessage().startsWith("row 201, column 'features' holds Infinity"), e.getMessage());
        x[3 * 200 + 1] = 1;
        x[3 * 250] = Double.NaN;
        x[3 * 250 + 1] = Double.NaN;
        x[3 * 250 + 2] = Double.NaN;
        e = assertThrows(MlemUserException.class, () -> new Mvn().fit(SparkTestKit.frame(DataMatrix.of(x, N, 3, null), 3)));
        assertTrue(e.getMessage().startsWith("row 251, column 'features' has every cell missing"), e.getMessage());
    }
}
