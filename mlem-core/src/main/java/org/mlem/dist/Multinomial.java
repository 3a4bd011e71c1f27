package org.mlem.dist;

import java.util.random.RandomGenerator;
import org.mlem.MlemUserException;

/**
 * The multinomial distribution over d categories with probabilities {@code prob} (≥ 0, summing
 * to 1), as R's {@code dmultinom(x, prob = prob)}: a row of counts x has mass
 * N!/∏x_j! ∏ p_j^{x_j} with its own total N = Σx_j.
 */
public final class Multinomial implements java.io.Serializable {
    private final double[] prob;

    private Multinomial(double[] prob) {
        this.prob = prob;
    }

    /** The multinomial with these category probabilities. */
    public static Multinomial of(double... prob) {
        double sum = 0;
        for (int j = 0; j < prob.length; j++) {
            if (!(prob[j] >= 0 && prob[j] <= 1)) {
                throw new MlemUserException("the multinomial's prob" + j + " must be in [0, 1], got " + prob[j]);
            }
            sum += prob[j];
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new MlemUserException("the multinomial's probabilities must sum to 1, they sum to " + sum);
        }
        return new Multinomial(prob.clone());
    }

    public int dimension() {
        return prob.length;
    }

    /** A copy of the probabilities. */
    public double[] prob() {
        return prob.clone();
    }

    /** log P(counts) for the d counts starting at {@code rows[offset]}. */
    public double logMass(double[] rows, int offset) {
        double n = 0;
        double ll = 0;
        for (int j = 0; j < prob.length; j++) {
            double x = rows[offset + j];
            n += x;
            ll -= LogFactorial.of(x);
            if (x > 0) {
                ll += x * Math.log(prob[j]);
            }
        }
        return ll + LogFactorial.of(n);
    }

    /** log P(counts) for one row of d counts. */
    public double logMass(double[] counts) {
        return logMass(counts, 0);
    }

    /** One row of counts with total {@code size}, by successive conditional binomial draws. */
    public double[] sample(int size, RandomGenerator rng) {
        double[] x = new double[prob.length];
        int left = size;
        double massLeft = 1;
        for (int j = 0; j < prob.length - 1 && left > 0; j++) {
            double p = massLeft > 0 ? Math.min(1, prob[j] / massLeft) : 0;
            x[j] = left == 0 ? 0 : Families.binomial(left).of(p).sample(rng);
            left -= (int) x[j];
            massLeft -= prob[j];
        }
        x[prob.length - 1] += left;
        return x;
    }
}
