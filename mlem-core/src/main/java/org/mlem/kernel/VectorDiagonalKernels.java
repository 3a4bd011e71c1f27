package org.mlem.kernel;

import static org.mlem.kernel.VectorKernels.LANES;
import static org.mlem.kernel.VectorKernels.SPECIES;
import static org.mlem.kernel.VectorKernels.TILE;
import static org.mlem.kernel.VectorKernels.padded;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;

/**
 * Diagonal-covariance E- and M-steps for all k components at once, as matrix products over tiles
 * of rows, with {@code jdk.incubator.vector} (load only through {@link Kernels}).
 *
 * <p>Rows are first centred on {@code c}, the average of the k means (or shifts), so the
 * expansions below lose few digits: with {@code x' = x − c} and {@code m_j = μ_j − c},
 * <ul>
 *   <li>E-step: {@code Σ_a p_ja (x'_a − m_ja)² = Σ_a p_ja x'_a² − 2 Σ_a p_ja m_ja x'_a + Σ_a p_ja m_ja²},
 *       i.e. the tile's {@code [x'², x']} (rows × 2d) times a 2d × k matrix, plus a constant per
 *       component (scikit-learn's formulation, here about the centre).</li>
 *   <li>M-step: {@code A = Rᵀ [x', x'²]} (k × 2d) over the tile's responsibilities, converted once
 *       per call to moments about each component's shift {@code s_j}:
 *       {@code Σ r (x − s) = A1 − n m}, {@code Σ r (x − s)² = A2 − 2 m A1 + n m²} with
 *       {@code m = s_j − c}.</li>
 * </ul>
 * Results differ from {@link GaussianKernels}' per-row loops by rounding only; the tests bound the
 * difference.
 */
final class VectorDiagonalKernels {
    private VectorDiagonalKernels() {}

    /** Scratch doubles {@link #logDensities} and {@link #accumulate} need for k components in d dimensions. */
    static int scratchSize(int k, int d) {
        int kL = padded(k);
        int w = padded(2 * d);
        int e = d + 2 * d * kL + kL + TILE * 2 * d + TILE * kL;
        int m = d + TILE * w + TILE * kL + kL * w + kL;
        return Math.max(e, m);
    }

    /**
     * {@code out[i*k + j] = -½(d log 2π + Σ_a prec_ja (x_ia − μ_ja)²) + halfLogDetPrec_j} for every
     * row of the block and every component.
     *
     * @param means k×d from 0
     * @param prec k×d precisions from 0
     */
    static void logDensities(double[] x, int xOff, int rows, int d, int k, double[] means, double[] prec,
            double[] halfLogDetPrec, double[] out, double[] scratch) {
        int kL = padded(k);
        int cOff = 0;
        int bOff = d;
        int constOff = bOff + 2 * d * kL;
        int zOff = constOff + kL;
        int oOff = zOff + TILE * 2 * d;
        centre(means, k, d, scratch, cOff);
        Arrays.fill(scratch, bOff, zOff, 0.0);
        for (int j = 0; j < k; j++) {
            double q = 0;
            for (int a = 0; a < d; a++) {
                double p = prec[j * d + a];
                double m = means[j * d + a] - scratch[cOff + a];
                scratch[bOff + a * kL + j] = p;
                scratch[bOff + (d + a) * kL + j] = -2 * p * m;
                q += p * m * m;
            }
            scratch[constOff + j] = -0.5 * d * GaussianKernels.LOG_2PI + halfLogDetPrec[j] - 0.5 * q;
        }
        int w = 2 * d;
        int dv = SPECIES.loopBound(d);
        for (int t0 = 0; t0 < rows; t0 += TILE) {
            int tn = Math.min(TILE, rows - t0);
            int tn4 = (tn + 3) & ~3;
            for (int i = 0; i < tn; i++) {
                int xo = xOff + (t0 + i) * d;
                int o = zOff + i * w;
                int a = 0;
                for (; a < dv; a += LANES) {
                    DoubleVector v = DoubleVector.fromArray(SPECIES, x, xo + a)
                            .sub(DoubleVector.fromArray(SPECIES, scratch, cOff + a));
                    v.mul(v).intoArray(scratch, o + a);
                    v.intoArray(scratch, o + d + a);
                }
                for (; a < d; a++) {
                    double v = x[xo + a] - scratch[cOff + a];
                    scratch[o + a] = v * v;
                    scratch[o + d + a] = v;
                }
            }
            Arrays.fill(scratch, zOff + tn * w, zOff + tn4 * w, 0.0);
            for (int i = 0; i < tn4; i += 4) {
                int j = 0;
                for (; j + 2 * LANES <= kL; j += 2 * LANES) {
                    fourRowsTimesTwoVectors(scratch, zOff + i * w, w, bOff, kL, j, scratch, oOff + i * kL);
                }
                if (j < kL) {
                    fourRowsTimesColumns(scratch, zOff + i * w, w, bOff, kL, j, scratch, oOff + i * kL);
                }
            }
            for (int i = 0; i < tn; i++) {
                int oo = (t0 + i) * k;
                int so = oOff + i * kL;
                for (int j = 0; j < k; j++) {
                    out[oo + j] = scratch[constOff + j] - 0.5 * scratch[so + j];
                }
            }
        }
    }

    /** As {@link #fourRowsTimesColumns} for the two vectors of columns from j (8 accumulators). */
    private static void fourRowsTimesTwoVectors(double[] z, int z0, int w, int bOff, int kL, int j, double[] o,
            int oOff) {
        int z1 = z0 + w;
        int z2 = z1 + w;
        int z3 = z2 + w;
        DoubleVector y0 = DoubleVector.zero(SPECIES);
        DoubleVector y1 = y0;
        DoubleVector y2 = y0;
        DoubleVector y3 = y0;
        DoubleVector v0 = y0;
        DoubleVector v1 = y0;
        DoubleVector v2 = y0;
        DoubleVector v3 = y0;
        for (int a = 0; a < w; a++) {
            int bo = bOff + a * kL + j;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, z, bo);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, z, bo + LANES);
            DoubleVector x0 = DoubleVector.broadcast(SPECIES, z[z0 + a]);
            DoubleVector x1 = DoubleVector.broadcast(SPECIES, z[z1 + a]);
            DoubleVector x2 = DoubleVector.broadcast(SPECIES, z[z2 + a]);
            DoubleVector x3 = DoubleVector.broadcast(SPECIES, z[z3 + a]);
            y0 = b0.fma(x0, y0);
            y1 = b0.fma(x1, y1);
            y2 = b0.fma(x2, y2);
            y3 = b0.fma(x3, y3);
            v0 = b1.fma(x0, v0);
            v1 = b1.fma(x1, v1);
            v2 = b1.fma(x2, v2);
            v3 = b1.fma(x3, v3);
        }
        int t = oOff + j;
        y0.intoArray(o, t);
        y1.intoArray(o, t + kL);
        y2.intoArray(o, t + 2 * kL);
        y3.intoArray(o, t + 3 * kL);
        v0.intoArray(o, t + LANES);
        v1.intoArray(o, t + kL + LANES);
        v2.intoArray(o, t + 2 * kL + LANES);
        v3.intoArray(o, t + 3 * kL + LANES);
    }

    /** {@code o[r][j..j+L) = Σ_a z[r][a] B[a][j..j+L)} for 4 rows r of z (stride w) into o (stride kL). */
    private static void fourRowsTimesColumns(double[] z, int z0, int w, int bOff, int kL, int j, double[] o,
            int oOff) {
        int z1 = z0 + w;
        int z2 = z1 + w;
        int z3 = z2 + w;
        DoubleVector y0 = DoubleVector.zero(SPECIES);
        DoubleVector y1 = y0;
        DoubleVector y2 = y0;
        DoubleVector y3 = y0;
        for (int a = 0; a < w; a++) {
            DoubleVector b = DoubleVector.fromArray(SPECIES, z, bOff + a * kL + j);
            y0 = b.fma(DoubleVector.broadcast(SPECIES, z[z0 + a]), y0);
            y1 = b.fma(DoubleVector.broadcast(SPECIES, z[z1 + a]), y1);
            y2 = b.fma(DoubleVector.broadcast(SPECIES, z[z2 + a]), y2);
            y3 = b.fma(DoubleVector.broadcast(SPECIES, z[z3 + a]), y3);
        }
        y0.intoArray(o, oOff + j);
        y1.intoArray(o, oOff + kL + j);
        y2.intoArray(o, oOff + 2 * kL + j);
        y3.intoArray(o, oOff + 3 * kL + j);
    }

    /**
     * For every component j, as {@link GaussianKernels#accumulateDiagonal}: with
     * {@code r_i = resp[i*k + j] · w_i} and {@code δ_i = x_i − shift_j}, {@code nk[j] += Σ r_i},
     * {@code s1[j*d + a] += Σ r_i δ_ia}, {@code s2[j*d + a] += Σ r_i δ_ia²}.
     *
     * @param shift k×d from 0
     * @param weights per-row weights from {@code wOff}, or null for ones
     */
    static void accumulate(double[] x, int xOff, int rows, int d, int k, double[] resp, double[] weights, int wOff,
            double[] shift, double[] nk, double[] s1, double[] s2, double[] scratch) {
        int kL = padded(k);
        int w = padded(2 * d);
        int cOff = 0;
        int zOff = d;
        int rOff = zOff + TILE * w;
        int accOff = rOff + TILE * kL;
        int nOff = accOff + kL * w;
        centre(shift, k, d, scratch, cOff);
        Arrays.fill(scratch, accOff, nOff + kL, 0.0);
        int dv = SPECIES.loopBound(d);
        for (int t0 = 0; t0 < rows; t0 += TILE) {
            int tn = Math.min(TILE, rows - t0);
            for (int i = 0; i < tn; i++) {
                int xo = xOff + (t0 + i) * d;
                int o = zOff + i * w;
                int a = 0;
                for (; a < dv; a += LANES) {
                    DoubleVector v = DoubleVector.fromArray(SPECIES, x, xo + a)
                            .sub(DoubleVector.fromArray(SPECIES, scratch, cOff + a));
                    v.intoArray(scratch, o + a);
                    v.mul(v).intoArray(scratch, o + d + a);
                }
                for (; a < d; a++) {
                    double v = x[xo + a] - scratch[cOff + a];
                    scratch[o + a] = v;
                    scratch[o + d + a] = v * v;
                }
                Arrays.fill(scratch, o + 2 * d, o + w, 0.0);
                double wi = weights == null ? 1.0 : weights[wOff + t0 + i];
                int ro = rOff + i * kL;
                int src = (t0 + i) * k;
                for (int j = 0; j < k; j++) {
                    double r = resp[src + j] * wi;
                    scratch[ro + j] = r;
                    scratch[nOff + j] += r;
                }
                Arrays.fill(scratch, ro + k, ro + kL, 0.0);
            }
            for (int j = 0; j < kL; j += 4) {
                VectorKernels.transposedTimes(scratch, zOff, w, rOff + j, kL, tn, 0, w, scratch, accOff + j * w, w);
            }
        }
        for (int j = 0; j < k; j++) {
            double n = scratch[nOff + j];
            nk[j] += n;
            int ao = accOff + j * w;
            for (int a = 0; a < d; a++) {
                double m = shift[j * d + a] - scratch[cOff + a];
                double a1 = scratch[ao + a];
                double a2 = scratch[ao + d + a];
                s1[j * d + a] += a1 - n * m;
                s2[j * d + a] += a2 - 2 * m * a1 + n * m * m;
            }
        }
    }

    /** {@code out[off + a] = (1/k) Σ_j v[j*d + a]}. */
    private static void centre(double[] v, int k, int d, double[] out, int off) {
        for (int a = 0; a < d; a++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += v[j * d + a];
            }
            out[off + a] = s / k;
        }
    }
}
