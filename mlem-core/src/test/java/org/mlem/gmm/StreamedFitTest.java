package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.data.npy.NpyBlockSource;
import org.mlem.data.npy.NpyWriter;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Mixtures;

/** {@link GaussianMixtureEstimator#fit(org.mlem.data.BlockSource, long, EmListener)} on .npy files. */
class StreamedFitTest {

    @TempDir
    Path dir;

    /**
     * Oracle: the in-memory fit of the same rows with the same seed (k-means++ start, 2 starts,
     * 2 threads). The sample is every row, so the fit must be equal bit for bit (tolerance 0).
     */
    @Test
    void streamedFitEqualsInMemoryFit() {
        DataMatrix data = Mixtures.wellSeparated(3, 4, CovarianceStructure.FULL, 11).sample(6_000, 5, null).data();
        Path file = write(data);
        GaussianMixtureEstimator est = GaussianMixtureEstimator.of(3)
                .withEm(EmOptions.DEFAULTS.withRestarts(2).withThreads(2));
        MixtureFit<GaussianMixture> inMemory = est.fit(data, 42);
        try (NpyBlockSource src = NpyBlockSource.open(file)) {
            MixtureFit<GaussianMixture> streamed = est.fit(src, 42, EmListener.NONE);
            assertThat(streamed.trace()).containsExactly(inMemory.trace());
            assertThat(streamed.model().weights()).containsExactly(inMemory.model().weights());
            assertThat(streamed.model().mean(0)).containsExactly(inMemory.model().mean(0));
        }
    }

    /**
     * Oracle: the in-memory fit converged tightly (tol 1e-12) on well-separated data. A start drawn
     * from every 7th row leads EM to the same optimum: final log-likelihoods agree to 1e-9 relative.
     */
    @Test
    void sampledStartReachesTheSameOptimum() {
        DataMatrix data = Mixtures.wellSeparated(4, 3, CovarianceStructure.DIAG, 3).sample(8_000, 9, null).data();
        DataMatrix sample = StreamedSample.of(data, ((long) data.rows() * (data.cols() + 1) + 6) / 7);
        assertThat(sample.rows()).isEqualTo((data.rows() + 6) / 7);
        assertThat(sample.row(1)).containsExactly(data.row(7));
        GaussianMixtureEstimator est = GaussianMixtureEstimator.of(4).withCovariance(CovarianceStructure.DIAG)
                .withEm(EmOptions.DEFAULTS.withTolerance(1e-12).withMaxIterations(1000));
        double full = est.fit(data, 1).logLikelihood();
        GaussianMixture start = est.fit(sample, 1).model();
        double fromSample = est.withInit(new GmmInit.Given(start)).fit(data, 1).logLikelihood();
        assertThat(fromSample).isCloseTo(full, within(1e-9 * Math.abs(full)));
    }

    /**
     * Oracle: the in-memory fit of the same rows. With a sample budget that keeps every 7th row
     * (as a large file's would), the streamed and the in-memory fit draw their start from the same
     * sample and agree bit for bit (tolerance 0). Before, the in-memory fit started from every row
     * and the streamed one from a sample sized by the heap, so they differed.
     */
    @Test
    void sampledStreamedFitEqualsInMemoryFitWithTheSameBudget() {
        DataMatrix data = Mixtures.wellSeparated(3, 2, CovarianceStructure.FULL, 5).sample(9_000, 4, null).data();
        long budget = ((long) data.rows() * (data.cols() + 1) + 6) / 7;
        assertThat(StreamedSample.step(data.rows(), data.cols(), budget)).isEqualTo(7);
        GaussianMixtureEstimator est = GaussianMixtureEstimator.of(3)
                .withEm(EmOptions.DEFAULTS.withRestarts(3).withThreads(2));
        MixtureFit<GaussianMixture> inMemory = est.fit(data, 8, EmListener.NONE, budget);
        try (NpyBlockSource src = NpyBlockSource.open(write(data))) {
            MixtureFit<GaussianMixture> streamed = est.fit(src, 8, EmListener.NONE, budget);
            assertThat(streamed.trace()).containsExactly(inMemory.trace());
            assertThat(streamed.model().means()).isDeepEqualTo(inMemory.model().means());
        }
        // and the sample is not every row: the fit from every row's start differs in its trace
        assertThat(est.fit(data, 8, EmListener.NONE, 1L << 40).trace()).isNotEqualTo(inMemory.trace());
    }

    /**
     * Oracle: the sample is a function of the data's shape alone (the budget is a constant, not a
     * share of the heap): 2^25 values, so 4 columns keep every row up to 6,710,886 rows and every
     * second row beyond.
     */
    @Test
    void sampleSizeDependsOnTheShapeOnly() {
        assertThat(StreamedSample.BUDGET_VALUES).isEqualTo(1L << 25);
        assertThat(StreamedSample.step(6_710_886, 4, StreamedSample.BUDGET_VALUES)).isEqualTo(1);
        assertThat(StreamedSample.step(6_710_887, 4, StreamedSample.BUDGET_VALUES)).isEqualTo(2);
    }

    /** Oracle: the file holds a NaN at row 3, column 2; the error names that place. */
    @Test
    void nonFiniteValueIsAUserErrorNamingItsPlace() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, Double.NaN, 9, 10};
        try (NpyBlockSource src = NpyBlockSource.open(write(DataMatrix.of(v, 5, 2, null)))) {
            assertThatThrownBy(() -> GaussianMixtureEstimator.of(2).fit(src, 1, EmListener.NONE))
                    .isInstanceOf(MlemUserException.class).hasMessageContaining("row 4, column 2 is NaN");
        }
    }

    private Path write(DataMatrix data) {
        Path file = dir.resolve("x" + System.nanoTime() + ".npy");
        NpyWriter.write(file, data.values(), data.rows(), data.cols());
        return file;
    }
}
