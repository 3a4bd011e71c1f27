package org.mlem.survival;

import java.util.SplittableRandom;

/**
 * A fitted accelerated-failure-time model at one linear predictor η = xᵀβ: y = log T (or T) = η + σW.
 * What {@code predict}, {@code score} and {@code sample} need of a survreg or Tobit file, as
 * {@code survival::predict.survreg} and survreg's likelihood define them.
 *
 * @param distribution the distribution of W and whether the model is for log T
 * @param scale σ (1 for the exponential)
 */
public record AftModel(AftDistribution distribution, double scale) {

    public AftModel {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
    }

    /** predict.survreg's {@code type = "response"}: exp(η) for the log-time distributions, else η. */
    public double response(double eta) {
        return distribution.logTime ? Math.exp(eta) : eta;
    }

    /**
     * The standard error of {@link #response} from that of η (predict.survreg's delta method:
     * {@code se.lp · exp(η)} on the log-time distributions).
     */
    public double responseStandardError(double eta, double seLinear) {
        return distribution.logTime ? seLinear * Math.exp(eta) : seLinear;
    }

    /** The p-quantile of T given η (predict.survreg's {@code type = "quantile"}), 0 &lt; p &lt; 1. */
    public double quantile(double eta, double p) {
        return response(eta + scale * distribution.error.quantile(p));
    }

    /**
     * One row's log-likelihood on the scale of T, as survreg's {@code loglik} sums it: log f(t) for
     * an exact time (the Jacobian −log t included on the log-time distributions), log S at the
     * lower bound of a right-censored row, log F at the upper bound of a left-censored one, log of
     * the mass between the bounds of an interval.
     *
     * @param lower the lower bound on T (−∞ when left-censored; equal to {@code upper} when exact)
     * @param upper the upper bound on T (+∞ when right-censored)
     */
    public double logLikelihood(double lower, double upper, double eta) {
        ErrorDistribution w = distribution.error;
        if (lower == upper) {
            double y = distribution.logTime ? Math.log(lower) : lower;
            double z = (y - eta) / scale;
            return w.logDensity(z) - Math.log(scale) - (distribution.logTime ? y : 0);
        }
        double lo = !distribution.logTime ? lower : lower <= 0 ? Double.NEGATIVE_INFINITY : Math.log(lower);
        double hi = distribution.logTime ? Math.log(upper) : upper;
        if (lo == Double.NEGATIVE_INFINITY) {
            return w.logCdf((hi - eta) / scale);
        }
        if (hi == Double.POSITIVE_INFINITY) {
            return w.logSurvival((lo - eta) / scale);
        }
        return Math.log(w.mass((lo - eta) / scale, (hi - eta) / scale));
    }

    /**
     * P(T &gt; t | η): S((log t − η)/σ) of W on the log-time distributions (1 at t ≤ 0), else
     * S((t − η)/σ).
     */
    public double survival(double t, double eta) {
        if (distribution.logTime && t <= 0) {
            return 1;
        }
        double y = distribution.logTime ? Math.log(t) : t;
        return Math.exp(distribution.error.logSurvival((y - eta) / scale));
    }

    /** P(T ≤ t | η) = 1 − {@link #survival}, from W's lower tail so it keeps its digits there. */
    public double cdf(double t, double eta) {
        if (distribution.logTime && t <= 0) {
            return 0;
        }
        double y = distribution.logTime ? Math.log(t) : t;
        return Math.exp(distribution.error.logCdf((y - eta) / scale));
    }

    /** T drawn given η by inversion of one uniform from {@code rng}. */
    public double draw(double eta, SplittableRandom rng) {
        double u;
        do {
            u = rng.nextDouble();
        } while (u == 0);
        return quantile(eta, u);
    }
}
