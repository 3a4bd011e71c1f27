package org.mlem.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The oracle of every Louis test: the central finite-difference Hessian of the observed-data
 * log-likelihood in the free parameters, steps 1e-3 of each parameter's own scale 1/sqrt(I_aa).
 * Entries agree within {@code tol} relative to sqrt(I_aa I_bb) (the information's own scale, so
 * near-zero entries are judged fairly).
 */
final class InformationCheck {
    private InformationCheck() {}

    static double[][] numericalNegativeHessian(ToDoubleFunction<double[]> ll, double[] theta, double[][] info) {
        int p = theta.length;
        double[] h = new double[p];
        for (int a = 0; a < p; a++) {
            h[a] = 1e-3 / Math.sqrt(Math.abs(info[a][a]));
        }
        double[][] hess = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                double v = (at(ll, theta, a, h[a], b, h[b]) - at(ll, theta, a, h[a], b, -h[b])
                        - at(ll, theta, a, -h[a], b, h[b]) + at(ll, theta, a, -h[a], b, -h[b])) / (4 * h[a] * h[b]);
                hess[a][b] = -v;
                hess[b][a] = -v;
            }
        }
        return hess;
    }

    private static double at(ToDoubleFunction<double[]> ll, double[] theta, int a, double da, int b, double db) {
        double[] t = theta.clone();
        t[a] += da;
        t[b] += db;
        return ll.applyAsDouble(t);
    }

    /** Asserts Louis' information equals the numerical Hessian's within {@code tol}. */
    static void assertMatches(ObservedInformation louis, ToDoubleFunction<double[]> ll, double[] theta, double tol) {
        double[][] info = louis.information();
        double[][] numeric = numericalNegativeHessian(ll, theta, info);
        List<String> names = louis.freeNames();
        assertThat(names).hasSize(theta.length);
        for (int a = 0; a < info.length; a++) {
            for (int b = 0; b < info.length; b++) {
                double scale = Math.sqrt(Math.abs(info[a][a] * info[b][b]));
                assertThat(Math.abs(numeric[a][b] - info[a][b]) / scale).as("%s, %s", names.get(a), names.get(b))
                        .isLessThan(tol);
            }
        }
    }

    /** The reported values without {@code weight[k−1]}: the free layout. */
    static double[] free(double[] reported, int k) {
        double[] f = new double[reported.length - 1];
        System.arraycopy(reported, 0, f, 0, k - 1);
        System.arraycopy(reported, k, f, k - 1, reported.length - k);
        return f;
    }
}
