package org.mlem.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Oracle: brute-force maximisation of the weighted log-likelihood by golden-section search (to
 * 1e-12 relative width). Closed-form MLEs (exponential rate, Poisson lambda, normal mean with sd
 * profiled) and the gamma's Newton-solved shape (on its profile likelihood) agree to 1e-7
 * relative; the search is limited to ~sqrt(machine epsilon) of flatness at the top.
 */
class ClosedFormVsBruteForceTest {
    static final double RTOL = 1e-7;

    private static final double[] WEIGHTS = weights(500);

    private static double[] weights(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.1 + (i * 37 % 11) / 5.0;
        }
        return w;
    }

    /** The maximiser of f on [lo, hi], assumed unimodal there. */
    static double goldenSection(DoubleUnaryOperator f, double lo, double hi) {
        double r = (Math.sqrt(5) - 1) / 2;
        double a = lo;
        double b = hi;
        double c = b - r * (b - a);
        double d = a + r * (b - a);
        double fc = f.applyAsDouble(c);
        double fd = f.applyAsDouble(d);
        while (b - a > 1e-12 * Math.abs(a + b)) {
            if (fc > fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - r * (b - a);
                fc = f.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + r * (b - a);
                fd = f.applyAsDouble(d);
            }
        }
        return 0.5 * (a + b);
    }

    @Test
    void exponentialRate() {
        UnivariateFamily f = Families.exponential();
        double[] x = f.of(0.8).sample(500, new java.util.SplittableRandom(1));
        Sample s = Sample.of(x, WEIGHTS, "exponential");
        double brute = goldenSection(r -> f.logLikelihood(new double[] {r}, s), 0.01, 10);
        assertThat(f.fitWeighted(x, WEIGHTS).estimates().get("rate")).isCloseTo(brute, within(RTOL * brute));
    }

    @Test
    void poissonLambda() {
        UnivariateFamily f = Families.poisson();
        double[] x = f.of(3.3).sample(500, new java.util.SplittableRandom(2));
        Sample s = Sample.of(x, WEIGHTS, "poisson");
        double brute = goldenSection(l -> f.logLikelihood(new double[] {l}, s), 0.01, 30);
        assertThat(f.fitWeighted(x, WEIGHTS).estimates().get("lambda")).isCloseTo(brute, within(RTOL * brute));
    }

    @Test
    void normalMeanAndSd() {
        UnivariateFamily f = Families.normal();
        double[] x = f.of(-4, 3).sample(500, new java.util.SplittableRandom(3));
        Sample s = Sample.of(x, WEIGHTS, "normal");
        // nested search: sd maximised for each mean, then the mean
        DoubleUnaryOperator profile = m -> f.logLikelihood(new double[] {m, goldenSection(sd -> f.logLikelihood(new double[] {m, sd}, s), 0.1, 20)}, s);
        double mean = goldenSection(profile, -10, 10);
        double sd = goldenSection(v -> f.logLikelihood(new double[] {mean, v}, s), 0.1, 20);
        FittedDistribution fit = f.fitWeighted(x, WEIGHTS);
        assertThat(fit.estimates().get("mean")).isCloseTo(mean, within(RTOL * Math.abs(mean)));
        assertThat(fit.estimates().get("sd")).isCloseTo(sd, within(RTOL * sd));
    }

    @Test
    void gammaShapeOnProfileLikelihood() {
        UnivariateFamily f = Families.gamma();
        double[] x = f.of(1.7, 0.4).sample(500, new java.util.SplittableRandom(4));
        Sample s = Sample.of(x, WEIGHTS, "gamma");
        double mean = s.mean();
        double shape = goldenSection(a -> f.logLikelihood(new double[] {a, a / mean}, s), 0.05, 50);
        assertThat(f.fitWeighted(x, WEIGHTS).estimates().get("shape")).isCloseTo(shape, within(RTOL * shape));
    }
}
