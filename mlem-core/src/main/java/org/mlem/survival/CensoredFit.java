package org.mlem.survival;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mlem.MlemUserException;
import org.mlem.dist.Distribution;
import org.mlem.dist.FittedDistribution;
import org.mlem.dist.UnivariateFamily;
import org.mlem.optim.LogLikelihood;
import org.mlem.optim.MaximumLikelihood;
import org.mlem.optim.MleFit;
import org.mlem.optim.Parameter;

/**
 * Maximum likelihood for a continuous univariate family from censored and truncated rows, as R's
 * {@code fitdistrplus::fitdistcens} (which has no truncation). With the rows clipped to the
 * truncation range [A, B], the log-likelihood is
 * <pre>
 *   Σ_exact w log f(x) + Σ_left w log F(u) + Σ_right w log S(l) + Σ_interval w log(F(u) − F(l))
 *     − Σ w log(F(B) − F(A))
 * </pre>
 * maximised by L-BFGS on each parameter's natural scale (log for positive parameters) from the
 * family's plain fit to the rows' midpoints (open intervals: their finite end), then polished by
 * Newton steps on Richardson-extrapolated derivatives ({@link NewtonPolish}); standard errors from
 * the inverse of that observed information. When every row is exact and nothing
 * is truncated the fit is the family's own {@link UnivariateFamily#fitWeighted} (the same bits).
 */
public final class CensoredFit {
    private static final Set<String> REAL_PARAMETERS = Set.of("mean", "meanlog", "location");

    private CensoredFit() {
    }

    /**
     * The result: the fitted family (n is the total weight, the KS statistic NaN when anything is
     * censored or truncated), whether L-BFGS met its gradient test, and its iterations.
     */
    public record Result(FittedDistribution fit, CensoredSample sample, Truncation truncation, boolean converged,
                         int iterations) {
    }

    /**
     * Fits {@code family} to the rows.
     *
     * @throws MlemUserException for a discrete family, an exact value outside the support, or a row
     *     the truncation excludes (each naming its 1-based row)
     */
    public static Result fit(UnivariateFamily family, CensoredSample s, Truncation t) {
        if (family.isDiscrete()) {
            throw new MlemUserException("censoring and truncation are implemented for continuous families; "
                    + family.name() + " is a count family: fit it without --interval/--status/--truncate-*");
        }
        t.check(s);
        double[] lo = s.lower();
        double[] hi = s.upper();
        checkSupport(family, lo, hi);
        if (s.allExact() && !t.truncates()) {
            return new Result(family.fitWeighted(lo, s.weights()), s, t, true, 0);
        }
        clip(lo, hi, t);
        double[] start = start(family, s, lo, hi);
        LogLikelihood ll = theta -> logLikelihood(family, theta, s, lo, hi, t);
        double total = 0;
        for (int i = 0; i < s.rows(); i++) {
            total += s.weight(i);
        }
        Optimum o = optimise(family, start, ll, total);
        return new Result(o.fit(), s, t, o.converged(), o.iterations());
    }

    /** The maximum of {@code ll}: L-BFGS from {@code start}, then the Newton polish. */
    record Optimum(FittedDistribution fit, boolean converged, int iterations) {
    }

    /**
     * L-BFGS on each parameter's natural scale from {@code start}, then Newton steps on
     * Richardson-extrapolated derivatives and the observed information there; {@code total} is the
     * fit's n (the total weight).
     */
    static Optimum optimise(UnivariateFamily family, double[] start, LogLikelihood ll, double total) {
        List<Parameter> params = parameters(family, start);
        MleFit mle = MaximumLikelihood.of(params, ll).fit();
        NewtonPolish.Result polished = NewtonPolish.run(ll, mle.estimates());
        FittedDistribution fit = new FittedDistribution(family.of(polished.theta()), polished.logLikelihood(), total,
                family.parameterNames().size(), polished.covariance(), Double.NaN);
        return new Optimum(fit, mle.converged() || polished.converged(), mle.iterations());
    }

    /**
     * Each row's log-likelihood under {@code d}, as {@link #fit} sums them before weighting: an exact
     * row's log density, a censored row's log-probability of its interval clipped to the truncation
     * range, each less log(F(B) − F(A)) when {@code t} truncates; {@code mlem score} of a censored or
     * truncated distribution file.
     *
     * @throws MlemUserException for a discrete family with censored or truncated rows
     * @throws RowException naming the first row outside the support or the truncation range
     */
    public static double[] rowLogLikelihoods(Distribution d, CensoredSample s, Truncation t) {
        if (d.family().isDiscrete() && (t.truncates() || !s.allExact())) {
            throw new MlemUserException("censoring and truncation are implemented for continuous families; "
                    + d.family().name() + " is a count family: score its rows as exact values");
        }
        t.check(s, "the model was fitted with that truncation: remove the row, or refit without it");
        double[] lo = s.lower();
        double[] hi = s.upper();
        checkSupport(d.family(), lo, hi);
        clip(lo, hi, t);
        double logMass = t.truncates() ? Math.log(mass(d, t.below(), t.above())) : 0;
        double[] out = new double[lo.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (lo[i] == hi[i] ? d.logDensity(lo[i]) : Math.log(mass(d, lo[i], hi[i]))) - logMass;
        }
        return out;
    }

    /** Whether the parameter takes any real value (else it is positive, optimised on its log). */
    static boolean isReal(String parameter) {
        return REAL_PARAMETERS.contains(parameter);
    }

    /** The family's parameters for the optimiser, on their natural scales (log for positive ones), from {@code start}. */
    static List<Parameter> parameters(UnivariateFamily family, double[] start) {
        List<Parameter> params = new ArrayList<>();
        List<String> names = family.parameterNames();
        for (int j = 0; j < names.size(); j++) {
            params.add(isReal(names.get(j)) ? Parameter.free(names.get(j), start[j])
                    : Parameter.positive(names.get(j), start[j]));
        }
        return params;
    }

    /**
     * The log-likelihood above at θ (−∞ where a row has probability 0); {@code lo}, {@code hi} the
     * rows' bounds already clipped to the truncation range.
     */
    static double logLikelihood(UnivariateFamily family, double[] theta, CensoredSample s, double[] lo, double[] hi,
            Truncation t) {
        return truncated(family, theta, rowSums(family, theta, s, lo, hi), t);
    }

    /**
     * Σ w·(log f(x) or log P(lo &lt; X ≤ hi)) over the rows of positive weight and Σ w of those rows,
     * at θ ({−∞, 0} outside the parameter space); {@code lo}, {@code hi} clipped to the truncation range.
     */
    static double[] rowSums(UnivariateFamily family, double[] theta, CensoredSample s, double[] lo, double[] hi) {
        Distribution d;
        try {
            d = family.of(theta);
        } catch (MlemUserException outsideParameterSpace) {
            return new double[] {Double.NEGATIVE_INFINITY, 0};
        }
        double ll = 0;
        double total = 0;
        for (int i = 0; i < lo.length; i++) {
            double w = s.weight(i);
            if (w == 0) {
                continue;
            }
            total += w;
            if (lo[i] == hi[i]) {
                ll += w * d.logDensity(lo[i]);
            } else {
                ll += w * Math.log(mass(d, lo[i], hi[i]));
            }
        }
        return new double[] {ll, total};
    }

    /** The log-likelihood from {@link #rowSums} (summed over parts): less Σw·log(F(B) − F(A)) when {@code t} truncates. */
    static double truncated(UnivariateFamily family, double[] theta, double[] sums, Truncation t) {
        if (!t.truncates()) {
            return sums[0];
        }
        Distribution d;
        try {
            d = family.of(theta);
        } catch (MlemUserException outsideParameterSpace) {
            return Double.NEGATIVE_INFINITY;
        }
        return sums[0] - sums[1] * Math.log(mass(d, t.below(), t.above()));
    }

    /**
     * P(lo &lt; X ≤ hi) from the tail where it keeps its digits: S(lo) − S(hi) when lo is above the
     * median (fitdistcens's 1 − F(lo) loses them for a right-censored row far out), F(hi) − F(lo)
     * otherwise.
     */
    static double mass(Distribution d, double lo, double hi) {
        if (lo == Double.NEGATIVE_INFINITY) {
            return hi == Double.POSITIVE_INFINITY ? 1 : d.cdf(hi);
        }
        double below = d.cdf(lo);
        if (below > 0.5) {
            return d.survival(lo) - (hi == Double.POSITIVE_INFINITY ? 0 : d.survival(hi));
        }
        return (hi == Double.POSITIVE_INFINITY ? 1 : d.cdf(hi)) - below;
    }

    /**
     * Throws naming the first row with an exact value outside the family's support, or a finite
     * bound below zero that the family's support excludes (a negative time for a positive family).
     */
    static void checkSupport(UnivariateFamily family, double[] lo, double[] hi) {
        for (int i = 0; i < lo.length; i++) {
            if (lo[i] == hi[i]) {
                try {
                    family.checkSupport(new double[] {lo[i]});
                } catch (MlemUserException e) {
                    throw new RowException(i, e.getMessage().replaceFirst("^row 1: ", ""));
                }
            } else {
                checkBound(family, i, lo[i]);
                checkBound(family, i, hi[i]);
            }
        }
    }

    private static void checkBound(UnivariateFamily family, int row, double bound) {
        if (bound < 0 && Double.isFinite(bound)) {
            try {
                family.checkSupport(new double[] {bound});
            } catch (MlemUserException e) {
                throw new RowException(row, "the censoring bound " + bound + " is negative, but " + family.name()
                        + " values are positive; correct the row (a time cannot be negative)");
            }
        }
    }

    static void clip(double[] lo, double[] hi, Truncation t) {
        for (int i = 0; i < lo.length; i++) {
            if (lo[i] != hi[i]) {
                lo[i] = Math.max(lo[i], t.below());
                hi[i] = Math.min(hi[i], t.above());
            }
        }
    }

    /** Each row's midpoint, an open interval's finite end. */
    static double[] midpoints(double[] lo, double[] hi) {
        double[] mid = new double[lo.length];
        for (int i = 0; i < mid.length; i++) {
            mid[i] = lo[i] == Double.NEGATIVE_INFINITY ? hi[i]
                    : hi[i] == Double.POSITIVE_INFINITY ? lo[i] : (lo[i] + hi[i]) / 2;
        }
        return mid;
    }

    /** The family's plain fit to each row's midpoint (an open interval's finite end). */
    private static double[] start(UnivariateFamily family, CensoredSample s, double[] lo, double[] hi) {
        double[] mid = midpoints(lo, hi);
        try {
            return family.fitWeighted(mid, s.weights(), false).distribution().parameterValues();
        } catch (MlemUserException noStart) {
            throw new MlemUserException("no starting values for the censored " + family.name() + " fit: its plain fit"
                    + " to the rows' midpoints failed (" + noStart.getMessage() + "); check the intervals");
        }
    }
}
