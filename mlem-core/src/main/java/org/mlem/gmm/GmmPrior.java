package org.mlem.gmm;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;

/**
 * mclust's conjugate prior (Fraley and Raftery 2007, "Bayesian regularization for normal mixture
 * estimation and model-based clustering", J. Classification 24), issue 14 part 4: each mean
 * normal about {@code mean} with covariance Σ_k/{@code shrinkage}, each covariance inverse-Wishart
 * (or inverse-gamma for the spherical and diagonal models) with {@code dof} degrees of freedom and
 * scale {@code scale}; the mixing weights have none. EM with it is MAP EM: the M-step is the
 * posterior mode given the expected statistics.
 *
 * <p>The M-steps are those mclust 6's {@code me(..., prior = priorControl())} iterates (its Fortran
 * {@code me*p} routines; its {@code mstep} computes a different one for EII, EEI, EVI and EEV, see
 * below). With n_k the component's weight, ȳ_k its weighted mean, W_k its scatter about ȳ_k, κ the
 * shrinkage, μ_P the prior mean, ν the dof, Λ (λ) the scale, n = Σ n_k, G the components and
 * T_k = W_k + κ n_k/(κ + n_k) (ȳ_k − μ_P)(ȳ_k − μ_P)ᵀ: every mean is (n_k ȳ_k + κ μ_P)/(n_k + κ) except
 * EEI's, which stays ȳ_k; and
 * <ul>
 * <li>VVV Σ_k = (Λ + T_k)/(ν + n_k + d + 2); EEE Σ = (Λ + Σ_k T_k)/(ν + n + d + G + 1);
 * <li>VII σ²_k = (λ + tr T_k)/(ν + (n_k + 1) d + 2); VVI σ²_ka = (λ + T_k,aa)/(ν + n_k + 3);
 * <li>EII σ² = Σ_k tr T_k/(ν + (n + G) d + 2) (the scale is not used);
 * <li>EEI σ²_a = (λ + Σ_k T_k,aa)/(ν + n + 2);
 * <li>EVI B_k = diag(λ + T_k), Σ_k = B_k/det(B_k)^{1/d} · Σ_m det(B_m)^{1/d}/(ν + n + 2);
 * <li>VEI EM's VEI step on the diagonals λ + T_k,aa with n_k + (ν + 3)/d in place of n_k;
 * <li>EEV EM's EEV step on Λ + T_k with pooled eigenvalues over ν + n + d + 2 in place of n;
 * <li>VEV EM's VEV step on Λ + T_k, counts unchanged (mclust adds no degrees of freedom there);
 * <li>one column: mclust's E, σ² = (λ + Σ_k T_k)/(ν + n + G + 2), for every structure whose
 * volumes are equal, else V, σ²_k = (λ + T_k)/(ν + n_k + 3) (EEE's and VVV's at d = 1).
 * </ul>
 * mclust's {@code mstep} differs from its {@code me} for four models: EII's scatter is about the
 * shrunk means, EEI's and EVI's denominators add G, and EEV's sets the shrinkage to 0 (its
 * {@code mseevp} writes {@code if (pshrnk .gt. zero) pshrnk = zero}); mlem follows {@code me},
 * which {@code Mclust} runs. mclust gives no prior for VEE, EVE, VVE and EVV ("model is not
 * available with prior"), so neither does mlem: they are refused in one line. Checked against
 * mclust 6 on iris, Old Faithful, diabetes and the galaxies ({@code GmmPriorTest},
 * {@code GmmPriorModelsTest}).
 *
 * @param shrinkage κ ≥ 0
 * @param mean μ_P, d values
 * @param dof ν
 * @param scale Λ: d×d row-major for the ellipsoidal models, one value λ for the others
 */
public record GmmPrior(double shrinkage, double[] mean, double dof, double[] scale) implements java.io.Serializable {
    private static final Set<CovarianceStructure> SUPPORTED = EnumSet.complementOf(EnumSet.of(CovarianceStructure.VEE,
            CovarianceStructure.EVE, CovarianceStructure.VVE, CovarianceStructure.EVV));

    public GmmPrior {
        if (!(shrinkage >= 0) || !Double.isFinite(dof) || mean == null || scale == null) {
            throw new IllegalArgumentException("shrinkage >= 0, a finite dof, a mean and a scale are required");
        }
        mean = mean.clone();
        scale = scale.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    /** Refuses, in one line, a structure that mclust gives no prior for (VEE, EVE, VVE, EVV in two or more columns). */
    public static void requireSupported(CovarianceStructure s, int d) {
        if (!supports(s, d)) {
            throw new MlemUserException("--prior is not available for the " + s.mclustName(d) + " model (mclust gives none "
                    + "for VEE, EVE, VVE, EVV); use one of " + mclustOrder().stream().filter(x -> supports(x, d))
                    .map(x -> x.mclustName(d)).collect(Collectors.joining(", ")) + ", or drop --prior");
        }
    }

    /** The structures in mclust's order (EII, VII, EEI, ...). */
    private static java.util.List<CovarianceStructure> mclustOrder() {
        return java.util.Arrays.stream(CovarianceStructure.mclustNames().split(", "))
                .map(m -> CovarianceStructure.parse(m, 2)).toList();
    }

    /**
     * mclust's {@code defaultPrior} for {@code k} components of structure {@code s}: shrinkage
     * 0.01, the column means, dof d + 2, and scale (1/k)^(2/d) times the data's covariance
     * (divisor n − 1; its diagonal when n ≤ d) for the ellipsoidal models, or times the mean
     * column variance for the others.
     */
    public static GmmPrior defaults(DataMatrix data, int k, CovarianceStructure s) {
        int d = data.cols();
        requireSupported(s, d);
        int n = data.rows();
        if (n < 2) {
            throw new MlemUserException("--prior default takes its scale from the data's variance; it needs at least 2 rows");
        }
        double[] mu = new double[d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                mu[a] += data.get(i, a);
            }
        }
        for (int a = 0; a < d; a++) {
            mu[a] /= n;
        }
        double[] cov = new double[d * d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a * d + b] += (data.get(i, a) - mu[a]) * (data.get(i, b) - mu[b]) / (n - 1);
                }
            }
        }
        return defaults(n, mu, cov, k, s);
    }

    /**
     * mclust's default prior from all rows passing through {@code rows} (each counted once, as
     * mclust's data matrix does; {@link RowMoments}): a cluster's partitions give the prior the
     * rows in memory give, to rounding.
     */
    public static GmmPrior defaults(org.mlem.em.RowPasses rows, int k, CovarianceStructure s) {
        RowMoments m = RowMoments.of(rows, false);
        requireSupported(s, m.mean().length);
        if (m.count() < 2) {
            throw new MlemUserException("--prior default takes its scale from the data's variance; it needs at least 2 rows");
        }
        return defaults(m.count(), m.mean(), m.covariance(), k, s);
    }

    /** mclust's default prior for {@code n} rows of mean {@code mu} and covariance {@code cov} (d×d, divisor n − 1). */
    private static GmmPrior defaults(long n, double[] mu, double[] cov, int k, CovarianceStructure s) {
        int d = mu.length;
        double fac = Math.pow(1.0 / k, 2.0 / d);
        double[] scale;
        if (ellipsoidal(s)) {
            scale = new double[d * d];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    scale[a * d + b] = n > d || a == b ? fac * cov[a * d + b] : 0;
                }
            }
        } else {
            double sum = 0;
            for (int a = 0; a < d; a++) {
                sum += cov[a * d + a];
            }
            scale = new double[] {fac * sum / d};
        }
        return new GmmPrior(0.01, mu, d + 2, scale);
    }

    /** Whether mclust (and so mlem) has a prior for {@code s} in {@code d} columns: every structure in one. */
    public static boolean supports(CovarianceStructure s, int d) {
        return d == 1 || SUPPORTED.contains(s);
    }

    /** The models whose default scale is a matrix (mclust's {@code defaultPrior}: those with an orientation). */
    private static boolean ellipsoidal(CovarianceStructure s) {
        return s == CovarianceStructure.TIED || s.storage() == CovarianceStructure.FULL;
    }

    /** The posterior-mode means (k×d) of structure {@code s} from the component weights and sample means (EEI's: ȳ). */
    double[] means(CovarianceStructure s, double[] nk, double[] ybar, int k, int d) {
        if (s == CovarianceStructure.EEI && d > 1) {
            return ybar.clone(); // mclust's meeeip leaves EEI's means unshrunk
        }
        double[] m = new double[k * d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                m[j * d + a] = (nk[j] * ybar[j * d + a] + shrinkage * mean[a]) / (nk[j] + shrinkage);
            }
        }
        return m;
    }

    /**
     * The posterior-mode covariances of structure {@code s} from the component weights
     * {@code nk}, sample means {@code ybar} (k×d) and scatter matrices {@code w} about them
     * (k×d×d when {@code s} needs cross products, else k×d diagonals), {@code regCovar} added to
     * every variance.
     */
    Covariances covariances(CovarianceStructure s, double[] nk, double[] ybar, double[] w, int k, int d, double regCovar) {
        double n = 0;
        for (double v : nk) {
            n += v;
        }
        boolean full = s.crossProducts();
        double[] t = shrinkageScatter(nk, ybar, w, k, d, full);
        if (d == 1) {
            return oneColumn(s, nk, n, t, k, regCovar);
        }
        switch (s) {
            case FULL -> {
                double[] cov = new double[k * d * d];
                for (int j = 0; j < k; j++) {
                    for (int q = 0; q < d * d; q++) {
                        cov[j * d * d + q] = (scale[q] + t[j * d * d + q]) / (dof + nk[j] + d + 2);
                    }
                    ridge(cov, j * d * d, d, regCovar);
                }
                return new FullCovariances(cov, k, d);
            }
            case TIED -> {
                double[] cov = scale.clone();
                for (int j = 0; j < k; j++) {
                    for (int q = 0; q < d * d; q++) {
                        cov[q] += t[j * d * d + q];
                    }
                }
                for (int q = 0; q < d * d; q++) {
                    cov[q] /= dof + n + d + k + 1;
                }
                ridge(cov, 0, d, regCovar);
                return new TiedCovariances(cov, k, d);
            }
            case SPHERICAL -> {
                double[] v = new double[k];
                for (int j = 0; j < k; j++) {
                    double tr = 0;
                    for (int a = 0; a < d; a++) {
                        tr += t[j * d + a];
                    }
                    v[j] = (scale[0] + tr) / (dof + (nk[j] + 1) * d + 2) + regCovar;
                }
                return new SphericalCovariances(v, d);
            }
            case DIAG -> {
                double[] v = new double[k * d];
                for (int j = 0; j < k; j++) {
                    for (int a = 0; a < d; a++) {
                        v[j * d + a] = (scale[0] + t[j * d + a]) / (dof + nk[j] + 3) + regCovar;
                    }
                }
                return new DiagonalCovariances(v, k, d);
            }
            case EII -> {
                // mclust's meeiip: no scale term, the counts (n + G) d + ν + 2
                double[] v = MclustSteps.eii(counts(nk, n + k + (dof + 2) / d), t, k, d);
                return new SphericalCovariances(plus(v, regCovar), d, s);
            }
            case EEI -> {
                // λ + Σ_k T_k,aa over ν + n + 2: EM's EEI step with λ/G added to each component's diagonal
                return s.diagonal(MclustSteps.eei(counts(nk, dof + n + 2), plus(t, scale[0] / k), k, d), k, d, regCovar);
            }
            case EVI -> {
                return s.diagonal(MclustSteps.evi(counts(nk, dof + n + 2), plus(t, scale[0]), k, d), k, d, regCovar);
            }
            case VEI -> {
                double[] m = nk.clone();
                for (int j = 0; j < k; j++) {
                    m[j] += (dof + 3) / d;
                }
                return s.diagonal(MclustSteps.vei(m, plus(t, scale[0]), k, d), k, d, regCovar);
            }
            case EEV -> {
                return s.full(MclustSteps.eev(counts(nk, dof + n + d + 2), plusScale(t, k, d), k, d), k, d, regCovar);
            }
            case VEV -> {
                return s.full(MclustSteps.vev(nk, plusScale(t, k, d), k, d), k, d, regCovar);
            }
            default -> throw new IllegalStateException("no prior M-step for " + s);
        }
    }

    /** T_k = W_k + κ n_k/(κ + n_k) (ȳ_k − μ_P)(ȳ_k − μ_P)ᵀ, in {@code w}'s layout (k×d×d or k×d). */
    private double[] shrinkageScatter(double[] nk, double[] ybar, double[] w, int k, int d, boolean full) {
        double[] t = new double[full ? k * d * d : k * d];
        for (int j = 0; j < k; j++) {
            double c = shrinkage * nk[j] / (shrinkage + nk[j]);
            for (int a = 0; a < d; a++) {
                double ea = ybar[j * d + a] - mean[a];
                if (full) {
                    for (int b = 0; b < d; b++) {
                        t[(j * d + a) * d + b] = w[(j * d + a) * d + b] + c * ea * (ybar[j * d + b] - mean[b]);
                    }
                } else {
                    t[j * d + a] = w[j * d + a] + c * ea * ea;
                }
            }
        }
        return t;
    }

    /**
     * One column: mclust's E (equal volumes, tied and the models named E..) or V, whatever the
     * structure, held in the structure's own storage.
     */
    private Covariances oneColumn(CovarianceStructure s, double[] nk, double n, double[] t, int k, double regCovar) {
        boolean equal = s.mclustName(1).equals("E");
        double pooled = scale[0];
        for (double v : t) {
            pooled += v;
        }
        double[] v = new double[k];
        for (int j = 0; j < k; j++) {
            v[j] = (equal ? pooled / (dof + n + k + 2) : (scale[0] + t[j]) / (dof + nk[j] + 3)) + regCovar;
        }
        return switch (s.storage()) {
            case TIED -> new TiedCovariances(new double[] {v[0]}, k, 1);
            case FULL -> new FullCovariances(v, k, 1, s);
            case DIAG -> new DiagonalCovariances(v, k, 1, s);
            default -> new SphericalCovariances(v, 1, s);
        };
    }

    /** Counts whose sum is {@code total} (the closed-form steps divide by Σ n_k only). */
    private static double[] counts(double[] nk, double total) {
        double[] m = new double[nk.length];
        java.util.Arrays.fill(m, total / nk.length);
        return m;
    }

    private static double[] plus(double[] v, double c) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += c;
        }
        return out;
    }

    /** Λ + T_k for each of the k d×d matrices. */
    private double[] plusScale(double[] t, int k, int d) {
        if (scale.length != d * d) {
            throw new IllegalArgumentException("the EEV and VEV priors need a d×d scale (GmmPrior.defaults builds one)");
        }
        double[] out = t.clone();
        for (int j = 0; j < k; j++) {
            for (int q = 0; q < d * d; q++) {
                out[j * d * d + q] += scale[q];
            }
        }
        return out;
    }

    private static void ridge(double[] cov, int offset, int d, double regCovar) {
        for (int a = 0; a < d; a++) {
            cov[offset + a * d + a] += regCovar;
        }
    }
}
