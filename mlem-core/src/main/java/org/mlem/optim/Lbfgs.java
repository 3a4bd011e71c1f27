package org.mlem.optim;

/**
 * Limited-memory BFGS (Nocedal 1980; Liu and Nocedal 1989) minimisation with the two-loop recursion
 * and a strong-Wolfe line search (Nocedal and Wright 2006, algorithms 3.5 and 3.6, with safeguarded
 * cubic interpolation). Converged means ‖∇f‖∞ ≤ tolerance·max(1, |f|); anything else is reported
 * with its reason.
 */
final class Lbfgs {
    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_LINE_EVALUATIONS = 60;

    private final int maxIterations;
    private final double tolerance;
    private final int memory;

    Lbfgs(int maxIterations, double tolerance, int memory) {
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.memory = memory;
    }

    /** Where the minimisation stopped. */
    record Result(double[] x, double value, double[] gradient, int iterations, boolean converged,
            String reason) {
        double gradientNorm() {
            return maxAbs(gradient);
        }
    }

    Result minimize(Objective f, double[] start) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.evaluate(x, g);
        if (!Double.isFinite(fx) || !allFinite(g)) {
            return new Result(x, fx, g, 0, false, "the objective or its gradient is not finite at the start");
        }
        double[][] s = new double[memory][];
        double[][] y = new double[memory][];
        double[] rho = new double[memory];
        int stored = 0;
        int newest = -1;
        for (int iter = 0; iter < maxIterations; iter++) {
            if (maxAbs(g) <= tolerance * Math.max(1, Math.abs(fx))) {
                return new Result(x, fx, g, iter, true, "gradient below tolerance");
            }
            double[] d = direction(g, s, y, rho, stored, newest);
            double slope = dot(g, d);
            if (!(slope < 0)) {
                // the quasi-Newton model lost positive definiteness: restart from steepest descent
                stored = 0;
                d = negate(g);
                slope = dot(g, d);
            }
            double initial = iter == 0 && stored == 0 ? Math.min(1, 1 / maxAbs(g)) : 1;
            LineSearch.Point p = new LineSearch(f, x, d, fx, slope).search(initial);
            if (p == null) {
                if (stored > 0) {
                    stored = 0;
                    continue;
                }
                return new Result(x, fx, g, iter, false, "the line search found no point satisfying "
                        + "the Wolfe conditions; the gradient may be inaccurate or the optimum lies at "
                        + "a boundary");
            }
            newest = (newest + 1) % memory;
            s[newest] = subtract(p.x(), x);
            y[newest] = subtract(p.gradient(), g);
            double sy = dot(s[newest], y[newest]);
            if (sy > 0) {
                rho[newest] = 1 / sy;
                stored = Math.min(stored + 1, memory);
            } else {
                newest = (newest - 1 + memory) % memory;
            }
            double previous = fx;
            x = p.x();
            g = p.gradient();
            fx = p.value();
            if (previous - fx <= 1e-16 * Math.max(1, Math.abs(fx)) && maxAbs(g) <= Math.sqrt(tolerance)
                    * Math.max(1, Math.abs(fx))) {
                return new Result(x, fx, g, iter + 1, true,
                        "no further decrease at machine precision and gradient near zero");
            }
        }
        return new Result(x, fx, g, maxIterations, maxAbs(g) <= tolerance * Math.max(1, Math.abs(fx)),
                "iteration limit " + maxIterations + " reached");
    }

    /** Two-loop recursion: −H∇f with H the L-BFGS inverse-Hessian approximation. */
    private static double[] direction(double[] g, double[][] s, double[][] y, double[] rho, int stored,
            int newest) {
        int m = s.length;
        double[] q = g.clone();
        double[] alpha = new double[m];
        for (int k = 0; k < stored; k++) {
            int i = (newest - k + m) % m;
            alpha[i] = rho[i] * dot(s[i], q);
            axpy(-alpha[i], y[i], q);
        }
        if (stored > 0) {
            double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
            for (int j = 0; j < q.length; j++) {
                q[j] *= gamma;
            }
        }
        for (int k = stored - 1; k >= 0; k--) {
            int i = (newest - k + m) % m;
            double beta = rho[i] * dot(y[i], q);
            axpy(alpha[i] - beta, s[i], q);
        }
        return negate(q);
    }

    /** Strong-Wolfe line search along d from x. */
    private static final class LineSearch {
        private final Objective f;
        private final double[] x;
        private final double[] d;
        private final double f0;
        private final double slope0;
        private int evaluations;

        record Point(double step, double[] x, double value, double[] gradient, double slope) {
        }

        LineSearch(Objective f, double[] x, double[] d, double f0, double slope0) {
            this.f = f;
            this.x = x;
            this.d = d;
            this.f0 = f0;
            this.slope0 = slope0;
        }

        private Point at(double a) {
            evaluations++;
            double[] xa = x.clone();
            axpy(a, d, xa);
            double[] ga = new double[x.length];
            double fa = f.evaluate(xa, ga);
            if (!Double.isFinite(fa) || !allFinite(ga)) {
                fa = Double.POSITIVE_INFINITY;
            }
            return new Point(a, xa, fa, ga, Double.isFinite(fa) ? dot(ga, d) : Double.NaN);
        }

        Point search(double initial) {
            Point prev = new Point(0, x, f0, null, slope0);
            double a = initial;
            for (int i = 0; evaluations < MAX_LINE_EVALUATIONS; i++) {
                Point p = at(a);
                if (p.value() > f0 + C1 * a * slope0 || (i > 0 && p.value() >= prev.value())) {
                    return zoom(prev, p);
                }
                if (Math.abs(p.slope()) <= -C2 * slope0) {
                    return p;
                }
                if (p.slope() >= 0) {
                    return zoom(p, prev);
                }
                prev = p;
                a *= 2;
            }
            return null;
        }

        private Point zoom(Point lo, Point hi) {
            while (evaluations < MAX_LINE_EVALUATIONS) {
                double a = interpolate(lo, hi);
                Point p = at(a);
                if (p.value() > f0 + C1 * a * slope0 || p.value() >= lo.value()) {
                    hi = p;
                } else {
                    if (Math.abs(p.slope()) <= -C2 * slope0) {
                        return p;
                    }
                    if (p.slope() * (hi.step() - lo.step()) >= 0) {
                        hi = lo;
                    }
                    lo = p;
                }
                if (Math.abs(hi.step() - lo.step()) <= 1e-16 * Math.max(1, Math.abs(lo.step()))) {
                    break;
                }
            }
            // a point with sufficient decrease is still progress even without the curvature condition
            return lo.step() > 0 && lo.value() < f0 ? lo : null;
        }

        /** Minimiser of the cubic through both ends, kept inside the middle 80% of the bracket. */
        private static double interpolate(Point lo, Point hi) {
            double a = lo.step();
            double b = hi.step();
            double left = Math.min(a, b);
            double width = Math.abs(b - a);
            double guess = Double.NaN;
            if (Double.isFinite(hi.value()) && Double.isFinite(hi.slope())) {
                double d1 = lo.slope() + hi.slope() - 3 * (lo.value() - hi.value()) / (a - b);
                double disc = d1 * d1 - lo.slope() * hi.slope();
                if (disc >= 0) {
                    double d2 = Math.signum(b - a) * Math.sqrt(disc);
                    guess = b - (b - a) * (hi.slope() + d2 - d1) / (hi.slope() - lo.slope() + 2 * d2);
                }
            }
            if (!(guess >= left + 0.1 * width && guess <= left + 0.9 * width)) {
                guess = 0.5 * (a + b);
            }
            return guess;
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double[] subtract(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static double[] negate(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = -a[i];
        }
        return out;
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
