package org.mlem.dist;

import java.util.List;
import java.util.Locale;
import org.mlem.MlemUserException;

/**
 * Densities or probability masses: the log-likelihoods of the two are not comparable, so a family
 * selection ranks families of one kind.
 */
public enum FamilyKind {
    /** Densities on the real line or part of it. */
    CONTINUOUS(Families.CONTINUOUS_DEFAULTS),
    /** Probability masses on whole numbers. */
    DISCRETE(Families.DISCRETE_DEFAULTS);

    private final List<String> defaults;

    FamilyKind(String defaults) {
        this.defaults = List.of(defaults.split(", "));
    }

    /**
     * The families compared when none are named: every family of this kind that needs nothing
     * but the data (the binomial needs its number of trials, and the categorical, one probability
     * per value, is left to be named).
     */
    public List<String> defaultFamilies() {
        return defaults;
    }

    /** The kind of {@code family}. */
    public static FamilyKind of(UnivariateFamily family) {
        return family.isDiscrete() ? DISCRETE : CONTINUOUS;
    }

    /** DISCRETE when every value is a whole number >= 0 (counts), CONTINUOUS otherwise. */
    public static FamilyKind guess(double[] x) {
        for (double v : x) {
            if (!(v >= 0) || !UnivariateFamily.isWholeNumber(v)) {
                return CONTINUOUS;
            }
        }
        return DISCRETE;
    }

    /** The name on the command line: {@code continuous} or {@code discrete}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code name}, case-insensitively. */
    public static FamilyKind parse(String name) {
        for (FamilyKind k : values()) {
            if (k.id().equalsIgnoreCase(name.strip())) {
                return k;
            }
        }
        throw new MlemUserException("kind '" + name + "' is not continuous or discrete; use one of those");
    }
}
