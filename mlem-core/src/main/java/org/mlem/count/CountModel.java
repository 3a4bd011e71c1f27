package org.mlem.count;

import java.util.SplittableRandom;
import org.hipparchus.special.Gamma;

/**
 * A fitted zero-inflated or hurdle count regression at given coefficients: what {@code predict},
 * {@code score} and {@code sample} need of a {@code zeroinfl} or {@code hurdle} file, as pscl's
 * {@code predict.zeroinfl} and {@code predict.hurdle} define the predictions. The count mean is
 * μ = exp(xᵀβ); the zero part's ζ = zᵀγ is the logit of a structural zero (zeroinfl) or of y &gt; 0
 * (hurdle, pscl's binomial zero hurdle).
 *
 * @param kind {@link CountModelKind#ZEROINFL} or {@link CountModelKind#HURDLE}
 * @param distribution the count distribution
 * @param count β
 * @param zero γ
 * @param theta the negative binomial's θ (size); ignored for Poisson
 */
public record CountModel(CountModelKind kind, CountDistribution distribution, double[] count, double[] zero,
        double theta) {

    public CountModel {
        if (!kind.hasZeroPart()) {
            throw new IllegalArgumentException("a count model file has a zero part");
        }
        if (distribution == CountDistribution.NEGBIN && !(theta > 0 && Double.isFinite(theta))) {
            throw new IllegalArgumentException("theta must be positive and finite, got " + theta);
        }
        count = count.clone();
        zero = zero.clone();
    }

    @Override
    public double[] count() {
        return count.clone();
    }

    @Override
    public double[] zero() {
        return zero.clone();
    }

    /**
     * Each row's log-likelihood (the terms the fit maximised; their sum over the fitting rows is its
     * log-likelihood). Designs are row-major.
     */
    public double[] logLikelihoods(double[] y, double[][] x, double[][] z) {
        double[] par = new double[count.length + zero.length + 1];
        System.arraycopy(count, 0, par, 0, count.length);
        System.arraycopy(zero, 0, par, count.length, zero.length);
        par[par.length - 1] = distribution == CountDistribution.NEGBIN ? Math.log(theta) : 0;
        double[] out = new double[y.length];
        new CountLikelihood(kind, distribution, y, x, z).value(
                distribution == CountDistribution.NEGBIN ? par : java.util.Arrays.copyOf(par, par.length - 1), null, out);
        return out;
    }

    /** log P(Y = k) of the count distribution with mean {@code mu}. */
    public double logCountProbability(int k, double mu) {
        if (distribution == CountDistribution.POISSON) {
            return k == 0 ? -mu : k * Math.log(mu) - mu - Gamma.logGamma(k + 1.0);
        }
        double logShare = Math.log(theta / (theta + mu));
        return Gamma.logGamma(k + theta) - Gamma.logGamma(theta) - Gamma.logGamma(k + 1.0) + theta * logShare
                + (k == 0 ? 0 : k * Math.log(mu / (theta + mu)));
    }

    /**
     * pscl's {@code type = "zero"}: the probability of a structural zero (zeroinfl), or the hurdle's
     * ratio P(y &gt; 0) / (1 − f(0; μ)) (hurdle).
     */
    public double zeroPart(double mu, double zeta) {
        double p = 1 / (1 + Math.exp(-zeta));
        return kind == CountModelKind.ZEROINFL ? p
                : Math.exp(Math.log(p) - CountLikelihood.log1mExp(logCountProbability(0, mu)));
    }

    /** pscl's {@code type = "response"}: the mean of y, (1 − π)μ (zeroinfl) or the ratio times μ (hurdle). */
    public double mean(double mu, double zeta) {
        double z = zeroPart(mu, zeta);
        return kind == CountModelKind.ZEROINFL ? (1 - z) * mu : z * mu;
    }

    /** pscl's {@code type = "prob"} at k: P(y = k) under the whole model. */
    public double probability(int k, double mu, double zeta) {
        double z = zeroPart(mu, zeta);
        if (kind == CountModelKind.ZEROINFL) {
            return (k == 0 ? z : 0) + (1 - z) * Math.exp(logCountProbability(k, mu));
        }
        return k == 0 ? 1 - 1 / (1 + Math.exp(-zeta)) : z * Math.exp(logCountProbability(k, mu));
    }

    /**
     * The expected frequency of each count 0..{@code max} over the rows of row-major designs
     * {@code x} (count part) and {@code z} (zero part): Σ_i P(Y_i = k) for k &lt; max and, so that the
     * frequencies sum to the number of rows, Σ_i P(Y_i ≥ max) at {@code max} (a rootogram's expected
     * counts, as countreg's {@code rootogram} sums {@code predict(type = "prob")}).
     */
    public double[] expectedFrequencies(double[][] x, double[][] z, int max) {
        double[] out = new double[max + 1];
        for (int i = 0; i < x.length; i++) {
            double mu = Math.exp(dot(x[i], count));
            double zeta = dot(z[i], zero);
            double below = 0;
            for (int k = 0; k < max; k++) {
                double p = probability(k, mu, zeta);
                out[k] += p;
                below += p;
            }
            out[max] += Math.max(0, 1 - below);
        }
        return out;
    }

    /**
     * The observed frequency of each count 0..max(y) in {@code y} and its expected frequency
     * ({@link #expectedFrequencies}) over the same rows: {observed, expected}.
     */
    public double[][] frequencies(double[] y, double[][] x, double[][] z) {
        int max = (int) java.util.Arrays.stream(y).max().orElse(0);
        double[] observed = new double[max + 1];
        for (double v : y) {
            observed[(int) v]++;
        }
        return new double[][] {observed, expectedFrequencies(x, z, max)};
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < b.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    /**
     * y drawn given μ and ζ: a zero part from one uniform, then (unless a zero) a count by inversion
     * of a second uniform over the count distribution (zero-truncated for the hurdle).
     */
    public int draw(double mu, double zeta, SplittableRandom rng) {
        double p = 1 / (1 + Math.exp(-zeta));
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        boolean hurdle = kind == CountModelKind.HURDLE;
        if (hurdle ? u >= p : u < p) {
            return 0;
        }
        double logF0 = logCountProbability(0, mu);
        double target = hurdle ? v * -Math.expm1(logF0) : v;
        int k = hurdle ? 1 : 0;
        double logF = hurdle ? logCountProbability(1, mu) : logF0;
        double cumulative = Math.exp(logF);
        while (cumulative < target && k < Integer.MAX_VALUE - 1) {
            logF += distribution == CountDistribution.POISSON ? Math.log(mu / (k + 1))
                    : Math.log((k + theta) / (k + 1) * mu / (theta + mu));
            k++;
            double f = Math.exp(logF);
            if (f == 0 && k > mu) { // past the mode with nothing left to add: the tail beyond double precision
                break;
            }
            cumulative += f;
        }
        return k;
    }
}
