package org.mlem.count;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;

/**
 * Lambert's (1992) EM for the zero-inflated Poisson, pscl's {@code EM = TRUE} start. The latent
 * indicator of a structural zero has posterior z_i = logistic(zeta_i + mu_i) at y_i = 0 and 0
 * otherwise (E-step); the M-step is a Poisson regression with weights 1 - z_i and a logistic
 * regression of the fractional z_i, each solved by Newton with its exact Hessian. Stops when the
 * log-likelihood's relative change is below {@code tolerance}, as pscl's EM loop does. Prior
 * weights (null: all 1) multiply both M-steps' score and information terms.
 */
final class LambertEm {
    /** The parameters reached (beta then gamma) and the observed log-likelihood before each M-step and at the end. */
    record Result(double[] parameters, List<Double> trace) {}

    private LambertEm() {}

    static Result run(double[] y, double[][] x, double[][] z, double[] weights, double[] start, int maxIterations,
            double tolerance) {
        double[] pw = weights;
        int n = y.length;
        int p = x[0].length;
        int q = z[0].length;
        CountLikelihood f = new CountLikelihood(CountModelKind.ZEROINFL, CountDistribution.POISSON, y, x, z, weights);
        double[] par = start.clone();
        double[] beta = java.util.Arrays.copyOfRange(par, 0, p);
        double[] gamma = java.util.Arrays.copyOfRange(par, p, p + q);
        List<Double> trace = new ArrayList<>();
        double ll = f.value(par, null, null);
        trace.add(ll);
        double[] post = new double[n];
        for (int it = 0; it < maxIterations; it++) {
            for (int i = 0; i < n; i++) {
                post[i] = y[i] == 0 ? 1 / (1 + Math.exp(-(dot(z[i], gamma) + Math.exp(dot(x[i], beta))))) : 0;
            }
            beta = newton(x, beta, (eta, i) -> {
                double w = (pw == null ? 1 : pw[i]) * (1 - post[i]);
                double mu = Math.exp(eta);
                return new double[] {w * (y[i] - mu), w * mu};
            });
            gamma = newton(z, gamma, (zeta, i) -> {
                double pi = 1 / (1 + Math.exp(-zeta));
                double w = pw == null ? 1 : pw[i];
                return new double[] {w * (post[i] - pi), w * pi * (1 - pi)};
            });
            System.arraycopy(beta, 0, par, 0, p);
            System.arraycopy(gamma, 0, par, p, q);
            double next = f.value(par, null, null);
            trace.add(next);
            boolean done = Math.abs((ll - next) / ll) < tolerance;
            ll = next;
            if (done) {
                break;
            }
        }
        return new Result(par, trace);
    }

    /** Per row: the score's and the information's factor at linear predictor {@code eta}. */
    private interface RowTerms {
        double[] at(double eta, int row);
    }

    /** Newton for a concave GLM-like objective: gradient sum s_i x_i, minus Hessian sum h_i x_i x_i'. */
    private static double[] newton(double[][] m, double[] start, RowTerms terms) {
        int k = start.length;
        double[] b = start.clone();
        for (int it = 0; it < 100; it++) {
            double[] g = new double[k];
            double[][] info = new double[k][k];
            for (int i = 0; i < m.length; i++) {
                double[] t = terms.at(dot(m[i], b), i);
                for (int a = 0; a < k; a++) {
                    g[a] += t[0] * m[i][a];
                    for (int c = 0; c <= a; c++) {
                        info[a][c] += t[1] * m[i][a] * m[i][c];
                    }
                }
            }
            for (int a = 0; a < k; a++) {
                for (int c = 0; c < a; c++) {
                    info[c][a] = info[a][c];
                }
            }
            double[] step = new CholeskyDecomposition(new Array2DRowRealMatrix(info), 1e-14, 1e-14).getSolver()
                    .solve(new ArrayRealVector(g)).toArray();
            double size = 0;
            for (int a = 0; a < k; a++) {
                b[a] += step[a];
                size = Math.max(size, Math.abs(step[a]) / (1 + Math.abs(b[a])));
            }
            if (size < 1e-12) {
                break;
            }
        }
        return b;
    }

    private static double dot(double[] row, double[] b) {
        double s = 0;
        for (int j = 0; j < row.length; j++) {
            s += row[j] * b[j];
        }
        return s;
    }
}
