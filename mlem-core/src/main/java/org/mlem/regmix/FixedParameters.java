package org.mlem.regmix;

import java.util.Set;
import java.util.TreeSet;

/**
 * Parameter groups held at their starting values through a fit (which then needs a
 * {@link RegmixInit.Given} start to take them from); they come out bit-identical. Every free
 * group is still re-estimated by its exact conditional maximisation, so EM stays monotone.
 * Fixed parameters are not counted in {@code nParameters}.
 *
 * @param weights whether the mixing proportions are fixed
 * @param coefficients 0-based components whose coefficients are fixed
 * @param sds 0-based gaussian components whose standard deviation is fixed
 */
public record FixedParameters(boolean weights, Set<Integer> coefficients, Set<Integer> sds) {

    /** Nothing fixed: every parameter is estimated. */
    public static final FixedParameters NONE = new FixedParameters(false, Set.of(), Set.of());

    public FixedParameters {
        coefficients = Set.copyOf(coefficients);
        sds = Set.copyOf(sds);
        for (int j : union(coefficients, sds)) {
            if (j < 0) {
                throw new IllegalArgumentException("component indices are 0-based and >= 0, got " + j);
            }
        }
    }

    /** These groups and the mixing proportions. */
    public FixedParameters withWeights() {
        return new FixedParameters(true, coefficients, sds);
    }

    /** These groups and component j's coefficients (0-based j). */
    public FixedParameters withCoefficients(int j) {
        return new FixedParameters(weights, union(coefficients, Set.of(j)), sds);
    }

    /** These groups and component j's standard deviation (0-based j, gaussian only). */
    public FixedParameters withSd(int j) {
        return new FixedParameters(weights, coefficients, union(sds, Set.of(j)));
    }

    /** Whether anything is fixed. */
    public boolean any() {
        return weights || !coefficients.isEmpty() || !sds.isEmpty();
    }

    /** How many free parameters the fixed groups remove from a mixture of k components with p terms. */
    int count(int k, int p) {
        return (weights ? k - 1 : 0) + coefficients.size() * p + sds.size();
    }

    /** The largest component index named, or -1. */
    int maxIndex() {
        return union(coefficients, sds).stream().mapToInt(Integer::intValue).max().orElse(-1);
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }
}
