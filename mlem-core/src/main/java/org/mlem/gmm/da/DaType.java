package org.mlem.gmm.da;

import java.util.Locale;
import org.mlem.MlemUserException;

/** The two discriminant models of mclust's {@code MclustDA}. */
public enum DaType {
    /** One Gaussian per class, an mclust covariance model across the classes, fitted in closed form from the labels. */
    EDDA,
    /** A Gaussian mixture per class, G and model chosen per class by BIC, fitted by EM. */
    MCLUSTDA;

    /** {@code edda} or {@code mclustda}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named {@code name}, case-insensitively. */
    public static DaType parse(String name) {
        for (DaType t : values()) {
            if (t.id().equalsIgnoreCase(name.strip())) {
                return t;
            }
        }
        throw new MlemUserException("unknown discriminant type '" + name + "'; use edda or mclustda");
    }
}
