package org.mlem.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The fast paths of distribution fits against their plain references: the pruned
 * Kolmogorov–Smirnov pass ({@link KolmogorovSmirnov#equalWeights}) against every tie group's
 * distance in sorted order ({@link KolmogorovSmirnov#reference}), the gamma log-likelihood from
 * sufficient statistics against the row-by-row sum, and the negative binomial fitted on distinct
 * values with their counts against the fit on the rows.
 */
class SufficientStatisticsTest {

    /**
     * Oracle: the reference pass; tolerance 1e-15 absolute (the same values are compared, so only
     * a non-monotone rounding of the cdf could part them). Ties come from rounding to 1 or 2
     * decimals, so whole blocks of equal values occur.
     */
    @Property(tries = 40)
    void prunedKsEqualsTheFullPass(@ForAll @IntRange(min = 1, max = 5000) int n, @ForAll @IntRange(min = 0, max = 2)
            int decimals, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        double scale = Math.pow(10, decimals);
        for (int i = 0; i < n; i++) {
            double v = -Math.log(rng.nextDouble()) - Math.log(rng.nextDouble()) + 0.01;
            x[i] = decimals == 2 && i % 3 == 0 ? v : Math.max(0.01, Math.rint(v * scale) / scale);
        }
        Distribution d = Families.gamma().of(1.7 + rng.nextDouble(), 0.6 + rng.nextDouble());
        Sample s = Sample.of(x, null, "gamma");
        assertThat(KolmogorovSmirnov.statistic(d, s)).isCloseTo(KolmogorovSmirnov.reference(d, s), within(1e-15));
    }

    /** Oracle: Σ w log f by rows; tolerance 1e-11 relative (two summation orders of 1e4 terms). */
    @Property(tries = 30)
    void gammaLogLikelihoodFromSufficientStatistics(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 10_000;
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1e-3 + 5 * rng.nextDouble() * rng.nextDouble();
            w[i] = rng.nextInt(5) == 0 ? 0 : rng.nextDouble() * 2;
        }
        GammaFamily g = Families.gamma();
        double[] theta = {0.3 + 4 * rng.nextDouble(), 0.1 + 3 * rng.nextDouble()};
        Sample s = Sample.of(x, w, "gamma");
        double rows = g.logLikelihoodByRows(theta, s);
        assertThat(g.logLikelihood(theta, s)).isCloseTo(rows, within(1e-11 * Math.abs(rows)));
    }

    /**
     * Oracle: the negative binomial estimated and evaluated on the rows; grouped by distinct value
     * the sums are the same terms in another order: tolerance 1e-10 relative on size, mu and the
     * log-likelihood.
     */
    @Property(tries = 20)
    void negbinOnDistinctValuesEqualsTheRows(@ForAll @IntRange(min = 200, max = 20_000) int n, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double size = 0.5 + 4 * rng.nextDouble();
        double mu = 0.5 + 10 * rng.nextDouble();
        double[] x = Families.negativeBinomial().of(size, mu).sample(n, new java.util.Random(seed));
        NegativeBinomialFamily f = Families.negativeBinomial();
        Sample rows = Sample.of(x, null, "negbin");
        Sample grouped = rows.grouped();
        assertThat(grouped.x.length).isLessThan(n);
        double[] byRows;
        try {
            byRows = f.estimate(rows);
        } catch (org.mlem.MlemUserException e) {
            return; // an underdispersed draw has no finite MLE either way
        }
        double[] byValues = f.estimate(grouped);
        for (int j = 0; j < 2; j++) {
            assertThat(byValues[j]).isCloseTo(byRows[j], within(1e-10 * Math.abs(byRows[j])));
        }
        double ll = f.logLikelihood(byRows, rows);
        assertThat(f.logLikelihood(byRows, grouped)).isCloseTo(ll, within(1e-10 * Math.abs(ll)));
    }
}
