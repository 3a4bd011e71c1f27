package org.mlem.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.mlem.data.BlockSource;
import org.mlem.kernel.Cholesky;
import org.mlem.kernel.FullTileKernels;
import org.mlem.kernel.GaussianKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Every Gaussian kernel on one block ({@link BlockSource#BLOCK_ROWS} rows) of one component:
 * the tiled full-covariance kernels beside the per-row loops they replaced, the diagonal
 * kernels and the log-sum-exp normalisation ({@link SimdKernelBenchmarks} has the SIMD kernels
 * the fits run). Compiled in CI, run by hand:
 * {@code java -jar mlem-bench/target/mlem-bench.jar KernelBenchmarks}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmarks {

    @Param({"10", "20", "50"})
    int d;

    final int rows = BlockSource.BLOCK_ROWS;
    final int k = 16;
    double[] x;
    double[] mean;
    double[] u;
    double[] packed;
    double logDetU;
    double[] resp;
    double[] joint;
    double[] out;
    double[] scratch;
    double[] nk;
    double[] s1;
    double[] s2;
    double[] prec;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(1);
        x = gaussian(rows * d, rng);
        mean = gaussian(d, rng);
        double[] cov = new double[d * d];
        for (int a = 0; a < d; a++) {
            cov[a * d + a] = 1.0 + d;
            for (int b = 0; b < a; b++) {
                double v = 0.5 * rng.nextDouble();
                cov[a * d + b] = v;
                cov[b * d + a] = v;
            }
        }
        double[] l = new double[d * d];
        Cholesky.factor(cov, 0, d, l, 0);
        u = new double[d * d];
        Cholesky.precisionFactor(l, 0, d, u, 0);
        logDetU = Cholesky.logDiagonalSum(u, 0, d);
        packed = new double[d * FullTileKernels.padded(d)];
        FullTileKernels.packUpper(u, 0, d, packed, 0);
        resp = new double[rows * k];
        for (int i = 0; i < resp.length; i++) {
            resp[i] = rng.nextDouble();
        }
        joint = gaussian(rows * k, rng);
        out = new double[rows * k];
        scratch = new double[Math.max(FullTileKernels.scratchSize(d), 2 * GaussianKernels.tileRows() * d + d)];
        nk = new double[1];
        s1 = new double[d];
        s2 = new double[d * d];
        prec = new double[d];
        java.util.Arrays.fill(prec, 0.5);
    }

    private static double[] gaussian(int n, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    @Benchmark
    public double[] fullDensityTiled() {
        FullTileKernels.logDensity(x, 0, rows, d, mean, 0, packed, 0, logDetU, out, 0, k, scratch);
        return out;
    }

    @Benchmark
    public double[] fullDensityRowwise() {
        GaussianKernels.logDensityCholesky(x, 0, rows, d, mean, 0, u, 0, logDetU, out, 0, k, scratch);
        return out;
    }

    @Benchmark
    public double[] fullMomentsTiled() {
        FullTileKernels.accumulate(x, 0, rows, d, resp, k, 0, null, 0, mean, 0, nk, s1, 0, s2, 0, scratch);
        return s2;
    }

    @Benchmark
    public double[] fullMomentsRowwise() {
        GaussianKernels.accumulateFull(x, 0, rows, d, resp, k, 0, null, 0, mean, 0, nk, s1, 0, s2, 0, scratch);
        return s2;
    }

    @Benchmark
    public double[] diagonalDensity() {
        GaussianKernels.logDensityDiagonal(x, 0, rows, d, mean, 0, prec, 0, 0.0, out, 0, k);
        return out;
    }

    @Benchmark
    public double[] diagonalMoments() {
        GaussianKernels.accumulateDiagonal(x, 0, rows, d, resp, k, 0, null, 0, mean, 0, nk, s1, 0, s2, 0);
        return s2;
    }

    @Benchmark
    public void normalizeRows(Blackhole bh) {
        System.arraycopy(joint, 0, out, 0, joint.length);
        bh.consume(GaussianKernels.normalizeRows(out, rows, k, null, null, 0));
    }
}
