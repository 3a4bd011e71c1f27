package org.mlem.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.dist.Families;
import org.mlem.dist.FittedDistribution;
import org.mlem.dist.UnivariateFamily;

/** Laws of the censored fit, and its refusals of impossible rows. */
class CensoredFitPropertiesTest {

    private static double[] gammaSample(int n, long seed) {
        return Families.gamma().of(2.5, 0.7).sample(n, new SplittableRandom(seed));
    }

    @Test
    void censoringNothingEqualsThePlainFitBitForBit() {
        double[] x = gammaSample(200, 1);
        double[] status = new double[x.length];
        Arrays.fill(status, 1);
        assertPlainFit(x, CensoredSample.ofStatus(x, status, null), "normal", "lognormal", "exponential", "gamma",
                "weibull", "logistic");
    }

    /** Each family's censored fit to {@code s} is its plain fit to {@code x}: estimates, covariance and ℓ bit for bit. */
    static void assertPlainFit(double[] x, CensoredSample s, String... families) {
        for (String name : families) {
            UnivariateFamily family = Families.byName(name);
            FittedDistribution plain = family.fit(x);
            FittedDistribution censored = CensoredFit.fit(family, s, Truncation.NONE).fit();
            assertThat(censored.distribution().parameterValues()).as(name)
                    .isEqualTo(plain.distribution().parameterValues());
            assertThat(censored.covariance()).as(name).isEqualTo(plain.covariance());
            assertThat(censored.logLikelihood()).as(name).isEqualTo(plain.logLikelihood());
        }
    }

    /** Oracle: the right-censored exponential's closed form, rate = events / Σ t; tolerance 1e-8 relative. */
    @Test
    void rightCensoredExponentialMatchesItsClosedForm() {
        double[] t = gammaSample(150, 2);
        double[] status = new double[t.length];
        double events = 0;
        double total = 0;
        for (int i = 0; i < t.length; i++) {
            status[i] = i % 3 == 0 ? 0 : 1;
            events += status[i];
            total += t[i];
        }
        FittedDistribution fit = CensoredFit.fit(Families.exponential(), CensoredSample.ofStatus(t, status, null),
                Truncation.NONE).fit();
        double rate = events / total;
        assertThat(fit.estimates().get("rate")).isCloseTo(rate, within(1e-8 * rate));
        // observed information events / rate^2
        assertThat(fit.standardErrors().get("rate")).isCloseTo(rate / Math.sqrt(events), within(1e-6 * rate));
        assertThat(fit.logLikelihood()).isCloseTo(events * Math.log(rate) - rate * total, within(1e-9 * total));
    }

    @Test
    void integerWeightsEqualRepeatedRows() {
        double[] lo = {1.0, 2.0, Double.NaN, 0.5, 3.0};
        double[] hi = {1.0, Double.NaN, 1.5, 2.5, 3.0};
        double[] w = {2, 1, 3, 1, 2};
        double[] loRep = {1.0, 1.0, 2.0, Double.NaN, Double.NaN, Double.NaN, 0.5, 3.0, 3.0};
        double[] hiRep = {1.0, 1.0, Double.NaN, 1.5, 1.5, 1.5, 2.5, 3.0, 3.0};
        FittedDistribution weighted = CensoredFit.fit(Families.weibull(), CensoredSample.ofIntervals(lo, hi, w),
                Truncation.NONE).fit();
        FittedDistribution repeated = CensoredFit.fit(Families.weibull(), CensoredSample.ofIntervals(loRep, hiRep, null),
                Truncation.NONE).fit();
        assertThat(weighted.logLikelihood()).isCloseTo(repeated.logLikelihood(), within(1e-9));
        assertThat(weighted.estimates().get("shape")).isCloseTo(repeated.estimates().get("shape"), within(1e-7));
    }

    /** Oracle: with every row exact Turnbull's estimate is the empirical distribution (closed form, 1e-12). */
    @Test
    void turnbullOnExactRowsIsTheEmpiricalDistribution() {
        double[] x = {3, 1, 2, 3, 5, 1, 3};
        Turnbull.Fit fit = Turnbull.fit(CensoredSample.exact(x, null), 1e-15, 100_000);
        assertThat(fit.lower()).containsExactly(1, 2, 3, 5);
        assertThat(fit.mass()).containsExactly(new double[] {2 / 7.0, 1 / 7.0, 3 / 7.0, 1 / 7.0}, within(1e-12));
    }

    @Test
    void anUnknownStatusCodeNamesItsRow() {
        assertThatThrownBy(() -> CensoredSample.ofStatus(new double[] {1, 2, 3}, new double[] {1, 0, 5}, null))
                .isInstanceOf(MlemUserException.class)
                .hasMessageStartingWith("row 3: unknown censoring status 5.0")
                .hasMessageContaining("use 1 = event (observed), 0 = censored");
    }

    @Test
    void survivalsOneTwoCodingMeansTwoIsTheEvent() {
        CensoredSample s = CensoredSample.ofStatus(new double[] {1, 2, 3}, new double[] {2, 1, 2}, null);
        assertThat(s.kind(0)).isEqualTo(CensoredSample.Kind.EXACT);
        assertThat(s.kind(1)).isEqualTo(CensoredSample.Kind.RIGHT);
        CensoredSample left = CensoredSample.ofStatus(new double[] {1, 2}, new double[] {1, 0}, null, true);
        assertThat(left.kind(1)).isEqualTo(CensoredSample.Kind.LEFT);
    }

    @Test
    void anIntervalWithLowerAboveUpperNamesItsRow() {
        assertThatThrownBy(() -> CensoredSample.ofIntervals(new double[] {1, 4}, new double[] {2, 3}, null))
                .isInstanceOf(MlemUserException.class)
                .hasMessageStartingWith("row 2: the lower bound 4.0 exceeds the upper bound 3.0")
                .hasMessageContaining("swap");
    }

    @Test
    void aTruncationPointExcludingAValueNamesItsRow() {
        CensoredSample s = CensoredSample.exact(new double[] {5, 7, 2, 9}, null);
        assertThatThrownBy(() -> CensoredFit.fit(Families.normal(), s, new Truncation(3, Double.POSITIVE_INFINITY)))
                .isInstanceOf(MlemUserException.class)
                .hasMessageStartingWith("row 3: value 2.0 lies outside the truncation range")
                .hasMessageContaining("--truncate-below");
    }
}
