package org.mlem.testkit;

/** The tolerance tiers numerical tests use (STYLE.md, rule 15). */
public final class Tolerances {
    private Tolerances() {}

    /** Closed forms and exact algebraic identities. */
    public static final double CLOSED_FORM = 1e-10;

    /** Agreement with an external implementation (R, scikit-learn) from identical starts. */
    public static final double EXTERNAL = 1e-8;

    /** Recovery of parameters from simulated samples. */
    public static final double RECOVERY = 0.1;

    /** |a − b| / max(|a|, |b|, floor). */
    public static double relativeError(double a, double b, double floor) {
        return Math.abs(a - b) / Math.max(Math.max(Math.abs(a), Math.abs(b)), floor);
    }
}
