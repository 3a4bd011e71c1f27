package org.mlem.dist;

import java.util.random.RandomGenerator;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;
import org.mlem.MlemUserException;
import org.mlem.special.SpecialFunctions;

/**
 * The location–scale Student-t family, as {@code MASS::fitdistr(x, "t")}: density
 * {@code dt((x − m)/s, df)/s} with {@code location} m, {@code scale} s > 0 and {@code df} ν > 0;
 * support the real line.
 *
 * <p>Estimator: weighted MLE. ECME iterations (Liu and Rubin, Statistica Sinica 5, 1995): the
 * EM/IRLS update of m and s with row weights w·(ν + 1)/(ν + ((x − m)/s)²), then ν maximising the
 * actual log-likelihood by a safeguarded 1-D solve of its score in log ν; then damped Newton on all
 * three with the analytic Hessian, which also gives the standard errors. When the likelihood keeps
 * rising as ν → ∞ (data no heavier-tailed than a normal) there is no finite MLE, reported as a
 * {@link MlemUserException}.
 */
public final class StudentTFamily extends UnivariateFamily {
    /** Above this df the t is indistinguishable from the normal for the fit: no finite MLE. */
    static final double MAX_DF = 1e6;
    static final double MIN_DF = 1e-3;

    StudentTFamily() {
        super("t", Support.REAL, "location", "scale", "df");
    }

    @Override
    void checkParameters(double[] theta) {
        requireFinite(theta, 0);
        requirePositive(theta, 1);
        requirePositive(theta, 2);
    }

    @Override
    double logDensity(double[] theta, double x) {
        double nu = theta[2];
        double z = (x - theta[0]) / theta[1];
        double q = z * z;
        double log1p = q == Double.POSITIVE_INFINITY ? SpecialFunctions.log1pRatioFromLog(2 * Math.log(Math.abs(z)), nu)
                : Math.log1p(q / nu);
        return SpecialFunctions.logStudentNormaliser(nu, 1) - Math.log(theta[1]) - 0.5 * (nu + 1) * log1p;
    }

    @Override
    double cdf(double[] theta, double x) {
        double nu = theta[2];
        double z = (x - theta[0]) / theta[1];
        double tail = 0.5 * Beta.regularizedBeta(nu / (nu + z * z), 0.5 * nu, 0.5);
        return z < 0 ? tail : 1 - tail;
    }

    @Override
    double survival(double[] theta, double x) {
        double[] mirrored = {-theta[0], theta[1], theta[2]};
        return cdf(mirrored, -x);
    }

    @Override
    double sample(double[] theta, RandomGenerator rng) {
        double nu = theta[2];
        double chiSquareOverNu = 2 * GammaFamily.standardGamma(0.5 * nu, rng) / nu;
        return theta[0] + theta[1] * rng.nextGaussian() / Math.sqrt(chiSquareOverNu);
    }

    @Override
    double[] estimate(Sample s) {
        s.requireNotConstant(name(), "scale MLE would be 0");
        double[] theta = {LaplaceFamily.weightedMedian(s), Math.sqrt(s.variance(s.mean())), 5};
        double previous = Double.NEGATIVE_INFINITY;
        for (int it = 0; it < 2000; it++) {
            ecmeStep(theta, s);
            double ll = logLikelihood(theta, s);
            if (ll - previous <= 1e-10 * Math.abs(ll)) {
                break;
            }
            previous = ll;
        }
        NewtonAscent.Objective f = new NewtonAscent.Objective() {
            @Override
            public boolean valid(double[] t) {
                return t[1] > 0 && t[2] >= MIN_DF && t[2] <= MAX_DF;
            }

            @Override
            public double value(double[] t) {
                return logLikelihood(t, s);
            }

            @Override
            public double[] gradient(double[] t) {
                return score(t, s);
            }

            @Override
            public double[][] hessian(double[] t) {
                return StudentTFamily.this.hessian(t, s);
            }
        };
        theta = NewtonAscent.maximize(f, theta, 100);
        if (theta[2] >= 0.5 * MAX_DF) {
            throw new MlemUserException("the t family's df has no finite MLE for these data (the likelihood keeps "
                    + "rising as df grows: the data are no heavier-tailed than a normal); fit the normal family instead");
        }
        return theta;
    }

    /** One ECME step in place: IRLS update of location and scale, then the conditional MLE of df. */
    private void ecmeStep(double[] theta, Sample s) {
        double nu = theta[2];
        double su = 0;
        double sux = 0;
        double[] u = new double[s.x.length];
        for (int i = 0; i < s.x.length; i++) {
            double z = (s.x[i] - theta[0]) / theta[1];
            u[i] = s.w[i] * (nu + 1) / (nu + z * z);
            su += u[i];
            sux += u[i] * s.x[i];
        }
        double m = sux / su;
        double ss = 0;
        for (int i = 0; i < s.x.length; i++) {
            ss += u[i] * (s.x[i] - m) * (s.x[i] - m);
        }
        theta[0] = m;
        theta[1] = Math.sqrt(ss / s.totalWeight);
        final double scale = theta[1];
        Roots.Equation score = (t, out) -> {
            double[] p = {m, scale, Math.exp(t)};
            out[0] = score(p, s)[2];
            out[1] = hessian(p, s)[2][2] * p[2];
        };
        double t = Roots.solveMonotone(score, false, Math.log(nu), 0.5, Math.log(MIN_DF), Math.log(MAX_DF), 1e-12);
        if (Double.isNaN(t)) {
            double[] out = new double[2];
            score.evaluate(Math.log(nu), out);
            t = out[0] > 0 ? Math.log(MAX_DF) : Math.log(MIN_DF);
        }
        theta[2] = Math.exp(t);
    }

    @Override
    double[] score(double[] theta, Sample s) {
        double m = theta[0];
        double sc = theta[1];
        double nu = theta[2];
        double h = 0.5 * (nu + 1);
        double gPrime = 0.5 * SpecialFunctions.digamma(h) - 0.5 * SpecialFunctions.digamma(0.5 * nu) + 0.5 * Math.log(nu) + 0.5;
        double gm = 0;
        double gs = 0;
        double gn = 0;
        for (int i = 0; i < s.x.length; i++) {
            double r = s.x[i] - m;
            double d = nu * sc * sc + r * r;
            gm += s.w[i] * 2 * h * r / d;
            gs += s.w[i] * (nu / sc - 2 * h * nu * sc / d);
            gn += s.w[i] * (gPrime + Math.log(sc) - 0.5 * Math.log(d) - h * sc * sc / d);
        }
        return new double[] {gm, gs, gn};
    }

    /**
     * With D = νs² + (x − m)² the row log-likelihood is g(ν) + ν log s − ((ν+1)/2) log D, whose
     * second derivatives are assembled from those of D.
     */
    @Override
    double[][] hessian(double[] theta, Sample s) {
        double m = theta[0];
        double sc = theta[1];
        double nu = theta[2];
        double h = 0.5 * (nu + 1);
        double gSecond = 0.25 * Gamma.trigamma(h) - 0.25 * Gamma.trigamma(0.5 * nu) + 0.5 / nu;
        double[][] out = new double[3][3];
        double[] hGrad = {0, 0, 0.5};
        double[][] dd = {{2, 0, 0}, {0, 2 * nu, 2 * sc}, {0, 2 * sc, 0}};
        double[] dg = new double[3];
        for (int i = 0; i < s.x.length; i++) {
            double r = s.x[i] - m;
            double d = nu * sc * sc + r * r;
            dg[0] = -2 * r;
            dg[1] = 2 * nu * sc;
            dg[2] = sc * sc;
            for (int a = 0; a < 3; a++) {
                for (int b = a; b < 3; b++) {
                    double t = -(hGrad[a] * dg[b] + hGrad[b] * dg[a]) / d - h * (dd[a][b] / d - dg[a] * dg[b] / (d * d));
                    out[a][b] += s.w[i] * t;
                }
            }
        }
        double w = s.totalWeight;
        out[1][1] += -w * nu / (sc * sc);
        out[1][2] += w / sc;
        out[2][2] += w * gSecond;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < a; b++) {
                out[a][b] = out[b][a];
            }
        }
        return out;
    }
}
