package org.mlem.optim;

import java.util.function.ToDoubleFunction;

/**
 * Central finite differences: gradients with step ε^(1/3)·max(1, |x|) and Hessians with step
 * ε^(1/4)·max(|x|, 1e-2) shrunk until x ± h stays inside the parameter's domain.
 */
public final class FiniteDifferences {
    private static final double GRADIENT_STEP = Math.cbrt(Math.ulp(1.0));
    private static final double HESSIAN_STEP = Math.pow(Math.ulp(1.0), 0.25);

    private FiniteDifferences() {
    }

    /** Central-difference gradient of f at x. */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] g = new double[x.length];
        double[] p = x.clone();
        for (int j = 0; j < x.length; j++) {
            double h = GRADIENT_STEP * Math.max(1, Math.abs(x[j]));
            p[j] = x[j] + h;
            double up = f.applyAsDouble(p);
            p[j] = x[j] - h;
            double down = f.applyAsDouble(p);
            p[j] = x[j];
            g[j] = (up - down) / (2 * h);
        }
        return g;
    }

    /** Hessian from central differences of an analytic gradient, symmetrised. */
    static double[][] hessianFromGradient(LogLikelihoodGradient g, double[] x, Transform[] domains) {
        int p = x.length;
        double[][] h = new double[p][p];
        for (int j = 0; j < p; j++) {
            double step = step(x, j, domains[j]);
            double[] up = x.clone();
            double[] down = x.clone();
            up[j] += step;
            down[j] -= step;
            double[] gu = g.at(up);
            double[] gd = g.at(down);
            for (int i = 0; i < p; i++) {
                h[i][j] = (gu[i] - gd[i]) / (2 * step);
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (h[i][j] + h[j][i]);
                h[i][j] = m;
                h[j][i] = m;
            }
        }
        return h;
    }

    /** Hessian from central second differences of the function (four points off the diagonal). */
    static double[][] hessian(LogLikelihood f, double[] x, Transform[] domains) {
        int p = x.length;
        double[] steps = new double[p];
        for (int j = 0; j < p; j++) {
            steps[j] = step(x, j, domains[j]);
        }
        double f0 = f.value(x);
        double[][] h = new double[p][p];
        for (int i = 0; i < p; i++) {
            h[i][i] = (shifted(f, x, i, -steps[i]) - 2 * f0 + shifted(f, x, i, steps[i]))
                    / (steps[i] * steps[i]);
            for (int j = 0; j < i; j++) {
                double v = (shifted2(f, x, i, j, steps, 1, 1) - shifted2(f, x, i, j, steps, 1, -1)
                        - shifted2(f, x, i, j, steps, -1, 1) + shifted2(f, x, i, j, steps, -1, -1))
                        / (4 * steps[i] * steps[j]);
                h[i][j] = v;
                h[j][i] = v;
            }
        }
        return h;
    }

    private static double shifted(LogLikelihood f, double[] x, int i, double delta) {
        double[] p = x.clone();
        p[i] += delta;
        return f.value(p);
    }

    private static double shifted2(LogLikelihood f, double[] x, int i, int j, double[] steps, int si, int sj) {
        double[] p = x.clone();
        p[i] += si * steps[i];
        p[j] += sj * steps[j];
        return f.value(p);
    }

    private static double step(double[] x, int j, Transform domain) {
        double h = HESSIAN_STEP * Math.max(Math.abs(x[j]), 1e-2);
        while (!(domain.contains(x[j] - h) && domain.contains(x[j] + h)) && h > 0) {
            h /= 2;
        }
        return h;
    }
}
