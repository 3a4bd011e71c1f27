package org.mlem.dist;

import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Damped Newton ascent on a smooth log-likelihood with analytic gradient and Hessian: the Newton
 * direction when the Hessian is negative definite, a diagonally scaled gradient step otherwise;
 * the step is halved until the parameters are valid and the log-likelihood does not fall.
 * Used for families without a closed-form MLE in more than one parameter (beta, logistic, t).
 */
final class NewtonAscent {
    private NewtonAscent() {
    }

    /** A log-likelihood in a vector of parameters. */
    interface Objective {
        boolean valid(double[] theta);

        double value(double[] theta);

        double[] gradient(double[] theta);

        double[][] hessian(double[] theta);
    }

    /** The maximiser reached from {@code start} (relative step below 1e-13, or no ascent left). */
    static double[] maximize(Objective f, double[] start, int maxIterations) {
        double[] theta = start.clone();
        double value = f.value(theta);
        for (int it = 0; it < maxIterations; it++) {
            double[] g = f.gradient(theta);
            double[] d = newtonDirection(g, f.hessian(theta));
            // Near the optimum the log-likelihood's rounding (~1e-16|value|) hides any change, so a
            // value test cannot accept the last steps: inside the quadratic region (Newton decrement
            // g·d tiny) take the full Newton step unconditionally.
            boolean quadraticRegion = d != null && dot(g, d) <= 1e-8 * (1 + Math.abs(value));
            if (d == null) {
                d = scaledGradient(g, f.hessian(theta));
            }
            double[] next = new double[theta.length];
            double nextValue = Double.NEGATIVE_INFINITY;
            boolean moved = false;
            for (double alpha = 1; alpha > 1e-18; alpha *= 0.5) {
                for (int j = 0; j < theta.length; j++) {
                    next[j] = theta[j] + alpha * d[j];
                }
                if (f.valid(next)) {
                    nextValue = f.value(next);
                    if (nextValue >= value || quadraticRegion) {
                        moved = true;
                        break;
                    }
                }
            }
            if (!moved) {
                return theta;
            }
            double relativeStep = 0;
            for (int j = 0; j < theta.length; j++) {
                relativeStep = Math.max(relativeStep, Math.abs(next[j] - theta[j]) / Math.max(Math.abs(theta[j]), 1e-300));
            }
            theta = next;
            value = nextValue;
            if (relativeStep < 1e-13) {
                return theta;
            }
        }
        return theta;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    /** (−H)⁻¹g, or null when −H is not positive definite. */
    private static double[] newtonDirection(double[] g, double[][] h) {
        int p = g.length;
        RealMatrix negH = MatrixUtils.createRealMatrix(p, p);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                negH.setEntry(i, j, -h[i][j]);
            }
        }
        try {
            return new CholeskyDecomposition(negH, 1e-14, 1e-300).getSolver()
                    .solve(MatrixUtils.createRealVector(g)).toArray();
        } catch (RuntimeException notNegativeDefinite) {
            return null;
        }
    }

    private static double[] scaledGradient(double[] g, double[][] h) {
        double[] d = new double[g.length];
        for (int j = 0; j < g.length; j++) {
            double scale = Math.abs(h[j][j]);
            d[j] = scale > 0 ? g[j] / scale : g[j];
        }
        return d;
    }
}
