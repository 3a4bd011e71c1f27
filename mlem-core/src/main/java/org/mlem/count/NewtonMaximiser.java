package org.mlem.count;

import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Newton-Raphson on a log-likelihood with an analytic gradient; the Hessian is the central
 * difference of that gradient (symmetrised). A step that lowers the log-likelihood is halved; a
 * Hessian that is not negative definite is shifted (Levenberg) until it is. Stops when every
 * gradient component is below {@code tolerance} times (1 + |log-likelihood|) / n, or after
 * {@code maxIterations}. The rows are seen only through their sums ({@link CountRows}): each
 * point is one pass, and the 2k gradients of a Hessian are one pass together.
 */
final class NewtonMaximiser {
    record Result(double[] parameters, double logLikelihood, double[][] negativeHessian, int iterations,
            boolean converged) {}

    private NewtonMaximiser() {}

    /** The model a maximiser climbs: the rows' sums under one kind and distribution. */
    record Objective(CountRows rows, CountModelKind kind, CountDistribution dist) {
        /** ℓ at {@code par}, its gradient into {@code grad}. */
        double value(double[] par, double[] grad) {
            double[] s = rows.sums(kind, dist, new double[][] {par})[0];
            System.arraycopy(s, 1, grad, 0, grad.length);
            return s[0];
        }

        /** The gradients at {@code points}, one pass. */
        double[][] gradients(double[][] points) {
            double[][] s = rows.sums(kind, dist, points);
            double[][] g = new double[points.length][];
            for (int a = 0; a < points.length; a++) {
                g[a] = java.util.Arrays.copyOfRange(s[a], 1, s[a].length);
            }
            return g;
        }
    }

    static Result maximise(Objective f, double[] start, int maxIterations, double tolerance) {
        int k = start.length;
        double[] par = start.clone();
        double[] grad = new double[k];
        double ll = f.value(par, grad);
        double totalWeight = f.rows().totalWeight();
        int it = 0;
        boolean converged = false;
        while (it < maxIterations) {
            if (small(grad, ll, totalWeight, tolerance)) {
                converged = true;
                break;
            }
            it++;
            double[][] negH = negativeHessian(f, par, 1e-5, 1e-5);
            double[] step = solveShifted(negH, grad);
            double[] trial = new double[k];
            double[] trialGrad = new double[k];
            double trialLl = Double.NEGATIVE_INFINITY;
            for (int halving = 0; halving < 60; halving++) {
                for (int j = 0; j < k; j++) {
                    trial[j] = par[j] + step[j];
                }
                trialLl = f.value(trial, trialGrad);
                if (trialLl >= ll - 1e-12 * Math.abs(ll) && Double.isFinite(trialLl)) {
                    break;
                }
                for (int j = 0; j < k; j++) {
                    step[j] *= 0.5;
                }
            }
            if (!(trialLl >= ll - 1e-12 * Math.abs(ll))) {
                break;
            }
            par = trial;
            grad = trialGrad;
            ll = trialLl;
        }
        return new Result(par, ll, negativeHessian(f, par, OPTIM_HESS_STEP, 0), it, converged);
    }

    private static boolean small(double[] grad, double ll, double n, double tolerance) {
        double bound = tolerance * (1 + Math.abs(ll)) / n;
        for (double g : grad) {
            if (!(Math.abs(g) <= bound)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The step of R's optimHess (its default ndeps), from which pscl's standard errors come: the
     * information reported at the optimum is the central difference of the exact gradient with
     * this absolute step, so the standard errors are pscl's, not merely close to them
     * (the truncation error, O(step^2), is about 1e-6 relative).
     */
    static final double OPTIM_HESS_STEP = 1e-3;

    /** Minus the Hessian by central differences of the analytic gradient, step {@code absolute + relative |par_j|}. */
    static double[][] negativeHessian(Objective f, double[] par, double absolute, double relative) {
        int k = par.length;
        double[][] h = new double[k][k];
        double[][] points = new double[2 * k][];
        double[] steps = new double[k];
        for (int j = 0; j < k; j++) {
            steps[j] = absolute + relative * Math.abs(par[j]);
            points[2 * j] = par.clone();
            points[2 * j][j] = par[j] + steps[j];
            points[2 * j + 1] = par.clone();
            points[2 * j + 1][j] = par[j] - steps[j];
        }
        double[][] g = f.gradients(points);
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < k; i++) {
                h[i][j] = -(g[2 * j][i] - g[2 * j + 1][i]) / (2 * steps[j]);
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (h[i][j] + h[j][i]);
                h[i][j] = m;
                h[j][i] = m;
            }
        }
        return h;
    }

    /** (negH + lambda I)^-1 grad with the smallest lambda in 0, 1e-8 * scale, ... making it positive definite. */
    private static double[] solveShifted(double[][] negH, double[] grad) {
        int k = grad.length;
        double scale = 0;
        for (int i = 0; i < k; i++) {
            scale = Math.max(scale, Math.abs(negH[i][i]));
        }
        for (double lambda = 0; ; lambda = lambda == 0 ? 1e-8 * Math.max(scale, 1) : lambda * 10) {
            RealMatrix m = new Array2DRowRealMatrix(negH);
            for (int i = 0; i < k; i++) {
                m.addToEntry(i, i, lambda);
            }
            try {
                return new CholeskyDecomposition(m, 1e-14, 1e-14).getSolver()
                        .solve(new org.hipparchus.linear.ArrayRealVector(grad)).toArray();
            } catch (MathIllegalArgumentException e) {
                if (lambda > 1e12 * Math.max(scale, 1)) {
                    throw e;
                }
            }
        }
    }

    /** The inverse of a positive definite matrix (the covariance from the observed information), or null when it is singular. */
    static double[][] inverse(double[][] information) {
        try {
            return new CholeskyDecomposition(new Array2DRowRealMatrix(information), 1e-14, 1e-14).getSolver()
                    .getInverse().getData();
        } catch (MathIllegalArgumentException e) {
            return null;
        }
    }
}
