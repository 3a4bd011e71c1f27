package org.mlem.data.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmOptions;
import org.mlem.em.EmRun;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GmmModel;
import org.mlem.gmm.FullCovariances;

/**
 * A fit streamed from a 1 GiB file with a heap of half that or less. Excluded from the default
 * run (it writes 1 GiB); run with
 * {@code mvn -pl mlem-core test -Dtest=NpyLargerThanHeapTest "-Dmlem.test.jvm=-Xmx512m -Dmlem.large=true"}
 * (measured 2026-11-28: 4.3 s, peak resident set 314 MiB; see docs/benchmarks.md).
 */
@EnabledIfSystemProperty(named = "mlem.large", matches = "true")
class NpyLargerThanHeapTest {

    /**
     * Oracle: the generating mixture (two unit-covariance components at ±2 on every axis, equal
     * weights). After 3 EM iterations from a start off by 0.5 the means are within 0.01 of ±2
     * (standard error about 1e-3 at 8 million rows) and the log-likelihood never fell.
     */
    @Test
    void fitsAFileTwiceTheHeap() throws IOException {
        int d = 16;
        long bytes = 1L << 30;
        int rows = (int) (bytes / (8L * d));
        assumeTrue(Runtime.getRuntime().maxMemory() <= bytes / 2, "run with -Xmx512m or less");
        Path file = Files.createTempFile("mlem-large", ".npy");
        try {
            SplittableRandom rng = new SplittableRandom(42);
            try (NpyWriter w = new NpyWriter(file, d)) {
                for (int i = 0; i < rows; i++) {
                    double centre = rng.nextBoolean() ? 2 : -2;
                    for (int a = 0; a < d; a++) {
                        w.put(centre + rng.nextGaussian());
                    }
                }
            }
            assertThat(Files.size(file)).isGreaterThanOrEqualTo(bytes);
            double[][] means = new double[2][d];
            double[][][] cov = new double[2][d][d];
            for (int a = 0; a < d; a++) {
                means[0][a] = 1.5;
                means[1][a] = -1.5;
                cov[0][a][a] = 2;
                cov[1][a][a] = 2;
            }
            GaussianMixture start = GaussianMixture.of(new double[] {0.4, 0.6}, means, FullCovariances.of(cov));
            try (NpyBlockSource src = NpyBlockSource.open(file); BlockReducer r = new BlockReducer(2)) {
                EmRun<GaussianMixture> run = EmDriver.run(new GmmModel(CovarianceStructure.FULL, 1e-6), src, start,
                        EmOptions.DEFAULTS.withMaxIterations(3).withTolerance(0), r, null);
                double[] trace = run.trace();
                for (int t = 1; t < trace.length; t++) {
                    assertThat(trace[t]).isGreaterThanOrEqualTo(trace[t - 1]);
                }
                for (int a = 0; a < d; a++) {
                    assertThat(run.params().mean(0)[a]).isCloseTo(2.0, org.assertj.core.api.Assertions.within(0.01));
                    assertThat(run.params().mean(1)[a]).isCloseTo(-2.0, org.assertj.core.api.Assertions.within(0.01));
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
