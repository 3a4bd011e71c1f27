package org.mlem.kernel;

/**
 * A Gaussian conditioned on one pattern of observed cells, as an E-step with missing cells needs
 * it (a kernel helper: fields are read, never written, by callers): the Cholesky factor of the
 * observed block Σ_OO, the regression of the missing cells on the observed ones
 * B = Σ_MO Σ_OO⁻¹ (solved, not inverted), and the conditional covariance
 * C = Σ_MM − Σ_MO Σ_OO⁻¹ Σ_OM.
 */
public final class ConditionalGaussian {
    public final int[] observed;
    public final int[] missing;
    public final double[] lower; // o × o Cholesky factor of Σ_OO
    public final double logDet; // log |Σ_OO|
    public final double[] regression; // m × o, row-major
    public final double[] conditional; // m × m

    private ConditionalGaussian(int[] observed, int[] missing, double[] lower, double logDet, double[] regression,
            double[] conditional) {
        this.observed = observed;
        this.missing = missing;
        this.lower = lower;
        this.logDet = logDet;
        this.regression = regression;
        this.conditional = conditional;
    }

    /** The factor for {@code observed} cells of a d×d covariance, or null when Σ_OO is not positive definite. */
    public static ConditionalGaussian of(double[] cov, int covOff, int d, int[] observed, int[] missing) {
        int o = observed.length;
        int m = missing.length;
        double[] soo = new double[o * o];
        for (int a = 0; a < o; a++) {
            for (int b = 0; b < o; b++) {
                soo[a * o + b] = cov[covOff + observed[a] * d + observed[b]];
            }
        }
        double[] l = new double[o * o];
        if (!Cholesky.factor(soo, 0, o, l, 0)) {
            return null;
        }
        double logDet = 2 * Cholesky.logDiagonalSum(l, 0, o);
        double[] reg = new double[m * o];
        double[] cond = new double[m * m];
        double[] rhs = new double[o];
        for (int i = 0; i < m; i++) {
            for (int a = 0; a < o; a++) {
                rhs[a] = cov[covOff + observed[a] * d + missing[i]];
            }
            solve(l, o, rhs); // rhs = Σ_OO⁻¹ Σ_O,m_i
            System.arraycopy(rhs, 0, reg, i * o, o);
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = cov[covOff + missing[i] * d + missing[j]];
                for (int a = 0; a < o; a++) {
                    s -= reg[i * o + a] * cov[covOff + observed[a] * d + missing[j]];
                }
                cond[i * m + j] = s;
            }
        }
        for (int i = 0; i < m; i++) { // symmetrise away rounding
            for (int j = 0; j < i; j++) {
                double avg = 0.5 * (cond[i * m + j] + cond[j * m + i]);
                cond[i * m + j] = avg;
                cond[j * m + i] = avg;
            }
        }
        return new ConditionalGaussian(observed, missing, l, logDet, reg, cond);
    }

    /**
     * One factor per component for the pattern {@code key} ({@link #patternKey}) of k d×d
     * covariances stored one after another in {@code covs}; {@code failure} makes the exception for
     * a component whose observed block is not positive definite, or (given −1) for a pattern with
     * no observed cell.
     */
    public static ConditionalGaussian[] ofEach(double[] covs, int k, int d, String key,
            java.util.function.IntFunction<RuntimeException> failure) {
        int[] observed = observedOf(key);
        if (observed.length == 0) {
            throw failure.apply(-1);
        }
        return ofEach(covs, k, d, observed, missingOf(key), failure);
    }

    /**
     * One factor per component for the given {@code observed} and {@code missing} cells (observed
     * may be empty: the factor is then the marginal of the missing cells); {@code failure} makes
     * the exception for a component whose observed block is not positive definite.
     */
    public static ConditionalGaussian[] ofEach(double[] covs, int k, int d, int[] observed, int[] missing,
            java.util.function.IntFunction<RuntimeException> failure) {
        ConditionalGaussian[] f = new ConditionalGaussian[k];
        for (int j = 0; j < k; j++) {
            f[j] = of(covs, j * d * d, d, observed, missing);
            if (f[j] == null) {
                throw failure.apply(j);
            }
        }
        return f;
    }

    /**
     * Writes into {@code filled[0..d)} the row of {@code x} at {@code off} with each missing cell
     * replaced by its conditional mean {@code μ_m + B (x_o − μ_o)}, μ at {@code mu[muOff..]}.
     */
    public void fill(double[] x, int off, double[] mu, int muOff, double[] filled) {
        int o = observed.length;
        System.arraycopy(x, off, filled, 0, filled.length);
        for (int q = 0; q < missing.length; q++) {
            double v = mu[muOff + missing[q]];
            for (int a = 0; a < o; a++) {
                v += regression[q * o + a] * (x[off + observed[a]] - mu[muOff + observed[a]]);
            }
            filled[missing[q]] = v;
        }
    }

    /**
     * Adds {@code w·C}, the conditional covariance of the missing cells, into second moments at
     * {@code s2[base..]}: the upper triangle of a d×d matrix when {@code full}, else a diagonal of d.
     */
    public void addConditional(double[] s2, int base, int d, double w, boolean full) {
        int m = missing.length;
        for (int p = 0; p < m; p++) {
            if (!full) {
                s2[base + missing[p]] += w * conditional[p * m + p];
                continue;
            }
            for (int q = 0; q < m; q++) {
                if (missing[q] >= missing[p]) {
                    s2[base + missing[p] * d + missing[q]] += w * conditional[p * m + q];
                }
            }
        }
    }

    /** Which cells of a row are observed, one character per cell ('o' observed, 'm' missing, NaN): a cache key. */
    public static String patternKey(double[] x, int off, int d) {
        char[] c = new char[d];
        for (int a = 0; a < d; a++) {
            c[a] = Double.isNaN(x[off + a]) ? 'm' : 'o';
        }
        return new String(c);
    }

    /** The observed cells of a pattern key. */
    public static int[] observedOf(String key) {
        return cellsOf(key, 'o');
    }

    /** The missing cells of a pattern key. */
    public static int[] missingOf(String key) {
        return cellsOf(key, 'm');
    }

    private static int[] cellsOf(String key, char kind) {
        return java.util.stream.IntStream.range(0, key.length()).filter(a -> key.charAt(a) == kind).toArray();
    }

    /** Solves (L Lᵀ) y = b in place. */
    static void solve(double[] l, int o, double[] b) {
        for (int a = 0; a < o; a++) {
            double s = b[a];
            for (int p = 0; p < a; p++) {
                s -= l[a * o + p] * b[p];
            }
            b[a] = s / l[a * o + a];
        }
        for (int a = o - 1; a >= 0; a--) {
            double s = b[a];
            for (int p = a + 1; p < o; p++) {
                s -= l[p * o + a] * b[p];
            }
            b[a] = s / l[a * o + a];
        }
    }

    /** {@code ‖L⁻¹ v‖²} for a vector of o values (destroys {@code v}). */
    public double mahalanobis(double[] v) {
        int o = observed.length;
        double q = 0;
        for (int a = 0; a < o; a++) {
            double s = v[a];
            for (int p = 0; p < a; p++) {
                s -= lower[a * o + p] * v[p];
            }
            v[a] = s / lower[a * o + a];
            q += v[a] * v[a];
        }
        return q;
    }
}
