package org.mlem.nls;

import org.mlem.MlemUserException;

/**
 * Levenberg–Marquardt for min ‖y − f(θ)‖²: each step solves the damped problem
 * min ‖Jδ − r‖² + λ‖Dδ‖² by Householder QR of the stacked matrix [J; √λ D] (never JᵀJ), with
 * Moré's (1978) scaling D = running maximum of the Jacobian's column norms, Nielsen's (1999) damping
 * update. Convergence is Bates and Watts' relative offset, the criterion R's nls uses. It is the
 * polishing stage after {@link MinpackStage}: cheap near the solution, and the judge of convergence.
 */
final class LevenbergMarquardt {
    private static final double STEP_TOLERANCE = 1e-15;
    private static final int REFINE_STEPS = 20;
    private static final double ROUNDING = 1e-9;
    private static final double ROUNDING_MULTIPLE = 16;

    private final LeastSquaresProblem problem;
    private final NlsOptions options;

    LevenbergMarquardt(LeastSquaresProblem problem, NlsOptions options) {
        this.problem = problem;
        this.options = options;
    }

    /** Outcome of one run: where it stopped and why. */
    record Result(double[] theta, double[] residuals, double[][] jacobian, int iterations,
            boolean converged, String reason, double relativeOffset) {
    }

    /** The MINPACK stage from {@code start}, then polishing; iterations of both are counted. */
    Result minimize(double[] start) {
        double[] r0 = problem.residuals(start);
        for (int i = 0; i < r0.length; i++) {
            if (!Double.isFinite(r0[i])) {
                throw new MlemUserException("nls: the model is " + (Double.isNaN(r0[i]) ? "NaN" : "infinite") + " at row "
                        + (i + 1) + " at the starting values, so there is nothing to improve from; choose other --start "
                        + "values (nearer the data's scale)");
            }
        }
        MinpackStage global = new MinpackStage(problem);
        double[] near = global.run(start, options.maxIterations());
        Result polished = polish(near);
        return new Result(polished.theta(), polished.residuals(), polished.jacobian(),
                global.iterations() + polished.iterations(), polished.converged(), polished.reason(),
                polished.relativeOffset());
    }

    private Result polish(double[] start) {
        int p = start.length;
        double[] theta = start.clone();
        double[] r = problem.residuals(theta);
        double cost = sumSquares(r);
        double[][] jac = problem.jacobian(theta);
        double[] d = new double[p];
        updateScale(d, jac);
        double lambda = 1e-3;
        double nu = 2;
        int n = r.length;
        double offset = Double.NaN;
        for (int iter = 0; iter < options.maxIterations(); iter++) {
            HouseholderQr gn = new HouseholderQr(jac, r);
            offset = relativeOffset(gn.explainedSquares(), gn.unexplainedSquares(), n, p);
            if (cost == 0 || offset < options.tolerance()) {
                return new Result(theta, r, jac, iter, true,
                        "relative offset " + String.format("%.3g", offset) + " below tolerance", offset);
            }
            double[] step = dampedStep(jac, r, d, lambda);
            double[] trial = new double[p];
            for (int j = 0; j < p; j++) {
                trial[j] = theta[j] + step[j];
            }
            double[] rTrial = problem.residuals(trial);
            double costTrial = allFinite(rTrial) ? sumSquares(rTrial) : Double.POSITIVE_INFINITY;
            double predicted = cost - sumSquares(linearResidual(jac, r, step));
            double rho = (cost - costTrial) / predicted;
            if (costTrial < cost && predicted > 0 && rho > 1e-4) {
                theta = trial;
                r = rTrial;
                cost = costTrial;
                jac = problem.jacobian(theta);
                updateScale(d, jac);
                double t = 2 * rho - 1;
                lambda *= Math.max(1.0 / 3, 1 - t * t * t);
                nu = 2;
            } else {
                lambda *= nu;
                nu *= 2;
                if (scaledNorm(d, step) <= STEP_TOLERANCE * (scaledNorm(d, theta) + STEP_TOLERANCE)
                        || !Double.isFinite(lambda)) {
                    return refine(theta, r, jac, iter + 1, offset);
                }
            }
        }
        return new Result(theta, r, jac, options.maxIterations(), false, "iteration limit "
                + options.maxIterations() + " reached; relative offset " + String.format("%.3g", offset),
                offset);
    }

    /**
     * When rounding hides further decrease of the sum of squares, plain Gauss–Newton steps continue
     * while they lower the relative offset (a far more sensitive measure near the optimum) and do not
     * raise the sum of squares beyond rounding. Then converged means offset below tolerance, or below
     * √tolerance when even this stalls (see NlsOptions).
     */
    private Result refine(double[] theta, double[] r, double[][] jac, int iterations, double offset) {
        int n = r.length;
        int p = theta.length;
        double cost = sumSquares(r);
        for (int k = 0; k < REFINE_STEPS && offset >= options.tolerance(); k++) {
            HouseholderQr qr = new HouseholderQr(jac, r);
            if (!(qr.diagonalRatio() > 0)) {
                break;
            }
            double[] step = qr.solve();
            double[] trial = new double[p];
            for (int j = 0; j < p; j++) {
                trial[j] = theta[j] + step[j];
            }
            double[] rTrial = problem.residuals(trial);
            double costTrial = sumSquares(rTrial);
            if (!allFinite(rTrial) || costTrial > cost * (1 + ROUNDING)) {
                break;
            }
            double[][] jTrial = problem.jacobian(trial);
            HouseholderQr next = new HouseholderQr(jTrial, rTrial);
            double offTrial = relativeOffset(next.explainedSquares(), next.unexplainedSquares(), n, p);
            if (!(offTrial < offset)) {
                break;
            }
            theta = trial;
            r = rTrial;
            jac = jTrial;
            cost = costTrial;
            offset = offTrial;
            iterations++;
        }
        if (offset < options.tolerance()) {
            return new Result(theta, r, jac, iterations, true,
                    "relative offset " + String.format("%.3g", offset) + " below tolerance", offset);
        }
        double explained = Math.sqrt(new HouseholderQr(jac, r).explainedSquares());
        if (explained <= ROUNDING_MULTIPLE * problem.roundingLevel()) {
            return new Result(theta, r, jac, iterations, true, "the residuals' component along the "
                    + "gradient is at the rounding level of the response (a near zero-residual fit), so "
                    + "the relative offset " + String.format("%.3g", offset) + " cannot fall further", offset);
        }
        boolean ok = offset < Math.sqrt(options.tolerance());
        String reason = "the residual sum of squares cannot decrease further at machine precision; "
                + "relative offset " + String.format("%.3g", offset)
                + (ok ? " is below " : " is not below ") + String.format("%.3g", Math.sqrt(options.tolerance()));
        return new Result(theta, r, jac, iterations, ok, reason, offset);
    }

    /** Solves min ‖Jδ − r‖² + λ‖Dδ‖² through QR of [J; √λ D]. */
    private static double[] dampedStep(double[][] jac, double[] rhs, double[] d, double lambda) {
        int n = jac.length;
        int p = d.length;
        double[][] a = new double[n + p][];
        double[] b = new double[n + p];
        for (int i = 0; i < n; i++) {
            a[i] = jac[i];
            b[i] = rhs[i];
        }
        double s = Math.sqrt(lambda);
        for (int j = 0; j < p; j++) {
            a[n + j] = new double[p];
            a[n + j][j] = s * d[j];
        }
        return new HouseholderQr(a, b).solve();
    }

    private static double[] linearResidual(double[][] jac, double[] r, double[] step) {
        double[] out = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            double s = r[i];
            for (int j = 0; j < step.length; j++) {
                s -= jac[i][j] * step[j];
            }
            out[i] = s;
        }
        return out;
    }

    /** Bates–Watts: √(‖Q₁ᵀr‖²/p) / √(‖Q₂ᵀr‖²/(n−p)). */
    static double relativeOffset(double explained, double unexplained, int n, int p) {
        if (unexplained == 0) {
            return explained == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(explained / p) / Math.sqrt(unexplained / (n - p));
    }

    private static void updateScale(double[] d, double[][] jac) {
        for (int j = 0; j < d.length; j++) {
            double s = 0;
            for (double[] row : jac) {
                s += row[j] * row[j];
            }
            d[j] = Math.max(d[j], Math.sqrt(s));
            if (d[j] == 0) {
                d[j] = 1;
            }
        }
    }

    private static double scaledNorm(double[] d, double[] v) {
        double s = 0;
        for (int j = 0; j < v.length; j++) {
            s += d[j] * v[j] * d[j] * v[j];
        }
        return Math.sqrt(s);
    }

    static double sumSquares(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return s;
    }

    static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
