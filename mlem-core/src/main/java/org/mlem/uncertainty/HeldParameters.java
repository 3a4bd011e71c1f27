package org.mlem.uncertainty;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which of a model's named parameters {@code --fixed} holds at known values. A parameter is named
 * {@code prefix[j]...} (j its component or state, counted from 0, where it has one); each model
 * maps a prefix to the parameter group {@code --fixed} takes ({@link #GMM}, {@link #TMIX},
 * {@link #MIXTURE}, {@link #REGMIX}, {@link #HMM}). A held parameter is known, not estimated: it
 * leaves the observed information before the inverse, and its standard error is NaN (reported as
 * fixed).
 */
public final class HeldParameters {
    private HeldParameters() {}

    /** Nothing held. */
    public static final Predicate<String> NONE = name -> false;

    /** Gaussian mixtures: {@code weight}, {@code mean}, {@code cov}/{@code var} entries. */
    public static final Function<String, String> GMM = byPrefix(
            Map.of("weight", "weights", "mean", "means", "cov", "covariances", "var", "covariances"), null);
    /** t mixtures: {@code weight}, {@code mean}, {@code scale}, {@code df}. */
    public static final Function<String, String> TMIX = byPrefix(
            Map.of("weight", "weights", "mean", "means", "scale", "scales", "df", "df"), null);
    /** Mixtures of families: the weights, then every family parameter is a component's. */
    public static final Function<String, String> MIXTURE = byPrefix(Map.of("weight", "weights"), "components");
    /** Regression mixtures: {@code weight}, {@code coef}, {@code sd}. */
    public static final Function<String, String> REGMIX = byPrefix(
            Map.of("weight", "weights", "coef", "coefficients", "sd", "sd"), null);
    /** Hidden Markov models: {@code start}, {@code transition}, then every emission parameter. */
    public static final Function<String, String> HMM = byPrefix(
            Map.of("start", "start", "transition", "transitions"), "emissions");

    /** The part of {@code name} before its first {@code [}. */
    public static String prefix(String name) {
        int b = name.indexOf('[');
        return b < 0 ? name : name.substring(0, b);
    }

    /** The number in {@code name}'s first brackets (its component or state), or -1 when there is none. */
    public static int component(String name) {
        int b = name.indexOf('[');
        int e = name.indexOf(']', b + 1);
        if (b < 0 || e < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(name.substring(b + 1, e));
        } catch (NumberFormatException notAComponent) {
            return -1;
        }
    }

    private static Function<String, String> byPrefix(Map<String, String> groups, String otherwise) {
        return name -> {
            String g = groups.getOrDefault(prefix(name), otherwise);
            if (g == null) {
                throw new IllegalArgumentException("parameter " + name + " is in no group");
            }
            return g;
        };
    }

    /** The parameters of the named groups, whole. */
    public static Predicate<String> groups(Collection<String> groups, Function<String, String> groupOf) {
        return groups.isEmpty() ? NONE : name -> groups.contains(groupOf.apply(name));
    }

    /**
     * The parameters of each group in {@code held} for the components listed (an empty list: every
     * component; a parameter without a component, such as a weight or a tied covariance, is held
     * whenever its group is named).
     */
    public static Predicate<String> components(Map<String, ? extends Collection<Integer>> held,
            Function<String, String> groupOf) {
        if (held.isEmpty()) {
            return NONE;
        }
        return name -> {
            Collection<Integer> js = held.get(groupOf.apply(name));
            if (js == null) {
                return false;
            }
            int j = component(name);
            return js.isEmpty() || j < 0 || js.contains(j);
        };
    }

    /** Marks the names {@code held} takes. */
    static boolean[] mask(List<String> names, Predicate<String> held) {
        boolean[] m = new boolean[names.size()];
        for (int q = 0; q < m.length; q++) {
            m[q] = held.test(names.get(q));
        }
        return m;
    }
}
