package org.mlem.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.mlem.data.BlockSource;
import org.mlem.kernel.Cholesky;
import org.mlem.kernel.FloatKernels;
import org.mlem.kernel.Kernels;
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
 * The kernels the fits run, through {@link Kernels} in a JVM with the Vector API (the forks get
 * {@code --add-modules jdk.incubator.vector}, as the {@code mlem} launcher does), on one block
 * ({@link BlockSource#BLOCK_ROWS} rows): the full-covariance E-step of one component in double and
 * in float ({@link FloatKernels}), its M-step, the diagonal E- and M-steps of all k components,
 * and the log-sum-exp normalisation of k = 8 (scalar) and 32 (vector) components. {@link KernelBenchmarks}
 * has the plain references. Run by hand:
 * {@code java -jar mlem-bench/target/mlem-bench.jar SimdKernelBenchmarks}; {@code -jvmArgsAppend
 * -Dmlem.kernels=plain} gives the plain kernels through the same calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class SimdKernelBenchmarks {

    @Param({"10", "20", "50"})
    int d;

    final int rows = BlockSource.BLOCK_ROWS;
    final int k = 32;
    double[] x;
    double[] means;
    double[] packed;
    float[] packedFloat;
    double logDetU;
    double[] resp;
    double[] joint;
    double[] out;
    double[] scratch;
    float[] floatScratch;
    double[] prec;
    double[] halfLogDet;
    double[] diagScratch;
    double[] nk;
    double[] s1;
    double[] s2;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(1);
        x = gaussian(rows * d, rng);
        means = gaussian(k * d, rng);
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
        double[] u = new double[d * d];
        Cholesky.precisionFactor(l, 0, d, u, 0);
        logDetU = Cholesky.logDiagonalSum(u, 0, d);
        packed = new double[d * Kernels.panelWidth(d)];
        Kernels.packUpper(u, 0, d, packed, 0);
        packedFloat = new float[FloatKernels.packedSize(d)];
        FloatKernels.packUpper(u, 0, d, packedFloat, 0);
        resp = new double[rows * k];
        for (int i = 0; i < resp.length; i++) {
            resp[i] = rng.nextDouble();
        }
        joint = gaussian(rows * k, rng);
        out = new double[rows * k];
        scratch = new double[Kernels.scratchSize(d)];
        floatScratch = new float[FloatKernels.scratchSize(d)];
        prec = new double[k * d];
        java.util.Arrays.fill(prec, 0.5);
        halfLogDet = new double[k];
        diagScratch = new double[Kernels.diagonalScratchSize(k, d)];
        nk = new double[k];
        s1 = new double[k * d];
        s2 = new double[k * d * d];
    }

    private static double[] gaussian(int n, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    @Benchmark
    public double[] fullDensity() {
        Kernels.fullLogDensity(x, 0, rows, d, means, 0, packed, 0, logDetU, out, 0, k, scratch);
        return out;
    }

    @Benchmark
    public double[] fullDensityFloat() {
        FloatKernels.fullLogDensity(x, 0, rows, d, means, 0, packedFloat, 0, logDetU, out, 0, k, floatScratch);
        return out;
    }

    @Benchmark
    public double[] fullMoments() {
        Kernels.fullAccumulate(x, 0, rows, d, resp, k, 0, null, 0, means, 0, nk, s1, 0, s2, 0, scratch);
        return s2;
    }

    @Benchmark
    public double[] diagonalDensities() {
        Kernels.diagonalLogDensities(x, 0, rows, d, k, means, prec, halfLogDet, out, diagScratch);
        return out;
    }

    @Benchmark
    public double[] diagonalMoments() {
        Kernels.diagonalAccumulate(x, 0, rows, d, k, resp, null, 0, means, nk, s1, s2, diagScratch);
        return s2;
    }

    @Benchmark
    public void normalizeRows8(Blackhole bh) {
        System.arraycopy(joint, 0, out, 0, rows * 8);
        bh.consume(Kernels.normalizeRows(out, rows, 8, null, null, 0));
    }

    @Benchmark
    public void normalizeRows32(Blackhole bh) {
        System.arraycopy(joint, 0, out, 0, joint.length);
        bh.consume(Kernels.normalizeRows(out, rows, k, null, null, 0));
    }
}
