package org.mlem.glm;

import org.mlem.special.SpecialFunctions;
import org.hipparchus.special.Gamma;

/**
 * Maximum-likelihood theta of a negative binomial for fixed means, by Fisher scoring on the
 * score in theta, started at the moment estimate n / sum wt (y/mu - 1)^2; step for step as
 * {@code MASS::theta.ml} (tolerance eps^(1/4), iteration limit the GLM's maxIterations). The
 * standard error is 1/sqrt(information) at the last iterate.
 */
final class ThetaMl {
    private ThetaMl() {
    }

    record Estimate(double theta, double standardError, String warning) {
    }

    static Estimate estimate(double[] y, double[] mu, double[] wt, int limit) {
        CountTable counts = CountTable.of(y, wt);
        double n = 0;
        double moment = 0;
        for (int i = 0; i < y.length; i++) {
            n += wt[i];
            double r = y[i] / mu[i] - 1;
            moment += wt[i] * r * r;
        }
        double t0 = n / moment;
        double eps = Math.pow(Math.ulp(1.0), 0.25);
        double del = 1;
        double info = Double.NaN;
        int it = 0;
        while (++it < limit && Math.abs(del) > eps) {
            t0 = Math.abs(t0);
            info = information(t0, y, mu, wt, n, counts);
            del = score(t0, y, mu, wt, n, counts) / info;
            t0 += del;
        }
        String warning = null;
        if (t0 < 0) {
            t0 = 0;
            warning = "theta estimate truncated at zero";
        }
        if (it == limit) {
            warning = "theta iteration limit reached";
        }
        return new Estimate(t0, Math.sqrt(1 / info), warning);
    }

    /**
     * The score in theta; the digamma terms, which depend on y alone, are summed over the distinct
     * counts ({@link CountTable}), the rest row by row.
     */
    private static double score(double th, double[] y, double[] mu, double[] wt, double n, CountTable counts) {
        double s = counts.sum(v -> SpecialFunctions.digamma(th + v)) + n * (-SpecialFunctions.digamma(th)
                + Math.log(th) + 1);
        for (int i = 0; i < y.length; i++) {
            s -= wt[i] * (Math.log(th + mu[i]) + (y[i] + th) / (mu[i] + th));
        }
        return s;
    }

    /** The information in theta, the trigamma terms over the distinct counts as in {@link #score}. */
    private static double information(double th, double[] y, double[] mu, double[] wt, double n,
            CountTable counts) {
        double s = -counts.sum(v -> Gamma.trigamma(th + v)) + n * (Gamma.trigamma(th) - 1 / th);
        for (int i = 0; i < y.length; i++) {
            double mt = mu[i] + th;
            s += wt[i] * (2 / mt - (y[i] + th) / (mt * mt));
        }
        return s;
    }
}
