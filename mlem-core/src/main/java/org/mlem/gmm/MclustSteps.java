package org.mlem.gmm;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * The covariance M-steps of mclust's constrained models (Celeux and Govaert 1995, "Gaussian
 * parsimonious clustering models", Pattern Recognition 28:781–793), from the weighted scatter
 * matrices {@code W_j = Σ_i τ_ij (x_i − μ_j)(x_i − μ_j)ᵀ} and weight sums {@code n_j}. Component j's
 * covariance is {@code λ_j D_j A_j D_jᵀ} (volume, orientation, shape with det A_j = 1); a letter
 * E in mclust's name makes that factor equal across components, I makes D the identity. EII, EEI,
 * EVI, EEV and EVV have closed forms; VEI, VEE and VEV alternate between their two conditional
 * maxima until the volumes stop moving; EVE and VVE alternate their diagonal step with an MM step
 * for the common orientation until the objective stops falling. Each returns the maximiser of the expected complete-data
 * log-likelihood {@code −½ Σ_j [n_j log det Σ_j + tr(W_j Σ_j⁻¹)]} without a ridge.
 */
final class MclustSteps {
    /** The alternating M-steps stop when no volume moves by more than this, relative. */
    static final double INNER_TOLERANCE = 1e-15;
    /** ... or after this many rounds. */
    static final int INNER_ROUNDS = 1_000;
    /**
     * The MM iteration for a common orientation (EVE, VVE) stops when no entry of the orientation
     * moves by more than this (its objective is too flat near the optimum to judge by)...
     */
    static final double ORIENTATION_TOLERANCE = 1e-14;
    /** ... or after this many rounds (it converges linearly; iris needs about a thousand from D = I). */
    static final int ORIENTATION_ROUNDS = 100_000;
    /**
     * ... or, with the Newton steps, after this many: an M-step that converges takes a few rounds
     * and Newton steps. Those that never stopped (iris, VVE k = 7 and 8: D wandering or jumping
     * 1.5 a round for the 100,000 rounds, a quarter of `select gmm --covariance all`'s CPU) were
     * components with a scatter singular to rounding, whose variance the rounds drove to zero and
     * below; that is now the component's collapse ({@code positiveDiagonal}), and no M-step of
     * iris's selection that returns takes more than 343 rounds (docs/benchmarks.md, 2026-12-07 14:20Z).
     */
    static final int NEWTON_ROUNDS = 2_000;
    /**
     * The MM rounds of a screening M-step ({@link #screeningOrientation}): a generalised EM step
     * for the short runs that only rank candidate starts.
     */
    static final int SCREENING_ROUNDS = 5;

    private MclustSteps() {}

    /** EII: λ = tr(Σ_j W_j) / (n d), every component. Returns k variances. */
    static double[] eii(double[] nk, double[] w, int k, int d) {
        double trace = 0;
        for (double x : w) {
            trace += x;
        }
        double lambda = trace / (sum(nk) * d);
        double[] v = new double[k];
        java.util.Arrays.fill(v, lambda);
        return v;
    }

    /** EEI: diag(Σ_j W_j) / n, every component. {@code w} and the result are k×d diagonals. */
    static double[] eei(double[] nk, double[] w, int k, int d) {
        double n = sum(nk);
        double[] pooled = new double[d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                pooled[a] += w[j * d + a];
            }
        }
        double[] v = new double[k * d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                v[j * d + a] = pooled[a] / n;
            }
        }
        return v;
    }

    /** EVI: B_j = diag(W_j) / det(diag W_j)^{1/d}, λ = Σ_j det(diag W_j)^{1/d} / n. */
    static double[] evi(double[] nk, double[] w, int k, int d) {
        double[] g = new double[k];
        double lambda = 0;
        for (int j = 0; j < k; j++) {
            g[j] = geometricMean(w, j * d, d);
            lambda += g[j];
        }
        lambda /= sum(nk);
        double[] v = new double[k * d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                v[j * d + a] = g[j] > 0 ? lambda * w[j * d + a] / g[j] : 0.0;
            }
        }
        return v;
    }

    /**
     * VEI: alternately B = diag(Σ_j W_j/λ_j) normalised to det 1 and λ_j = tr(W_j B⁻¹)/(d n_j),
     * from λ_j = tr(W_j)/(d n_j).
     */
    static double[] vei(double[] nk, double[] w, int k, int d) {
        double[] lambda = new double[k];
        for (int j = 0; j < k; j++) {
            lambda[j] = trace(w, j * d, d, null) / (d * nk[j]);
        }
        double[] b = new double[d];
        for (int round = 0; round < INNER_ROUNDS; round++) {
            java.util.Arrays.fill(b, 0.0);
            for (int j = 0; j < k; j++) {
                for (int a = 0; a < d; a++) {
                    b[a] += lambda[j] > 0 ? w[j * d + a] / lambda[j] : 0.0;
                }
            }
            normaliseDeterminant(b);
            if (!updateVolumes(lambda, nk, j -> trace(w, j * d, d, b) / d)) {
                break;
            }
        }
        double[] v = new double[k * d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                v[j * d + a] = lambda[j] * b[a];
            }
        }
        return v;
    }

    /** EVV: Σ_j = λ W_j / det(W_j)^{1/d} with λ = Σ_j det(W_j)^{1/d} / n. {@code w}: k d×d matrices. */
    static double[] evv(double[] nk, double[] w, int k, int d) {
        double[] g = new double[k];
        double lambda = 0;
        for (int j = 0; j < k; j++) {
            g[j] = geometricMean(eigen(w, j, d).getEigenvalues(), 0, d);
            lambda += g[j];
        }
        lambda /= sum(nk);
        double[] cov = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            for (int e = 0; e < d * d; e++) {
                cov[j * d * d + e] = g[j] > 0 ? lambda * w[j * d * d + e] / g[j] : 0.0;
            }
        }
        return cov;
    }

    /**
     * EEV: with W_j = L_j Ω_j L_jᵀ (eigenvalues in decreasing order), Σ_j = L_j (Σ_m Ω_m / n) L_jᵀ:
     * the orientations are W_j's own, volume and shape pooled.
     */
    static double[] eev(double[] nk, double[] w, int k, int d) {
        EigenDecompositionSymmetric[] eig = eigens(w, k, d);
        double n = sum(nk);
        double[] pooled = new double[d];
        for (int j = 0; j < k; j++) {
            double[] omega = eig[j].getEigenvalues();
            for (int a = 0; a < d; a++) {
                pooled[a] += omega[a] / n;
            }
        }
        double[] cov = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            rotate(eig[j], pooled, 1.0, cov, j * d * d, d);
        }
        return cov;
    }

    /**
     * VEV: with W_j = L_j Ω_j L_jᵀ (decreasing), alternately A = Σ_j Ω_j/λ_j normalised to det 1
     * and λ_j = tr(Ω_j A⁻¹)/(d n_j); Σ_j = λ_j L_j A L_jᵀ.
     */
    static double[] vev(double[] nk, double[] w, int k, int d) {
        EigenDecompositionSymmetric[] eig = eigens(w, k, d);
        double[][] omega = new double[k][];
        double[] lambda = new double[k];
        for (int j = 0; j < k; j++) {
            omega[j] = eig[j].getEigenvalues();
            lambda[j] = sum(omega[j]) / (d * nk[j]);
        }
        double[] shape = new double[d];
        for (int round = 0; round < INNER_ROUNDS; round++) {
            java.util.Arrays.fill(shape, 0.0);
            for (int j = 0; j < k; j++) {
                for (int a = 0; a < d; a++) {
                    shape[a] += lambda[j] > 0 ? omega[j][a] / lambda[j] : 0.0;
                }
            }
            normaliseDeterminant(shape);
            if (!updateVolumes(lambda, nk, j -> trace(omega[j], 0, d, shape) / d)) {
                break;
            }
        }
        double[] cov = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            rotate(eig[j], shape, lambda[j], cov, j * d * d, d);
        }
        return cov;
    }

    /**
     * VEE: alternately C = Σ_j W_j/λ_j normalised to det 1 and λ_j = tr(W_j C⁻¹)/(d n_j), from
     * λ_j = tr(W_j)/(d n_j); Σ_j = λ_j C.
     */
    static double[] vee(double[] nk, double[] w, int k, int d) {
        double[] lambda = new double[k];
        for (int j = 0; j < k; j++) {
            double t = 0;
            for (int a = 0; a < d; a++) {
                t += w[j * d * d + a * d + a];
            }
            lambda[j] = t / (d * nk[j]);
        }
        double[] c = new double[d * d];
        double[][] basis = new double[d][];
        double[] values = new double[d];
        for (int round = 0; round < INNER_ROUNDS; round++) {
            java.util.Arrays.fill(c, 0.0);
            for (int j = 0; j < k; j++) {
                for (int e = 0; e < d * d; e++) {
                    c[e] += lambda[j] > 0 ? w[j * d * d + e] / lambda[j] : 0.0;
                }
            }
            EigenDecompositionSymmetric eig = eigen(c, 0, d);
            double[] ev = eig.getEigenvalues();
            double scale = geometricMean(ev, 0, d);
            for (int e = 0; e < d * d; e++) {
                c[e] /= scale;
            }
            for (int a = 0; a < d; a++) {
                basis[a] = eig.getEigenvector(a).toArray();
                values[a] = ev[a] / scale;
            }
            // tr(W_j C⁻¹) = Σ_a v_aᵀ W_j v_a / c_a over C's eigenpairs
            boolean moved = updateVolumes(lambda, nk, j -> {
                double t = 0;
                for (int a = 0; a < d; a++) {
                    t += quadratic(w, j * d * d, basis[a], d) / values[a];
                }
                return t / d;
            });
            if (!moved) {
                break;
            }
        }
        double[] cov = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            for (int e = 0; e < d * d; e++) {
                cov[j * d * d + e] = lambda[j] * c[e];
            }
        }
        return cov;
    }

    /** VVE: Σ_j = D Λ_j Dᵀ, a common orientation D and a free diagonal Λ_j per component (see {@link #commonOrientation}). */
    static double[] vve(double[] nk, double[] w, int k, int d, double[] previous) {
        return vve(nk, w, k, d, previous, true);
    }

    /** {@link #vve}, with {@code newton} false the plain MM iteration (the reference the Newton steps are tested against). */
    static double[] vve(double[] nk, double[] w, int k, int d, double[] previous, boolean newton) {
        return commonOrientation(nk, w, k, d, previous, OrientationNewton.VVE, MclustSteps::vvi, newton,
                newton ? NEWTON_ROUNDS : ORIENTATION_ROUNDS);
    }

    /** VVE's screening M-step ({@link #screeningOrientation}). */
    static double[] vveScreening(double[] nk, double[] w, int k, int d, double[] previous) {
        return screeningOrientation(nk, w, k, d, previous, MclustSteps::vvi);
    }

    /** EVE's screening M-step ({@link #screeningOrientation}). */
    static double[] eveScreening(double[] nk, double[] w, int k, int d, double[] previous) {
        return screeningOrientation(nk, w, k, d, previous, MclustSteps::evi);
    }

    /**
     * The M-step of EVE and VVE for the short EM runs that screen candidate starts
     * ({@code Restarts}) and the draws they start from: at most {@link #SCREENING_ROUNDS} plain MM
     * rounds from {@code previous}'s orientation (without one, a start's first M-step, from the
     * eigenvectors of the pooled scatter Σ_j W_j), without the Newton polish, and with ω_j
     * {@link #eigenvalueBound bounded} rather than W_j's largest eigenvalue (no eigen-decomposition
     * a component). From the previous model's orientation every round
     * raises the expected complete-data log-likelihood or leaves it (the Λ_j step is exact, the MM
     * step a majoriser's minimum), so the short run is a generalised EM with the same fixed points;
     * a few rounds a step instead of running D to 1e-14 each time. The runs from the chosen
     * candidate then take the full M-step. Continuous in the scatter (a fixed number of rounds, no
     * Newton hand-over), so a fit over any partitioning screens to the same start to rounding.
     */
    static double[] screeningOrientation(double[] nk, double[] w, int k, int d, double[] previous, DiagonalStep diagonal) {
        return commonOrientation(nk, w, k, d, previous, null, diagonal, false, SCREENING_ROUNDS);
    }

    /** VVE's diagonal step: Λ_j = diag(Dᵀ W_j D) / n_j. */
    private static double[] vvi(double[] n, double[] diag, int kk, int dd) {
        double[] v = new double[kk * dd];
        for (int j = 0; j < kk; j++) {
            for (int a = 0; a < dd; a++) {
                v[j * dd + a] = diag[j * dd + a] / n[j];
            }
        }
        return v;
    }

    /** EVE: Σ_j = λ D A_j Dᵀ, one volume and orientation, a shape per component (see {@link #commonOrientation}). */
    static double[] eve(double[] nk, double[] w, int k, int d, double[] previous) {
        return eve(nk, w, k, d, previous, true);
    }

    /** {@link #eve}, with {@code newton} false the plain MM iteration (the reference the Newton steps are tested against). */
    static double[] eve(double[] nk, double[] w, int k, int d, double[] previous, boolean newton) {
        return commonOrientation(nk, w, k, d, previous, OrientationNewton.EVE, MclustSteps::evi, newton,
                newton ? NEWTON_ROUNDS : ORIENTATION_ROUNDS);
    }

    /** A diagonal M-step: k×d variances from n_j and the k×d diagonals of the scatter matrices. */
    private interface DiagonalStep {
        double[] apply(double[] nk, double[] diagonals, int k, int d);
    }

    /**
     * The models with a common orientation D and diagonal Λ_j = λ_j A_j (EVE, VVE): alternately
     * Λ_j given D, the diagonal model's closed form on diag(Dᵀ W_j D), and one step of the MM
     * algorithm of Browne and McNicholas (2014, "Orthogonal Stiefel manifold optimization for
     * eigen-decomposed covariance parameter estimation in mixture models", Statistics and
     * Computing 24:203–210) for D given Λ_j, until no entry of D
     * moves by {@link #ORIENTATION_TOLERANCE} (at most {@link #ORIENTATION_ROUNDS} rounds, {@link #NEWTON_ROUNDS} with {@code newton}). With
     * {@code newton}, once a round moves D by less than {@link OrientationNewton#START}, Newton
     * steps on the profiled objective ({@link OrientationNewton}) carry D to the same fixed point
     * in a few steps, and the MM rounds that follow confirm it (iris EVE, k = 3: 480,871 MM rounds
     * over the fit's M-steps without, about 7 rounds and 5 Newton steps an M-step with; see
     * docs/benchmarks.md). D
     * starts as the eigenvectors of {@code previous} (the current model's first covariance, whose
     * eigenvectors are its common orientation), as mclust's {@code me} carries D from one EM
     * iteration to the next, or as I without one, as mclust's {@code mstep} starts.
     * <p>
     * The MM steps minimise {@code Σ_j tr(W_j D C_j Dᵀ)}, C_j = Λ_j⁻¹, over orthogonal D. With
     * ω_j ≥ W_j's largest eigenvalue, {@code tr(W_j D C_j Dᵀ) = ω_j tr C_j − tr((ω_j I − W_j) D C_j Dᵀ)}
     * and the subtracted term is convex in D, so its tangent at the current D₀ gives a majoriser,
     * least at the orthogonal D maximising {@code tr(Dᵀ F)}, {@code F = Σ_j (ω_j I − W_j) D₀ C_j}:
     * U Vᵀ for F = U S Vᵀ. Bounding C_j by its largest entry α_j instead gives
     * {@code F = Σ_j W_j D₀ (α_j I − C_j)}; the rounds alternate the two (each alone is slower
     * on iris). Every step lowers the objective or leaves it; the Λ_j step is exact.
     */
    private static double[] commonOrientation(double[] nk, double[] w, int k, int d, double[] previous,
            OrientationNewton.Profile profile, DiagonalStep diagonal, boolean newton, int rounds) {
        DiagonalStep positive = (n, diag, kk, dd) -> positiveDiagonal(diagonal.apply(n, diag, kk, dd), kk, dd);
        boolean screening = profile == null;
        double[] omega = new double[k];
        for (int j = 0; j < k; j++) {
            omega[j] = screening ? eigenvalueBound(w, j, d) : eigen(w, j, d).getEigenvalues()[0];
        }
        double[][] axes = new double[d][d]; // axes[a][m]: coordinate a of axis m
        if (previous == null && screening) {
            axes = pooledAxes(w, k, d);
        } else if (previous == null) {
            for (int a = 0; a < d; a++) {
                axes[a][a] = 1.0;
            }
        } else {
            axes = axesOf(eigen(previous, 0, d), d);
        }
        double[] lambda = positive.apply(nk, rotatedDiagonals(w, axes, k, d), k, d);
        double polishBelow = OrientationNewton.START;
        for (int round = 0; round < rounds; round++) {
            double[][] next = majorisedOrientation(w, omega, axes, lambda, k, d, round % 2 == 0);
            double moved = 0;
            for (int a = 0; a < d; a++) {
                for (int m = 0; m < d; m++) {
                    moved = Math.max(moved, Math.abs(next[a][m] - axes[a][m]));
                }
            }
            axes = next;
            if (!(moved > ORIENTATION_TOLERANCE)) {
                lambda = positive.apply(nk, rotatedDiagonals(w, axes, k, d), k, d);
                break;
            }
            if (newton && moved < polishBelow) {
                // Newton again only once the MM rounds have come a hundred times nearer
                axes = OrientationNewton.polish(w, nk, axes, k, d, profile);
                polishBelow = moved * 1e-2;
            }
            lambda = positive.apply(nk, rotatedDiagonals(w, axes, k, d), k, d);
        }
        double[] cov = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    double s = 0;
                    for (int m = 0; m < d; m++) {
                        s += axes[a][m] * lambda[j * d + m] * axes[b][m];
                    }
                    cov[j * d * d + a * d + b] = s;
                    cov[j * d * d + b * d + a] = s;
                }
            }
        }
        return cov;
    }

    /**
     * {@code lambda} (k×d variances of a common-orientation model) itself, or component j's collapse
     * when any of its variances is not positive and finite: a scatter W_j singular to working
     * precision (a component of d rows or fewer) makes the M-step's infimum an axis on its null
     * direction, where the rounds drive d_mᵀ W_j d_m to zero and then, by rounding, below it; with
     * a variance of 0 or less the MM step is no majoriser's minimum and jumped away (D moving 1.51),
     * only to descend there again, so the M-step ran to its round limit (iris VVE k = 7, 8).
     */
    private static double[] positiveDiagonal(double[] lambda, int k, int d) {
        for (int j = 0; j < k; j++) {
            for (int m = 0; m < d; m++) {
                double x = lambda[j * d + m];
                if (!(x > 0) || !Double.isFinite(x)) {
                    throw new NotPositiveDefiniteException(j);
                }
            }
        }
        return lambda;
    }

    /**
     * An upper bound on the largest eigenvalue of the symmetric positive semi-definite W_j: the
     * least of its trace and its largest absolute row sum (Gershgorin), without an eigen-decomposition.
     * Any ω_j at or above that eigenvalue keeps the MM step a majoriser's minimum.
     */
    private static double eigenvalueBound(double[] w, int j, int d) {
        int off = j * d * d;
        double trace = 0;
        double rows = 0;
        for (int a = 0; a < d; a++) {
            double row = 0;
            for (int b = 0; b < d; b++) {
                row += Math.abs(w[off + a * d + b]);
            }
            if (!Double.isFinite(row)) {
                throw new NotPositiveDefiniteException(j);
            }
            rows = Math.max(rows, row);
            trace += w[off + a * d + a];
        }
        return Math.min(trace, rows);
    }

    /** The eigenvectors of Σ_j W_j, as columns (axes[a][m]: coordinate a of axis m). */
    private static double[][] pooledAxes(double[] w, int k, int d) {
        double[] pooled = new double[d * d];
        for (int j = 0; j < k; j++) {
            for (int e = 0; e < d * d; e++) {
                pooled[e] += w[j * d * d + e];
            }
        }
        return axesOf(eigen(pooled, 0, d), d);
    }

    /** The eigenvectors of {@code eig} as columns (axes[a][m]: coordinate a of axis m). */
    private static double[][] axesOf(EigenDecompositionSymmetric eig, int d) {
        double[][] axes = new double[d][d];
        for (int m = 0; m < d; m++) {
            double[] v = eig.getEigenvector(m).toArray();
            for (int a = 0; a < d; a++) {
                axes[a][m] = v[a];
            }
        }
        return axes;
    }

    /** k×d diagonals of Dᵀ W_j D: entry (j, m) is {@code d_mᵀ W_j d_m} for axis m. */
    private static double[] rotatedDiagonals(double[] w, double[][] axes, int k, int d) {
        double[] out = new double[k * d];
        double[] axis = new double[d];
        for (int m = 0; m < d; m++) {
            for (int a = 0; a < d; a++) {
                axis[a] = axes[a][m];
            }
            for (int j = 0; j < k; j++) {
                out[j * d + m] = quadratic(w, j * d * d, axis, d);
            }
        }
        return out;
    }

    /**
     * One MM step for the common orientation, C_j = Λ_j⁻¹: U Vᵀ for F = U S Vᵀ, with
     * {@code F = Σ_j (ω_j I − W_j) D C_j} ({@code boundScatter}: ω_j bounds W_j's eigenvalues)
     * or {@code F = Σ_j W_j D (α_j I − C_j)} (α_j = C_j's largest entry).
     */
    private static double[][] majorisedOrientation(double[] w, double[] omega, double[][] axes, double[] lambda, int k, int d,
            boolean boundScatter) {
        double[][] f = new double[d][d];
        for (int j = 0; j < k; j++) {
            int off = j * d * d;
            double alpha = 0;
            for (int m = 0; m < d; m++) {
                alpha = Math.max(alpha, 1.0 / lambda[j * d + m]);
            }
            for (int a = 0; a < d; a++) {
                for (int m = 0; m < d; m++) {
                    double wd = 0;
                    for (int b = 0; b < d; b++) {
                        wd += w[off + a * d + b] * axes[b][m];
                    }
                    double c = 1.0 / lambda[j * d + m];
                    f[a][m] += boundScatter ? (omega[j] * axes[a][m] - wd) * c : wd * (alpha - c);
                }
            }
        }
        return PolarFactor.of(f, axes);
    }

    /**
     * Sets {@code λ_j = traceOverD(j) / n_j} for every j; whether any moved by more than
     * {@link #INNER_TOLERANCE} relative.
     */
    private static boolean updateVolumes(double[] lambda, double[] nk, java.util.function.IntToDoubleFunction traceOverD) {
        boolean moved = false;
        for (int j = 0; j < lambda.length; j++) {
            double next = traceOverD.applyAsDouble(j) / nk[j];
            moved |= Math.abs(next - lambda[j]) > INNER_TOLERANCE * Math.abs(next);
            lambda[j] = next;
        }
        return moved;
    }

    /** {@code into[off..] = scale · V diag(values) Vᵀ} with V the eigenvectors of {@code eig} (in its order). */
    private static void rotate(EigenDecompositionSymmetric eig, double[] values, double scale, double[] into, int off, int d) {
        double[][] v = new double[d][];
        for (int m = 0; m < d; m++) {
            v[m] = eig.getEigenvector(m).toArray();
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double s = 0;
                for (int m = 0; m < d; m++) {
                    s += v[m][a] * values[m] * v[m][b];
                }
                into[off + a * d + b] = scale * s;
            }
        }
    }

    private static EigenDecompositionSymmetric[] eigens(double[] w, int k, int d) {
        EigenDecompositionSymmetric[] out = new EigenDecompositionSymmetric[k];
        for (int j = 0; j < k; j++) {
            out[j] = eigen(w, j, d);
        }
        return out;
    }

    /**
     * The eigen-decomposition of the j-th d×d matrix of {@code m}, eigenvalues in decreasing order.
     * A scatter the decomposition cannot take (non-finite, or one whose QL iteration does not
     * converge, as a component of a few rows with a direction of zero spread gives: entries near
     * 1e-160 beside 0.02 in iris) is component j's collapse, as a covariance that is not positive
     * definite is for the closed-form models.
     */
    private static EigenDecompositionSymmetric eigen(double[] m, int j, int d) {
        double[][] a = new double[d][d];
        for (int r = 0; r < d; r++) {
            System.arraycopy(m, j * d * d + r * d, a[r], 0, d);
            for (double v : a[r]) {
                if (!Double.isFinite(v)) {
                    throw new NotPositiveDefiniteException(j);
                }
            }
        }
        try {
            return new EigenDecompositionSymmetric(new Array2DRowRealMatrix(a, false));
        } catch (MathIllegalStateException e) {
            throw new NotPositiveDefiniteException(j);
        }
    }

    /** {@code vᵀ M v} for the d×d matrix at {@code m[off..]}. */
    private static double quadratic(double[] m, int off, double[] v, int d) {
        double s = 0;
        for (int a = 0; a < d; a++) {
            double r = 0;
            for (int b = 0; b < d; b++) {
                r += m[off + a * d + b] * v[b];
            }
            s += v[a] * r;
        }
        return s;
    }

    /** Σ_a x[off+a] / divisor[a] (divisor null: 1). */
    private static double trace(double[] x, int off, int d, double[] divisor) {
        double s = 0;
        for (int a = 0; a < d; a++) {
            s += divisor == null ? x[off + a] : x[off + a] / divisor[a];
        }
        return s;
    }

    /** Divides {@code v} by its geometric mean, so that its product is 1. */
    private static void normaliseDeterminant(double[] v) {
        double g = geometricMean(v, 0, v.length);
        for (int a = 0; a < v.length; a++) {
            v[a] /= g;
        }
    }

    /** (Π x[off..off+d))^{1/d} computed through logarithms; 0 when any value is not positive. */
    private static double geometricMean(double[] x, int off, int d) {
        double s = 0;
        for (int a = 0; a < d; a++) {
            if (!(x[off + a] > 0)) {
                return 0.0;
            }
            s += Math.log(x[off + a]);
        }
        return Math.exp(s / d);
    }

    private static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }
}
