package org.mlem.survival;

import java.util.function.Supplier;
import org.mlem.MlemUserException;
import org.mlem.dist.FittedDistribution;
import org.mlem.dist.PartitionedDist;
import org.mlem.dist.UnivariateFamily;
import org.mlem.optim.LogLikelihood;

/**
 * {@link CensoredFit#fit}'s answer over censored and truncated rows held in parts (a cluster's
 * partitions): the same start (the family's plain fit to the rows' midpoints, by {@link
 * PartitionedDist#fit}), the same L-BFGS on the same scales and the same Newton polish, with the
 * log-likelihood at each point summed over the parts (one pass an evaluation) and the truncation
 * term added once. With one part the log-likelihood is the single machine's sum, so the path and
 * the answer are its bits whenever the start is; otherwise the sums differ in rounding only.
 */
public final class PartitionedCensoredFit {
    private PartitionedCensoredFit() {
    }

    /** Passes over the parts' rows (their bounds as given, not clipped), as {@link PartitionedDist}'s over values. */
    public interface Passes extends PartitionedDist.Passes<CensoredSample> {
    }

    /**
     * The fit and the rows by kind ({@link CensoredSample.Kind} order: exact, left, right, interval).
     *
     * @param converged as {@link CensoredFit.Result#converged()}
     */
    public record Result(FittedDistribution fit, long[] counts, boolean converged, int iterations) {
    }

    /**
     * Refuses, on the driver before any pass, what {@link CensoredFit#fit} refuses whatever the rows:
     * the categorical family, a count family's truncation point that is not a whole number.
     *
     * @throws MlemUserException naming the option and the fix
     */
    public static void checkOptions(UnivariateFamily family, Truncation t) {
        if (family.isDiscrete()) {
            CountRows.halfOpen(family, new CensoredSample(new double[0], new double[0], null), t);
        }
    }

    /**
     * The first row (0-based, in the part) that {@link CensoredFit#fit} refuses, or null: an exact
     * value outside the support, a negative censoring bound of a positive family (a bound that is
     * not a count of a count family), a row the truncation excludes. Each part's, the caller naming
     * the row in the whole data; the options checked first ({@link #checkOptions}).
     */
    public static RowException firstFault(UnivariateFamily family, CensoredSample part, Truncation t) {
        try {
            if (family.isDiscrete()) {
                CountRows.halfOpen(family, part, t);
                return null;
            }
            t.check(part);
            CensoredFit.checkSupport(family, part.lower(), part.upper());
            return null;
        } catch (RowException e) {
            return e;
        }
    }

    /**
     * What the single machine says (after "row N: ") of the event code {@code code}, or null when it
     * takes it: a code other than 0, 1 and 2, or ({@code mixed}: the data hold both 0 and 2 codes) a 2
     * among 0/1 codes ({@link CensoredSample#ofStatus}).
     */
    public static String statusFault(double code, boolean mixed) {
        try {
            CensoredSample.events(mixed ? new double[] {0, code} : new double[] {code});
            return null;
        } catch (RowException e) {
            return e.problem();
        }
    }

    /**
     * Fits {@code family} to every part's rows, checked by the caller ({@link #firstFault}).
     *
     * @param sample rows on the driver for the Newton families' start (see {@link PartitionedDist#fit})
     * @throws MlemUserException as {@link CensoredFit#fit}: the categorical family, no start
     */
    public static Result fit(UnivariateFamily family, Passes passes, Truncation t, Supplier<CensoredSample> sample) {
        checkOptions(family, t);
        // one pass: the rows by kind, their total weight, and whether a midpoint lies outside the support
        int kindCount = CensoredSample.Kind.values().length;
        double[] first = passes.reduce(part -> {
            double[] out = new double[kindCount + 2];
            for (int i = 0; i < part.rows(); i++) {
                out[part.kind(i).ordinal()]++;
                out[kindCount] += part.weight(i);
            }
            for (double x : starts(family, part, t).x()) {
                if (family.supportFault(x) != null) {
                    out[kindCount + 1] = 1;
                    break;
                }
            }
            return out;
        }, kindCount + 2);
        long[] counts = new long[kindCount];
        long rows = 0;
        for (int k = 0; k < kindCount; k++) {
            counts[k] = (long) first[k];
            rows += counts[k];
        }
        double total = first[kindCount];
        double outside = first[kindCount + 1];
        PartitionedDist.Passes<PartitionedDist.Part> midpoints = (f, summed) -> passes.reduce(
                part -> f.of(starts(family, part, t)), summed);
        Supplier<PartitionedDist.Part> start = () -> starts(family, sample.get(), t);
        if (counts[CensoredSample.Kind.EXACT.ordinal()] == rows && !t.truncates()) {
            return new Result(PartitionedDist.fit(family, midpoints, start), counts, true, 0);
        }
        double[] theta0;
        try {
            if (outside > 0) {
                throw new MlemUserException("a midpoint lies outside the " + family.name() + " family's support");
            }
            theta0 = PartitionedDist.fit(family, midpoints, start).distribution().parameterValues();
        } catch (MlemUserException noStart) {
            throw new MlemUserException("no starting values for the censored " + family.name() + " fit: its plain fit"
                    + " to the rows' midpoints failed (" + noStart.getMessage() + "); check the intervals");
        }
        LogLikelihood ll = new LogLikelihood() {
            @Override
            public double value(double[] theta) {
                return values(new double[][] {theta})[0];
            }

            @Override
            public double[] values(double[][] thetas) {
                return logLikelihoods(family, passes, t, thetas);
            }
        };
        CensoredFit.Optimum o = CensoredFit.optimise(family, theta0, ll, total);
        return new Result(o.fit(), counts, o.converged(), o.iterations());
    }

    /**
     * ℓ at each of {@code thetas} in one pass: each part's Σw·log f or Σw·log P(l &lt; X ≤ u) and Σw
     * at every point (the single machine's {@link CensoredFit#rowSums}), the truncation term added
     * on the driver.
     */
    private static double[] logLikelihoods(UnivariateFamily family, Passes passes, Truncation t, double[][] thetas) {
        double[][] at = new double[thetas.length][];
        for (int k = 0; k < at.length; k++) {
            at[k] = thetas[k].clone();
        }
        double[] sums = passes.reduce(part -> {
            CensoredSample rows = CensoredFit.likelihoodRows(family, part);
            double[] lo = rows.lower();
            double[] hi = rows.upper();
            CensoredFit.clip(lo, hi, t);
            double[] out = new double[2 * at.length];
            for (int k = 0; k < at.length; k++) {
                System.arraycopy(CensoredFit.rowSums(family, at[k], rows, lo, hi), 0, out, 2 * k, 2);
            }
            return out;
        }, 2 * at.length);
        double[] out = new double[at.length];
        for (int k = 0; k < at.length; k++) {
            out[k] = CensoredFit.truncated(family, at[k], new double[] {sums[2 * k], sums[2 * k + 1]}, t);
        }
        return out;
    }

    /** The values the start is fitted to: a count family's whole midpoints ({@link CountRows#startValues}), else {@link #midpoints}. */
    private static PartitionedDist.Part starts(UnivariateFamily family, CensoredSample part, Truncation t) {
        return family.isDiscrete() ? new PartitionedDist.Part(CountRows.startValues(part), part.weights())
                : midpoints(part, t);
    }

    /** The part's midpoints of its bounds clipped to the truncation (an open interval's finite end) and weights. */
    private static PartitionedDist.Part midpoints(CensoredSample part, Truncation t) {
        double[] lo = part.lower();
        double[] hi = part.upper();
        CensoredFit.clip(lo, hi, t);
        return new PartitionedDist.Part(CensoredFit.midpoints(lo, hi), part.weights());
    }
}
