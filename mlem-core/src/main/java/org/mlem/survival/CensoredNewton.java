package org.mlem.survival;

import java.util.List;
import org.mlem.dist.UnivariateFamily;

/**
 * Newton's method for the weighted censored log-likelihood ({@link CensoredScore} with the family's
 * analytic Hessian), on the scales {@link CensoredFit} optimises (log for a positive parameter),
 * each step halved until ℓ does not fall; where −H is not positive definite the step is the
 * gradient's, scaled to at most 1 in each coordinate. It stops at L-BFGS's test (the largest
 * gradient entry on that scale at most 1e-9·max(1, |ℓ|)), when no halving in 60 raises ℓ, or
 * after 100 steps. One or two parameters (the families with a Hessian).
 */
final class CensoredNewton {
    private static final double TOLERANCE = 1e-9;
    private static final int MAX_STEPS = 100;
    private static final int MAX_HALVINGS = 60;

    private CensoredNewton() {
    }

    /** The maximiser from {@code start} (original scale); never lower than the start. */
    static double[] maximize(CensoredScore score, UnivariateFamily family, double[] start) {
        List<String> names = family.parameterNames();
        int p = names.size();
        boolean[] log = new boolean[p];
        double[] u = new double[p];
        for (int j = 0; j < p; j++) {
            log[j] = !CensoredFit.isReal(names.get(j));
            u[j] = log[j] ? Math.log(start[j]) : start[j];
        }
        double[] theta = start.clone();
        double f = score.value(theta);
        for (int step = 0; step < MAX_STEPS && Double.isFinite(f); step++) {
            double[] g = score.gradient(theta);
            double[] h = score.hessian(theta);
            double gmax = 0;
            for (int j = 0; j < p; j++) {
                double s = log[j] ? theta[j] : 1;
                for (int k = 0; k < p; k++) {
                    h[j * p + k] *= s * (log[k] ? theta[k] : 1);
                }
                g[j] *= s;
                if (log[j]) {
                    h[j * p + j] += g[j];
                }
                gmax = Math.max(gmax, Math.abs(g[j]));
            }
            if (gmax <= TOLERANCE * Math.max(1, Math.abs(f))) {
                break;
            }
            double[] d = direction(g, h, p, gmax);
            boolean moved = false;
            double t = 1;
            for (int halving = 0; !moved && halving < MAX_HALVINGS; halving++, t /= 2) {
                double[] v = new double[p];
                double[] trial = new double[p];
                for (int j = 0; j < p; j++) {
                    v[j] = u[j] + t * d[j];
                    trial[j] = log[j] ? Math.exp(v[j]) : v[j];
                }
                double ft = score.value(trial);
                if (ft >= f && Double.isFinite(ft)) {
                    if (java.util.Arrays.equals(trial, theta)) {
                        return theta;
                    }
                    moved = true;
                    u = v;
                    theta = trial;
                    f = ft;
                }
            }
            if (!moved) {
                break;
            }
        }
        return theta;
    }

    /** (−H)⁻¹ g when −H is positive definite (p ≤ 2, in closed form), else g / max(1, max|g|). */
    private static double[] direction(double[] g, double[] h, int p, double gmax) {
        if (p == 1) {
            if (-h[0] > 0) {
                return new double[] {g[0] / -h[0]};
            }
        } else {
            double a = -h[0];
            double b = -h[1];
            double c = -h[3];
            double det = a * c - b * b;
            if (a > 0 && det > 0) {
                return new double[] {(c * g[0] - b * g[1]) / det, (a * g[1] - b * g[0]) / det};
            }
        }
        double[] d = g.clone();
        double scale = Math.max(1, gmax);
        for (int j = 0; j < p; j++) {
            d[j] /= scale;
        }
        return d;
    }
}
