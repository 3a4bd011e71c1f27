package org.mlem.data.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlem.MlemUserException;
import org.mlem.data.BlockSource;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmOptions;
import org.mlem.em.EmRun;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GmmModel;
import org.mlem.testkit.Mixtures;

/** Streaming fits from .npy files against in-memory fits, and the file format's edges. */
class NpyStreamingTest {

    @TempDir
    Path dir;

    /**
     * Oracle: the same EM from the same start on an in-memory {@link DataMatrix}. A streamed fit
     * reads the same doubles in the same blocks, so the trace and parameters must be equal bit
     * for bit (tolerance 0), on 1 and 2 threads. 5,000 rows make 3 blocks, the last one short.
     */
    @ParameterizedTest
    @EnumSource(CovarianceStructure.class)
    void streamedFitEqualsInMemoryFitBitForBit(CovarianceStructure structure) throws IOException {
        GaussianMixture truth = Mixtures.wellSeparated(3, 5, structure, 7);
        DataMatrix data = truth.sample(5_000, 3, null).data();
        Path file = dir.resolve("x.npy");
        NpyWriter.write(file, data.values(), data.rows(), data.cols());
        GmmModel model = new GmmModel(structure, 1e-6);
        GaussianMixture start = Mixtures.wellSeparated(3, 5, structure, 8);
        EmOptions opts = EmOptions.DEFAULTS.withMaxIterations(8).withTolerance(0);
        EmRun<GaussianMixture> inMemory;
        try (BlockReducer one = new BlockReducer(1)) {
            inMemory = EmDriver.run(model, data, start, opts, one, null);
        }
        for (int threads : new int[] {1, 2}) {
            try (NpyBlockSource src = NpyBlockSource.open(file); BlockReducer r = new BlockReducer(threads)) {
                assertThat(src.rows()).isEqualTo(5_000);
                assertThat(src.blockCount()).isEqualTo(3);
                EmRun<GaussianMixture> streamed = EmDriver.run(model, src, start, opts, r, null);
                assertThat(streamed.trace()).containsExactly(inMemory.trace());
                assertThat(streamed.params().weights()).containsExactly(inMemory.params().weights());
                for (int j = 0; j < 3; j++) {
                    assertThat(streamed.params().mean(j)).containsExactly(inMemory.params().mean(j));
                    assertThat(streamed.params().covariance(j)).isDeepEqualTo(inMemory.params().covariance(j));
                }
            }
        }
    }

    /** Oracle: the values written; a converted CSV reads back exactly (decimal → double is exact round-trip for Java's shortest repr). */
    @Test
    void csvConvertsToTheSameDoubles() throws IOException {
        Path csv = dir.resolve("x.csv");
        double[] v = {1.5, -2.25e-7, 3, Math.PI, 0.1, -0.0, 1e300, 42};
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int i = 0; i < v.length; i += 2) {
            sb.append(v[i]).append(',').append(v[i + 1]).append('\n');
        }
        Files.writeString(csv, sb);
        Path npy = dir.resolve("x.npy");
        CsvToNpy.Result r = CsvToNpy.convert(csv, npy, true, ',');
        assertThat(r.rows()).isEqualTo(4);
        assertThat(r.columns()).containsExactly("a", "b");
        try (NpyBlockSource src = NpyBlockSource.open(npy)) {
            assertThat(src.cols()).isEqualTo(2);
            assertThat(src.block(0).x()).containsExactly(v);
        }
    }

    @Test
    void aBadCellIsAUserErrorWithItsPlace() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "a,b\n1,2\n3,x\n");
        assertThatThrownBy(() -> CsvToNpy.convert(csv, dir.resolve("bad.npy"), true, ','))
                .isInstanceOf(MlemUserException.class)
                .satisfies(e -> {
                    MlemUserException u = (MlemUserException) e;
                    assertThat(u.line()).isEqualTo(3);
                    assertThat(u.column()).isEqualTo(2);
                });
    }

    /** Oracle: bytes NumPy writes for np.save(p, np.zeros((2, 3), '<i8')) start with this header; an integer table is refused with advice. */
    @Test
    void anIntegerArrayIsRefusedWithAdvice() throws IOException {
        Path p = dir.resolve("int.npy");
        byte[] h = NpyHeader.encode(2, 3, 8, 0);
        String text = new String(h, java.nio.charset.StandardCharsets.ISO_8859_1).replace("<f8", "<i8");
        byte[] bytes = new byte[h.length + 48];
        System.arraycopy(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, bytes, 0, h.length);
        Files.write(p, bytes);
        assertThatThrownBy(() -> NpyBlockSource.open(p)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("astype('<f8')");
    }

    @Test
    void blocksAreCutLikeAnInMemoryMatrix() throws IOException {
        int n = BlockSource.BLOCK_ROWS + 7;
        double[] v = new double[n * 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.5;
        }
        Path p = dir.resolve("b.npy");
        NpyWriter.write(p, v, n, 2);
        try (NpyBlockSource src = NpyBlockSource.open(p)) {
            assertThat(src.block(1).rows()).isEqualTo(7);
            assertThat(src.block(1).x()[0]).isEqualTo(BlockSource.BLOCK_ROWS * 2 * 0.5);
        }
    }
}
