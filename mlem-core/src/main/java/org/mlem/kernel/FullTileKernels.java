package org.mlem.kernel;

/**
 * The full-covariance E- and M-step as small register-blocked matrix products over tiles of rows,
 * in plain Java (no {@code jdk.incubator.vector}; see docs/benchmarks.md for the measured options).
 *
 * <p>A tile of up to {@link #TILE} rows is copied once, as differences from the component's mean,
 * into a row-major scratch panel whose width {@code d4} is {@code d} rounded up to a multiple of 4
 * (zero-padded). Then:
 * <ul>
 *   <li>E-step: {@code Y = (X − μ)·U} for the tile, 4 rows × 4 columns of {@code Y} held in 16
 *       scalar accumulators while the inner index runs over the triangle of {@code U}; each row's
 *       {@code ‖y‖²} is summed straight from the accumulators, so {@code Y} is never stored.</li>
 *   <li>M-step: {@code S2 += (R∘Δ)ᵀ Δ} (a rank-{@code TILE} update of the upper triangle), 4×4
 *       blocks of {@code S2} held in accumulators while the inner index runs over the tile's rows.</li>
 * </ul>
 * Each 16-accumulator loop does 16 multiply-adds per 8 loads, which keeps both FMA ports busy
 * where a per-row axpy loop is bound by loads and stores. No n×d or n×k×d temporary is made; the
 * scratch is {@link #scratchSize(int)} doubles per call.
 *
 * <p>The results differ from {@link GaussianKernels}' per-row loops only by rounding (summation
 * order); the tests check them against {@code ReferenceKernels}.
 */
public final class FullTileKernels {
    private FullTileKernels() {}

    /** Rows per tile. */
    public static final int TILE = 64;

    /** {@code d} rounded up to a multiple of 4: the width of packed panels. */
    public static int padded(int d) {
        return (d + 3) & ~3;
    }

    /** Scratch doubles the kernels need for dimension {@code d}. */
    public static int scratchSize(int d) {
        return 2 * TILE * padded(d) + TILE;
    }

    /**
     * Packs an upper-triangular d×d factor (row-major from {@code uOff}) into
     * {@code packed[pOff ..+ d·d4)}, row-major with row stride {@code d4 = padded(d)}, the padding
     * columns zero. Done once per component per M-step.
     */
    public static void packUpper(double[] u, int uOff, int d, double[] packed, int pOff) {
        int d4 = padded(d);
        for (int a = 0; a < d; a++) {
            for (int c = 0; c < d4; c++) {
                packed[pOff + a * d4 + c] = c < d && c >= a ? u[uOff + a * d + c] : 0.0;
            }
        }
    }

    /**
     * As {@link GaussianKernels#logDensityCholesky} with the factor packed by {@link #packUpper}:
     * {@code out[outOff + i*k] = -½(d log 2π + ‖(x_i − μ)ᵀU‖²) + logDetU} for every row.
     *
     * @param scratch at least {@link #scratchSize(int)} doubles
     */
    public static void logDensity(double[] x, int xOff, int rows, int d, double[] mean, int meanOff,
            double[] packedU, int pOff, double logDetU, double[] out, int outOff, int k, double[] scratch) {
        double c0 = -0.5 * d * GaussianKernels.LOG_2PI + logDetU;
        int d4 = padded(d);
        int qOff = TILE * d4;
        for (int t0 = 0; t0 < rows; t0 += TILE) {
            int tn = Math.min(TILE, rows - t0);
            int tn4 = (tn + 3) & ~3;
            for (int i = 0; i < tn4; i++) {
                int o = i * d4;
                if (i < tn) {
                    int xo = xOff + (t0 + i) * d;
                    for (int a = 0; a < d; a++) {
                        scratch[o + a] = x[xo + a] - mean[meanOff + a];
                    }
                    for (int a = d; a < d4; a++) {
                        scratch[o + a] = 0.0;
                    }
                } else {
                    java.util.Arrays.fill(scratch, o, o + d4, 0.0);
                }
            }
            for (int i = 0; i < tn4; i += 4) {
                squaredNormsOfFourRows(scratch, i * d4, d, d4, packedU, pOff, scratch, qOff + i);
            }
            for (int i = 0; i < tn; i++) {
                out[outOff + (t0 + i) * k] = c0 - 0.5 * scratch[qOff + i];
            }
        }
    }

    /** {@code q[qOff + r] = ‖Δ_r U‖²} for the 4 panel rows from {@code o0}. */
    private static void squaredNormsOfFourRows(double[] p, int o0, int d, int d4, double[] u, int uOff, double[] q,
            int qOff) {
        int o1 = o0 + d4;
        int o2 = o1 + d4;
        int o3 = o2 + d4;
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        for (int c = 0; c < d4; c += 4) {
            double y00 = 0, y01 = 0, y02 = 0, y03 = 0;
            double y10 = 0, y11 = 0, y12 = 0, y13 = 0;
            double y20 = 0, y21 = 0, y22 = 0, y23 = 0;
            double y30 = 0, y31 = 0, y32 = 0, y33 = 0;
            int aEnd = Math.min(c + 4, d); // U is upper: column c+s needs rows a <= c+s
            for (int a = 0; a < aEnd; a++) {
                int ur = uOff + a * d4 + c;
                double u0 = u[ur];
                double u1 = u[ur + 1];
                double u2 = u[ur + 2];
                double u3 = u[ur + 3];
                double x0 = p[o0 + a];
                double x1 = p[o1 + a];
                double x2 = p[o2 + a];
                double x3 = p[o3 + a];
                y00 += x0 * u0; y01 += x0 * u1; y02 += x0 * u2; y03 += x0 * u3;
                y10 += x1 * u0; y11 += x1 * u1; y12 += x1 * u2; y13 += x1 * u3;
                y20 += x2 * u0; y21 += x2 * u1; y22 += x2 * u2; y23 += x2 * u3;
                y30 += x3 * u0; y31 += x3 * u1; y32 += x3 * u2; y33 += x3 * u3;
            }
            q0 += y00 * y00 + y01 * y01 + y02 * y02 + y03 * y03;
            q1 += y10 * y10 + y11 * y11 + y12 * y12 + y13 * y13;
            q2 += y20 * y20 + y21 * y21 + y22 * y22 + y23 * y23;
            q3 += y30 * y30 + y31 * y31 + y32 * y32 + y33 * y33;
        }
        q[qOff] = q0;
        q[qOff + 1] = q1;
        q[qOff + 2] = q2;
        q[qOff + 3] = q3;
    }

    /**
     * As {@link GaussianKernels#accumulateFull}: with {@code r_i = resp[i*k + j] · w_i} and
     * {@code δ_i = x_i − shift}, {@code nk[j] += Σ r_i}, {@code s1 += Σ r_i δ_i} and the upper
     * triangle of {@code s2} (row-major d×d) {@code += Σ r_i δ_i δ_iᵀ}. Rows with {@code r_i = 0}
     * are skipped, so hard assignments cost only their own rows.
     *
     * @param scratch at least {@link #scratchSize(int)} doubles
     */
    public static void accumulate(double[] x, int xOff, int rows, int d, double[] resp, int k, int j,
            double[] weights, int wOff, double[] shift, int shiftOff, double[] nk, double[] s1, int s1Off,
            double[] s2, int s2Off, double[] scratch) {
        int d4 = padded(d);
        int rOff = TILE * d4;
        double n = 0.0;
        int m = 0; // rows packed into the current tile
        for (int i = 0; i < rows; i++) {
            double r = resp[i * k + j];
            if (weights != null) {
                r *= weights[wOff + i];
            }
            if (r == 0.0) {
                continue;
            }
            n += r;
            int xo = xOff + i * d;
            int o = m * d4;
            for (int a = 0; a < d; a++) {
                double delta = x[xo + a] - shift[shiftOff + a];
                double rd = r * delta;
                scratch[o + a] = delta;
                scratch[rOff + o + a] = rd;
                s1[s1Off + a] += rd;
            }
            for (int a = d; a < d4; a++) {
                scratch[o + a] = 0.0;
                scratch[rOff + o + a] = 0.0;
            }
            if (++m == TILE) {
                rankUpdate(scratch, rOff, m, d, d4, s2, s2Off);
                m = 0;
            }
        }
        if (m > 0) {
            rankUpdate(scratch, rOff, m, d, d4, s2, s2Off);
        }
        nk[j] += n;
    }

    /** {@code s2 += Σ_{i<m} rd_i δ_iᵀ} on the upper triangle; δ panel at 0, rd panel at {@code rOff}. */
    private static void rankUpdate(double[] p, int rOff, int m, int d, int d4, double[] s2, int s2Off) {
        for (int a = 0; a < d; a += 4) {
            for (int b = a; b < d; b += 4) {
                double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
                double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
                double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
                double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
                for (int i = 0; i < m; i++) {
                    int o = i * d4;
                    double r0 = p[rOff + o + a];
                    double r1 = p[rOff + o + a + 1];
                    double r2 = p[rOff + o + a + 2];
                    double r3 = p[rOff + o + a + 3];
                    double e0 = p[o + b];
                    double e1 = p[o + b + 1];
                    double e2 = p[o + b + 2];
                    double e3 = p[o + b + 3];
                    c00 += r0 * e0; c01 += r0 * e1; c02 += r0 * e2; c03 += r0 * e3;
                    c10 += r1 * e0; c11 += r1 * e1; c12 += r1 * e2; c13 += r1 * e3;
                    c20 += r2 * e0; c21 += r2 * e1; c22 += r2 * e2; c23 += r2 * e3;
                    c30 += r3 * e0; c31 += r3 * e1; c32 += r3 * e2; c33 += r3 * e3;
                }
                addUpper(s2, s2Off, d, a, b, c00, c01, c02, c03);
                addUpper(s2, s2Off, d, a + 1, b, c10, c11, c12, c13);
                addUpper(s2, s2Off, d, a + 2, b, c20, c21, c22, c23);
                addUpper(s2, s2Off, d, a + 3, b, c30, c31, c32, c33);
            }
        }
    }

    /** Adds {@code v0..v3} to row {@code a}, columns {@code b..b+3}, keeping to the upper triangle and inside d. */
    private static void addUpper(double[] s2, int off, int d, int a, int b, double v0, double v1, double v2, double v3) {
        if (a >= d) {
            return;
        }
        int row = off + a * d;
        if (b >= a && b < d) {
            s2[row + b] += v0;
        }
        if (b + 1 >= a && b + 1 < d) {
            s2[row + b + 1] += v1;
        }
        if (b + 2 >= a && b + 2 < d) {
            s2[row + b + 2] += v2;
        }
        if (b + 3 >= a && b + 3 < d) {
            s2[row + b + 3] += v3;
        }
    }
}
