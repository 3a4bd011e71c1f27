package org.mlem.count;

import java.util.Locale;
import org.mlem.MlemUserException;

/** The count distribution of a zero-inflated or hurdle model, named as pscl names it ({@code dist=}). */
public enum CountDistribution {
    /** Poisson with mean mu = exp(x'beta). */
    POISSON,
    /** Negative binomial (NB2) with mean mu = exp(x'beta), variance mu + mu^2/theta; theta estimated on the log scale. */
    NEGBIN;

    /** The distribution named {@code name} ({@code poisson} or {@code negbin}); anything else is a user error naming --dist. */
    public static CountDistribution byName(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "poisson" -> POISSON;
            case "negbin" -> NEGBIN;
            default -> throw new MlemUserException("--dist '" + name + "' is not known; use poisson or negbin");
        };
    }

    /** The lower-case name pscl uses. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
