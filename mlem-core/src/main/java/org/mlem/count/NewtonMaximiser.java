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
 * point is one pass, and the 2k gradients of a Hessian are one pass together; when the rows say
 * passes are costly ({@link CountRows#passesAreCostly()}, Spark's jobs), a trial point's 2k
 * neighbours ride in its pass, in case the step is taken. The same points are evaluated either way
 * (the estimates do not depend on it).
 */
final class NewtonMaximiser {
    /** The maximum; {@code negativeHessian} (optimHess's, for standard errors) is null unless asked for. */
    record Result(double[] parameters, double logLikelihood, double[][] negativeHessian, int iterations,
            boolean converged) {}

    private NewtonMaximiser() {}

    /** The model a maximiser climbs: the rows' sums under one kind and distribution. */
    record Objective(CountRows rows, CountModelKind kind, CountDistribution dist) {
        /** The gradients at {@code points}, one pass. */
        double[][] gradients(double[][] points) {
            double[][] s = rows.sums(kind, dist, points);
            double[][] g = new double[points.length][];
            for (int a = 0; a < points.length; a++) {
                g[a] = java.util.Arrays.copyOfRange(s[a], 1, s[a].length);
            }
            return g;
        }

        /** ℓ and its gradient at {@code par}, and when {@code hessian} Newton's minus Hessian there: one pass. */
        Point at(double[] par, boolean hessian) {
            double[][] points = hessian ? neighbours(par, 1e-5, 1e-5, true) : new double[][] {par};
            double[][] s = rows.sums(kind, dist, points);
            double[][] negH = null;
            if (hessian) {
                double[][] g = new double[points.length - 1][];
                for (int a = 1; a < points.length; a++) {
                    g[a - 1] = java.util.Arrays.copyOfRange(s[a], 1, s[a].length);
                }
                negH = fromGradients(g, par, 1e-5, 1e-5);
            }
            return new Point(s[0][0], java.util.Arrays.copyOfRange(s[0], 1, s[0].length), negH);
        }
    }

    /** ℓ, its gradient and (or null) minus Newton's Hessian at a point. */
    private record Point(double logLikelihood, double[] gradient, double[][] negativeHessian) {}

    /**
     * Climbs from {@code start}; with {@code information} the result carries minus optimHess's
     * Hessian at the maximum (one more pass), else null.
     */
    static Result maximise(Objective f, double[] start, int maxIterations, double tolerance, boolean information) {
        boolean ahead = f.rows().passesAreCostly();
        double[] par = start.clone();
        Point here = f.at(par, ahead);
        double totalWeight = f.rows().totalWeight();
        int it = 0;
        boolean converged = false;
        while (it < maxIterations) {
            if (small(here.gradient(), here.logLikelihood(), totalWeight, tolerance)) {
                converged = true;
                break;
            }
            it++;
            double ll = here.logLikelihood();
            double[][] negH = here.negativeHessian() != null ? here.negativeHessian() : negativeHessian(f, par, 1e-5, 1e-5);
            double[] step = solveShifted(negH, here.gradient());
            double[] trial = par.clone();
            Point there = null;
            for (int halving = 0; halving < 60; halving++) {
                trial = new double[par.length];
                for (int j = 0; j < par.length; j++) {
                    trial[j] = par[j] + step[j];
                }
                there = f.at(trial, ahead);
                if (there.logLikelihood() >= ll - 1e-12 * Math.abs(ll) && Double.isFinite(there.logLikelihood())) {
                    break;
                }
                for (int j = 0; j < step.length; j++) {
                    step[j] *= 0.5;
                }
            }
            if (!(there.logLikelihood() >= ll - 1e-12 * Math.abs(ll))) {
                break;
            }
            par = trial;
            here = there;
        }
        return new Result(par, here.logLikelihood(), information ? negativeHessian(f, par, OPTIM_HESS_STEP, 0) : null,
                it, converged);
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
        return fromGradients(f.gradients(neighbours(par, absolute, relative, false)), par, absolute, relative);
    }

    /** par ± step_j e_j for each j in turn (after par itself when {@code withCentre}). */
    private static double[][] neighbours(double[] par, double absolute, double relative, boolean withCentre) {
        int k = par.length;
        int first = withCentre ? 1 : 0;
        double[][] points = new double[first + 2 * k][];
        if (withCentre) {
            points[0] = par;
        }
        for (int j = 0; j < k; j++) {
            double step = absolute + relative * Math.abs(par[j]);
            points[first + 2 * j] = par.clone();
            points[first + 2 * j][j] = par[j] + step;
            points[first + 2 * j + 1] = par.clone();
            points[first + 2 * j + 1][j] = par[j] - step;
        }
        return points;
    }

    /** Minus the symmetrised central-difference Hessian from the gradients at {@link #neighbours} (without the centre). */
    private static double[][] fromGradients(double[][] g, double[] par, double absolute, double relative) {
        int k = par.length;
        double[][] h = new double[k][k];
        for (int j = 0; j < k; j++) {
            double step = absolute + relative * Math.abs(par[j]);
            for (int i = 0; i < k; i++) {
                h[i][j] = -(g[2 * j][i] - g[2 * j + 1][i]) / (2 * step);
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
