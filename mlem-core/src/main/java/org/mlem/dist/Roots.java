package org.mlem.dist;

/**
 * A safeguarded one-dimensional root finder for monotone equations: it walks from a start until
 * the sign changes (doubling its step), then runs Newton's method inside the bracket, falling back
 * to bisection whenever a Newton step would leave the bracket or shrinks it too slowly.
 */
final class Roots {
    private Roots() {
    }

    /** An equation in one unknown with its derivative, evaluated together. */
    interface Equation {
        /** Writes f(t) into {@code out[0]} and f'(t) into {@code out[1]}. */
        void evaluate(double t, double[] out);
    }

    /**
     * The root of {@code f} near {@code start}, or NaN when no sign change exists in
     * {@code [lower, upper]} in the direction the monotone function points to.
     *
     * @param increasing whether f increases in t (the side to search follows from f(start)'s sign)
     * @param step the first step of the outward walk (doubled each time)
     * @param tol relative tolerance on t
     */
    static double solveMonotone(Equation f, boolean increasing, double start, double step,
                                double lower, double upper, double tol) {
        double[] fx = new double[2];
        f.evaluate(start, fx);
        if (fx[0] == 0) {
            return start;
        }
        boolean rootAbove = (fx[0] < 0) == increasing;
        double a = start;
        double fa = fx[0];
        double b = start;
        double fb = fa;
        double h = step;
        while (Math.signum(fb) == Math.signum(fa)) {
            a = b;
            fa = fb;
            b = rootAbove ? Math.min(b + h, upper) : Math.max(b - h, lower);
            f.evaluate(b, fx);
            fb = fx[0];
            if (fb == 0) {
                return b;
            }
            if (Math.signum(fb) == Math.signum(fa) && (b == upper || b == lower)) {
                return Double.NaN;
            }
            h *= 2;
        }
        return newtonInBracket(f, Math.min(a, b), Math.max(a, b), a, tol);
    }

    private static double newtonInBracket(Equation f, double lo, double hi, double start, double tol) {
        double[] fx = new double[2];
        f.evaluate(lo, fx);
        boolean loNegative = fx[0] < 0;
        double t = start;
        double previousStep = hi - lo;
        for (int it = 0; it < 300; it++) {
            f.evaluate(t, fx);
            if (fx[0] == 0) {
                return t;
            }
            if ((fx[0] < 0) == loNegative) {
                lo = t;
            } else {
                hi = t;
            }
            double newton = t - fx[0] / fx[1];
            double next;
            if (fx[1] != 0 && newton > lo && newton < hi && Math.abs(newton - t) < 0.5 * previousStep) {
                next = newton;
            } else {
                next = 0.5 * (lo + hi);
            }
            previousStep = Math.abs(next - t);
            t = next;
            if (previousStep <= tol * (1 + Math.abs(t)) || hi - lo <= tol * (1 + Math.abs(t))) {
                return t;
            }
        }
        return t;
    }
}
