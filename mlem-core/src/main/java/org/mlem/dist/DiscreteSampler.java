package org.mlem.dist;

import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Exact inversion sampling for a count distribution, searching outward from its mode: one uniform
 * U, then the smallest k with F(k) ≥ U found by adding or removing mass from F(mode). Expected
 * cost is of the order of the standard deviation.
 */
final class DiscreteSampler {
    private DiscreteSampler() {
    }

    /**
     * @param mode a mode of the distribution (any k near the centre works)
     * @param cdfAtMode F(mode)
     * @param logMass k ↦ log P(X = k)
     * @param max the largest value in the support ({@code UnivariateFamily.MAX_COUNT} when unbounded)
     */
    static double sample(RandomGenerator rng, double mode, double cdfAtMode, DoubleUnaryOperator logMass, double max) {
        double u = rng.nextDouble();
        double k = mode;
        double f = cdfAtMode;
        if (u <= f) {
            while (k > 0) {
                double below = f - Math.exp(logMass.applyAsDouble(k));
                if (below < u) {
                    break;
                }
                f = below;
                k--;
            }
            return k;
        }
        while (f < u && k < max) {
            double p = Math.exp(logMass.applyAsDouble(k + 1));
            if (p == 0 && k > mode) {
                break;   // F has saturated below u by rounding: u is in the far tail
            }
            k++;
            f += p;
        }
        return k;
    }
}
