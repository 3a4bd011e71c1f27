package org.mlem.uncertainty;

import java.util.Arrays;
import java.util.List;

/**
 * Bootstrap standard errors and percentile intervals, one entry per reported parameter.
 *
 * @param estimates the parameters (for a Gaussian mixture {@link GmmParameters}' reported
 *     layout), the fitted model's values, and as standard errors the standard deviation of the
 *     replicates' values (divisor B−1, B the successful replicates; NaN when fewer than 2 succeeded)
 * @param lower the (1 − confidence)/2 quantile of the replicates (R's type 7, linear between order statistics)
 * @param upper the (1 + confidence)/2 quantile
 * @param confidence the interval's nominal level, e.g. 0.95 for the 2.5% and 97.5% percentiles
 * @param kind how the replicates were drawn
 * @param draws the successful replicates' values, B rows in replicate order
 * @param failures the replicates that could not be fit, with the reason
 */
public record BootstrapResult(ParameterEstimates estimates, double[] lower, double[] upper, double confidence,
        BootstrapKind kind, double[][] draws, List<Failure> failures) {

    /** A replicate that could not be fit: its index (0-based) and the user-facing message. */
    public record Failure(int replicate, String message) {}

    public BootstrapResult {
        lower = lower.clone();
        upper = upper.clone();
        draws = ParameterEstimates.deepCopy(draws);
        failures = List.copyOf(failures);
    }

    /** Replicates fit successfully. */
    public int replicates() {
        return draws.length;
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    @Override
    public double[][] draws() {
        return ParameterEstimates.deepCopy(draws);
    }

    /** Summarises replicate draws (B×p) for parameters with the given names and estimates. */
    public static BootstrapResult summarise(List<String> names, double[] estimate, double[][] draws, double confidence,
            BootstrapKind kind, List<Failure> failures) {
        int p = names.size();
        double[] se = new double[p];
        double[] lo = new double[p];
        double[] hi = new double[p];
        double[] column = new double[draws.length];
        for (int q = 0; q < p; q++) {
            double mean = 0;
            for (int b = 0; b < draws.length; b++) {
                column[b] = draws[b][q];
                mean += column[b];
            }
            mean /= draws.length;
            double ss = 0;
            for (double v : column) {
                ss += (v - mean) * (v - mean);
            }
            se[q] = draws.length < 2 ? Double.NaN : Math.sqrt(ss / (draws.length - 1));
            Arrays.sort(column);
            lo[q] = quantile(column, (1 - confidence) / 2);
            hi[q] = quantile(column, (1 + confidence) / 2);
        }
        return new BootstrapResult(new ParameterEstimates(names, estimate, se), lo, hi, confidence, kind, draws, failures);
    }

    /** R's type-7 quantile of sorted values: {@code x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])}, h = (B−1)q; NaN when empty. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
