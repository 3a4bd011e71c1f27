package org.mlem.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.dist.Distribution;
import org.mlem.dist.FamilyCandidate;
import org.mlem.dist.FamilyKind;
import org.mlem.dist.FamilySelection;
import org.mlem.dist.Families;
import org.mlem.dist.FittedDistribution;
import org.mlem.dist.UnivariateFamily;
import org.mlem.select.Criterion;

/**
 * Laws of the censored and truncated count fit ({@link CountRows}: bounds inclusive, truncation
 * a &lt; X ≤ b), and its refusals of impossible rows.
 */
class CensoredCountPropertiesTest {
    private static final String[] COUNT_FAMILIES = {"poisson", "negbin", "geometric", "binomial:30"};
    private static final double INF = Double.POSITIVE_INFINITY;

    private static double[] counts(int n, long seed) {
        return Families.byName("negbin").of(2.0, 6.0).sample(n, new SplittableRandom(seed));
    }

    /** {@code x} right-censored at {@code c}: a value of c or more becomes "c or more". */
    private static CensoredSample censoredAt(double[] x, double c) {
        double[] hi = x.clone();
        double[] lo = x.clone();
        for (int i = 0; i < x.length; i++) {
            if (x[i] >= c) {
                lo[i] = c;
                hi[i] = INF;
            }
        }
        return new CensoredSample(lo, hi, null);
    }

    @Test
    void censoringNothingEqualsThePlainFitBitForBit() {
        double[] x = counts(150, 1);
        double[] status = new double[x.length];
        Arrays.fill(status, 1);
        CensoredFitPropertiesTest.assertPlainFit(x, CensoredSample.ofStatus(x, status, null), COUNT_FAMILIES);
    }

    /** Censoring at a point above every value censors nothing; at the largest value ("max or more") it does. */
    @Test
    void aRightCensoringPointBeyondEveryValueChangesNothing() {
        double[] x = counts(120, 2);
        double max = Arrays.stream(x).max().orElseThrow();
        CensoredFitPropertiesTest.assertPlainFit(x, censoredAt(x, max + 1), COUNT_FAMILIES);
        for (String name : COUNT_FAMILIES) {
            UnivariateFamily family = Families.byName(name);
            FittedDistribution plain = family.fit(x);
            FittedDistribution atMax = CensoredFit.fit(family, censoredAt(x, max), Truncation.NONE).fit();
            assertThat(atMax.logLikelihood()).as(name + ": the largest row is now 'max or more'")
                    .isGreaterThan(plain.logLikelihood());
        }
    }

    /**
     * Oracle: brute force, each row's probability the sum of the mass function over the counts it
     * allows (bounds inclusive; truncated to a &lt; X ≤ b, divided by the mass there); 1e-12 relative.
     */
    @Test
    void aRowsProbabilityIsTheMassOfItsCountsBoundsIncluded() {
        double[] lo = {3, Double.NaN, 4, 2, 0};
        double[] hi = {3, 2, Double.NaN, 5, 9};
        CensoredSample s = CensoredSample.ofIntervals(lo, hi, null);
        Truncation t = new Truncation(1, 9);
        for (String name : COUNT_FAMILIES) {
            Distribution d = Families.byName(name).fit(counts(80, 3)).distribution();
            double[] plain = CensoredFit.rowLogLikelihoods(d, s, Truncation.NONE);
            double[] truncated = CensoredFit.rowLogLikelihoods(d, s, t);
            double inside = mass(d, 2, 9);
            double[][] bounds = {{3, 3}, {0, 2}, {4, Double.NaN}, {2, 5}, {0, 9}};
            for (int i = 0; i < bounds.length; i++) {
                boolean open = Double.isNaN(bounds[i][1]);
                double expected = Math.log(open ? 1 - mass(d, 0, bounds[i][0] - 1) : mass(d, bounds[i][0], bounds[i][1]));
                assertThat(plain[i]).as(name + " row " + (i + 1))
                        .isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
                double clipped = mass(d, Math.max(bounds[i][0], 2), open ? 9 : Math.min(bounds[i][1], 9));
                double expectedT = Math.log(clipped / inside);
                assertThat(truncated[i]).as(name + " row " + (i + 1) + " truncated to 1 < X <= 9")
                        .isCloseTo(expectedT, within(1e-12 * Math.max(1, Math.abs(expectedT))));
            }
        }
    }

    /**
     * Oracle: brute force, P(X &gt; x) the sum of the mass function above x, out to where 1 − F has lost
     * its digits (P(X &gt; 25) ~ 1e-8 for the Poisson); 1e-10 relative.
     */
    @Test
    void aCountsSurvivalIsTheSumOfItsUpperTail() {
        for (String name : COUNT_FAMILIES) {
            Distribution d = Families.byName(name).fit(counts(80, 3)).distribution();
            for (double x : new double[] {-1, 0, 2.5, 3, 25, 29}) {
                double tail = mass(d, Math.floor(Math.max(x, -1)) + 1, 600);
                assertThat(d.survival(x)).as(name + " P(X > " + x + ")").isCloseTo(tail, within(1e-10 * tail));
            }
        }
    }

    private static double mass(Distribution d, double from, double to) {
        double sum = 0;
        for (double k = from; k <= to; k++) {
            sum += Math.exp(d.logDensity(k));
        }
        return sum;
    }

    /** The censored selection over count families: each candidate is {@link CensoredFit}'s fit bit for bit. */
    @Test
    void selectionRanksCountFamiliesWithTheirCensoredFits() {
        CensoredSample s = censoredAt(counts(100, 4), 12);
        CensoredFamilySelection.Result r = CensoredFamilySelection.fit(
                FamilySelection.defaults(FamilyKind.DISCRETE, Criterion.BIC), s, new Truncation(-1, INF));
        double best = INF;
        for (FamilyCandidate c : r.ranked().candidates()) {
            if (c.family().equals("bernoulli")) {
                assertThat(c.isFitted()).as("bernoulli cannot take counts above 1").isFalse();
                continue;
            }
            FittedDistribution own = CensoredFit.fit(Families.byName(c.family()), s, new Truncation(-1, INF)).fit();
            assertThat(c.fit().distribution().parameterValues()).as(c.family())
                    .isEqualTo(own.distribution().parameterValues());
            assertThat(c.fit().logLikelihood()).as(c.family()).isEqualTo(own.logLikelihood());
            best = Math.min(best, own.bic());
        }
        assertThat(r.ranked().best().fit().bic()).isEqualTo(best);
        assertThat(r.ranked().best().family()).isEqualTo("negbin");
    }

    @Test
    void aFractionalBoundNamesItsRow() {
        CensoredSample s = CensoredSample.ofIntervals(new double[] {1, 2.5}, new double[] {1, 4}, null);
        assertThatThrownBy(() -> CensoredFit.fit(Families.poisson(), s, Truncation.NONE))
                .isInstanceOf(RowException.class)
                .hasMessageStartingWith("row 2: the censoring bound 2.5 is not a poisson count")
                .hasMessageContaining("whole numbers");
    }

    @Test
    void aNegativeCountOrBoundNamesItsRow() {
        CensoredSample exact = CensoredSample.ofIntervals(new double[] {1, 3, -2}, new double[] {1, INF, -2}, null);
        assertThatThrownBy(() -> CensoredFit.fit(Families.negativeBinomial(), exact, Truncation.NONE))
                .isInstanceOf(RowException.class).hasMessageStartingWith("row 3: value -2.0 is outside the negbin");
        CensoredSample bound = CensoredSample.ofIntervals(new double[] {1, -1}, new double[] {1, 4}, null);
        assertThatThrownBy(() -> CensoredFit.fit(Families.geometric(), bound, Truncation.NONE))
                .isInstanceOf(RowException.class).hasMessageStartingWith("row 2: the censoring bound -1 is not a");
    }

    @Test
    void aBoundAboveTheBinomialsSizeNamesItsRow() {
        CensoredSample s = CensoredSample.ofIntervals(new double[] {1, 11}, new double[] {1, Double.NaN}, null);
        assertThatThrownBy(() -> CensoredFit.fit(Families.byName("binomial:10"), s, Truncation.NONE))
                .isInstanceOf(RowException.class).hasMessageStartingWith("row 2: the censoring bound 11 is not a binomial");
    }

    @Test
    void aCountAtTheLowerTruncationPointIsExcluded() {
        CensoredSample s = CensoredSample.exact(new double[] {1, 2, 0, 4}, null);
        assertThatThrownBy(() -> CensoredFit.fit(Families.poisson(), s, new Truncation(0, INF)))
                .isInstanceOf(RowException.class)
                .hasMessageStartingWith("row 3: count 0 lies outside the truncation range, counts x with 0 < x <= Infinity")
                .hasMessageContaining("--truncate-below");
        CensoredSample interval = CensoredSample.ofIntervals(new double[] {1, 6}, new double[] {1, 8}, null);
        assertThatThrownBy(() -> CensoredFit.fit(Families.poisson(), interval, new Truncation(0, 5)))
                .isInstanceOf(RowException.class).hasMessageStartingWith("row 2: interval [6, 8] lies outside");
        assertThat(CensoredFit.fit(Families.poisson(), CensoredSample.exact(new double[] {1, 5}, null),
                new Truncation(0, 5)).fit().logLikelihood()).as("a count at the upper point is inside").isFinite();
    }

    @Test
    void aFractionalTruncationPointAndTheCategoricalFamilyAreRefused() {
        CensoredSample s = CensoredSample.exact(new double[] {1, 2, 3}, null);
        assertThatThrownBy(() -> CensoredFit.fit(Families.poisson(), s, new Truncation(0.5, INF)))
                .isInstanceOf(MlemUserException.class)
                .hasMessageStartingWith("--truncate-below 0.5 is not a whole number");
        CensoredSample censored = CensoredSample.ofIntervals(new double[] {0, 1}, new double[] {0, 2}, null);
        assertThatThrownBy(() -> CensoredFit.fit(Families.byName("categorical"), censored, Truncation.NONE))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("unordered");
    }
}
