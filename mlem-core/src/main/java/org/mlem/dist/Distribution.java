package org.mlem.dist;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One member of a {@link UnivariateFamily}: the family with immutable parameter values.
 * For discrete families "density" means the probability mass.
 */
public final class Distribution implements java.io.Serializable {
    private final UnivariateFamily family;
    private final double[] theta;

    Distribution(UnivariateFamily family, double[] theta) {
        this.family = family;
        this.theta = theta;
    }

    public UnivariateFamily family() {
        return family;
    }

    /** log f(x): log density (continuous) or log mass (discrete); −∞ outside the support. */
    public double logDensity(double x) {
        return family.logDensity(theta, x);
    }

    /** P(X ≤ x); NaN where the family has no cdf (none of the present ones). */
    public double cdf(double x) {
        return family.cdf(theta, x);
    }

    /** P(X &gt; x), computed in the upper tail without the cancellation of {@code 1 − cdf(x)}. */
    public double survival(double x) {
        return family.survival(theta, x);
    }

    /** One draw using {@code rng} (the only source of randomness). */
    public double sample(RandomGenerator rng) {
        return family.sample(theta, rng);
    }

    /** {@code n} independent draws. */
    public double[] sample(int n, RandomGenerator rng) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = family.sample(theta, rng);
        }
        return out;
    }

    /** Parameter name → value, in the family's order. */
    public Map<String, Double> parameters() {
        List<String> names = parameterNames();
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < theta.length; i++) {
            m.put(names.get(i), theta[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The parameter names (for categorical: {@code prob0..prob(K-1)}). */
    public List<String> parameterNames() {
        return family.namesFor(theta);
    }

    /** A copy of the parameter values in the family's order. */
    public double[] parameterValues() {
        return theta.clone();
    }

    /** The value of one named parameter. */
    public double parameter(String name) {
        int i = parameterNames().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(family.name() + " has no parameter " + name + "; it has " + parameterNames());
        }
        return theta[i];
    }

    @Override
    public String toString() {
        return family.name() + parameters();
    }
}
