package org.mlem.select;

import java.util.Locale;
import org.mlem.MlemUserException;

/** The criterion that picks the best candidate; each is lower-is-better. */
public enum Criterion {
    /** {@link Candidate#bic()}, as mclust's default. */
    BIC,
    /** {@link Candidate#icl()}: BIC plus twice the classification entropy. */
    ICL,
    /** {@link Candidate#aic()}. */
    AIC;

    /** This criterion's value for {@code c} (NaN for a failed candidate). */
    public double of(Candidate<?> c) {
        return switch (this) {
            case BIC -> c.bic();
            case ICL -> c.icl();
            case AIC -> c.aic();
        };
    }

    /** The name on the command line and in JSON: {@code bic}, {@code icl}, {@code aic}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The criterion named {@code name}, case-insensitively; a user error listing the names otherwise. */
    public static Criterion parse(String name) {
        for (Criterion c : values()) {
            if (c.id().equalsIgnoreCase(name.strip())) {
                return c;
            }
        }
        throw new MlemUserException("criterion '" + name + "' is not bic, icl or aic; use one of those");
    }
}
