package org.mlem.gmm;

import org.mlem.MlemUserException;

/**
 * How the probability of a censored row's box under a multivariate normal is computed (the
 * E-step of {@link CensoredGmmEstimator} when two or more censored cells of a row are correlated):
 * one cell in closed form (erfc), two by Genz's bivariate method ({@link BivariateNormal}, about
 * 1e-15 absolute), three by his trivariate method ({@link TrivariateNormal}, about 1e-15 absolute),
 * four or more by Genz's randomised quasi-Monte Carlo ({@link GenzQmc}) until
 * three standard errors over {@value GenzQmc#SHIFTS} random lattice shifts are at most
 * {@code relativeError} times the estimate, or {@code maxPoints} integrand values are spent.
 * The shifts are drawn from {@code seed}, so a probability is a function of its arguments alone
 * (the same bits on any thread count, in every iteration).
 *
 * @param relativeError the QMC's stopping error, relative to the probability (three standard
 *     errors); in (0, 0.1]
 * @param maxPoints the most integrand values one QMC probability may spend (at least 1,000)
 * @param seed the seed of the lattice shifts
 */
public record BoxProbability(double relativeError, int maxPoints, long seed) {
    /** 1e-6 relative, at most 2,000,000 integrand values a probability, a fixed seed. */
    public static final BoxProbability DEFAULTS = new BoxProbability(1e-6, 2_000_000, 0x5eed_ce25L);

    public BoxProbability {
        if (!(relativeError > 0 && relativeError <= 0.1)) {
            throw new MlemUserException("the multivariate normal CDF's relative error must be in (0, 0.1], not "
                    + relativeError);
        }
        if (maxPoints < 1000) {
            throw new MlemUserException("the multivariate normal CDF's point budget must be at least 1000, not " + maxPoints);
        }
    }

    /** This rule with another relative error. */
    public BoxProbability withRelativeError(double error) {
        return new BoxProbability(error, maxPoints, seed);
    }

    /**
     * log P(lo &lt; Y ≤ hi), Y ~ N(0, Σ), Σ the d×d row-major {@code cov}; each bound may be ±∞, d ≥ 0
     * (0 cells: log 1 = 0). Bounds are relative to the mean.
     */
    double logProbability(double[] cov, int d, double[] lo, double[] hi) {
        switch (d) {
            case 0:
                return 0;
            case 1: {
                double s = Math.sqrt(cov[0]);
                return TruncatedNormal.logMass(lo[0] / s, hi[0] / s);
            }
            case 2: {
                double s1 = Math.sqrt(cov[0]);
                double s2 = Math.sqrt(cov[3]);
                return Math.log(BivariateNormal.rectangle(lo[0] / s1, hi[0] / s1, lo[1] / s2, hi[1] / s2,
                        clamp(cov[1] / (s1 * s2))));
            }
            case 3: {
                double s1 = Math.sqrt(cov[0]);
                double s2 = Math.sqrt(cov[4]);
                double s3 = Math.sqrt(cov[8]);
                double[] a = {lo[0] / s1, lo[1] / s2, lo[2] / s3};
                double[] b = {hi[0] / s1, hi[1] / s2, hi[2] / s3};
                return Math.log(TrivariateNormal.box(a, b, clamp(cov[1] / (s1 * s2)), clamp(cov[2] / (s1 * s3)),
                        clamp(cov[5] / (s2 * s3))));
            }
            default:
                return Math.log(GenzQmc.probability(cov, d, lo, hi, relativeError, maxPoints, seed, null));
        }
    }

    private static double clamp(double r) {
        return Math.max(-1, Math.min(1, r));
    }
}
