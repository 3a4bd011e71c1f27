package org.mlem.dist;

import java.util.Arrays;

/**
 * The statistics comparing the empirical cdf of a sample with a fitted continuous cdf F, as
 * {@code fitdistrplus::gofstat} computes them from the sorted sample x₍₁₎ ≤ … ≤ x₍ₙ₎ and
 * F_i = F(x₍ᵢ₎) (D'Agostino and Stephens, 1986, Goodness-of-Fit Techniques, ch. 4):
 * <ul>
 *   <li>Kolmogorov–Smirnov {@code ks} = max_i max(|F_i − i/n|, |F_i − (i−1)/n|);</li>
 *   <li>Cramér–von Mises {@code cvm} = 1/(12n) + Σ (F_i − (2i−1)/(2n))²;</li>
 *   <li>Anderson–Darling {@code ad} = −n − (1/n) Σ (2i−1)(log F_i + log(1 − F_{n+1−i})).</li>
 * </ul>
 * Larger is a worse fit. The statistics are those of the fitted parameters, so their usual
 * critical values (for a fully specified F) do not apply. Ties are taken one row at a time, as
 * gofstat does. {@code ad} is +∞ when some F_i is 0 or 1 (a row in a tail the fit gives no mass).
 */
public record EdfStatistics(double ks, double cvm, double ad) implements GoodnessOfFit {

    /** The statistics of continuous {@code d} on sample {@code x} (not modified). */
    public static EdfStatistics of(Distribution d, double[] x) {
        double[] f = x.clone();
        Arrays.sort(f);
        for (int i = 0; i < f.length; i++) {
            f[i] = d.cdf(f[i]);
        }
        return fromSortedCdf(f);
    }

    /**
     * One run of the sorted sample's statistics, for a sample sorted across parts (a cluster's
     * partitions): {largest KS distance, Σ (F_i − (2i−1)/(2n))², Σ [(2i−1) log F_i + (2n−2i+1)
     * log(1 − F_i)]} over the run's values, {@code before} values preceding it. The AD sum is the
     * one above, each F_i's two terms taken at its own row; {@link #fromRuns} adds the runs up.
     *
     * @param sorted the run's values, ascending
     */
    public static double[] run(Distribution d, double[] sorted, long before, long n) {
        double ks = 0;
        double cvm = 0;
        double ad = 0;
        for (int i = 0; i < sorted.length; i++) {
            double f = d.cdf(sorted[i]);
            double rank = before + i + 1;
            ks = Math.max(ks, Math.max(Math.abs(f - rank / n), Math.abs(f - (rank - 1) / n)));
            double c = f - (2.0 * rank - 1) / (2.0 * n);
            cvm += c * c;
            ad += (2.0 * rank - 1) * Math.log(f) + (2.0 * n - 2.0 * rank + 1) * Math.log1p(-f);
        }
        return new double[] {ks, cvm, ad};
    }

    /** The statistics from {@link #run}'s parts: KS the largest, the sums added. */
    public static EdfStatistics fromRuns(double ks, double cvmSum, double adSum, long n) {
        return new EdfStatistics(ks, 1.0 / (12.0 * n) + cvmSum, -n - adSum / n);
    }

    /** The statistics from F at the sorted sample (ascending), the formulas above. */
    static EdfStatistics fromSortedCdf(double[] f) {
        int n = f.length;
        double ks = 0;
        double cvm = 1.0 / (12.0 * n);
        double adSum = 0;
        for (int i = 0; i < n; i++) {
            int rank = i + 1;
            ks = Math.max(ks, Math.max(Math.abs(f[i] - (double) rank / n), Math.abs(f[i] - (double) i / n)));
            double c = f[i] - (2.0 * rank - 1) / (2.0 * n);
            cvm += c * c;
            adSum += (2.0 * rank - 1) * (Math.log(f[i]) + Math.log1p(-f[n - 1 - i]));
        }
        return new EdfStatistics(ks, cvm, -n - adSum / n);
    }
}
