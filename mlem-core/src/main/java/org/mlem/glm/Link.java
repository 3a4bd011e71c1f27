package org.mlem.glm;

import org.hipparchus.special.Erf;

/**
 * Link functions g(mu) = eta with R's numerical guards ({@code make.link}, {@code binomial()}):
 * inverse links and their derivatives are kept away from 0 and 1 by machine epsilon where R does,
 * so fits match R's {@code glm} to rounding.
 */
public enum Link {
    /** eta = mu. */
    IDENTITY("identity"),
    /** eta = log(mu). */
    LOG("log"),
    /** eta = log(mu / (1 - mu)). */
    LOGIT("logit"),
    /** eta = Phi^-1(mu), the standard normal quantile. */
    PROBIT("probit"),
    /** eta = log(-log(1 - mu)). */
    CLOGLOG("cloglog"),
    /** eta = 1 / mu. */
    INVERSE("inverse"),
    /** eta = sqrt(mu). */
    SQRT("sqrt"),
    /** eta = 1 / mu^2, the inverse Gaussian's canonical link. */
    INVERSE_SQUARED("1/mu^2");

    private static final double EPS = Math.ulp(1.0);
    private static final double LOGIT_THRESHOLD = 30;
    /** -qnorm(.Machine$double.eps), R's probit clamp. */
    private static final double PROBIT_THRESHOLD = -Distributions.normalQuantile(EPS);

    private final String rName;

    Link(String rName) {
        this.rName = rName;
    }

    /** The name R gives this link. */
    public String rName() {
        return rName;
    }

    /** The link named as in R ({@code identity log logit probit cloglog inverse sqrt 1/mu^2}). */
    public static Link byName(String name) {
        for (Link l : values()) {
            if (l.rName.equals(name)) {
                return l;
            }
        }
        throw new org.mlem.MlemUserException("unknown link '" + name
                + "'; links are identity, log, logit, probit, cloglog, inverse, sqrt, 1/mu^2");
    }

    /** eta = g(mu). */
    public double link(double mu) {
        return switch (this) {
            case IDENTITY -> mu;
            case LOG -> Math.log(mu);
            case LOGIT -> Math.log(mu / (1 - mu));
            case PROBIT -> Distributions.normalQuantile(mu);
            case CLOGLOG -> Math.log(-Math.log1p(-mu));
            case INVERSE -> 1 / mu;
            case SQRT -> Math.sqrt(mu);
            case INVERSE_SQUARED -> 1 / (mu * mu);
        };
    }

    /** mu = g^-1(eta). */
    public double inverse(double eta) {
        return switch (this) {
            case IDENTITY -> eta;
            case LOG -> Math.max(Math.exp(eta), EPS);
            case LOGIT -> {
                double t = eta < -LOGIT_THRESHOLD ? EPS : eta > LOGIT_THRESHOLD ? 1 / EPS : Math.exp(eta);
                yield t / (1 + t);
            }
            case PROBIT -> {
                double e = Math.min(Math.max(eta, -PROBIT_THRESHOLD), PROBIT_THRESHOLD);
                yield 0.5 * Erf.erfc(-e / Math.sqrt(2));
            }
            case CLOGLOG -> Math.max(Math.min(-Math.expm1(-Math.exp(eta)), 1 - EPS), EPS);
            case INVERSE -> 1 / eta;
            case SQRT -> eta * eta;
            case INVERSE_SQUARED -> 1 / Math.sqrt(eta);
        };
    }

    /** d mu / d eta at eta. */
    public double derivative(double eta) {
        return switch (this) {
            case IDENTITY -> 1;
            case LOG -> Math.max(Math.exp(eta), EPS);
            case LOGIT -> {
                double opexp = 1 + Math.exp(eta);
                yield eta > LOGIT_THRESHOLD || eta < -LOGIT_THRESHOLD ? EPS : Math.exp(eta) / (opexp * opexp);
            }
            case PROBIT -> Math.max(Math.exp(-0.5 * eta * eta) / Math.sqrt(2 * Math.PI), EPS);
            case CLOGLOG -> {
                double e = Math.min(eta, 700);
                yield Math.max(Math.exp(e) * Math.exp(-Math.exp(e)), EPS);
            }
            case INVERSE -> -1 / (eta * eta);
            case SQRT -> 2 * eta;
            case INVERSE_SQUARED -> -1 / (2 * Math.pow(eta, 1.5));
        };
    }

    /** Whether eta is in this link's domain (R's {@code valideta}). */
    public boolean validEta(double eta) {
        return switch (this) {
            case INVERSE -> Double.isFinite(eta) && eta != 0;
            case SQRT, INVERSE_SQUARED -> Double.isFinite(eta) && eta > 0;
            default -> true;
        };
    }
}
