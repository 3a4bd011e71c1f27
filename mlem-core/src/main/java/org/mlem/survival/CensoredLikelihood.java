package org.mlem.survival;

import java.util.function.ToDoubleFunction;
import org.mlem.dist.Distribution;
import org.mlem.dist.UnivariateFamily;
import org.mlem.optim.MaximumLikelihood;

/**
 * The pieces of {@link CensoredFit}'s likelihood that a model built of censored rows reuses (a
 * mixture's E-step and M-step, {@link org.mlem.mixture.CensoredMixtureEstimator}): one row's
 * log-probability, the weighted censored MLE from a given start, and the observed information of
 * any log-likelihood by Richardson-extrapolated differences.
 */
public final class CensoredLikelihood {
    /** {@code -Dmlem.censored.gradient=plain}: every M-step by L-BFGS on differences ({@link #weightedMleByDifferences}). */
    static final boolean PLAIN_GRADIENT = "plain".equals(System.getProperty("mlem.censored.gradient"));

    private CensoredLikelihood() {
    }

    /**
     * log f(lo) for an exact row (lo = hi), else log P(lo &lt; X ≤ hi) from the tail that keeps its
     * digits (an open end is ±∞); −∞ where the row has probability 0.
     */
    public static double logProbability(Distribution d, double lo, double hi) {
        return lo == hi ? d.logDensity(lo) : Math.log(CensoredFit.mass(d, lo, hi));
    }

    /**
     * The weighted censored MLE of {@code family} (no truncation) by L-BFGS from {@code start}, each
     * parameter on its natural scale as {@link CensoredFit} takes it: by Newton steps on the analytic
     * Hessian ({@link CensoredNewton}) where the family has one (weibull, lognormal, exponential,
     * normal), else by L-BFGS on the analytic gradient ({@link CensoredScore}; gamma), else on
     * differences; {@code start} itself when the
     * optimiser ends lower (so an EM step that calls this never lowers its objective). Rows of
     * weight 0 are skipped.
     *
     * @param lower each row's lower bound (−∞ open), row order
     * @param upper each row's upper bound (+∞ open); equal bounds are an exact row
     * @param weights each row's weight (a responsibility times a frequency weight)
     * @param start the family's parameters to start from, in {@link UnivariateFamily#parameterNames()} order
     */
    public static double[] weightedMle(UnivariateFamily family, double[] lower, double[] upper, double[] weights,
            double[] start) {
        if (family.hasCdfHessian() && !PLAIN_GRADIENT) {
            return CensoredNewton.maximize(new CensoredScore(family, lower, upper, weights), family, start);
        }
        if (family.hasCdfGradient() && !PLAIN_GRADIENT) {
            CensoredScore score = new CensoredScore(family, lower, upper, weights);
            double[] theta = MaximumLikelihood.of(CensoredFit.parameters(family, start), score::value)
                    .withGradient(score::gradient).argmax();
            return score.value(theta) >= score.value(start) ? theta : start.clone();
        }
        return weightedMleByDifferences(family, lower, upper, weights, start);
    }

    /**
     * The reference path of {@link #weightedMle}: L-BFGS on central differences of ℓ, for every
     * family (the only path for those without {@link UnivariateFamily#hasCdfGradient()}, and all of
     * them under {@code -Dmlem.censored.gradient=plain}).
     */
    static double[] weightedMleByDifferences(UnivariateFamily family, double[] lower, double[] upper,
            double[] weights, double[] start) {
        CensoredSample s = new CensoredSample(lower, upper, weights);
        ToDoubleFunction<double[]> ll = theta -> CensoredFit.logLikelihood(family, theta, s, lower, upper,
                Truncation.NONE);
        double[] theta = MaximumLikelihood.of(CensoredFit.parameters(family, start), ll::applyAsDouble).argmax();
        return ll.applyAsDouble(theta) >= ll.applyAsDouble(start) ? theta : start.clone();
    }

    /**
     * Throws a {@link RowException} naming the first row (0-based) with an exact value outside the
     * family's support or a negative finite bound the support excludes (a negative time for a
     * positive family).
     */
    public static void checkSupport(UnivariateFamily family, double[] lower, double[] upper) {
        CensoredFit.checkSupport(family, lower, upper);
    }

    /** Each row's midpoint, an open interval's finite end: where a start can place a censored row. */
    public static double[] midpoints(double[] lower, double[] upper) {
        return CensoredFit.midpoints(lower, upper);
    }

    /** The Hessian of {@code logLikelihood} at {@code theta} by Richardson-extrapolated central differences. */
    public static double[][] hessian(ToDoubleFunction<double[]> logLikelihood, double[] theta) {
        return Richardson.hessian(logLikelihood, theta);
    }

    /**
     * The inverse observed information (−H)⁻¹ of {@code logLikelihood} at {@code theta}, its Hessian
     * H from Richardson-extrapolated central differences; NaN everywhere when −H is not positive
     * definite.
     */
    public static double[][] observedCovariance(ToDoubleFunction<double[]> logLikelihood, double[] theta) {
        return covariance(Richardson.hessian(logLikelihood, theta));
    }

    /** (−H)⁻¹ of the Hessian H; NaN everywhere when −H is not positive definite. */
    static double[][] covariance(double[][] hessian) {
        org.hipparchus.linear.DecompositionSolver solver = NewtonPolish.informationSolver(hessian);
        double[][] cov = new double[hessian.length][hessian.length];
        if (solver == null) {
            for (double[] row : cov) {
                java.util.Arrays.fill(row, Double.NaN);
            }
            return cov;
        }
        return solver.getInverse().getData();
    }
}
