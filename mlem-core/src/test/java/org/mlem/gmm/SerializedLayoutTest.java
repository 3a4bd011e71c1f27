package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.data.DataMatrix;
import org.mlem.kernel.Kernels;

/**
 * A Gaussian mixture serialised by a JVM with the plain kernels and read by one with the vector
 * kernels scores as one built here (Spark ships models between such JVMs: the cluster test found a
 * driver without the vector module whose full-covariance factors, packed for its plain kernels,
 * executors misread at d = 10). Oracle: the same mixture built in this JVM; the log-densities agree
 * to 1e-12 relative. The writer is a child JVM started with {@code -Dmlem.kernels=plain}.
 */
class SerializedLayoutTest {
    private static final int D = 10;
    private static final int K = 3;

    @TempDir
    Path dir;

    /** Writes {@link #mixture()} serialised to the file named by its argument, with this JVM's kernels. */
    public static void main(String[] args) throws IOException {
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(Path.of(args[0])))) {
            out.writeObject(mixture());
            out.writeObject(tied());
            out.writeUTF(Kernels.name());
        }
    }

    static double[][][] covariances() {
        SplittableRandom rng = new SplittableRandom(11);
        double[][][] c = new double[K][D][D];
        for (int j = 0; j < K; j++) {
            double[][] a = new double[D][D];
            for (double[] row : a) {
                for (int b = 0; b < D; b++) {
                    row[b] = rng.nextDouble(-1, 1);
                }
            }
            for (int r = 0; r < D; r++) {
                for (int s = 0; s < D; s++) {
                    double v = r == s ? 1 : 0;
                    for (int m = 0; m < D; m++) {
                        v += a[r][m] * a[s][m];
                    }
                    c[j][r][s] = v;
                }
            }
        }
        return c;
    }

    static double[][] means() {
        double[][] m = new double[K][D];
        for (int j = 0; j < K; j++) {
            for (int b = 0; b < D; b++) {
                m[j][b] = j - b * 0.1;
            }
        }
        return m;
    }

    static GaussianMixture mixture() {
        return GaussianMixture.of(new double[] {0.5, 0.3, 0.2}, means(), FullCovariances.of(covariances()));
    }

    static GaussianMixture tied() {
        return GaussianMixture.of(new double[] {0.5, 0.3, 0.2}, means(),
                TiedCovariances.of(covariances()[0], K));
    }

    @Test
    void aMixtureWrittenWithThePlainKernelsScoresAsOneBuiltHere() throws Exception {
        Path file = dir.resolve("gmm.bin");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmlem.kernels=plain", "-cp", System.getProperty("java.class.path"),
                SerializedLayoutTest.class.getName(), file.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        GaussianMixture full;
        GaussianMixture tied;
        String writer;
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
            full = (GaussianMixture) in.readObject();
            tied = (GaussianMixture) in.readObject();
            writer = in.readUTF();
        }
        assertThat(writer).isEqualTo("plain");
        SplittableRandom rng = new SplittableRandom(5);
        double[][] rows = new double[50][D];
        for (double[] row : rows) {
            for (int b = 0; b < D; b++) {
                row[b] = rng.nextGaussian() * 2;
            }
        }
        DataMatrix x = DataMatrix.of(rows);
        assertSameScores(full.scoreSamples(x), mixture().scoreSamples(x));
        assertSameScores(tied.scoreSamples(x), tied().scoreSamples(x));
    }

    private static void assertSameScores(double[] read, double[] here) {
        for (int i = 0; i < here.length; i++) {
            assertThat(read[i]).as("row %d", i).isCloseTo(here[i], within(1e-12 * Math.abs(here[i])));
        }
    }
}
