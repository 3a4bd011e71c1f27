package org.mlem.model;

import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.dist.Families;
import org.mlem.glm.Family;

/**
 * One response drawn from a GLM's family at a row's mean μ and prior weight w, as R's
 * {@code simulate.glm} draws it: gaussian N(μ, φ/w); binomial Binomial(w, μ) successes (w the trials,
 * 1 for a 0/1 response); poisson Poisson(μ) and negative binomial NB(θ, μ), which prior weights do
 * not change; Gamma with shape w/φ and mean μ; inverse Gaussian IG(μ, λ = w/φ). φ is the file's
 * dispersion. Quasi and Tweedie families fix only a mean and a variance, so they have nothing to draw.
 */
final class GlmDraws {
    private GlmDraws() {
    }

    /** Refuses, in one line, a family without a full likelihood. */
    static void requireDrawable(Family f) {
        if (f instanceof Family.Quasi || f instanceof Family.Tweedie) {
            throw new MlemUserException("a glm of family " + f.name() + " cannot be sampled: the family fixes only the mean "
                    + "and variance, with no full likelihood to draw from; refit with gaussian, binomial, poisson, gamma, "
                    + "inverse.gaussian or negbin to sample");
        }
    }

    /** Whether a draw of family {@code f} depends on the prior weights (poisson and negbin draws do not). */
    static boolean usesWeights(Family f) {
        return !(f instanceof Family.Counts);
    }

    /**
     * One draw at mean {@code mu} and prior weight {@code w} (the binomial's trials, a whole number);
     * NaN at weight 0 for a family that uses weights (the row carries no observation). The binomial's
     * draw is the count of successes.
     */
    static double draw(Family f, double mu, double w, double dispersion, SplittableRandom rng) {
        if (usesWeights(f) && w == 0) {
            return Double.NaN;
        }
        if (f instanceof Family.Gaussian) {
            return mu + Math.sqrt(dispersion / w) * rng.nextGaussian();
        }
        if (f instanceof Family.Binomial) {
            return Families.binomial((int) w).of(mu).sample(rng);
        }
        if (f instanceof Family.Poisson) {
            return Families.poisson().of(mu).sample(rng);
        }
        if (f instanceof Family.NegativeBinomial nb) {
            return Families.negativeBinomial().of(nb.theta(), mu).sample(rng);
        }
        if (f instanceof Family.GammaFamily) {
            double shape = w / dispersion;
            return Families.gamma().of(shape, shape / mu).sample(rng);
        }
        if (f instanceof Family.InverseGaussian) {
            return inverseGaussian(mu, w / dispersion, rng);
        }
        requireDrawable(f);
        throw new IllegalStateException("no draw for family " + f.name());
    }

    /**
     * Michael, Schucany and Haas (1976): from a χ²₁ draw the smaller root x of the IG's
     * transformation, kept with probability μ/(μ+x), else μ²/x.
     */
    static double inverseGaussian(double mu, double lambda, SplittableRandom rng) {
        double z = rng.nextGaussian();
        double y = z * z;
        double x = mu + mu * mu * y / (2 * lambda) - mu / (2 * lambda) * Math.sqrt(4 * mu * lambda * y + mu * mu * y * y);
        return rng.nextDouble() * (mu + x) <= mu ? x : mu * mu / x;
    }
}
