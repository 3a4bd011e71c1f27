package org.mlem.em;

import java.util.ArrayList;
import java.util.List;

/**
 * Where an EM trace fell. EM never lowers the log-likelihood when every M-step is exact, so a fall
 * beyond rounding means something the user should know of: a ridge ({@code regCovar}) holding up a
 * collapsing component, an inner optimisation stopped early, or a fault. It is reported, never
 * passed over.
 */
public final class TraceFalls {
    private TraceFalls() {}

    /**
     * Relative size of a fall taken to be rounding: a log-likelihood summed over n rows is exact to
     * about n ulps of its terms, far below this fraction of max(1, |ℓ|, n).
     */
    public static final double ROUNDING = 1e-11;

    /**
     * A fall of the log-likelihood from {@code trace[iteration − 1]} to {@code trace[iteration]}.
     *
     * @param amount how far it fell (positive)
     */
    public record Fall(int iteration, double amount) {}

    /** The falls beyond rounding in {@code trace} (of a fit to rows of total weight {@code totalWeight}), in order. */
    public static List<Fall> of(double[] trace, double totalWeight) {
        List<Fall> falls = new ArrayList<>();
        for (int t = 1; t < trace.length; t++) {
            double drop = trace[t - 1] - trace[t];
            double scale = Math.max(1.0, Math.max(Math.abs(trace[t - 1]), Math.abs(totalWeight)));
            if (drop > ROUNDING * scale) {
                falls.add(new Fall(t, drop));
            }
        }
        return falls;
    }

    /** One line for a user: how many falls, the largest and where; null when there are none. */
    public static String warning(List<Fall> falls) {
        if (falls.isEmpty()) {
            return null;
        }
        Fall largest = falls.get(0);
        for (Fall f : falls) {
            if (f.amount() > largest.amount()) {
                largest = f;
            }
        }
        return String.format(java.util.Locale.ROOT,
                "the log-likelihood fell at %d iteration%s (by up to %.3g, at iteration %d); EM's M-step should never "
                        + "lower it: a component near collapse held up by the ridge (raise --reg-covar or use fewer "
                        + "components) or an inner optimisation that stopped early",
                falls.size(), falls.size() == 1 ? "" : "s", largest.amount(), largest.iteration());
    }
}
