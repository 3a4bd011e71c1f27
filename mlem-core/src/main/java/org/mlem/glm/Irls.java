package org.mlem.glm;

import java.util.ArrayList;
import java.util.List;

/**
 * Iteratively reweighted least squares, step for step as R's {@code glm.fit}: start from the
 * family's starting means (or a given eta), solve the weighted least-squares problem of the working
 * response, halve the step while the deviance is not finite or the mean leaves its range, stop
 * when the relative deviance change is below epsilon. The covariance is that of the last weighted
 * least-squares problem, as R's {@code summary.glm} uses.
 */
final class Irls {
    private static final double EPS = 10 * Math.ulp(1.0);

    private Irls() {
    }

    /** What one IRLS run returns; arrays have the length of the data or of the columns. */
    record Result(double[] coefficients, boolean[] aliased, int rank, double[] unscaledCovariance, double[] mu,
            double[] eta, double[] workingWeights, double[] workingResiduals, double deviance, int iterations,
            boolean converged, boolean boundary, List<String> warnings) {
    }

    /**
     * Fits. {@code etaStart} may be null (then the family's starting means are used).
     *
     * @param x column-major n x p design
     */
    static Result fit(double[] x, int n, int p, double[] y, double[] wt, double[] offset, Family family, Link link,
            GlmOptions options, double[] etaStart) {
        return fit(x, n, p, y, wt, offset, family, link, options, etaStart, Solver.DEFAULT);
    }

    /** How each weighted least-squares step is solved. */
    enum Solver {
        /** Householder QR with refinement for every step: the reference. */
        QR,
        /** {@link NormalEquations} where well conditioned, else {@link #QR}. */
        NORMAL_EQUATIONS;

        /** {@code -Dmlem.glm.solver=qr} selects the reference, for timing and comparison. */
        static final Solver DEFAULT = "qr".equals(System.getProperty("mlem.glm.solver")) ? QR : NORMAL_EQUATIONS;
    }

    /** {@link #fit} with the given solver. */
    static Result fit(double[] x, int n, int p, double[] y, double[] wt, double[] offset, Family family, Link link,
            GlmOptions options, double[] etaStart, Solver solver) {
        double[] eta = new double[n];
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            eta[i] = etaStart != null ? etaStart[i] : link.link(family.initialMu(y[i], wt[i]));
            mu[i] = link.inverse(eta[i]);
        }
        if (!valid(family, link, eta, mu)) {
            throw new org.mlem.MlemUserException("cannot find valid starting values for the " + family.name()
                    + " family with the " + link.rName() + " link; try another link");
        }
        List<String> warnings = new ArrayList<>();
        double devOld = deviance(family, y, mu, wt);
        double dev = devOld;
        double[] coefOld = null;
        double[] coef = new double[p];
        LeastSquares.Solution ls = null;
        double[] w = new double[n];
        double[] w2 = new double[n];
        double[] z = new double[n];
        int halvings = 0;
        boolean converged = false;
        boolean boundary = false;
        int iter = 0;
        while (iter < options.maxIterations()) {
            iter++;
            ls = solveStep(x, n, p, y, wt, offset, family, link, options, eta, mu, w, w2, z, iter, solver);
            double[] start = ls.coefficients().clone();
            for (int j = 0; j < p; j++) {
                if (ls.aliased()[j]) {
                    start[j] = 0;
                } else if (!Double.isFinite(start[j])) {
                    warnings.add("non-finite coefficients at iteration " + iter);
                    return result(ls, coef, mu, eta, w, y, link, dev, iter, false, boundary, warnings);
                }
            }
            boolean plain = NormalEquations.solved(ls);
            dev = update(x, n, p, start, offset, link, family, y, wt, eta, mu, plain);
            halvings = 0;
            while (!Double.isFinite(dev) || !valid(family, link, eta, mu)) {
                if (coefOld == null || halvings++ >= options.maxIterations()) {
                    throw new org.mlem.MlemUserException("IRLS found no valid coefficients for the " + family.name()
                            + " family with the " + link.rName() + " link (deviance " + dev + "); try another link");
                }
                for (int j = 0; j < p; j++) {
                    start[j] = (start[j] + coefOld[j]) / 2;
                }
                boundary = true;
                dev = update(x, n, p, start, offset, link, family, y, wt, eta, mu, plain);
            }
            coef = start;
            if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < options.epsilon()) {
                converged = true;
                break;
            }
            devOld = dev;
            coefOld = start.clone();
        }
        if (NormalEquations.solved(ls) && halvings == 0) {
            dev = polish(x, n, p, y, wt, offset, family, link, eta, mu, w2, z, coef, ls.unscaledCovariance(), dev);
        }
        if (!converged) {
            warnings.add("IRLS did not converge in " + options.maxIterations() + " iterations");
        }
        if (boundary) {
            warnings.add("IRLS stopped at a boundary value (step halving)");
        }
        return result(ls, coef, mu, eta, w, y, link, dev, iter, converged, boundary, warnings);
    }

    /**
     * One weighted least-squares step: sets the square-root working weights {@code w}, their
     * squares {@code w2} and the working response {@code z} (in parallel over fixed chunks of rows;
     * each row's values do not depend on the chunking) and solves for the working response, by the
     * normal equations when the solver allows and the problem is well conditioned, else by QR over
     * the rows of positive weight.
     */
    private static LeastSquares.Solution solveStep(double[] x, int n, int p, double[] y, double[] wt,
            double[] offset, Family family, Link link, GlmOptions options, double[] eta, double[] mu, double[] w,
            double[] w2, double[] z, int iter, Solver solver) {
        int good = workingValues(y, wt, offset, family, link, eta, mu, w, w2, z);
        if (good == 0) {
            throw new org.mlem.MlemUserException("no observation is informative at IRLS iteration " + iter
                    + " (all weights or mean derivatives are zero)");
        }
        if (solver == Solver.NORMAL_EQUATIONS && good >= p) {
            LeastSquares.Solution fast = NormalEquations.solve(x, n, p, w2, z);
            if (fast != null) {
                return fast;
            }
        }
        double[] a = new double[good * p];
        double[] b = new double[good];
        int row = 0;
        for (int i = 0; i < n; i++) {
            if (usable(wt[i], link.derivative(eta[i]))) {
                for (int j = 0; j < p; j++) {
                    a[row + j * good] = x[i + j * n] * w[i];
                }
                b[row++] = z[i] * w[i];
            }
        }
        return LeastSquares.solve(a, good, p, b, options.rankTolerance());
    }

    /** Whether row weight {@code wt} and mean derivative {@code d} let a row into the least-squares step. */
    private static boolean usable(double wt, double d) {
        return wt > 0 && d != 0;
    }

    /**
     * Sets {@code w}, {@code w2 = w²} and {@code z} (0 for rows not {@link #usable}) chunk by chunk
     * in parallel, and returns how many rows are usable.
     */
    static int workingValues(double[] y, double[] wt, double[] offset, Family family, Link link, double[] eta,
            double[] mu, double[] w, double[] w2, double[] z) {
        int n = y.length;
        int chunks = (n + NormalEquations.CHUNK - 1) / NormalEquations.CHUNK;
        return java.util.stream.IntStream.range(0, chunks).parallel().map(c -> {
            int good = 0;
            int end = Math.min(n, (c + 1) * NormalEquations.CHUNK);
            for (int i = c * NormalEquations.CHUNK; i < end; i++) {
                double d = link.derivative(eta[i]);
                boolean use = usable(wt[i], d);
                double wi = use ? Math.sqrt(wt[i] * d * d / family.variance(mu[i])) : 0;
                w[i] = wi;
                w2[i] = wi * wi;
                z[i] = use ? eta[i] - offset[i] + (y[i] - mu[i]) / d : 0;
                good += use ? 1 : 0;
            }
            return good;
        }).sum();
    }

    /**
     * Refines the last step's normal-equations solution (coefficients {@code coef}, updated in
     * place) by one step with compensated residuals, so the reported coefficients carry the
     * digits of the QR reference; the earlier steps need no refinement, as IRLS corrects them in
     * the next. Sets eta and mu and returns the deviance at the refined coefficients, or keeps
     * {@code coef} and returns {@code dev} should the refined ones leave the valid range.
     */
    private static double polish(double[] x, int n, int p, double[] y, double[] wt, double[] offset, Family family,
            Link link, double[] eta, double[] mu, double[] w2, double[] z, double[] coef, double[] cov, double dev) {
        double[] refined = NormalEquations.refine(x, n, p, w2, z, coef, cov);
        double[] etaBefore = eta.clone();
        double[] muBefore = mu.clone();
        double d = update(x, n, p, refined, offset, link, family, y, wt, eta, mu, true);
        if (Double.isFinite(d) && valid(family, link, eta, mu)) {
            System.arraycopy(refined, 0, coef, 0, p);
            return d;
        }
        System.arraycopy(etaBefore, 0, eta, 0, n);
        System.arraycopy(muBefore, 0, mu, 0, n);
        return dev;
    }

    /**
     * Sets eta = X b + offset and mu, returns the deviance. After a QR step (an ill-conditioned or
     * reference step) eta is formed in compensated arithmetic and the deviance summed in row order;
     * after a normal-equations step ({@code plain}) both in parallel over fixed chunks of rows,
     * the chunks' deviances summed in chunk order.
     */
    private static double update(double[] x, int n, int p, double[] b, double[] offset, Link link, Family family,
            double[] y, double[] wt, double[] eta, double[] mu, boolean plain) {
        if (plain) {
            return NormalEquations.update(x, n, p, b, offset, link, family, y, wt, eta, mu);
        }
        int[] all = java.util.stream.IntStream.range(0, p).toArray();
        // compensated, so residuals y - mu of a near-perfect fit keep their digits (NIST Filip)
        Compensated.affine(x, n, all, b, 1, offset, eta, new double[n]);
        for (int i = 0; i < n; i++) {
            mu[i] = link.inverse(eta[i]);
        }
        return deviance(family, y, mu, wt);
    }

    static double deviance(Family family, double[] y, double[] mu, double[] wt) {
        double d = 0;
        for (int i = 0; i < y.length; i++) {
            d += family.deviance(y[i], mu[i], wt[i]);
        }
        return d;
    }

    private static boolean valid(Family family, Link link, double[] eta, double[] mu) {
        for (int i = 0; i < eta.length; i++) {
            if (!link.validEta(eta[i]) || !family.validMu(mu[i])) {
                return false;
            }
        }
        return true;
    }

    private static Result result(LeastSquares.Solution ls, double[] coef, double[] mu, double[] eta, double[] w,
            double[] y, Link link, double dev, int iter, boolean converged, boolean boundary, List<String> warnings) {
        int n = mu.length;
        double[] wWork = new double[n];
        double[] rWork = new double[n];
        for (int i = 0; i < n; i++) {
            wWork[i] = w[i] * w[i];
            rWork[i] = (y[i] - mu[i]) / link.derivative(eta[i]);
        }
        double[] c = coef.clone();
        for (int j = 0; j < c.length; j++) {
            if (ls.aliased()[j]) {
                c[j] = Double.NaN;
            }
        }
        return new Result(c, ls.aliased(), ls.rank(), ls.unscaledCovariance(), mu, eta, wWork, rWork, dev, iter,
                converged, boundary, warnings);
    }

    /** R's warning for a binomial fit with fitted probabilities at 0 or 1 (separation). */
    static boolean probabilitiesAtBoundary(double[] mu) {
        for (double m : mu) {
            if (m > 1 - EPS || m < EPS) {
                return true;
            }
        }
        return false;
    }

    /** R's warning for a Poisson-type fit with fitted rates at 0. */
    static boolean ratesAtZero(double[] mu) {
        for (double m : mu) {
            if (m < EPS) {
                return true;
            }
        }
        return false;
    }
}
