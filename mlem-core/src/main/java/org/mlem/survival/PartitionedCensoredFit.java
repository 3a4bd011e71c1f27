package org.mlem.survival;

import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.mlem.MlemUserException;
import org.mlem.dist.FittedDistribution;
import org.mlem.dist.PartitionedDist;
import org.mlem.dist.UnivariateFamily;
import org.mlem.optim.MaximumLikelihood;
import org.mlem.optim.MleFit;

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
     * The first row (0-based, in the part) that {@link CensoredFit#fit} refuses, or null: an exact
     * value outside the support, a negative censoring bound of a positive family, a row the
     * truncation excludes. Each part's, the caller naming the row in the whole data.
     */
    public static RowException firstFault(UnivariateFamily family, CensoredSample part, Truncation t) {
        try {
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
     * @throws MlemUserException as {@link CensoredFit#fit}: a count family, no start
     */
    public static Result fit(UnivariateFamily family, Passes passes, Truncation t, Supplier<CensoredSample> sample) {
        if (family.isDiscrete()) {
            throw new MlemUserException("censoring and truncation are implemented for continuous families; "
                    + family.name() + " is a count family: fit it without status, upper bounds or truncation");
        }
        double[] kinds = passes.reduce(part -> {
            double[] out = new double[CensoredSample.Kind.values().length];
            for (int i = 0; i < part.rows(); i++) {
                out[part.kind(i).ordinal()]++;
            }
            return out;
        }, CensoredSample.Kind.values().length);
        long[] counts = new long[kinds.length];
        long rows = 0;
        for (int k = 0; k < kinds.length; k++) {
            counts[k] = (long) kinds[k];
            rows += counts[k];
        }
        PartitionedDist.Passes<PartitionedDist.Part> midpoints = (f, summed) -> passes.reduce(part -> f.of(midpoints(part, t)), summed);
        Supplier<PartitionedDist.Part> start = () -> midpoints(sample.get(), t);
        if (counts[CensoredSample.Kind.EXACT.ordinal()] == rows && !t.truncates()) {
            return new Result(PartitionedDist.fit(family, midpoints, start), counts, true, 0);
        }
        double outside = midpoints.reduce(part -> {
            for (double x : part.x()) {
                if (family.supportFault(x) != null) {
                    return new double[] {1};
                }
            }
            return new double[] {0};
        }, 1)[0];
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
        ToDoubleFunction<double[]> ll = theta -> {
            double[] at = theta.clone();
            double[] sums = passes.reduce(part -> {
                double[] lo = part.lower();
                double[] hi = part.upper();
                CensoredFit.clip(lo, hi, t);
                return CensoredFit.rowSums(family, at, part, lo, hi);
            }, 2);
            return CensoredFit.truncated(family, at, sums, t);
        };
        double total = passes.reduce(part -> {
            double sum = 0;
            for (int i = 0; i < part.rows(); i++) {
                sum += part.weight(i);
            }
            return new double[] {sum};
        }, 1)[0];
        CensoredFit.Optimum o = CensoredFit.optimise(family, theta0, ll, total);
        return new Result(o.fit(), counts, o.converged(), o.iterations());
    }

    /** The part's midpoints of its bounds clipped to the truncation (an open interval's finite end) and weights. */
    private static PartitionedDist.Part midpoints(CensoredSample part, Truncation t) {
        double[] lo = part.lower();
        double[] hi = part.upper();
        CensoredFit.clip(lo, hi, t);
        return new PartitionedDist.Part(CensoredFit.midpoints(lo, hi), part.weights());
    }
}
