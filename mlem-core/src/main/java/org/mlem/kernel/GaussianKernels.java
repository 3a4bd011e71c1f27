package org.mlem.kernel;

/**
 * The hot arithmetic of Gaussian E- and M-steps: static, allocation-free functions on flat
 * row-major arrays. Callers pass scratch buffers. Each function has a plain reference
 * implementation in the tests ({@code ReferenceKernels}) that it is checked against.
 *
 * <p>Shapes: a block of {@code rows} rows of {@code d} values starts at {@code x[xOff]} with row
 * stride {@code d}. Output matrices of {@code rows × k} are row-major with stride {@code k}.
 */
public final class GaussianKernels {
    private GaussianKernels() {}

    /** {@code log(2π)}. */
    public static final double LOG_2PI = Math.log(2 * Math.PI);

    /** Rows per tile inside a block: keeps a tile's differences and projections in L1/L2. */
    static final int TILE = 64;

    /** Rows per tile ({@link #logDensityCholesky} needs {@code 2 * tileRows() * d} scratch doubles). */
    public static int tileRows() {
        return TILE;
    }

    /**
     * Log density of a Gaussian with precision Cholesky factor {@code u} (upper triangular,
     * row-major d×d, {@code Σ⁻¹ = U Uᵀ}) for every row: writes
     * {@code out[outOff + i*k] = -½(d log 2π + ‖(x_i − μ)ᵀU‖²) + Σ log U_aa}.
     *
     * @param mean the mean, {@code d} values from {@code meanOff}
     * @param logDetU {@code Σ_a log U_aa}
     * @param scratch at least {@code TILE * d * 2} doubles
     */
    public static void logDensityCholesky(double[] x, int xOff, int rows, int d, double[] mean, int meanOff,
            double[] u, int uOff, double logDetU, double[] out, int outOff, int k, double[] scratch) {
        double c0 = -0.5 * d * LOG_2PI + logDetU;
        int yBase = TILE * d;
        for (int t0 = 0; t0 < rows; t0 += TILE) {
            int tn = Math.min(TILE, rows - t0);
            // differences of the tile: scratch[0 .. tn*d)
            for (int i = 0; i < tn; i++) {
                int xo = xOff + (t0 + i) * d;
                int so = i * d;
                for (int a = 0; a < d; a++) {
                    scratch[so + a] = x[xo + a] - mean[meanOff + a];
                }
            }
            // y = diff · U, row by row; U's row a scales into y[a..d)
            for (int i = 0; i < tn; i++) {
                int so = i * d;
                int yo = yBase + i * d;
                for (int c = 0; c < d; c++) {
                    scratch[yo + c] = 0.0;
                }
                for (int a = 0; a < d; a++) {
                    double da = scratch[so + a];
                    int ur = uOff + a * d;
                    for (int c = a; c < d; c++) {
                        scratch[yo + c] += da * u[ur + c];
                    }
                }
                double q = 0.0;
                for (int c = 0; c < d; c++) {
                    double y = scratch[yo + c];
                    q += y * y;
                }
                out[outOff + (t0 + i) * k] = c0 - 0.5 * q;
            }
        }
    }

    /**
     * Log density of a Gaussian with diagonal precision {@code prec} (d values) for every row:
     * {@code out[outOff + i*k] = -½(d log 2π + Σ_a prec_a (x_ia − μ_a)²) + ½ Σ log prec_a}.
     *
     * @param halfLogDetPrec {@code ½ Σ_a log prec_a}
     */
    public static void logDensityDiagonal(double[] x, int xOff, int rows, int d, double[] mean, int meanOff,
            double[] prec, int precOff, double halfLogDetPrec, double[] out, int outOff, int k) {
        double c0 = -0.5 * d * LOG_2PI + halfLogDetPrec;
        for (int i = 0; i < rows; i++) {
            int xo = xOff + i * d;
            double q = 0.0;
            for (int a = 0; a < d; a++) {
                double diff = x[xo + a] - mean[meanOff + a];
                q += prec[precOff + a] * diff * diff;
            }
            out[outOff + i * k] = c0 - 0.5 * q;
        }
    }

    /**
     * Turns each row of log joint densities into responsibilities, in place: {@code out[i*k + j]}
     * holds {@code log π_j + log p(x_i | j)} on entry and {@code P(j | x_i)} on exit. A row with a
     * known label {@code z ≥ 0} gets the one-hot responsibility and contributes
     * {@code log π_z + log p(x_i | z)} (the complete-data log-likelihood); others contribute the
     * log-sum-exp. Returns the sum over rows of weight × contribution.
     *
     * @param weights per-row weights from {@code wOff}, or null for ones
     * @param labels per-row labels from {@code wOff}, or null for all latent
     */
    public static double normalizeRows(double[] out, int rows, int k, double[] weights, int[] labels, int wOff) {
        return normalizeRows(out, rows, k, weights, labels, wOff, Double.NEGATIVE_INFINITY);
    }

    /**
     * Log ratio to a row's largest joint density below which EM's E-step
     * ({@link Kernels#responsibilities}) sets a responsibility to 0 without its exponential:
     * e<sup>−40</sup> ≈ 4.2e-18 &lt; 2<sup>−57</sup>, so fewer than sixteen such terms add less than
     * half an ulp to the row's sum (at least 1), and the row's log-likelihood keeps its value; the
     * M-step's sums lose at most 4.2e-18 of a row per component, and skip the row (its zero weight).
     */
    public static final double NEGLIGIBLE_LOG_RATIO = -40.0;

    /**
     * As {@link #normalizeRows(double[], int, int, double[], int[], int)}, with each entry whose log
     * ratio to its row's largest is below {@code floor} set to 0 without its exponential
     * ({@link Double#NEGATIVE_INFINITY}: none).
     */
    static double normalizeRows(double[] out, int rows, int k, double[] weights, int[] labels, int wOff, double floor) {
        double total = 0.0;
        for (int i = 0; i < rows; i++) {
            int o = i * k;
            double w = weights == null ? 1.0 : weights[wOff + i];
            int z = labels == null ? -1 : labels[wOff + i];
            double rowLl;
            if (z >= 0) {
                rowLl = oneHot(out, o, k, z);
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    max = Math.max(max, out[o + j]);
                }
                double sum = 0.0;
                for (int j = 0; j < k; j++) {
                    double t = out[o + j] - max;
                    double e = t < floor ? 0.0 : Math.exp(t);
                    out[o + j] = e;
                    sum += e;
                }
                double inv = 1.0 / sum;
                for (int j = 0; j < k; j++) {
                    out[o + j] *= inv;
                }
                rowLl = max + Math.log(sum);
            }
            if (w != 0.0) {
                total += w * rowLl;
            }
        }
        return total;
    }

    /** Sets {@code out[o..o+k)} to the indicator of {@code z} and returns the entry it held. */
    static double oneHot(double[] out, int o, int k, int z) {
        double v = out[o + z];
        for (int j = 0; j < k; j++) {
            out[o + j] = j == z ? 1.0 : 0.0;
        }
        return v;
    }

    /**
     * Adds one component's weighted first and second moments about {@code shift} for a block:
     * with {@code r_i = resp[i*k + j] · w_i} and {@code δ_i = x_i − shift},
     * {@code nk[j] += Σ r_i}, {@code s1[s1Off..+d) += Σ r_i δ_i} and the upper triangle of
     * {@code s2[s2Off..+d·d)} (row-major) {@code += Σ r_i δ_i δ_iᵀ}.
     *
     * @param scratch at least {@code d} doubles
     */
    public static void accumulateFull(double[] x, int xOff, int rows, int d, double[] resp, int k, int j,
            double[] weights, int wOff, double[] shift, int shiftOff, double[] nk, double[] s1, int s1Off,
            double[] s2, int s2Off, double[] scratch) {
        double n = 0.0;
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
            for (int a = 0; a < d; a++) {
                double delta = x[xo + a] - shift[shiftOff + a];
                scratch[a] = delta;
                s1[s1Off + a] += r * delta;
            }
            for (int a = 0; a < d; a++) {
                double ra = r * scratch[a];
                int row = s2Off + a * d;
                for (int b = a; b < d; b++) {
                    s2[row + b] += ra * scratch[b];
                }
            }
        }
        nk[j] += n;
    }

    /**
     * As {@link #accumulateFull} but only the squares: {@code s2[s2Off + a] += Σ r_i δ_ia²}.
     */
    public static void accumulateDiagonal(double[] x, int xOff, int rows, int d, double[] resp, int k, int j,
            double[] weights, int wOff, double[] shift, int shiftOff, double[] nk, double[] s1, int s1Off,
            double[] s2, int s2Off) {
        double n = 0.0;
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
            for (int a = 0; a < d; a++) {
                double delta = x[xo + a] - shift[shiftOff + a];
                double rd = r * delta;
                s1[s1Off + a] += rd;
                s2[s2Off + a] += rd * delta;
            }
        }
        nk[j] += n;
    }
}
