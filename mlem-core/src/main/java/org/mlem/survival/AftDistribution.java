package org.mlem.survival;

import java.util.Arrays;
import java.util.Locale;
import org.mlem.MlemUserException;

/**
 * The distributions of {@code survival::survreg}, by its names: the time (or its log) is
 * η + σW with W of a standard {@link ErrorDistribution}.
 */
public enum AftDistribution {
    /** log T = η + σW, W minimum extreme value: the Weibull with shape 1/σ and scale e^η. */
    WEIBULL("weibull", ErrorDistribution.EXTREME, true, false),
    /** The Weibull with σ = 1. */
    EXPONENTIAL("exponential", ErrorDistribution.EXTREME, true, true),
    /** log T normal. */
    LOGNORMAL("lognormal", ErrorDistribution.NORMAL, true, false),
    /** log T logistic. */
    LOGLOGISTIC("loglogistic", ErrorDistribution.LOGISTIC, true, false),
    /** T normal: with left censoring at 0, the Tobit model. */
    GAUSSIAN("gaussian", ErrorDistribution.NORMAL, false, false),
    /** T logistic. */
    LOGISTIC("logistic", ErrorDistribution.LOGISTIC, false, false),
    /** T minimum extreme value. */
    EXTREME("extreme", ErrorDistribution.EXTREME, false, false);

    private final String rName;
    final ErrorDistribution error;
    final boolean logTime;
    final boolean fixedScale;

    AftDistribution(String rName, ErrorDistribution error, boolean logTime, boolean fixedScale) {
        this.rName = rName;
        this.error = error;
        this.logTime = logTime;
        this.fixedScale = fixedScale;
    }

    /** survreg's name. */
    public String rName() {
        return rName;
    }

    /** Whether the model is for log T (times must then be positive). */
    public boolean logTime() {
        return logTime;
    }

    /** Whether σ is fixed at 1 (the exponential). */
    public boolean fixedScale() {
        return fixedScale;
    }

    /** By survreg's name ({@code weibull}, {@code exponential}, ...); {@code normal} is {@code gaussian}. */
    public static AftDistribution byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("normal")) {
            return GAUSSIAN;
        }
        for (AftDistribution d : values()) {
            if (d.rName.equals(n)) {
                return d;
            }
        }
        throw new MlemUserException("unknown survival distribution '" + name + "'; choose one of "
                + String.join(", ", Arrays.stream(values()).map(AftDistribution::rName).toList()));
    }
}
