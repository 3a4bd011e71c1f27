package org.mlem.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The full-covariance E-step of {@link VectorKernels#logDensity} with the products in single
 * precision: 256-bit vectors of 8 floats, twice the lanes of the double kernel. Rows are centred
 * in double ({@code x − μ}, then rounded to float, so a large common offset costs no accuracy) and
 * each row's {@code ‖(x − μ) U‖²} is summed over lanes in double; the products {@code (x − μ) U}
 * and their squares are float. Relative error of the squared distance: about {@code (d + 2)·2⁻²⁴}
 * at worst, usually far less. Load only through {@link FloatKernels}.
 */
final class VectorFloatKernels {
    private VectorFloatKernels() {}

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;

    /** Floats per vector. */
    static final int LANES = SPECIES.length();

    /** Rows per tile. */
    static final int TILE = VectorKernels.TILE; // the rows-in-lanes kernel shares VectorKernels.transposeTile

    /** {@code n} rounded up to a multiple of {@link #LANES}. */
    static int padded(int n) {
        return (n + LANES - 1) / LANES * LANES;
    }

    /** Doubles centred at once, converted to as many floats. */
    private static final VectorSpecies<Double> CENTRING = DoubleVector.SPECIES_256;

    private static final VectorSpecies<Float> CENTRED = FloatVector.SPECIES_128;

    /**
     * Scratch floats {@link #logDensity} and {@link #logDensities} need in dimension d: one tile of
     * centred rows, then 4 vectors of sums or a tile's squared norms.
     */
    static int scratchSize(int d) {
        return TILE * d + Math.max(4 * LANES, TILE);
    }

    /** Floats in a vector as wide as the double kernels' ({@link VectorKernels#SPECIES}), for rows in the lanes. */
    static final VectorSpecies<Float> ROWS = VectorSpecies.of(float.class,
            VectorShape.forBitSize(VectorKernels.SPECIES.vectorBitSize()));

    /** Floats as many as the double kernels' lanes: one double vector of centred values, rounded. */
    private static final VectorSpecies<Float> ROUNDED = VectorSpecies.of(float.class,
            VectorShape.forBitSize(VectorKernels.SPECIES.vectorBitSize() / 2));

    /**
     * {@link VectorKernels#logDensities} with float products: every component's log density for a
     * block, rows in the lanes ({@link #ROWS}: 16 at 512 bits), the tile transposed once in double
     * into {@code scratch} and shared by the components, each component's centred tile rounded to
     * float into {@code floatScratch}. Each row's {@code y_c = Σ_{a≤c} δ_a U_ac} and
     * {@code q = Σ_c y_c²} are float: relative error of q at most about {@code (3d + 8)·2⁻²⁴}
     * (FloatKernelsTest checks the rigorous first-order bound).
     *
     * @param packedU factors packed by {@link #packUpper}, component j's at {@code j·stride} (0: one for all)
     * @param scratch at least {@code d·}{@link #TILE} doubles
     * @param floatScratch at least {@link #scratchSize}{@code (d)} floats
     */
    static void logDensities(double[] x, int xOff, int rows, int d, double[] means, float[] packedU, int stride,
            double[] logDetU, double[] out, int k, double[] scratch, float[] floatScratch) {
        double base = -0.5 * d * GaussianKernels.LOG_2PI;
        int dL = padded(d);
        int group = 4 * ROWS.length();
        int qOff = d * TILE;
        for (int t0 = 0; t0 < rows; t0 += TILE) {
            int tn = Math.min(TILE, rows - t0);
            int tg = (tn + group - 1) / group * group;
            VectorKernels.transposeTile(x, xOff + t0 * d, tn, tg, d, scratch);
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < tg; i += group) {
                    squaredNormsInLanes(scratch, i, floatScratch, d, dL, means, j * d, packedU, j * stride, qOff);
                }
                double c0 = base + logDetU[j];
                for (int i = 0; i < tn; i++) {
                    out[(t0 + i) * k + j] = c0 - 0.5 * floatScratch[qOff + i];
                }
            }
        }
    }

    /**
     * For the 4 vectors of rows from {@code r0} of the transposed tile {@code xt} (column a at
     * {@code a·TILE}): centre on the mean in double, round to float into {@code p} (same layout),
     * and write {@code ‖(x_r − μ) U‖²} to {@code p[qOff + r]}. The centring is here, in the call the
     * JIT compiles first (see {@link VectorKernels#logDensities}).
     */
    private static void squaredNormsInLanes(double[] xt, int r0, float[] p, int d, int dL, double[] mean,
            int meanOff, float[] u, int uOff, int qOff) {
        int rl = ROWS.length();
        int dl = VectorKernels.LANES;
        for (int a = 0; a < d; a++) {
            DoubleVector m = DoubleVector.broadcast(VectorKernels.SPECIES, mean[meanOff + a]);
            for (int r = r0, end = r0 + 4 * rl; r < end; r += dl) {
                int at = a * TILE + r;
                ((FloatVector) DoubleVector.fromArray(VectorKernels.SPECIES, xt, at).sub(m)
                        .convertShape(VectorOperators.D2F, ROUNDED, 0)).intoArray(p, at);
            }
        }
        FloatVector q0 = FloatVector.zero(ROWS);
        FloatVector q1 = q0;
        FloatVector q2 = q0;
        FloatVector q3 = q0;
        for (int c = 0; c < d; c++) {
            FloatVector y0 = FloatVector.zero(ROWS);
            FloatVector y1 = y0;
            FloatVector y2 = y0;
            FloatVector y3 = y0;
            for (int a = 0; a <= c; a++) {
                FloatVector ua = FloatVector.broadcast(ROWS, u[uOff + a * dL + c]);
                int r = a * TILE + r0;
                y0 = FloatVector.fromArray(ROWS, p, r).fma(ua, y0);
                y1 = FloatVector.fromArray(ROWS, p, r + rl).fma(ua, y1);
                y2 = FloatVector.fromArray(ROWS, p, r + 2 * rl).fma(ua, y2);
                y3 = FloatVector.fromArray(ROWS, p, r + 3 * rl).fma(ua, y3);
            }
            q0 = y0.fma(y0, q0);
            q1 = y1.fma(y1, q1);
            q2 = y2.fma(y2, q2);
            q3 = y3.fma(y3, q3);
        }
        q0.intoArray(p, qOff + r0);
        q1.intoArray(p, qOff + r0 + rl);
        q2.intoArray(p, qOff + r0 + 2 * rl);
        q3.intoArray(p, qOff + r0 + 3 * rl);
    }

    /** The upper factor u (d×d from uOff) as floats, row stride {@link #padded}{@code (d)}, zeros elsewhere. */
    static void packUpper(double[] u, int uOff, int d, float[] packed, int pOff) {
        int dL = padded(d);
        for (int a = 0; a < d; a++) {
            for (int c = 0; c < dL; c++) {
                packed[pOff + a * dL + c] = c < d && c >= a ? (float) u[uOff + a * d + c] : 0f;
            }
        }
    }

    /** As {@link FullTileKernels#logDensity}, with the factor packed by {@link #packUpper}. */
    static void logDensity(double[] x, int xOff, int rows, int d, double[] mean, int meanOff, float[] packedU,
            int pOff, double logDetU, double[] out, int outOff, int k, float[] scratch) {
        double c0 = -0.5 * d * GaussianKernels.LOG_2PI + logDetU;
        int dL = padded(d);
        for (int t0 = 0; t0 < rows; t0 += TILE) {
            int tn = Math.min(TILE, rows - t0);
            for (int i = 0; i < tn; i++) {
                int xo = xOff + (t0 + i) * d;
                int a = 0;
                for (; a < CENTRING.loopBound(d); a += CENTRING.length()) {
                    DoubleVector delta = DoubleVector.fromArray(CENTRING, x, xo + a)
                            .sub(DoubleVector.fromArray(CENTRING, mean, meanOff + a));
                    ((FloatVector) delta.convertShape(VectorOperators.D2F, CENTRED, 0)).intoArray(scratch, i * d + a);
                }
                for (; a < d; a++) {
                    scratch[i * d + a] = (float) (x[xo + a] - mean[meanOff + a]);
                }
            }
            int i = 0;
            for (; i + 4 <= tn; i += 4) {
                squaredNormsOfFourRows(scratch, i * d, d, dL, packedU, pOff, out, outOff + (t0 + i) * k, k, c0, TILE * d);
            }
            for (; i < tn; i++) {
                out[outOff + (t0 + i) * k] = c0 - 0.5 * squaredNorm(scratch, i * d, d, dL, packedU, pOff);
            }
        }
    }

    /** {@code out[outOff + r·k] = c0 − ½‖Δ_r U‖²} for the 4 rows of p (stride d) from o0, two vectors of U's columns at a time. */
    private static void squaredNormsOfFourRows(float[] p, int o0, int d, int dL, float[] u, int uOff, double[] out,
            int outOff, int k, double c0, int sumsOff) {
        int o1 = o0 + d;
        int o2 = o1 + d;
        int o3 = o2 + d;
        FloatVector q0 = FloatVector.zero(SPECIES);
        FloatVector q1 = q0;
        FloatVector q2 = q0;
        FloatVector q3 = q0;
        int c = 0;
        for (; c + 2 * LANES <= dL; c += 2 * LANES) {
            FloatVector y0 = FloatVector.zero(SPECIES);
            FloatVector y1 = y0;
            FloatVector y2 = y0;
            FloatVector y3 = y0;
            FloatVector z0 = y0;
            FloatVector z1 = y0;
            FloatVector z2 = y0;
            FloatVector z3 = y0;
            int aEnd = Math.min(c + 2 * LANES, d); // U is upper: column c+s needs rows a <= c+s
            for (int a = 0; a < aEnd; a++) {
                int ur = uOff + a * dL + c;
                FloatVector u0 = FloatVector.fromArray(SPECIES, u, ur);
                FloatVector u1 = FloatVector.fromArray(SPECIES, u, ur + LANES);
                FloatVector x0 = FloatVector.broadcast(SPECIES, p[o0 + a]);
                FloatVector x1 = FloatVector.broadcast(SPECIES, p[o1 + a]);
                FloatVector x2 = FloatVector.broadcast(SPECIES, p[o2 + a]);
                FloatVector x3 = FloatVector.broadcast(SPECIES, p[o3 + a]);
                y0 = u0.fma(x0, y0);
                y1 = u0.fma(x1, y1);
                y2 = u0.fma(x2, y2);
                y3 = u0.fma(x3, y3);
                z0 = u1.fma(x0, z0);
                z1 = u1.fma(x1, z1);
                z2 = u1.fma(x2, z2);
                z3 = u1.fma(x3, z3);
            }
            q0 = z0.fma(z0, y0.fma(y0, q0));
            q1 = z1.fma(z1, y1.fma(y1, q1));
            q2 = z2.fma(z2, y2.fma(y2, q2));
            q3 = z3.fma(z3, y3.fma(y3, q3));
        }
        if (c < dL) {
            FloatVector y0 = FloatVector.zero(SPECIES);
            FloatVector y1 = y0;
            FloatVector y2 = y0;
            FloatVector y3 = y0;
            int aEnd = Math.min(c + LANES, d);
            for (int a = 0; a < aEnd; a++) {
                FloatVector uv = FloatVector.fromArray(SPECIES, u, uOff + a * dL + c);
                y0 = uv.fma(FloatVector.broadcast(SPECIES, p[o0 + a]), y0);
                y1 = uv.fma(FloatVector.broadcast(SPECIES, p[o1 + a]), y1);
                y2 = uv.fma(FloatVector.broadcast(SPECIES, p[o2 + a]), y2);
                y3 = uv.fma(FloatVector.broadcast(SPECIES, p[o3 + a]), y3);
            }
            q0 = y0.fma(y0, q0);
            q1 = y1.fma(y1, q1);
            q2 = y2.fma(y2, q2);
            q3 = y3.fma(y3, q3);
        }
        q0.intoArray(p, sumsOff);
        q1.intoArray(p, sumsOff + LANES);
        q2.intoArray(p, sumsOff + 2 * LANES);
        q3.intoArray(p, sumsOff + 3 * LANES);
        for (int r = 0; r < 4; r++) {
            double s = p[sumsOff + r * LANES];
            for (int l = 1; l < LANES; l++) {
                s += p[sumsOff + r * LANES + l];
            }
            out[outOff + r * k] = c0 - 0.5 * s;
        }
    }

    /** ‖Δ U‖² for one row of p from o, one vector of U's columns at a time. */
    private static double squaredNorm(float[] p, int o, int d, int dL, float[] u, int uOff) {
        FloatVector q = FloatVector.zero(SPECIES);
        for (int c = 0; c < dL; c += LANES) {
            FloatVector y = FloatVector.zero(SPECIES);
            int aEnd = Math.min(c + LANES, d);
            for (int a = 0; a < aEnd; a++) {
                y = FloatVector.fromArray(SPECIES, u, uOff + a * dL + c).fma(FloatVector.broadcast(SPECIES, p[o + a]), y);
            }
            q = y.fma(y, q);
        }
        return sumInOrder(q);
    }

    /** The lanes summed in double, in lane order (deterministic whether compiled or interpreted). */
    private static double sumInOrder(FloatVector v) {
        double s = v.lane(0);
        for (int i = 1; i < LANES; i++) {
            s += v.lane(i);
        }
        return s;
    }
}
