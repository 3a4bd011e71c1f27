package org.mlem.dist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * Pearson's chi-squared statistic of a fitted count distribution over cells built from the data,
 * exactly as {@code fitdistrplus::gofstat} builds them: with the sorted sample s and
 * {@code meancount} = round(n / (4n)^(2/5)) (R's round, half to even), while more than
 * ceil(1.5·meancount) values remain, the {@code meancount}-th smallest remaining value becomes a
 * cell's upper break and every value up to it leaves the sample. The cells are (−∞, b₁],
 * (b₁, b₂], …, and (b_last, ∞) unless both the fitted and the empirical cdf reach 1 at b_last.
 * Observed counts O_j, expected E_j = n·P(cell j) from the fitted cdf;
 * χ² = Σ (O_j − E_j)²/E_j with {@code df} = cells − 1 − parameters, and the upper-tail p-value of
 * χ²_df (NaN when df ≤ 0, where gofstat gives none). With too few values for two cells there is
 * no statistic: every field NaN, df 0, no breaks.
 *
 * @param breaks the cells' upper breaks, ascending
 * @param observed the observed count in each cell
 * @param expected the expected count in each cell
 */
public record ChiSquaredStatistic(double chisq, int df, double pValue, double[] breaks, double[] observed,
                                  double[] expected) implements GoodnessOfFit {

    public ChiSquaredStatistic {
        breaks = breaks.clone();
        observed = observed.clone();
        expected = expected.clone();
    }

    @Override
    public double[] breaks() {
        return breaks.clone();
    }

    @Override
    public double[] observed() {
        return observed.clone();
    }

    @Override
    public double[] expected() {
        return expected.clone();
    }

    /** True when the sample had enough values for cells (gofstat's chisq is not NULL). */
    public boolean computed() {
        return breaks.length > 0;
    }

    /** The statistic of {@code d} (its parameter count from its family) on sample {@code x} (not modified). */
    public static ChiSquaredStatistic of(Distribution d, double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        List<Double> values = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) {
                values.add(s[i]);
                counts.add(0L);
            }
            counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
        }
        return ofCounts(d, values.stream().mapToDouble(Double::doubleValue).toArray(),
                counts.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * The statistic of {@code d} on the sample tabulated as its distinct values (ascending) and how
     * often each occurs: {@link #of}'s answer from a table a cluster can count.
     */
    public static ChiSquaredStatistic ofCounts(Distribution d, double[] values, long[] counts) {
        long[] upTo = new long[values.length]; // values <= values[v]
        long cum = 0;
        for (int v = 0; v < values.length; v++) {
            cum += counts[v];
            upTo[v] = cum;
        }
        long n = cum;
        double[] breaks = breaks(values, upTo);
        if (breaks.length == 0) {
            return new ChiSquaredStatistic(Double.NaN, 0, Double.NaN, breaks, new double[0], new double[0]);
        }
        int nb = breaks.length;
        double[] cdf = new double[nb];
        double[] below = new double[nb]; // rows <= each break
        int at = 0;
        for (int j = 0; j < nb; j++) {
            cdf[j] = d.cdf(breaks[j]);
            while (at < values.length && values[at] <= breaks[j]) {
                at++;
            }
            below[j] = at == 0 ? 0 : upTo[at - 1];
        }
        boolean tail = !(cdf[nb - 1] == 1 && below[nb - 1] == n);
        int cells = tail ? nb + 1 : nb;
        double[] observed = new double[cells];
        double[] expected = new double[cells];
        for (int j = 0; j < nb; j++) {
            observed[j] = below[j] - (j == 0 ? 0 : below[j - 1]);
            expected[j] = n * (cdf[j] - (j == 0 ? 0 : cdf[j - 1]));
        }
        if (tail) {
            observed[nb] = n - below[nb - 1];
            expected[nb] = n * (1 - cdf[nb - 1]);
        }
        double chisq = 0;
        for (int j = 0; j < cells; j++) {
            double r = observed[j] - expected[j];
            chisq += r * r / expected[j];
        }
        int df = cells - 1 - d.parameterNames().size();
        double p = df > 0 ? Gamma.regularizedGammaQ(df / 2.0, chisq / 2.0) : Double.NaN;
        return new ChiSquaredStatistic(chisq, df, p, breaks, observed, expected);
    }

    /**
     * gofstat's breaks from the tabulated sample (distinct values ascending, {@code upTo[v]} the
     * values ≤ values[v]); empty when it has too few values.
     */
    static double[] breaks(double[] values, long[] upTo) {
        long n = upTo.length == 0 ? 0 : upTo[upTo.length - 1];
        int meancount = (int) Math.rint(n / Math.pow(4.0 * n, 0.4));
        int keep = (int) Math.ceil(1.5 * meancount);
        List<Double> out = new ArrayList<>();
        long from = 0; // the remaining sample is the sorted sample's [from..n)
        int v = 0;     // the first distinct value not yet removed
        while (n - from > keep) {
            long rank = from + meancount - 1; // 0-based rank of the limit in the sorted sample
            while (upTo[v] <= rank) {
                v++;
            }
            double limit = values[v];
            out.add(limit);
            from = upTo[v];
            v++;
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
