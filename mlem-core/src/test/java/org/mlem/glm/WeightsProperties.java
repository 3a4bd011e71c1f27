package org.mlem.glm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;

/**
 * Law: integer prior weights give the fit of rows repeated that many times (Poisson and
 * Bernoulli likelihoods are sums over rows). Oracle: the repeated-rows fit. Tolerance: 1e-8
 * relative on estimates, deviance and log-likelihood, 1e-6 on standard errors (see below).
 */
class WeightsProperties {

    @Property(tries = 30)
    void integerWeightsEqualRepeatedRows(@ForAll @IntRange(min = 0, max = 1_000_000) int seed,
            @ForAll boolean binomial) {
        Random rnd = new Random(seed);
        int n = 12;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] w = new double[n];
        List<Double> rx = new ArrayList<>();
        List<Double> ry = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
            double eta = 0.3 + 0.8 * x[i];
            y[i] = binomial ? (rnd.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0) : poisson(rnd, Math.exp(eta));
            w[i] = 1 + rnd.nextInt(3);
        }
        // Both outcomes present (no constant response), and overlapping in both directions of x, so
        // a binomial sample is never perfectly separated (its MLE would not exist).
        double[][] anchors = {{-2, 1}, {2, 0}, {2.5, 1}, {-2.5, 0}};
        for (int i = 0; i < anchors.length; i++) {
            x[i] = anchors[i][0];
            y[i] = anchors[i][1];
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < w[i]; k++) {
                rx.add(x[i]);
                ry.add(y[i]);
            }
        }
        // a tight deviance criterion, so both fits stop at the optimum rather than within 1e-8 of it
        GlmEstimator est = new GlmEstimator(binomial ? new Family.Binomial() : new Family.Poisson(), null,
                new GlmOptions(100, 1e-13));
        GlmFit weighted = est.fit("y ~ x", Frame.builder().numeric("y", y).numeric("x", x).numeric("w", w).build(),
                DesignSpec.DEFAULTS.withWeights("w"));
        GlmFit repeated = est.fit("y ~ x", Frame.builder().numeric("y", unbox(ry)).numeric("x", unbox(rx)).build(),
                DesignSpec.DEFAULTS);
        for (int j = 0; j < 2; j++) {
            Coefficient a = weighted.coefficients().get(j);
            Coefficient b = repeated.coefficients().get(j);
            assertThat(a.estimate()).isCloseTo(b.estimate(), within(1e-8 * (1 + Math.abs(b.estimate()))));
            // standard errors use the working weights at the start of the last IRLS step (as R's
            // summary.glm), one Newton step (~sqrt(epsilon)) before the optimum: 1e-6 relative
            assertThat(a.standardError()).isCloseTo(b.standardError(), within(1e-6 * b.standardError()));
        }
        assertThat(weighted.deviance()).isCloseTo(repeated.deviance(), within(1e-8 * (1 + repeated.deviance())));
        assertThat(weighted.logLikelihood()).isCloseTo(repeated.logLikelihood(),
                within(1e-8 * Math.abs(repeated.logLikelihood())));
    }

    private static double poisson(Random rnd, double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static double[] unbox(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
