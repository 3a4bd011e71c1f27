package org.mlem.kernel;

/**
 * The full-covariance E-step with single-precision products, for {@code --precision float}:
 * {@code VectorFloatKernels} (8 float lanes) when the SIMD kernels are in use ({@link Kernels#VECTOR}),
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
