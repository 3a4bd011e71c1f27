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

    /** Outcome of one run: where it stopped, the linearization there, and why. */
    record Result(double[] theta, Linearization at, int iterations, boolean converged, String reason,
            double relativeOffset) {
    }

    /** The MINPACK stage from {@code start}, then polishing; iterations of both are counted. */
    Result minimize(double[] start) {
        Linearization first = problem.at(start);
        int bad = first.firstNonFinite();
        if (bad >= 0) {
            throw new MlemUserException("nls: the model is "
                    + (Double.isNaN(first.nonFiniteValue()) ? "NaN" : "infinite")
                    + " at row " + (bad + 1) + " at the starting values, so there is nothing to improve "
                    + "from; choose other --start values (nearer the data's scale)");
        }
        // the fast path's linearization is already factored, so testing convergence costs nothing
        MinpackStage global = new MinpackStage(problem,
                first instanceof Linearization.Factored ? options.tolerance() : Double.NaN);
        double[] near = global.run(start, first, options.maxIterations());
        Result polished = polish(near, global.bestState());
        return new Result(polished.theta(), polished.at(), global.iterations() + polished.iterations(),
                polished.converged(), polished.reason(), polished.relativeOffset());
    }

    private Result polish(double[] start, Linearization at) {
        int p = start.length;
        double[] theta = start.clone();
        Linearization here = at;
        double cost = here.cost();
        double[] d = new double[p];
        updateScale(d, here);
        double lambda = 1e-3;
        double nu = 2;
        int n = problem.observations();
        double offset = Double.NaN;
        for (int iter = 0; iter < options.maxIterations(); iter++) {
            HouseholderQr gn = here.qr();
            offset = relativeOffset(gn.explainedSquares(), gn.unexplainedSquares(), n, p);
            if (cost == 0 || offset < options.tolerance()) {
                return new Result(theta, here, iter, true,
                        "relative offset " + String.format("%.3g", offset) + " below tolerance", offset);
            }
            double[] step = here.dampedStep(d, lambda);
            double[] trial = new double[p];
            for (int j = 0; j < p; j++) {
                trial[j] = theta[j] + step[j];
            }
            Linearization there = problem.at(trial);
            double costTrial = there.cost();
            if (there instanceof Linearization.Factored && costTrial <= cost * (1 + ROUNDING)) {
                // the fast path's trial is factored already: a step that meets the convergence test
                // without raising the sum of squares beyond rounding ends the fit (near the optimum
                // the sum of squares itself no longer ranks points that differ at the rounding level)
                double offTrial = relativeOffset(there.qr().explainedSquares(), there.qr().unexplainedSquares(), n, p);
                if (offTrial < options.tolerance()) {
                    return new Result(trial, there, iter + 1, true,
                            "relative offset " + String.format("%.3g", offTrial) + " below tolerance", offTrial);
                }
            }
            double predicted = cost - here.linearizedCost(step);
            double rho = (cost - costTrial) / predicted;
            if (costTrial < cost && predicted > 0 && rho > 1e-4) {
                theta = trial;
                here = there;
                cost = costTrial;
                updateScale(d, here);
                double t = 2 * rho - 1;
                lambda *= Math.max(1.0 / 3, 1 - t * t * t);
                nu = 2;
            } else {
                lambda *= nu;
                nu *= 2;
                if (scaledNorm(d, step) <= STEP_TOLERANCE * (scaledNorm(d, theta) + STEP_TOLERANCE)
                        || !Double.isFinite(lambda)) {
                    return refine(theta, here, iter + 1, offset);
                }
            }
        }
        return new Result(theta, here, options.maxIterations(), false, "iteration limit "
                + options.maxIterations() + " reached; relative offset " + String.format("%.3g", offset),
                offset);
    }

    /**
     * When rounding hides further decrease of the sum of squares, plain Gauss–Newton steps continue
     * while they lower the relative offset (a far more sensitive measure near the optimum) and do not
     * raise the sum of squares beyond rounding. Then converged means offset below tolerance, or below
     * √tolerance when even this stalls (see NlsOptions).
     */
    private Result refine(double[] theta, Linearization here, int iterations, double offset) {
        int n = problem.observations();
        int p = theta.length;
        double cost = here.cost();
        for (int k = 0; k < REFINE_STEPS && offset >= options.tolerance(); k++) {
            HouseholderQr qr = here.qr();
            if (!(qr.diagonalRatio() > 0)) {
                break;
            }
            double[] step = qr.solve();
            double[] trial = new double[p];
            for (int j = 0; j < p; j++) {
                trial[j] = theta[j] + step[j];
            }
            Linearization there = problem.at(trial);
            double costTrial = there.cost();
            if (!(costTrial <= cost * (1 + ROUNDING))) {
                break;
            }
            HouseholderQr next = there.qr();
            double offTrial = relativeOffset(next.explainedSquares(), next.unexplainedSquares(), n, p);
            if (!(offTrial < offset)) {
                break;
            }
            theta = trial;
            here = there;
            cost = costTrial;
            offset = offTrial;
            iterations++;
        }
        if (offset < options.tolerance()) {
            return new Result(theta, here, iterations, true,
                    "relative offset " + String.format("%.3g", offset) + " below tolerance", offset);
        }
        double explained = Math.sqrt(here.qr().explainedSquares());
        if (explained <= ROUNDING_MULTIPLE * problem.roundingLevel()) {
            return new Result(theta, here, iterations, true, "the residuals' component along the "
                    + "gradient is at the rounding level of the response (a near zero-residual fit), so "
                    + "the relative offset " + String.format("%.3g", offset) + " cannot fall further", offset);
        }
        boolean ok = offset < Math.sqrt(options.tolerance());
        String reason = "the residual sum of squares cannot decrease further at machine precision; "
                + "relative offset " + String.format("%.3g", offset)
                + (ok ? " is below " : " is not below ") + String.format("%.3g", Math.sqrt(options.tolerance()));
        return new Result(theta, here, iterations, ok, reason, offset);
    }

    /** Bates–Watts: √(‖Q₁ᵀr‖²/p) / √(‖Q₂ᵀr‖²/(n−p)). */
    static double relativeOffset(double explained, double unexplained, int n, int p) {
        if (unexplained == 0) {
            return explained == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(explained / p) / Math.sqrt(unexplained / (n - p));
    }

    private static void updateScale(double[] d, Linearization at) {
        double[] squares = at.columnSquares();
        for (int j = 0; j < d.length; j++) {
            d[j] = Math.max(d[j], Math.sqrt(squares[j]));
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
}
