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
