package org.mlem.glm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.hipparchus.special.Gamma;

/**
 * The negative binomial log-likelihood with its log-gamma terms summed over the distinct counts
 * ({@link CountTable}) against the row-by-row sum written out here (the formula of R's
 * {@code MASS:::loglik}). Oracle: that sum; tolerance 1e-12 relative (two summation orders).
 */
class CountTableTest {

    @Property(tries = 30)
    void groupedLogLikelihoodEqualsTheRowSum(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 5000;
        double[] y = new double[n];
        double[] mu = new double[n];
        double[] wt = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(rng.nextInt(3) == 0 ? 3 : 40);
            mu[i] = 0.2 + 10 * rng.nextDouble();
            wt[i] = rng.nextInt(6) == 0 ? 0 : 0.5 + rng.nextDouble();
        }
        double theta = 0.3 + 5 * rng.nextDouble();
        double rows = 0;
        for (int i = 0; i < n; i++) {
            rows += wt[i] * (Gamma.logGamma(theta + y[i]) - Gamma.logGamma(theta) - Gamma.logGamma(y[i] + 1)
                    + theta * Math.log(theta) + y[i] * Math.log(mu[i] + (y[i] == 0 ? 1 : 0))
                    - (theta + y[i]) * Math.log(theta + mu[i]));
        }
        assertThat(Family.NegativeBinomial.logLikelihood(theta, y, mu, wt)).isCloseTo(rows,
                within(1e-12 * Math.abs(rows)));
    }
}
