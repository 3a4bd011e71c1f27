package org.mlem.kernel;

/**
 * The full-covariance E-step with single-precision products, for {@code --precision float}:
 * {@code VectorFloatKernels} (8 float lanes, or as many as the double kernels' vectors hold with
 * rows in the lanes) when the SIMD kernels are in use ({@link Kernels#VECTOR}),
 * else the double kernels on the factor widened back (the float factor's values, double
 * arithmetic; that fallback allocates per call). The log densities, and whatever the M-step
 * accumulates from them, stay double.
 *
 * <p>Use: {@link #packUpper} once per component and iteration, then {@link #fullLogDensity} per
 * block, as {@link Kernels#packUpper} and {@link Kernels#fullLogDensity}.
 */
public final class FloatKernels {
    private FloatKernels() {}

    /** Floats a factor packed by {@link #packUpper} takes in dimension d. */
    public static int packedSize(int d) {
        return Kernels.VECTOR ? d * VectorFloatKernels.padded(d) : d * FullTileKernels.padded(d);
    }

    /** Scratch floats {@link #fullLogDensity} needs in dimension d. */
    public static int scratchSize(int d) {
        return Kernels.VECTOR ? VectorFloatKernels.scratchSize(d) : 0;
    }

    /** The upper precision factor u (d×d from uOff, {@code Σ⁻¹ = U Uᵀ}) rounded to float and packed. */
    public static void packUpper(double[] u, int uOff, int d, float[] packed, int pOff) {
        if (Kernels.VECTOR) {
            VectorFloatKernels.packUpper(u, uOff, d, packed, pOff);
            return;
        }
        int d4 = FullTileKernels.padded(d);
        for (int a = 0; a < d; a++) {
            for (int c = 0; c < d4; c++) {
                packed[pOff + a * d4 + c] = c < d && c >= a ? (float) u[uOff + a * d + c] : 0f;
            }
        }
    }

    /**
     * {@link #fullLogDensity} for every component at once, as {@link Kernels#fullLogDensities}:
     * component j's mean at {@code means[j·d..)}, factor at {@code packed[j·stride..)} (0 for one
     * shared factor), log-determinant {@code logDetU[j]}. Up to {@link #ROWS_IN_LANES_MAX_D}
     * columns the SIMD path puts rows in the lanes.
     *
     * @param scratch {@link Kernels#scratchSize} doubles
     * @param floatScratch {@link #scratchSize} floats
     */
    public static void fullLogDensities(double[] x, int xOff, int rows, int d, double[] means, float[] packed,
            int stride, double[] logDetU, double[] out, int k, double[] scratch, float[] floatScratch) {
        if (Kernels.VECTOR && d <= ROWS_IN_LANES_MAX_D) {
            VectorFloatKernels.logDensities(x, xOff, rows, d, means, packed, stride, logDetU, out, k, scratch,
                    floatScratch);
            return;
        }
        for (int j = 0; j < k; j++) {
            fullLogDensity(x, xOff, rows, d, means, j * d, packed, j * stride, logDetU[j], out, j, k, floatScratch);
        }
    }

    /**
     * Widest data for which {@link #fullLogDensities} puts rows in the lanes; wider than the double
     * kernels' {@link Kernels#ROWS_IN_LANES_MAX_D} because the centred tile is half the bytes.
     * Measured 2026-11-28 (warm s/iter, 2 threads, 512 bits): W3 (d = 50) float 0.146 per component
     * with columns in the lanes, 0.125 with rows (double: 0.137); W2 (d = 20) 0.35–0.39 → 0.27
     * (double: 0.29).
     */
    static final int ROWS_IN_LANES_MAX_D = 64;

    /**
     * {@code out[outOff + i·k] = −½(d log 2π + ‖(x_i − μ) U‖²) + logDetU} for the block's rows,
     * as {@link Kernels#fullLogDensity}, with U packed by {@link #packUpper}.
     *
     * @param scratch {@link #scratchSize} floats
     */
    public static void fullLogDensity(double[] x, int xOff, int rows, int d, double[] mean, int meanOff,
            float[] packedU, int pOff, double logDetU, double[] out, int outOff, int k, float[] scratch) {
        if (Kernels.VECTOR) {
            VectorFloatKernels.logDensity(x, xOff, rows, d, mean, meanOff, packedU, pOff, logDetU, out, outOff, k,
                    scratch);
            return;
        }
        int d4 = FullTileKernels.padded(d);
        double[] widened = new double[d * d4];
        for (int i = 0; i < widened.length; i++) {
            widened[i] = packedU[pOff + i];
        }
        FullTileKernels.logDensity(x, xOff, rows, d, mean, meanOff, widened, 0, logDetU, out, outOff, k,
                new double[FullTileKernels.scratchSize(d)]);
    }
}
