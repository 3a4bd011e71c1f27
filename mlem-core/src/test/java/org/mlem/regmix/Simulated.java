package org.mlem.regmix;

import java.util.SplittableRandom;
import org.hipparchus.distribution.discrete.PoissonDistribution;
import org.mlem.formula.Frame;

/** Seeded simulated data for mixtures of regressions: columns x, y and the true class. */
final class Simulated {
    private Simulated() {
    }

    /**
     * Two crossing lines on x ~ U(0, 4): with probability 0.6, y = 1 + 2x + N(0, 0.5^2); otherwise
     * y = 5 - 1.5x + N(0, 0.8^2).
     */
    static Frame crossingLines(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        double[] cls = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 4 * rng.nextDouble();
            boolean first = rng.nextDouble() < 0.6;
            cls[i] = first ? 0 : 1;
            y[i] = first ? 1 + 2 * x[i] + 0.5 * gaussian(rng) : 5 - 1.5 * x[i] + 0.8 * gaussian(rng);
        }
        return Frame.builder().numeric("x", x).numeric("y", y).numeric("class", cls).build();
    }

    /** Two parallel lines on x ~ U(0, 4), half each: y = 1 + x + N(0, 1) and y = 7 + x + N(0, 1). */
    static Frame parallelLines(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 4 * rng.nextDouble();
            y[i] = (rng.nextDouble() < 0.5 ? 1 : 7) + x[i] + gaussian(rng);
        }
        return Frame.builder().numeric("x", x).numeric("y", y).build();
    }

    /** Poisson counts on x ~ U(0, 2): half with log mu = 0.5 + 0.8x, half with log mu = 3 - 0.5x. */
    static Frame poissonMixture(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 * rng.nextDouble();
            double eta = rng.nextDouble() < 0.5 ? 0.5 + 0.8 * x[i] : 3 - 0.5 * x[i];
            y[i] = new PoissonDistribution(Math.exp(eta)).inverseCumulativeProbability(rng.nextDouble());
        }
        return Frame.builder().numeric("x", x).numeric("y", y).build();
    }

    /** A standard normal draw (Box–Muller). */
    static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log1p(-rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
