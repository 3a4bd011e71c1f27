package org.mlem.glm;

import org.hipparchus.special.Gamma;

/**
 * An exponential-dispersion family as R's {@code family} objects define it: variance function,
 * deviance residuals ({@code dev.resids}), starting means ({@code initialize}) and the AIC term
 * ({@code aic}), so that fits, deviances and log-likelihoods agree with R's {@code glm}. Prior
 * weights {@code wt} multiply each row's contribution.
 */
public sealed interface Family permits Family.Gaussian, Family.Binomial, Family.GammaFamily, Family.Counts {

    /** The family by name: {@code gaussian binomial poisson gamma negbin} (negbin with theta estimated). */
    static Family byName(String name) {
        return switch (name) {
            case "gaussian" -> new Gaussian();
            case "binomial" -> new Binomial();
            case "poisson" -> new Poisson();
            case "gamma", "Gamma" -> new GammaFamily();
            case "negbin", "negative.binomial" -> NegativeBinomial.estimated();
            default -> throw new org.mlem.MlemUserException("unknown family '" + name
                    + "'; families are gaussian, binomial, poisson, gamma, negbin");
        };
    }

    /** The name used in results ({@code gaussian binomial poisson gamma negbin}). */
    String name();

    /** The canonical (R's default) link. */
    Link defaultLink();

    /** V(mu). */
    double variance(double mu);

    /** The weighted squared deviance residual of one row, R's {@code dev.resids(y, mu, wt)}. */
    double deviance(double y, double mu, double wt);

    /** R's starting mean for one row ({@code mustart} of the family's {@code initialize}). */
    double initialMu(double y, double wt);

    /** Whether a response value is allowed (with its prior weight). */
    boolean validResponse(double y, double wt);

    /** What the response must be, for error messages. */
    String responseRequirement();

    /** Whether a mean is inside the family's range (R's {@code validmu}). */
    default boolean validMu(double mu) {
        return Double.isFinite(mu);
    }

    /** Whether a response equal to {@code value} on every row can be fitted (not degenerate). */
    boolean canFitConstant(double value);

    /** Whether the dispersion is estimated (Pearson) rather than fixed at 1; then it counts as a parameter. */
    default boolean estimatesDispersion() {
        return false;
    }

    /** R's {@code family$aic(y, n, mu, wt, dev)}: -2 log-likelihood (+2 for an estimated dispersion). */
    double aic(double[] y, double[] mu, double[] wt, double deviance);

    /** Normal, V(mu) = 1, dispersion sigma^2 estimated. */
    record Gaussian() implements Family {
        public String name() {
            return "gaussian";
        }

        public Link defaultLink() {
            return Link.IDENTITY;
        }

        public double variance(double mu) {
            return 1;
        }

        public double deviance(double y, double mu, double wt) {
            return wt * (y - mu) * (y - mu);
        }

        public double initialMu(double y, double wt) {
            return y;
        }

        public boolean validResponse(double y, double wt) {
            return Double.isFinite(y);
        }

        public String responseRequirement() {
            return "a finite number";
        }

        public boolean canFitConstant(double value) {
            return false;
        }

        @Override
        public boolean estimatesDispersion() {
            return true;
        }

        /** n (log(2 pi dev / n) + 1) + 2 - sum log wt over rows of positive weight. */
        public double aic(double[] y, double[] mu, double[] wt, double deviance) {
            int n = 0;
            double logW = 0;
            for (double w : wt) {
                if (w > 0) {
                    n++;
                    logW += Math.log(w);
                }
            }
            return n * (Math.log(2 * Math.PI * deviance / n) + 1) + 2 - logW;
        }
    }

    /**
     * Binomial proportions y in [0, 1] with prior weights the numbers of trials (1 for 0/1 data),
     * V(mu) = mu (1 - mu).
     */
    record Binomial() implements Family {
        public String name() {
            return "binomial";
        }

        public Link defaultLink() {
            return Link.LOGIT;
        }

        public double variance(double mu) {
            return mu * (1 - mu);
        }

        public double deviance(double y, double mu, double wt) {
            return 2 * wt * (yLogY(y, mu) + yLogY(1 - y, 1 - mu));
        }

        public double initialMu(double y, double wt) {
            return (wt * y + 0.5) / (wt + 1);
        }

        public boolean validResponse(double y, double wt) {
            return y >= 0 && y <= 1;
        }

        public String responseRequirement() {
            return "0 or 1 (or a proportion in [0, 1] with the number of trials as weight)";
        }

        @Override
        public boolean validMu(double mu) {
            return Double.isFinite(mu) && mu > 0 && mu < 1;
        }

        public boolean canFitConstant(double value) {
            return value > 0 && value < 1;
        }

        /** -2 sum log dbinom(round(wt y), round(wt), mu) over rows of positive weight. */
        public double aic(double[] y, double[] mu, double[] wt, double deviance) {
            double ll = 0;
            for (int i = 0; i < y.length; i++) {
                if (wt[i] > 0) {
                    double trials = Math.rint(wt[i]);
                    double k = Math.rint(wt[i] * y[i]);
                    // log choose(1, k) = 0: skip the log-gammas for the usual 0/1 response
                    double logChoose = trials == 1 ? 0
                            : Gamma.logGamma(trials + 1) - Gamma.logGamma(k + 1) - Gamma.logGamma(trials - k + 1);
                    ll += logChoose + (k > 0 ? k * Math.log(mu[i]) : 0) + (trials - k > 0 ? (trials - k) * Math.log1p(-mu[i]) : 0);
                }
            }
            return -2 * ll;
        }

        private static double yLogY(double y, double mu) {
            return y > 0 ? y * Math.log(y / mu) : 0;
        }
    }

    /** Count families: responses >= 0, means > 0, log link by default. */
    sealed interface Counts extends Family permits Poisson, NegativeBinomial {
        @Override
        default boolean validResponse(double y, double wt) {
            return y >= 0;
        }

        @Override
        default String responseRequirement() {
            return "a count >= 0";
        }

        @Override
        default boolean validMu(double mu) {
            return Double.isFinite(mu) && mu > 0;
        }

        @Override
        default boolean canFitConstant(double value) {
            return value > 0;
        }

        @Override
        default Link defaultLink() {
            return Link.LOG;
        }
    }

    /** Poisson counts, V(mu) = mu. */
    record Poisson() implements Counts {
        public String name() {
            return "poisson";
        }


        public double variance(double mu) {
            return mu;
        }

        public double deviance(double y, double mu, double wt) {
            return 2 * wt * (y > 0 ? y * Math.log(y / mu) - (y - mu) : mu);
        }

        public double initialMu(double y, double wt) {
            return y + 0.1;
        }

        /** -2 sum wt log dpois(y, mu). */
        public double aic(double[] y, double[] mu, double[] wt, double deviance) {
            double ll = 0;
            for (int i = 0; i < y.length; i++) {
                ll += wt[i] * ((y[i] > 0 ? y[i] * Math.log(mu[i]) : 0) - mu[i] - Gamma.logGamma(y[i] + 1));
            }
            return -2 * ll;
        }
    }

    /** Gamma with V(mu) = mu^2, dispersion (1 / shape) estimated. */
    record GammaFamily() implements Family {
        public String name() {
            return "gamma";
        }

        public Link defaultLink() {
            return Link.INVERSE;
        }

        public double variance(double mu) {
            return mu * mu;
        }

        public double deviance(double y, double mu, double wt) {
            return -2 * wt * (Math.log(y == 0 ? 1 : y / mu) - (y - mu) / mu);
        }

        public double initialMu(double y, double wt) {
            return y;
        }

        public boolean validResponse(double y, double wt) {
            return y > 0;
        }

        public String responseRequirement() {
            return "a number > 0";
        }

        @Override
        public boolean validMu(double mu) {
            return Double.isFinite(mu) && mu > 0;
        }

        public boolean canFitConstant(double value) {
            return false;
        }

        @Override
        public boolean estimatesDispersion() {
            return true;
        }

        /**
         * As R's {@code Gamma()$aic}: with disp = deviance / sum(wt) (not the Pearson estimate),
         * -2 sum wt log dgamma(y, shape = 1/disp, scale = mu disp) + 2.
         */
        public double aic(double[] y, double[] mu, double[] wt, double deviance) {
            double total = 0;
            for (double w : wt) {
                total += w;
            }
            double disp = deviance / total;
            double shape = 1 / disp;
            double ll = 0;
            for (int i = 0; i < y.length; i++) {
                double scale = mu[i] * disp;
                ll += wt[i] * (-Gamma.logGamma(shape) - shape * Math.log(scale) + (shape - 1) * Math.log(y[i]) - y[i] / scale);
            }
            return -2 * ll + 2;
        }
    }

    /**
     * Negative binomial with size theta (R's {@code MASS::negative.binomial(theta)}),
     * V(mu) = mu + mu^2 / theta. A NaN theta means "estimate theta by maximum likelihood"
     * ({@code MASS::glm.nb}); a fit then always carries a finite theta.
     *
     * @param theta the size (shape) parameter, > 0, or NaN to estimate it
     */
    record NegativeBinomial(double theta) implements Counts {
        public NegativeBinomial {
            if (!(theta > 0) && !Double.isNaN(theta)) {
                throw new org.mlem.MlemUserException("negative binomial theta must be > 0, got " + theta);
            }
        }

        /** Theta to be estimated by maximum likelihood, as {@code MASS::glm.nb}. */
        public static NegativeBinomial estimated() {
            return new NegativeBinomial(Double.NaN);
        }

        /** Whether theta is to be estimated. */
        public boolean thetaEstimated() {
            return Double.isNaN(theta);
        }

        public String name() {
            return "negbin";
        }


        public double variance(double mu) {
            return mu + mu * mu / theta;
        }

        public double deviance(double y, double mu, double wt) {
            return 2 * wt * (y * Math.log(Math.max(1, y) / mu) - (y + theta) * Math.log((y + theta) / (mu + theta)));
        }

        public double initialMu(double y, double wt) {
            return y + (y == 0 ? 1.0 / 6 : 0);
        }

        /** -2 log-likelihood, as MASS's {@code negative.binomial(theta)$aic}. */
        public double aic(double[] y, double[] mu, double[] wt, double deviance) {
            return -2 * logLikelihood(theta, y, mu, wt);
        }

        /** The log-likelihood sum wt log dnbinom(y, size = theta, mu = mu). */
        static double logLikelihood(double theta, double[] y, double[] mu, double[] wt) {
            // the log-gammas depend on y alone: one per distinct count, not one per row
            double ll = CountTable.of(y, wt).sum(v -> Gamma.logGamma(theta + v) - Gamma.logGamma(v + 1));
            double n = 0;
            for (int i = 0; i < y.length; i++) {
                n += wt[i];
                ll += wt[i] * (y[i] * Math.log(mu[i] + (y[i] == 0 ? 1 : 0)) - (theta + y[i]) * Math.log(theta + mu[i]));
            }
            return ll + n * (theta * Math.log(theta) - Gamma.logGamma(theta));
        }
    }
}
