package org.mlem.optim;

import org.mlem.MlemUserException;

/**
 * How a parameter x is mapped to an unconstrained u that the optimiser moves freely: none
 * (x = u), log for x &gt; lower (x = lower + eᵘ), logit for lower &lt; x &lt; upper
 * (x = lower + (upper − lower)/(1 + e⁻ᵘ)). Standard errors and intervals are always reported for x.
 */
public sealed interface Transform {

    /** x from u. */
    double toParameter(double u);

    /** u from x; x must lie inside the domain. */
    double toFree(double x);

    /** dx/du at u. */
    double derivative(double u);

    /** Whether x lies strictly inside the domain. */
    boolean contains(double x);

    /** No transform: x real. */
    static Transform none() {
        return Identity.INSTANCE;
    }

    /** x > 0 through x = eᵘ. */
    static Transform positive() {
        return new Lower(0);
    }

    /** 0 &lt; x &lt; 1 through the logit. */
    static Transform unitInterval() {
        return new Interval(0, 1);
    }

    /** x > lower. */
    static Transform above(double lower) {
        return new Lower(lower);
    }

    /** lower &lt; x &lt; upper. */
    static Transform between(double lower, double upper) {
        return new Interval(lower, upper);
    }

    /** By name: {@code none}, {@code log} (positive) or {@code logit} (unit interval). */
    static Transform named(String name) {
        return switch (name) {
            case "none" -> none();
            case "log" -> positive();
            case "logit" -> unitInterval();
            default -> throw new MlemUserException("transform '" + name
                    + "' is unknown; use none, log (positive) or logit (between 0 and 1)");
        };
    }

    /** x = u. */
    enum Identity implements Transform {
        INSTANCE;

        @Override
        public double toParameter(double u) {
            return u;
        }

        @Override
        public double toFree(double x) {
            return x;
        }

        @Override
        public double derivative(double u) {
            return 1;
        }

        @Override
        public boolean contains(double x) {
            return Double.isFinite(x);
        }
    }

    /** x = lower + eᵘ. */
    record Lower(double lower) implements Transform {
        public Lower {
            if (!Double.isFinite(lower)) {
                throw new IllegalArgumentException("lower bound must be finite, got " + lower);
            }
        }

        @Override
        public double toParameter(double u) {
            return lower + Math.exp(u);
        }

        @Override
        public double toFree(double x) {
            return Math.log(x - lower);
        }

        @Override
        public double derivative(double u) {
            return Math.exp(u);
        }

        @Override
        public boolean contains(double x) {
            return x > lower && x < Double.POSITIVE_INFINITY;
        }
    }

    /** x = lower + (upper − lower) / (1 + e⁻ᵘ). */
    record Interval(double lower, double upper) implements Transform {
        public Interval {
            if (!(lower < upper) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
                throw new IllegalArgumentException("need finite lower < upper, got " + lower + ", " + upper);
            }
        }

        @Override
        public double toParameter(double u) {
            double s = u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
            return lower + (upper - lower) * s;
        }

        @Override
        public double toFree(double x) {
            double t = (x - lower) / (upper - lower);
            return Math.log(t) - Math.log1p(-t);
        }

        @Override
        public double derivative(double u) {
            double e = Math.exp(-Math.abs(u));
            return (upper - lower) * e / ((1 + e) * (1 + e));
        }

        @Override
        public boolean contains(double x) {
            return x > lower && x < upper;
        }
    }
}
