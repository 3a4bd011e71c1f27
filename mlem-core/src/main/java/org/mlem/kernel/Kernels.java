package org.mlem.kernel;

/**
 * Chooses, once per JVM, between the SIMD kernels ({@code VectorKernels},
 * {@code VectorDiagonalKernels}, on {@code jdk.incubator.vector}) and the plain Java ones
 * ({@link FullTileKernels}, {@link GaussianKernels}). The SIMD kernels are used when the JVM was
 * started with {@code --add-modules jdk.incubator.vector} (the {@code mlem} launcher does this) and
 * the system property {@code mlem.kernels} is not {@code plain}; the classes that import the
 * incubator API are never loaded otherwise.
 *
 * <p>Both choices give the same results up to rounding; within one JVM the choice is fixed, so
 * fits stay deterministic and independent of the thread count.
 */
public final class Kernels {
    private Kernels() {}

    /** Whether the SIMD kernels are in use. */
    public static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"plain".equals(System.getProperty("mlem.kernels"));

    /** Which kernels are in use: {@code "vector"} or {@code "plain"}. */
    public static String name() {
        return VECTOR ? "vector" : "plain";
    }

    /** Padded column count of a factor packed by {@link #packUpper}, which takes {@code d · panelWidth(d)} doubles. */
    public static int panelWidth(int d) {
        return VECTOR ? VectorKernels.padded(d) : FullTileKernels.padded(d);
    }

    /** Scratch doubles {@link #fullLogDensity} and {@link #fullAccumulate} need in dimension d. */
    public static int scratchSize(int d) {
        return VECTOR ? Math.max(VectorKernels.scratchSize(d), FullTileKernels.scratchSize(d))
                : FullTileKernels.scratchSize(d);
    }

    /** Packs an upper factor into {@code d · panelWidth(d)} doubles, in the layout the chosen kernels read. */
    public static void packUpper(double[] u, int uOff, int d, double[] packed, int pOff) {
        if (VECTOR) {
            VectorKernels.packUpper(u, uOff, d, packed, pOff);
        } else {
            FullTileKernels.packUpper(u, uOff, d, packed, pOff);
        }
    }

    /** {@link FullTileKernels#logDensity} with a factor packed by {@link #packUpper}. */
    public static void fullLogDensity(double[] x, int xOff, int rows, int d, double[] mean, int meanOff,
            double[] packedU, int pOff, double logDetU, double[] out, int outOff, int k, double[] scratch) {
        if (VECTOR) {
            VectorKernels.logDensity(x, xOff, rows, d, mean, meanOff, packedU, pOff, logDetU, out, outOff, k, scratch);
        } else {
            FullTileKernels.logDensity(x, xOff, rows, d, mean, meanOff, packedU, pOff, logDetU, out, outOff, k,
                    scratch);
        }
    }

    /**
     * {@link #fullLogDensity} for every component at once: {@code out[i·k + j]} for the block's rows
     * i and components j, with component j's mean at {@code means[j·d..)}, its factor packed by
     * {@link #packUpper} at {@code packed[j·stride..)} (stride 0 when one factor serves all, as a
     * tied covariance) and {@code logDetU[j]}. Up to {@link #ROWS_IN_LANES_MAX_D} columns the SIMD
     * kernels take the rows a vector at a time here, sharing one transposed tile between the
     * components.
     */
    public static void fullLogDensities(double[] x, int xOff, int rows, int d, double[] means, double[] packed,
            int stride, double[] logDetU, double[] out, int k, double[] scratch) {
        if (VECTOR && d <= ROWS_IN_LANES_MAX_D) {
            VectorKernels.logDensities(x, xOff, rows, d, means, packed, stride, logDetU, out, k, scratch);
            return;
        }
        for (int j = 0; j < k; j++) {
            fullLogDensity(x, xOff, rows, d, means, j * d, packed, j * stride, logDetU[j], out, j, k, scratch);
        }
    }

    /**
     * Widest data for which {@link #fullLogDensities} puts rows in the lanes (2026-11-28, warm
     * s/iter, 2 threads): W1 (d = 10) 0.0150 → 0.0121, W2 (d = 20) 0.352 → 0.315, but W3 (d = 50)
     * 0.180 → 0.188, where the transposed and centred tile (2 × 64 × 50 doubles) no longer fits the
     * 48 KiB first-level cache.
     */
    static final int ROWS_IN_LANES_MAX_D = 32;

    /** {@link FullTileKernels#accumulate}. */
    public static void fullAccumulate(double[] x, int xOff, int rows, int d, double[] resp, int k, int j,
            double[] weights, int wOff, double[] shift, int shiftOff, double[] nk, double[] s1, int s1Off,
            double[] s2, int s2Off, double[] scratch) {
        if (VECTOR) {
            VectorKernels.accumulate(x, xOff, rows, d, resp, k, j, weights, wOff, shift, shiftOff, nk, s1, s1Off, s2,
                    s2Off, scratch);
        } else {
            FullTileKernels.accumulate(x, xOff, rows, d, resp, k, j, weights, wOff, shift, shiftOff, nk, s1, s1Off,
                    s2, s2Off, scratch);
        }
    }

    /** Fewest components for which rows are normalised with vectors (below it the gain is small). */
    static final int VECTOR_ROWS_MIN_K = 16;

    /**
     * {@link GaussianKernels#normalizeRows}, with vector exponentials when the SIMD kernels are in
     * use and {@code k ≥ 16}. With fewer components the scalar loop is about as fast once compiled
     * and far faster before: the JIT compiles this once-per-block call late, and interpreted
     * Vector API code is slow, which cost W3 (k = 10) about half a second of warm-up.
     */
    public static double normalizeRows(double[] out, int rows, int k, double[] weights, int[] labels, int wOff) {
        return VECTOR && k >= VECTOR_ROWS_MIN_K ? VectorRowKernels.normalizeRows(out, rows, k, weights, labels, wOff)
                : GaussianKernels.normalizeRows(out, rows, k, weights, labels, wOff);
    }

    /**
     * A Gaussian mixture's E-step: {@link #normalizeRows}, except that with fewer than sixteen
     * components an entry below {@link GaussianKernels#NEGLIGIBLE_LOG_RATIO} of its row's largest
     * becomes a responsibility of exactly 0 (no exponential, and the M-step skips the row for that
     * component). On 1e5 × 10 rows and k = 9 most of a row's components are that far from it.
     */
    public static double responsibilities(double[] out, int rows, int k, double[] weights, int[] labels, int wOff) {
        return VECTOR && k >= VECTOR_ROWS_MIN_K ? VectorRowKernels.normalizeRows(out, rows, k, weights, labels, wOff)
                : GaussianKernels.normalizeRows(out, rows, k, weights, labels, wOff, GaussianKernels.NEGLIGIBLE_LOG_RATIO);
    }

    /** Scratch doubles {@link #diagonalLogDensities} and {@link #diagonalAccumulate} need. */
    public static int diagonalScratchSize(int k, int d) {
        return VECTOR ? VectorDiagonalKernels.scratchSize(k, d) : 0;
    }

    /**
     * For every row of the block (from {@code x[xOff]}) and every component j:
     * {@code out[i*k + j] = -½(d log 2π + Σ_a prec_ja (x_ia − μ_ja)²) + halfLogDetPrec_j}.
     *
     * @param means k×d from 0
     * @param prec k×d diagonal precisions from 0
     * @param scratch {@link #diagonalScratchSize} doubles
     */
    public static void diagonalLogDensities(double[] x, int xOff, int rows, int d, int k, double[] means,
            double[] prec, double[] halfLogDetPrec, double[] out, double[] scratch) {
        if (VECTOR) {
            VectorDiagonalKernels.logDensities(x, xOff, rows, d, k, means, prec, halfLogDetPrec, out, scratch);
            return;
        }
        for (int j = 0; j < k; j++) {
            GaussianKernels.logDensityDiagonal(x, xOff, rows, d, means, j * d, prec, j * d, halfLogDetPrec[j], out, j,
                    k);
        }
    }

    /**
     * {@link GaussianKernels#accumulateDiagonal} for every component j, with shift and moments
     * k×d from 0.
     *
     * @param scratch {@link #diagonalScratchSize} doubles
     */
    public static void diagonalAccumulate(double[] x, int xOff, int rows, int d, int k, double[] resp,
            double[] weights, int wOff, double[] shift, double[] nk, double[] s1, double[] s2, double[] scratch) {
        if (VECTOR) {
            VectorDiagonalKernels.accumulate(x, xOff, rows, d, k, resp, weights, wOff, shift, nk, s1, s2, scratch);
            return;
        }
        for (int j = 0; j < k; j++) {
            GaussianKernels.accumulateDiagonal(x, xOff, rows, d, resp, k, j, weights, wOff, shift, j * d, nk, s1,
                    j * d, s2, j * d);
        }
    }

    /** Rows a caller should hand {@link #weightedCrossProducts} at a time: its columns then stay in cache. */
    public static final int CROSS_PRODUCT_ROWS = 256;

    /**
     * Adds the weighted cross-products {@code Σ_i w_i a_ij a_ik} of rows {@code from..to-1} to the
     * upper triangle ({@code k ≥ j}) of the row-major (p+1)×(p+1) {@code out}, with {@code a_ij =
     * x[j·n + i]} (column-major n×p design) for {@code j < p} and {@code a_ip = z[i]}: {@code XᵀWX},
     * {@code XᵀWz} and {@code zᵀWz} of one weighted least-squares problem. {@code scratch} holds
     * {@code to - from} doubles.
     */
    public static void weightedCrossProducts(double[] x, int n, int p, double[] z, double[] w, int from, int to,
            double[] out, double[] scratch) {
        if (VECTOR) {
            VectorCrossProducts.weighted(x, n, p, z, w, from, to, out, scratch);
        } else {
            CrossProducts.weighted(x, n, p, z, w, from, to, out);
        }
    }

    /**
     * The gradient {@code Xᵀ W (z - X b)} over rows {@code from..from+len-1} of the column-major
     * n×p {@code x}, residuals and products in compensated arithmetic (twice the working
     * precision): {@code out[2j] + out[2j+1]} is component j as an unevaluated sum. {@code hi} and
     * {@code lo} are scratch of at least {@code len} doubles.
     *
     * <p>Plain Java only: a GLM calls it once per fit, so a SIMD version ran before the JIT had
     * compiled it and cost more than it saved (measured 2026-12-06, logistic 1e6 × 20, first fit
     * in a fresh JVM: 2.8 s of CPU with a Vector API version, 2.1 s with this one; warm fits the same).
     */
    public static void compensatedGradient(double[] x, int n, int p, double[] b, double[] z, double[] w, int from,
            int len, double[] out, double[] hi, double[] lo) {
        CompensatedGradient.gradient(x, n, p, b, z, w, from, len, out, hi, lo);
    }

    /**
     * {@code Σ_r a[aOff + r] (hi[r] + lo[r])} over {@code r = 0..len-1} in compensated arithmetic
     * (twice the working precision), rounded once at the end.
     */
    public static double compensatedDot(double[] a, int aOff, double[] hi, double[] lo, int len) {
        double[] sc = new double[2];
        CompensatedGradient.addDot(a, aOff, hi, lo, 0, len, sc);
        return sc[0] + sc[1];
    }

    /**
     * log(1 + x) to a few units in the last place, several times faster than {@link Math#log1p}
     * ({@link LogKernels#log1p}); x &lt; −1 gives NaN and x = −1 gives −∞, as {@link Math#log1p}.
     */
    public static double log1p(double x) {
        return LogKernels.log1p(x);
    }
}
