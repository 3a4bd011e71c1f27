package org.mlem.kernel;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Gaussian E- and M-step kernels of {@link FullTileKernels} and {@link GaussianKernels}
 * written with {@code jdk.incubator.vector}: the same tiles and products, with one vector of
 * {@link #LANES} doubles in each accumulator instead of one double. Load this class only through
 * {@link Kernels}, which checks that the incubator module is present; the plain kernels are the
 * fallback and the reference the tests check these against.
 *
 * <p>Every sum is taken in an order fixed by the tile and lane layout (never by the thread
 * count), so the results are deterministic; they differ from the plain kernels only by rounding.
 */
final class VectorKernels {
    private VectorKernels() {}

    /**
     * The widest vectors the JVM compiles for this processor ({@code SPECIES_PREFERRED}: 512 bits
     * with AVX-512; 256 otherwise: the kernels are written and tested for 4 and 8 lanes), or
     * {@code -Dmlem.vectorBits=256|512}. Measured 2026-11-28 (docs/benchmarks.md, warm s/iter, 2
     * threads, AVX-512): 512 bits against 256 gave W3 (d = 50) 0.178 → 0.143, W4 (diagonal,
     * k = 32) 0.242 → 0.180, W1 0.0120 → 0.0112 and W2 equal (0.31), since the E-step up to d = 32
     * puts rows, not columns, in the lanes. A fit's bits depend on the width, as on the kernels;
     * fix it with the property to get the same bits on different processors.
     */
    static final VectorSpecies<Double> SPECIES = species(Integer.getInteger("mlem.vectorBits",
            DoubleVector.SPECIES_PREFERRED.vectorBitSize()));

    private static VectorSpecies<Double> species(int bits) {
        return bits >= 512 ? DoubleVector.SPECIES_512 : DoubleVector.SPECIES_256;
    }

    /** The width {@link #SPECIES} takes without {@code -Dmlem.vectorBits}: this processor's, 256 or 512. */
    static int preferredBits() {
        return species(DoubleVector.SPECIES_PREFERRED.vectorBitSize()).vectorBitSize();
    }

    /** Doubles per vector. */
    static final int LANES = SPECIES.length();

    /** Rows per tile. */
    static final int TILE = 64;

    /** {@code n} rounded up to a multiple of {@link #LANES}. */
    static int padded(int n) {
        return (n + LANES - 1) / LANES * LANES;
    }

    private static int padded4(int n) {
        return (n + 3) & ~3;
    }

    /** Scratch doubles {@link #logDensity}, {@link #logDensities} and {@link #accumulate} need in dimension d. */
    static int scratchSize(int d) {
        int dL = padded(d);
        return 2 * TILE * dL + TILE + padded4(d) * dL;
    }

    /**
     * The upper factor u (d×d from uOff) zero-padded to {@link #padded}{@code (d)} columns and
     * stored as column panels, in the order {@link #squaredNormsOfFourRows} reads them: panels of
     * 2 vectors' width (the last one vector wide when the padded width is odd in vectors), each
     * panel's d rows contiguous, so panel c (its first column) starts at {@code pOff + d·c} and
     * element (a, c + s) is at {@code pOff + d·c + a·width + s}. The loads then step through
     * the array by a constant, which lets the JIT drop their bounds checks from the loop.
     */
    static void packUpper(double[] u, int uOff, int d, double[] packed, int pOff) {
        int dL = padded(d);
        for (int c = 0; c < dL; c += panelWidthAt(c, dL)) {
            int w = panelWidthAt(c, dL);
            for (int a = 0; a < d; a++) {
                for (int s = 0; s < w; s++) {
                    int col = c + s;
                    packed[pOff + d * c + a * w + s] = col < d && col >= a ? u[uOff + a * d + col] : 0.0;
                }
            }
        }
    }

    /** Width of the panel starting at column c of a factor padded to dL columns. */
    private static int panelWidthAt(int c, int dL) {
        return c + 2 * LANES <= dL ? 2 * LANES : LANES;
    }

    /** As {@link FullTileKernels#logDensity}, with the factor packed by {@link #packUpper}. */
    static void logDensity(double[] x, int xOff, int rows, int d, double[] mean, int meanOff, double[] packedU,
            int pOff, double logDetU, double[] out, int outOff, int k, double[] scratch) {
        double c0 = -0.5 * d * GaussianKernels.LOG_2PI + logDetU;
        int dL = padded(d);
        int qOff = TILE * d;
        int dv = SPECIES.loopBound(d);
        for (int t0 = 0; t0 < rows; t0 += TILE) {
            int tn = Math.min(TILE, rows - t0);
            int tn4 = padded4(tn);
            for (int i = 0; i < tn; i++) {
                int xo = xOff + (t0 + i) * d;
                int o = i * d;
                int a = 0;
                for (; a < dv; a += LANES) {
                    DoubleVector.fromArray(SPECIES, x, xo + a).sub(DoubleVector.fromArray(SPECIES, mean, meanOff + a))
                            .intoArray(scratch, o + a);
                }
                for (; a < d; a++) {
                    scratch[o + a] = x[xo + a] - mean[meanOff + a];
                }
            }
            Arrays.fill(scratch, tn * d, tn4 * d, 0.0);
            for (int i = 0; i < tn4; i += 4) {
                squaredNormsOfFourRows(scratch, i * d, d, dL, packedU, pOff, scratch, qOff + i);
            }
            for (int i = 0; i < tn; i++) {
                out[outOff + (t0 + i) * k] = c0 - 0.5 * scratch[qOff + i];
            }
        }
    }

    /**
     * Every component's log density for a block, with rows in the lanes: {@code out[i·k + j]} for
     * component j of mean {@code means[j·d..)}, factor packed by {@link #packUpper} at
     * {@code packedU[j·stride..)} (stride 0: one factor for all, as a tied covariance) and
     * {@code logDetU[j]}. Equal to {@link #logDensity} for each j up to rounding.
     *
     * <p>Each tile of {@link #TILE} rows is transposed once, shared by the k components; for each
     * component the tile is centred, and {@code ‖(x − μ)U‖²} is taken for 4 vectors of rows at a
     * time: {@code y_c = Σ_{a≤c} δ_a U_ac} with δ_a a column of the centred tile and U_ac one
     * broadcast number. No lane is padding and no sum crosses lanes, which {@link #logDensity}
     * (columns in the lanes) cannot avoid at small d: at d = 10, 2,048 rows and k = 8 this takes
     * 98 µs where the per-component kernel takes 209 (docs/benchmarks.md).
     *
     * @param scratch at least {@link #scratchSize}{@code (d)} doubles
     */
    static void logDensities(double[] x, int xOff, int rows, int d, double[] means, double[] packedU, int stride,
            double[] logDetU, double[] out, int k, double[] scratch) {
        double base = -0.5 * d * GaussianKernels.LOG_2PI;
        int dL = padded(d);
        int group = 4 * LANES;
        int centred = d * TILE;
        int qOff = 2 * d * TILE;
        for (int t0 = 0; t0 < rows; t0 += TILE) {
            int tn = Math.min(TILE, rows - t0);
            int tg = (tn + group - 1) / group * group;
            transposeTile(x, xOff + t0 * d, tn, tg, d, scratch);
            for (int j = 0; j < k; j++) {
                int u0 = j * stride;
                for (int i = 0; i < tg; i += group) {
                    squaredNormsInLanes(scratch, i, centred + i, d, dL, means, j * d, packedU, u0, scratch, qOff + i);
                }
                double c0 = base + logDetU[j];
                for (int i = 0; i < tn; i++) {
                    out[(t0 + i) * k + j] = c0 - 0.5 * scratch[qOff + i];
                }
            }
        }
    }

    /**
     * Rows {@code x[xOff..)} (tn of them, d columns) into {@code scratch} by columns: column a at
     * {@code a·TILE}, its rows tn..tg zero (the last group's missing rows).
     */
    static void transposeTile(double[] x, int xOff, int tn, int tg, int d, double[] scratch) {
        for (int i = 0; i < tn; i++) {
            int xo = xOff + i * d;
            for (int a = 0; a < d; a++) {
                scratch[a * TILE + i] = x[xo + a];
            }
        }
        for (int a = 0; a < d; a++) {
            Arrays.fill(scratch, a * TILE + tn, a * TILE + tg, 0.0);
        }
    }

    /**
     * {@code q[qOff + r] = ‖(x_r − μ) U‖²} for the 4·LANES rows r whose columns a are at
     * {@code p[xo + a·TILE + r]}, centred first into {@code p[o + a·TILE + r]}; μ at
     * {@code mean[meanOff..)}, U packed by {@link #packUpper} from {@code uOff}. The centring is here,
     * in the call the JIT compiles first, rather than in the caller, whose loops run once per block
     * and would run interpreted (slow, for Vector API code) through the first iteration.
     */
    private static void squaredNormsInLanes(double[] p, int xo, int o, int d, int dL, double[] mean, int meanOff,
            double[] u, int uOff, double[] q, int qOff) {
        for (int a = 0; a < d; a++) {
            DoubleVector m = DoubleVector.broadcast(SPECIES, mean[meanOff + a]);
            int from = xo + a * TILE;
            int to = o + a * TILE;
            DoubleVector.fromArray(SPECIES, p, from).sub(m).intoArray(p, to);
            DoubleVector.fromArray(SPECIES, p, from + LANES).sub(m).intoArray(p, to + LANES);
            DoubleVector.fromArray(SPECIES, p, from + 2 * LANES).sub(m).intoArray(p, to + 2 * LANES);
            DoubleVector.fromArray(SPECIES, p, from + 3 * LANES).sub(m).intoArray(p, to + 3 * LANES);
        }
        DoubleVector q0 = DoubleVector.zero(SPECIES);
        DoubleVector q1 = q0;
        DoubleVector q2 = q0;
        DoubleVector q3 = q0;
        for (int c = 0; c < d; c++) {
            int panel = c / (2 * LANES) * (2 * LANES);
            int w = panelWidthAt(panel, dL);
            int uc = uOff + d * panel + c - panel; // U_ac at uc + a·w
            DoubleVector y0 = DoubleVector.zero(SPECIES);
            DoubleVector y1 = y0;
            DoubleVector y2 = y0;
            DoubleVector y3 = y0;
            for (int a = 0; a <= c; a++) {
                DoubleVector ua = DoubleVector.broadcast(SPECIES, u[uc + a * w]);
                int r = o + a * TILE;
                y0 = DoubleVector.fromArray(SPECIES, p, r).fma(ua, y0);
                y1 = DoubleVector.fromArray(SPECIES, p, r + LANES).fma(ua, y1);
                y2 = DoubleVector.fromArray(SPECIES, p, r + 2 * LANES).fma(ua, y2);
                y3 = DoubleVector.fromArray(SPECIES, p, r + 3 * LANES).fma(ua, y3);
            }
            q0 = y0.fma(y0, q0);
            q1 = y1.fma(y1, q1);
            q2 = y2.fma(y2, q2);
            q3 = y3.fma(y3, q3);
        }
        q0.intoArray(q, qOff);
        q1.intoArray(q, qOff + LANES);
        q2.intoArray(q, qOff + 2 * LANES);
        q3.intoArray(q, qOff + 3 * LANES);
    }

    /**
     * {@code q[qOff + r] = ‖Δ_r U‖²} for the 4 panel rows (stride d) from {@code o0}: two vectors
     * of U's columns at a time (8 accumulators), then a last single vector when dL/L is odd.
     */
    private static void squaredNormsOfFourRows(double[] p, int o0, int d, int dL, double[] u, int uOff, double[] q,
            int qOff) {
        int o1 = o0 + d;
        int o2 = o1 + d;
        int o3 = o2 + d;
        DoubleVector q0 = DoubleVector.zero(SPECIES);
        DoubleVector q1 = q0;
        DoubleVector q2 = q0;
        DoubleVector q3 = q0;
        int c = 0;
        for (; c + 2 * LANES <= dL; c += 2 * LANES) {
            DoubleVector y0 = DoubleVector.zero(SPECIES);
            DoubleVector y1 = y0;
            DoubleVector y2 = y0;
            DoubleVector y3 = y0;
            DoubleVector z0 = y0;
            DoubleVector z1 = y0;
            DoubleVector z2 = y0;
            DoubleVector z3 = y0;
            int aEnd = Math.min(c + 2 * LANES, d); // U is upper: column c+s needs rows a <= c+s
            int panel = uOff + d * c;
            for (int a = 0; a < aEnd; a++) {
                DoubleVector u0 = DoubleVector.fromArray(SPECIES, u, panel + a * (2 * LANES));
                DoubleVector u1 = DoubleVector.fromArray(SPECIES, u, panel + a * (2 * LANES) + LANES);
                DoubleVector x0 = DoubleVector.broadcast(SPECIES, p[o0 + a]);
                DoubleVector x1 = DoubleVector.broadcast(SPECIES, p[o1 + a]);
                DoubleVector x2 = DoubleVector.broadcast(SPECIES, p[o2 + a]);
                DoubleVector x3 = DoubleVector.broadcast(SPECIES, p[o3 + a]);
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
            DoubleVector y0 = DoubleVector.zero(SPECIES);
            DoubleVector y1 = y0;
            DoubleVector y2 = y0;
            DoubleVector y3 = y0;
            int aEnd = Math.min(c + LANES, d);
            int panel = uOff + d * c;
            for (int a = 0; a < aEnd; a++) {
                DoubleVector uv = DoubleVector.fromArray(SPECIES, u, panel + a * LANES);
                y0 = uv.fma(DoubleVector.broadcast(SPECIES, p[o0 + a]), y0);
                y1 = uv.fma(DoubleVector.broadcast(SPECIES, p[o1 + a]), y1);
                y2 = uv.fma(DoubleVector.broadcast(SPECIES, p[o2 + a]), y2);
                y3 = uv.fma(DoubleVector.broadcast(SPECIES, p[o3 + a]), y3);
            }
            q0 = y0.fma(y0, q0);
            q1 = y1.fma(y1, q1);
            q2 = y2.fma(y2, q2);
            q3 = y3.fma(y3, q3);
        }
        q[qOff] = sumInOrder(q0);
        q[qOff + 1] = sumInOrder(q1);
        q[qOff + 2] = sumInOrder(q2);
        q[qOff + 3] = sumInOrder(q3);
    }

    /**
     * As {@link FullTileKernels#accumulate}. The tiles' products are summed in a padded scratch
     * triangle and added to {@code s2} once per call.
     */
    static void accumulate(double[] x, int xOff, int rows, int d, double[] resp, int k, int j, double[] weights,
            int wOff, double[] shift, int shiftOff, double[] nk, double[] s1, int s1Off, double[] s2, int s2Off,
            double[] scratch) {
        int dL = padded(d);
        int rOff = TILE * dL;
        int sOff = 2 * TILE * dL + TILE;
        int d4 = padded4(d);
        int dv = SPECIES.loopBound(d);
        Arrays.fill(scratch, sOff, sOff + d4 * dL, 0.0);
        // The panels' padding columns d..dL only feed scatter entries that are never copied out, but
        // left-over values there (subnormals, say) would slow the products: zero them, once.
        Arrays.fill(scratch, 0, 2 * TILE * dL, 0.0);
        double n = 0.0;
        int m = 0;
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
            int o = m * dL;
            int a = 0;
            for (; a < dv; a += LANES) {
                DoubleVector delta = DoubleVector.fromArray(SPECIES, x, xo + a)
                        .sub(DoubleVector.fromArray(SPECIES, shift, shiftOff + a));
                DoubleVector rd = delta.mul(r);
                delta.intoArray(scratch, o + a);
                rd.intoArray(scratch, rOff + o + a);
                addRow(s1, s1Off + a, rd);
            }
            for (; a < d; a++) {
                double delta = x[xo + a] - shift[shiftOff + a];
                double rd = r * delta;
                scratch[o + a] = delta;
                scratch[rOff + o + a] = rd;
                s1[s1Off + a] += rd;
            }
            if (++m == TILE) {
                rankUpdate(scratch, rOff, m, d4, dL, scratch, sOff);
                m = 0;
            }
        }
        // unconditionally: with m = 0 it adds zero vectors to sums that are never −0 (the same
        // bits), and a branch here that the first calls never took cost C2 a second compilation of
        // this method in every cold fit (docs/benchmarks.md, 2026-12-07 16:10–17:40Z)
        rankUpdate(scratch, rOff, m, d4, dL, scratch, sOff);
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                s2[s2Off + a * d + b] += scratch[sOff + a * dL + b];
            }
        }
        nk[j] += n;
    }

    /**
     * {@code acc[a][b..) += Σ_{i<m} rd_ia δ_i[b..)} for every block of 4 rows {@code a}, from the
     * vector of columns holding the diagonal; δ panel at 0, rd panel at {@code rOff}, both with row
     * stride dL; {@code acc} is d4 × dL from {@code accOff}.
     */
    private static void rankUpdate(double[] p, int rOff, int m, int d4, int dL, double[] acc, int accOff) {
        for (int a = 0; a < d4; a += 4) {
            transposedTimes(p, 0, dL, rOff + a, dL, m, a / LANES * LANES, dL, acc, accOff + a * dL, dL);
        }
    }

    /**
     * A 4-column slice of {@code Rᵀ Z}: {@code acc[accOff + s·accStride + b] += Σ_{i<m} R[i][s] Z[i][b]}
     * for s = 0..3 and b in {@code [bFrom, bTo)} (both multiples of {@link #LANES}), with
     * {@code R[i][s] = p[rOff + i·rStride + s]} and {@code Z[i][b] = p[zOff + i·zStride + b]}. Two
     * vectors of b at a time (8 accumulators), then one.
     */
    static void transposedTimes(double[] p, int zOff, int zStride, int rOff, int rStride, int m, int bFrom, int bTo,
            double[] acc, int accOff, int accStride) {
        int b = bFrom;
        for (; b + 2 * LANES <= bTo; b += 2 * LANES) {
            DoubleVector c0 = DoubleVector.zero(SPECIES);
            DoubleVector c1 = c0;
            DoubleVector c2 = c0;
            DoubleVector c3 = c0;
            DoubleVector e0 = c0;
            DoubleVector e1 = c0;
            DoubleVector e2 = c0;
            DoubleVector e3 = c0;
            for (int i = 0; i < m; i++) {
                int zo = zOff + i * zStride + b;
                DoubleVector f0 = DoubleVector.fromArray(SPECIES, p, zo);
                DoubleVector f1 = DoubleVector.fromArray(SPECIES, p, zo + LANES);
                int ro = rOff + i * rStride;
                DoubleVector r0 = DoubleVector.broadcast(SPECIES, p[ro]);
                DoubleVector r1 = DoubleVector.broadcast(SPECIES, p[ro + 1]);
                DoubleVector r2 = DoubleVector.broadcast(SPECIES, p[ro + 2]);
                DoubleVector r3 = DoubleVector.broadcast(SPECIES, p[ro + 3]);
                c0 = f0.fma(r0, c0);
                c1 = f0.fma(r1, c1);
                c2 = f0.fma(r2, c2);
                c3 = f0.fma(r3, c3);
                e0 = f1.fma(r0, e0);
                e1 = f1.fma(r1, e1);
                e2 = f1.fma(r2, e2);
                e3 = f1.fma(r3, e3);
            }
            int t = accOff + b;
            addRow(acc, t, c0);
            addRow(acc, t + accStride, c1);
            addRow(acc, t + 2 * accStride, c2);
            addRow(acc, t + 3 * accStride, c3);
            addRow(acc, t + LANES, e0);
            addRow(acc, t + accStride + LANES, e1);
            addRow(acc, t + 2 * accStride + LANES, e2);
            addRow(acc, t + 3 * accStride + LANES, e3);
        }
        if (b < bTo) {
            DoubleVector c0 = DoubleVector.zero(SPECIES);
            DoubleVector c1 = c0;
            DoubleVector c2 = c0;
            DoubleVector c3 = c0;
            for (int i = 0; i < m; i++) {
                DoubleVector e = DoubleVector.fromArray(SPECIES, p, zOff + i * zStride + b);
                int ro = rOff + i * rStride;
                c0 = e.fma(DoubleVector.broadcast(SPECIES, p[ro]), c0);
                c1 = e.fma(DoubleVector.broadcast(SPECIES, p[ro + 1]), c1);
                c2 = e.fma(DoubleVector.broadcast(SPECIES, p[ro + 2]), c2);
                c3 = e.fma(DoubleVector.broadcast(SPECIES, p[ro + 3]), c3);
            }
            int t = accOff + b;
            addRow(acc, t, c0);
            addRow(acc, t + accStride, c1);
            addRow(acc, t + 2 * accStride, c2);
            addRow(acc, t + 3 * accStride, c3);
        }
    }

    /**
     * The lanes' sum from lane 0 up: a fixed order, unlike {@code reduceLanes(ADD)}, whose order is
     * unspecified and could differ between compiled and interpreted code.
     */
    static double sumInOrder(DoubleVector v) {
        double s = v.lane(0);
        for (int i = 1; i < LANES; i++) {
            s += v.lane(i);
        }
        return s;
    }

    private static void addRow(double[] acc, int off, DoubleVector v) {
        v.add(DoubleVector.fromArray(SPECIES, acc, off)).intoArray(acc, off);
    }
}
