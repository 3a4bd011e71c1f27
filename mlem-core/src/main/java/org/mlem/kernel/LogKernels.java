package org.mlem.kernel;

/**
 * log(1 + x) through the JVM's intrinsic {@link Math#log}: {@link Math#log1p} is computed in Java
 * (fdlibm's algorithm) and takes several times as long, which made it most of a t mixture's CPU
 * (its E-step and its ECME profile take one or two a row and component). Goldberg's identity
 * (1991, "What every computer scientist should know about floating-point arithmetic", Theorem 4):
 * with u = fl(1 + x), {@code log1p(x) = log(u) · x / (u − 1)} when u ≠ 1 and x when u = 1, with a
 * relative error of a few units in the last place (tested against {@link Math#log1p} in
 * {@code LogKernelsTest}). Deterministic, so fits keep the same bits on any thread count.
 */
final class LogKernels {
    private LogKernels() {}

    static double log1p(double x) {
        double u = 1.0 + x;
        if (u == 1.0) {
            return x; // |x| below half an ulp of 1 (and ±0, which keeps its sign)
        }
        if (u == Double.POSITIVE_INFINITY || x != x) {
            return Math.log1p(x); // x = +∞, NaN, or so large that 1 + x overflows
        }
        return Math.log(u) * (x / (u - 1.0));
    }
}
