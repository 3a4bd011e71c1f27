package org.mlem.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link EdfStatistics#run} over runs of a sorted sample (a cluster's sorted partitions) against
 * {@link EdfStatistics#of} on the whole sample (fitdistrplus's gofstat, held by
 * GofstatAgreementTest): KS exactly, Cramér–von Mises and Anderson–Darling to 1e-12 relative
 * (the same terms summed in another order), for 1, 3 and 7 runs with ties.
 */
class EdfRunsTest {
    @Test
    void runsOfTheSortedSampleAddUpToTheWholeSamplesStatistics() {
        SplittableRandom r = new SplittableRandom(41);
        Distribution d = Families.gamma().of(new double[] {2, 1.5});
        double[] x = d.sample(97, r);
        for (int i = 0; i < 10; i++) {
            x[i] = x[i + 10];   // ties
        }
        EdfStatistics whole = EdfStatistics.of(d, x);
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        for (int parts : new int[] {1, 3, 7}) {
            double ks = 0;
            double cvm = 0;
            double ad = 0;
            for (int p = 0; p < parts; p++) {
                int from = n * p / parts;
                int to = n * (p + 1) / parts;
                double[] run = EdfStatistics.run(d, Arrays.copyOfRange(sorted, from, to), from, n);
                ks = Math.max(ks, run[0]);
                cvm += run[1];
                ad += run[2];
            }
            EdfStatistics got = EdfStatistics.fromRuns(ks, cvm, ad, n);
            assertThat(got.ks()).as(parts + " runs").isEqualTo(whole.ks());
            assertThat(got.cvm()).as(parts + " runs").isCloseTo(whole.cvm(), within(1e-12 * whole.cvm()));
            assertThat(got.ad()).as(parts + " runs").isCloseTo(whole.ad(), within(1e-12 * Math.abs(whole.ad())));
        }
    }
}
