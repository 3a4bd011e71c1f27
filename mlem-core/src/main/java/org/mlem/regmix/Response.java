package org.mlem.regmix;

import org.hipparchus.special.Gamma;
import org.mlem.MlemUserException;
import org.mlem.glm.Family;

/**
 * A component's response distribution given its mean, split as
 * {@code log f(y | mu) = base(y, m) + kernel(y, m, mu, sd)} so that the part that does not depend on
 * the parameters ({@link #base}) is computed once per row. The densities are R's {@code dnorm},
 * {@code dpois} and {@code dbinom} (with {@code m} trials and {@code y} the proportion of successes),
 * as flexmix's {@code FLXMRglm} components use.
 */
enum Response {
    /** Normal with standard deviation sd. */
    GAUSSIAN("a finite number") {
        @Override
        boolean valid(double y, boolean proportion) {
            return Double.isFinite(y);
        }

        @Override
        double base(double y, double m) {
            return -0.5 * Math.log(2 * Math.PI);
        }

        @Override
        double kernel(double y, double m, double mu, double sd) {
            double z = (y - mu) / sd;
            return -Math.log(sd) - 0.5 * z * z;
        }
    },
    /** Poisson counts. */
    POISSON("a whole count >= 0") {
        @Override
        boolean valid(double y, boolean proportion) {
            return y >= 0 && y == Math.rint(y);
        }

        @Override
        double base(double y, double m) {
            return -Gamma.logGamma(y + 1);
        }

        @Override
        double kernel(double y, double m, double mu, double sd) {
            return (y > 0 ? y * Math.log(mu) : 0) - mu;
        }
    },
    /** Binomial successes {@code m y} out of {@code m} trials. */
    BINOMIAL("0 or 1 (or successes with a trials column)") {
        @Override
        boolean valid(double y, boolean proportion) {
            return y >= 0 && y <= 1 && (proportion || y == Math.rint(y));
        }

        @Override
        double base(double y, double m) {
            double s = Math.rint(m * y);
            return Gamma.logGamma(m + 1) - Gamma.logGamma(s + 1) - Gamma.logGamma(m - s + 1);
        }

        @Override
        double kernel(double y, double m, double mu, double sd) {
            double s = Math.rint(m * y);
            return (s > 0 ? s * Math.log(mu) : 0) + (m - s > 0 ? (m - s) * Math.log1p(-mu) : 0);
        }
    };

    private final String requirement;

    Response(String requirement) {
        this.requirement = requirement;
    }

    /** Whether {@code y} is a response of this family ({@code proportion}: successes / trials). */
    abstract boolean valid(double y, boolean proportion);

    /** What a response must be, for error messages. */
    String requirement() {
        return requirement;
    }

    /** The parameter-free part of the log-density of response {@code y} with {@code m} trials. */
    abstract double base(double y, double m);

    /** The rest of the log-density at mean {@code mu} (and {@code sd} for the normal). */
    abstract double kernel(double y, double m, double mu, double sd);

    /** Whether components carry a standard deviation. */
    boolean hasSd() {
        return this == GAUSSIAN;
    }

    /** The response of a GLM family; mixtures take gaussian, poisson and binomial. */
    static Response of(Family family) {
        if (family instanceof Family.Gaussian) {
            return GAUSSIAN;
        }
        if (family instanceof Family.Poisson) {
            return POISSON;
        }
        if (family instanceof Family.Binomial) {
            return BINOMIAL;
        }
        throw new MlemUserException("mixtures of regressions take the gaussian, poisson and binomial families, not "
                + family.name() + "; choose one of those");
    }
}
