package org.mlem.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import org.mlem.kernel.Cholesky;

/**
 * How far one EM step with a covariance ridge may lower the log-likelihood. An M-step that adds λ
 * to every variance ({@code regCovar}, as scikit-learn's does) is not EM's exact maximiser of
 * Q(θ | θ_t), so Dempster, Laird and Rubin's law does not hold as it stands: Σ_j = S_j + λI is the
 * exact maximiser of the penalised {@code Q(θ | θ_t) − pen_t(θ)}, with
 * {@code pen_t(θ) = (λ/2) Σ_j n_j tr(Σ_j⁻¹)} and n_j the expected rows of component (or state) j
 * under θ_t (diagonal, spherical and tied covariances are the same penalty on their own Σ_j). Hence
 * {@code ℓ(θ_{t+1}) − ℓ(θ_t) ≥ Q(θ_{t+1}|θ_t) − Q(θ_t|θ_t) ≥ −(pen_t(θ_t) − pen_t(θ_{t+1}))}, a fall of
 * at most {@link #allowedFall}. On components holding a few points the ridge decides the
 * covariance and the fall is real: 0.03 in one iteration on 45 rows, k = 3, spherical.
 */
public final class RidgeBound {
    private RidgeBound() {}

    /**
     * {@code (λ/2) Σ_j n_j (tr Σ_j(before)⁻¹ − tr Σ_j(after)⁻¹)}.
     *
     * @param counts n_j, the expected rows per component under {@code before}
     * @param before covariances of θ_t, {@code [k][d][d]}
     * @param after covariances of θ_{t+1}
     */
    public static double allowedFall(double lambda, double[] counts, double[][][] before, double[][][] after) {
        double s = 0;
        for (int j = 0; j < counts.length; j++) {
            s += counts[j] * (traceOfInverse(before[j]) - traceOfInverse(after[j]));
        }
        return 0.5 * lambda * s;
    }

    /**
     * EM's law on a trace of log-likelihoods: no iteration t lowers it by more than 1e-9 relative
     * (rounding) plus {@code allowance.applyAsDouble(t)}, which is asked only on such a fall, and
     * never at t = 1 (the start is no fit's result, so its fall could not be bounded this way).
     */
    public static void assertNoFallBeyond(double[] trace, IntToDoubleFunction allowance) {
        for (int t = 1; t < trace.length; t++) {
            double fall = trace[t - 1] - trace[t];
            double slack = 1e-9 * Math.max(1, Math.abs(trace[t - 1]));
            if (fall <= slack) {
                continue;
            }
            assertThat(t).as("a fall at the first iteration of %s", Arrays.toString(trace)).isGreaterThan(1);
            assertThat(fall).as("fall at iteration %d of %s", t, Arrays.toString(trace))
                    .isLessThanOrEqualTo(allowance.applyAsDouble(t) + slack);
        }
    }

    /** tr(Σ⁻¹) = ‖L⁻¹‖²_F for Σ = LLᵀ. */
    static double traceOfInverse(double[][] sigma) {
        int d = sigma.length;
        double[] a = new double[d * d];
        for (int r = 0; r < d; r++) {
            System.arraycopy(sigma[r], 0, a, r * d, d);
        }
        double[] l = new double[d * d];
        if (!Cholesky.factor(a, 0, d, l, 0)) {
            throw new IllegalArgumentException("covariance not positive definite");
        }
        double[] u = new double[d * d];
        Cholesky.precisionFactor(l, 0, d, u, 0);
        double t = 0;
        for (double v : u) {
            t += v * v;
        }
        return t;
    }
}
