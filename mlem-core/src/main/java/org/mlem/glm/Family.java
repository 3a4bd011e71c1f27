package org.mlem.glm;

import org.hipparchus.special.Gamma;

/**
 * An exponential-dispersion family as R's {@code family} objects define it: variance function,
 * deviance residuals ({@code dev.resids}), starting means ({@code initialize}) and the AIC term
 * ({@code aic}), so that fits, deviances and log-likelihoods agree with R's {@code glm}. Prior
 * weights {@code wt} multiply each row's contribution.
 */
public sealed interface Family permits Family.Gaussian, Family.Binomial, Family.Positive, Family.Counts,
        Family.Tweedie, Family.Quasi {

    /** The families {@link #byName} knows, for messages. */
    String NAMES = "gaussian, binomial, poisson, gamma, inverse.gaussian, negbin (theta estimated), negbin:THETA "
            + "(theta fixed, as negative.binomial(THETA)), tweedie:P (variance power P), quasipoisson, quasibinomial";

    /**
     * The family by name: {@code gaussian binomial poisson gamma inverse.gaussian negbin}
     * (theta estimated), {@code negbin:THETA} or {@code negative.binomial(THETA)} (theta fixed),
     * {@code tweedie:P}, {@code quasipoisson}, {@code quasibinomial}.
     */
    static Family byName(String name) {
        String n = name.strip();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(negbin|negative\\.binomial|tweedie)\\s*(?::|\\(\\s*(?:theta\\s*=|var\\.power\\s*=)?)\\s*([^)\\s]+)\\s*\\)?")
                .matcher(n);
        if (m.matches()) {
            double v = parameter(n, m.group(2));
            return m.group(1).equals("tweedie") ? new Tweedie(v) : new NegativeBinomial(v);
        }
        return switch (n) {
            case "gaussian" -> new Gaussian();
            case "binomial" -> new Binomial();
            case "poisson" -> new Poisson();
            case "gamma", "Gamma" -> new GammaFamily();
            case "inverse.gaussian", "inverse_gaussian", "inverse-gaussian" -> new InverseGaussian();
            case "negbin", "negative.binomial" -> NegativeBinomial.estimated();
            case "quasipoisson" -> new Quasi(new Poisson());
            case "quasibinomial" -> new Quasi(new Binomial());
            case "tweedie" -> throw new org.mlem.MlemUserException("family 'tweedie' needs its variance power: "
                    + "tweedie:P, e.g. tweedie:1.5 (statmod's var.power)");
            default -> throw new org.mlem.MlemUserException("unknown family '" + name + "'; families are " + NAMES);
        };
    }

    private static double parameter(String family, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new org.mlem.MlemUserException("family '" + family + "': '" + text + "' is not a number; write e.g. "
                    + "negbin:2.5 or tweedie:1.5");
        }
    }

    /** The name used in results ({@code gaussian binomial poisson gamma negbin inverse.gaussian tweedie:P quasipoisson quasibinomial}). */
    String name();

    /** The family whose response and mean a quasi family shares; the family itself otherwise. */
    default Family base() {
        return this;
    }

    /** The canonical (R's default) link. */
    Link defaultLink();

    /** V(mu). */
    double variance(double mu);

    /** The weighted squared deviance residual of one row, R's {@code dev.resids(y, mu, wt)}. */
    double deviance(double y, double mu, double wt);

    /**
     * The deviance residual of one row, R's {@code residuals(fit, "deviance")}: the square root of
     * {@link #deviance} (taken as 0 where rounding makes it negative) with the sign of y − mu.
     */
    default double devianceResidual(double y, double mu, double wt) {
        return Math.signum(y - mu) * Math.sqrt(Math.max(0, deviance(y, mu, wt)));
    }

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
            return RowSums.gaussianAic(n, logW, deviance);
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

    /** Families of responses > 0 with an estimated dispersion, each mean starting at its response. */
    sealed interface Positive extends Family permits GammaFamily, InverseGaussian {
        @Override
        default double initialMu(double y, double wt) {
            return y;
        }

        @Override
        default boolean validResponse(double y, double wt) {
            return y > 0;
        }

        @Override
        default String responseRequirement() {
            return "a number > 0";
        }

        @Override
        default boolean validMu(double mu) {
            return Double.isFinite(mu) && mu > 0;
        }

        @Override
        default boolean canFitConstant(double value) {
            return false;
        }

        @Override
        default boolean estimatesDispersion() {
            return true;
        }
    }

    /** Gamma with V(mu) = mu^2, dispersion (1 / shape) estimated. */
    record GammaFamily() implements Positive {
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

    /**
     * Inverse Gaussian, V(mu) = mu^3, dispersion estimated; R's {@code inverse.gaussian()}.
     */
    record InverseGaussian() implements Positive {
        public String name() {
            return "inverse.gaussian";
        }

        public Link defaultLink() {
            return Link.INVERSE_SQUARED;
        }

        public double variance(double mu) {
            return mu * mu * mu;
        }

        public double deviance(double y, double mu, double wt) {
            return wt * (y - mu) * (y - mu) / (y * mu * mu);
        }


        /** As R's: sum(wt) (1 + log(2 pi dev / sum(wt))) + 3 sum(wt log y) + 2. */
        public double aic(double[] y, double[] mu, double[] wt, double deviance) {
            double total = 0;
            double logY = 0;
            for (int i = 0; i < y.length; i++) {
                total += wt[i];
                logY += wt[i] > 0 ? wt[i] * Math.log(y[i]) : 0;
            }
            return RowSums.inverseGaussianAic(total, logY, deviance);
        }
    }

    /**
     * Tweedie with V(mu) = mu^p, as statmod's {@code tweedie(var.power = p)}: its deviance and
     * starting means, dispersion estimated (Pearson), no likelihood (AIC NaN, as statmod's NA).
     *
     * @param power the variance power p: 0, or 1 and above
     */
    record Tweedie(double power) implements Family {
        public Tweedie {
            if (!(power == 0 || power >= 1) || !Double.isFinite(power)) {
                throw new org.mlem.MlemUserException("tweedie variance power " + power + " is not allowed; use 0, or "
                        + "a power >= 1 (1 < p < 2 for compound Poisson-gamma data with zeros)");
            }
        }

        public String name() {
            return "tweedie:" + (power == Math.rint(power) ? Long.toString((long) power) : Double.toString(power));
        }

        public Link defaultLink() {
            return Link.LOG;
        }

        public double variance(double mu) {
            return Math.pow(mu, power);
        }

        public double deviance(double y, double mu, double wt) {
            double y1 = y + (y == 0 ? 0.1 : 0);
            double theta = power == 1 ? Math.log(y1 / mu) : (Math.pow(y1, 1 - power) - Math.pow(mu, 1 - power)) / (1 - power);
            double kappa = power == 2 ? Math.log(y1 / mu) : (Math.pow(y, 2 - power) - Math.pow(mu, 2 - power)) / (2 - power);
            return 2 * wt * (y * theta - kappa);
        }

        public double initialMu(double y, double wt) {
            return y + (y == 0 ? 0.1 : 0);
        }

        public boolean validResponse(double y, double wt) {
            return power == 0 ? Double.isFinite(y) : power < 2 ? y >= 0 : y > 0;
        }

        public String responseRequirement() {
            return power == 0 ? "a finite number" : power < 2 ? "a number >= 0" : "a number > 0";
        }

        @Override
        public boolean validMu(double mu) {
            return power == 0 ? Double.isFinite(mu) : Double.isFinite(mu) && mu >= 0;
        }

        public boolean canFitConstant(double value) {
            return false;
        }

        @Override
        public boolean estimatesDispersion() {
            return true;
        }

        public double aic(double[] y, double[] mu, double[] wt, double deviance) {
            return Double.NaN;
        }
    }

    /**
     * R's {@code quasipoisson} or {@code quasibinomial}: the base family's variance, deviance and
     * starting means, the dispersion estimated by Pearson's χ² / df, and no likelihood (AIC and
     * log-likelihood NaN, as R's NA).
     *
     * @param base the Poisson or binomial family
     */
    record Quasi(Family base) implements Family {
        public Quasi {
            if (!(base instanceof Poisson || base instanceof Binomial)) {
                throw new IllegalArgumentException("quasi families are quasipoisson and quasibinomial");
            }
        }

        public String name() {
            return "quasi" + base.name();
        }

        public Link defaultLink() {
            return base.defaultLink();
        }

        public double variance(double mu) {
            return base.variance(mu);
        }

        public double deviance(double y, double mu, double wt) {
            return base.deviance(y, mu, wt);
        }

        public double initialMu(double y, double wt) {
            return base.initialMu(y, wt);
        }

        public boolean validResponse(double y, double wt) {
            return base.validResponse(y, wt);
        }

        public String responseRequirement() {
            return base.responseRequirement();
        }

        @Override
        public boolean validMu(double mu) {
            return base.validMu(mu);
        }

        public boolean canFitConstant(double value) {
            return base.canFitConstant(value);
        }

        @Override
        public boolean estimatesDispersion() {
            return true;
        }

        public double aic(double[] y, double[] mu, double[] wt, double deviance) {
            return Double.NaN;
        }
    }
}
