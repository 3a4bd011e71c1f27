package org.mlem.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.dist.Families;
import org.mlem.dist.FittedDistribution;
import org.mlem.dist.UnivariateFamily;

/**
 * {@link PartitionedCensoredFit} over 1, 3 and 7 parts against {@link CensoredFit#fit} (the code
 * {@code mlem fit dist --status/--interval/--truncate-*} runs) on the same rows: estimates, standard
 * errors and the log-likelihood to 1e-9 relative; with one part and a start from sufficient
 * statistics (lognormal, normal) the single machine's bits.
 */
class PartitionedCensoredFitTest {
    private static final double TOL = 1e-9;
    private static final int MAX_PASSES = 250;

    /** Right-censored weighted weibull times (status 1 = event), 300 rows. */
    private static CensoredSample weibullStatus() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 300;
        double[] x = Families.weibull().of(new double[] {1.5, 2}).sample(n, r);
        double[] status = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double c = 3 * r.nextDouble();
            status[i] = x[i] <= c ? 1 : 0;
            x[i] = Math.min(x[i], c);
            w[i] = 1 + r.nextInt(3);
        }
        return CensoredSample.ofStatus(x, status, w);
    }

    /** Lognormal values rounded to whole intervals (k, k + 1], some left- and right-open. */
    private static CensoredSample lognormalIntervals() {
        SplittableRandom r = new SplittableRandom(4);
        int n = 300;
        double[] x = Families.lognormal().of(new double[] {1, 0.6}).sample(n, r);
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            double k = Math.floor(x[i]);
            lo[i] = i % 10 == 0 ? x[i] : k;
            hi[i] = i % 10 == 0 ? x[i] : k + 1;
            if (i % 17 == 0) {
                lo[i] = Double.NaN;
            } else if (i % 19 == 0) {
                lo[i] = x[i];   // right-censored at the value (a bound of 0 would give the start a midpoint of 0)
                hi[i] = Double.NaN;
            }
        }
        return CensoredSample.ofIntervals(lo, hi, null);
    }

    static PartitionedCensoredFit.Passes parts(CensoredSample s, int parts) {
        return parts(s, parts, new int[1]);
    }

    /** {@code s} in {@code parts} parts, each pass over them counted in {@code passes[0]}. */
    static PartitionedCensoredFit.Passes parts(CensoredSample s, int parts, int[] passes) {
        List<CensoredSample> list = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int from = s.rows() * p / parts;
            int to = s.rows() * (p + 1) / parts;
            list.add(new CensoredSample(Arrays.copyOfRange(s.lower(), from, to), Arrays.copyOfRange(s.upper(), from, to),
                    s.weights() == null ? null : Arrays.copyOfRange(s.weights(), from, to)));
        }
        return counted(list, passes);
    }

    /** Passes over the parts, each counted in {@code passes[0]}. */
    private static PartitionedCensoredFit.Passes counted(List<CensoredSample> list, int[] passes) {
        return (f, summed) -> {
            passes[0]++;
            double[] acc = null;
            for (CensoredSample part : list) {
                double[] v = f.of(part);
                if (acc == null) {
                    acc = v;
                } else {
                    for (int j = 0; j < v.length; j++) {
                        acc[j] = j < summed ? acc[j] + v[j] : Math.max(acc[j], v[j]);
                    }
                }
            }
            return acc;
        };
    }

    private static void same(UnivariateFamily family, CensoredSample s, Truncation t, boolean bitsOnOne) {
        CensoredFit.Result one = CensoredFit.fit(family, s, t);
        for (int p : new int[] {1, 3, 7}) {
            int[] passes = new int[1];
            PartitionedCensoredFit.Result got = PartitionedCensoredFit.fit(family, parts(s, p, passes), t, () -> s);
            FittedDistribution a = got.fit();
            FittedDistribution b = one.fit();
            String where = family.name() + " over " + p + " parts";
            double[] ea = a.distribution().parameterValues();
            double[] eb = b.distribution().parameterValues();
            for (int j = 0; j < ea.length; j++) {
                assertThat(ea[j]).as(where).isCloseTo(eb[j], within(TOL * Math.abs(eb[j])));
                double sa = Math.sqrt(a.covariance()[j][j]);
                double sb = Math.sqrt(b.covariance()[j][j]);
                assertThat(sa).as(where + " standard error").isCloseTo(sb, within(1e-6 * sb));
            }
            assertThat(a.logLikelihood()).as(where).isCloseTo(b.logLikelihood(), within(TOL * Math.abs(b.logLikelihood())));
            assertThat(a.n()).isEqualTo(b.n());
            assertThat(got.converged()).isEqualTo(one.converged());
            // every Richardson and difference stencil is one pass (Stencil): measured 16 to 213 passes a
            // fit here, 144 to 1219 when each point was a pass
            assertThat(passes[0]).as(where + ": passes").isLessThanOrEqualTo(MAX_PASSES);
            assertThat(got.counts()).containsExactly(Arrays.stream(s.counts()).asLongStream().toArray());
            if (bitsOnOne && p == 1) {
                assertThat(ea).as(where + ": the single machine's bits").isEqualTo(eb);
                assertThat(a.covariance()).isEqualTo(b.covariance());
            }
        }
    }

    @Test
    void rightCensoredWeightedWeibull() {
        same(Families.weibull(), weibullStatus(), Truncation.NONE, false);
    }

    @Test
    void intervalCensoredLognormal() {
        same(Families.lognormal(), lognormalIntervals(), Truncation.NONE, true);
    }

    @Test
    void truncatedNormalAndTruncatedCensoredLognormal() {
        SplittableRandom r = new SplittableRandom(5);
        double[] x = Families.normal().of(new double[] {1, 2}).sample(400, r);
        double[] kept = Arrays.stream(x).filter(v -> v > 0 && v < 4).toArray();
        same(Families.normal(), CensoredSample.exact(kept, null), new Truncation(0, 4), true);
        same(Families.lognormal(), lognormalIntervals(), new Truncation(0.5, Double.POSITIVE_INFINITY), true);
    }

    @Test
    void faultsAndCodesAreTheSingleMachines() {
        CensoredSample s = CensoredSample.exact(new double[] {5, 7, 2, 9}, null);
        Truncation t = new Truncation(3, Double.POSITIVE_INFINITY);
        RowException e = PartitionedCensoredFit.firstFault(Families.normal(), s, t);
        assertThat(e.row()).isEqualTo(2);
        assertThatThrownBy(() -> CensoredFit.fit(Families.normal(), s, t)).hasMessage(e.getMessage());
        assertThat(PartitionedCensoredFit.statusFault(3, false)).startsWith("unknown censoring status 3.0");
        assertThat(PartitionedCensoredFit.statusFault(2, true)).startsWith("censoring status 2 among 0/1 codes");
        assertThat(PartitionedCensoredFit.statusFault(2, false)).isNull();
        RowException atZero = PartitionedCensoredFit.firstFault(Families.poisson(),
                CensoredSample.exact(new double[] {1, 0}, null), new Truncation(0, Double.POSITIVE_INFINITY));
        assertThat(atZero.row()).as("a count at the lower truncation point is excluded").isEqualTo(1);
        assertThatThrownBy(() -> PartitionedCensoredFit.fit(Families.poisson(), parts(s, 2),
                new Truncation(0.5, Double.POSITIVE_INFINITY), () -> s))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("not a whole number");
    }

    /** Counts censored and truncated as {@link CountRows} reads them: the quine rows of censored_count.R, inside 0 &lt; X ≤ 45. */
    @Test
    void censoredAndTruncatedCounts() {
        com.fasterxml.jackson.databind.JsonNode ref = null;
        for (com.fasterxml.jackson.databind.JsonNode e : org.mlem.testkit.Fixtures.json("survival/censored_count.json")) {
            if (e.get("dataset").asText().equals("quine-censored-within-0-45")) {
                ref = e;
            }
        }
        CensoredSample s = CensoredSample.ofIntervals(FitdistcensAgreementTest.column(ref.get("left")),
                FitdistcensAgreementTest.column(ref.get("right")), null);
        same(Families.geometric(), s, FitdistcensAgreementTest.truncation(ref), false);
        same(Families.poisson(), s, Truncation.NONE, true);
    }
}
