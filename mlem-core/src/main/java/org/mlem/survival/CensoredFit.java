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
 * Maximum likelihood for a univariate family from censored and truncated rows, as R's
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
 *
 * <p>Count families (poisson, negbin, geometric, binomial, bernoulli) take inclusive bounds: a row
 * [l, u] says l ≤ X ≤ u (right-censored at l: X ≥ l), its probability F(u) − F(l − 1); truncated
 * below A and above B, only A &lt; X ≤ B is observed ({@link CountRows}, which also checks that
 * bounds are counts). Their start is the plain fit to each row's whole midpoint, and a
 * probability is optimised on its logit.
 */
public final class CensoredFit {
    private static final Set<String> REAL_PARAMETERS = Set.of("mean", "meanlog", "location");
    private static final Set<String> PROBABILITIES = Set.of("prob");
    /** How far inside (0, 1) a probability's start is kept, so that its logit is finite. */
    private static final double PROBABILITY_MARGIN = 1e-6;

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
     * @throws MlemUserException for an exact value or a censoring bound outside the support, a row
     *     the truncation excludes (each naming its 1-based row), a count family's truncation point
     *     that is not a whole number, or the categorical family
     */
    public static Result fit(UnivariateFamily family, CensoredSample s, Truncation t) {
        CensoredSample rows = family.isDiscrete() ? CountRows.halfOpen(family, s, t) : s;
        if (!family.isDiscrete()) {
            t.check(s);
            checkSupport(family, s.lower(), s.upper());
        }
        double[] lo = rows.lower();
        double[] hi = rows.upper();
        if (s.allExact() && !t.truncates()) {
            return new Result(family.fitWeighted(lo, s.weights()), s, t, true, 0);
        }
        clip(lo, hi, t);
        double[] start = family.isDiscrete() ? start(family, s, CountRows.startValues(s)) : start(family, s, lo, hi);
        LogLikelihood ll = theta -> logLikelihood(family, theta, rows, lo, hi, t);
        double total = 0;
        for (int i = 0; i < s.rows(); i++) {
            total += s.weight(i);
        }
        Optimum o = optimise(family, start, ll, total);
        return new Result(o.fit(), s, t, o.converged(), o.iterations());
    }

    /**
     * The rows as the likelihood reads them, each censored row as (l, u] with P(l &lt; X ≤ u) =
     * F(u) − F(l): a count family's inclusive bounds [l, u] become (l − 1, u] ({@link CountRows});
     * a continuous family's rows are returned as they are. What a picture of the data's survival
     * curve (Kaplan–Meier, Turnbull) should be drawn from.
     *
     * @throws MlemUserException as {@link #fit} for a bound outside a count family's support
     */
    public static CensoredSample likelihoodRows(UnivariateFamily family, CensoredSample s) {
        return family.isDiscrete() ? CountRows.halfOpen(family, s, Truncation.NONE) : s;
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
     * @throws MlemUserException for the categorical family with censored or truncated rows
     * @throws RowException naming the first row outside the support or the truncation range
     */
    public static double[] rowLogLikelihoods(Distribution d, CensoredSample s, Truncation t) {
        String fix = "the model was fitted with that truncation: remove the row, or refit without it";
        UnivariateFamily family = d.family();
        CensoredSample rows = family.isDiscrete() && (t.truncates() || !s.allExact())
                ? CountRows.halfOpen(family, s, t, fix) : s;
        if (rows == s) {
            t.check(s, fix);
            checkSupport(family, s.lower(), s.upper());
        }
        double[] lo = rows.lower();
        double[] hi = rows.upper();
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

    /**
     * The family's parameters for the optimiser, on their natural scales (log for positive ones,
     * logit for a count family's probability, its start kept 1e-6 inside
     * (0, 1)), from {@code start}.
     */
    static List<Parameter> parameters(UnivariateFamily family, double[] start) {
        List<Parameter> params = new ArrayList<>();
        List<String> names = family.parameterNames();
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            params.add(isReal(name) ? Parameter.free(name, start[j])
                    : PROBABILITIES.contains(name) ? Parameter.probability(name,
                            Math.min(Math.max(start[j], PROBABILITY_MARGIN), 1 - PROBABILITY_MARGIN))
                    : Parameter.positive(name, start[j]));
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
        return start(family, s, midpoints(lo, hi));
    }

    /** The family's plain fit to {@code mid}, one value a row. */
    private static double[] start(UnivariateFamily family, CensoredSample s, double[] mid) {
        try {
            return family.fitWeighted(mid, s.weights(), false).distribution().parameterValues();
        } catch (MlemUserException noStart) {
            throw new MlemUserException("no starting values for the censored " + family.name() + " fit: its plain fit"
                    + " to the rows' midpoints failed (" + noStart.getMessage() + "); check the intervals");
        }
    }
}
