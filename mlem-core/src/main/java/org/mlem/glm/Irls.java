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
        boolean converged = false;
        boolean boundary = false;
        int iter = 0;
        while (iter < options.maxIterations()) {
            iter++;
            int good = 0;
            double[] a = new double[n * p];
            double[] z = new double[n];
            boolean[] use = new boolean[n];
            for (int i = 0; i < n; i++) {
                double d = link.derivative(eta[i]);
                use[i] = wt[i] > 0 && d != 0;
                w[i] = use[i] ? Math.sqrt(wt[i] * d * d / family.variance(mu[i])) : 0;
                if (use[i]) {
                    z[good] = (eta[i] - offset[i] + (y[i] - mu[i]) / d) * w[i];
                    good++;
                }
            }
            if (good == 0) {
                throw new org.mlem.MlemUserException("no observation is informative at IRLS iteration " + iter
                        + " (all weights or mean derivatives are zero)");
            }
            int row = 0;
            for (int i = 0; i < n; i++) {
                if (use[i]) {
                    for (int j = 0; j < p; j++) {
                        a[row + j * good] = x[i + j * n] * w[i];
                    }
                    row++;
                }
            }
            ls = LeastSquares.solve(java.util.Arrays.copyOf(a, good * p), good, p, java.util.Arrays.copyOf(z, good),
                    options.rankTolerance());
            double[] start = ls.coefficients().clone();
            for (int j = 0; j < p; j++) {
                if (ls.aliased()[j]) {
                    start[j] = 0;
                } else if (!Double.isFinite(start[j])) {
                    warnings.add("non-finite coefficients at iteration " + iter);
                    return result(ls, coef, mu, eta, w, y, link, dev, iter, false, boundary, warnings);
                }
            }
            dev = update(x, n, p, start, offset, link, family, y, wt, eta, mu);
            int halvings = 0;
            while (!Double.isFinite(dev) || !valid(family, link, eta, mu)) {
                if (coefOld == null || halvings++ >= options.maxIterations()) {
                    throw new org.mlem.MlemUserException("IRLS found no valid coefficients for the " + family.name()
                            + " family with the " + link.rName() + " link (deviance " + dev + "); try another link");
                }
                for (int j = 0; j < p; j++) {
                    start[j] = (start[j] + coefOld[j]) / 2;
                }
                boundary = true;
                dev = update(x, n, p, start, offset, link, family, y, wt, eta, mu);
            }
            coef = start;
            if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < options.epsilon()) {
                converged = true;
                break;
            }
            devOld = dev;
            coefOld = start.clone();
        }
        if (!converged) {
            warnings.add("IRLS did not converge in " + options.maxIterations() + " iterations");
        }
        if (boundary) {
            warnings.add("IRLS stopped at a boundary value (step halving)");
        }
        return result(ls, coef, mu, eta, w, y, link, dev, iter, converged, boundary, warnings);
    }

    /** Sets eta = X b + offset and mu, returns the deviance. */
    private static double update(double[] x, int n, int p, double[] b, double[] offset, Link link, Family family,
            double[] y, double[] wt, double[] eta, double[] mu) {
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
