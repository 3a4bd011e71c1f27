package org.mlem.optim;

import java.util.List;

/**
 * The likelihood seen on the unconstrained scale u, as the objective −ℓ(x(u)) the minimiser needs,
 * optionally with one parameter held fixed (for profiles). Gradients come from the user's analytic
 * gradient through the chain rule, or from central differences on u.
 */
final class FreeScale {
    private final Transform[] transforms;
    private final LogLikelihood logLikelihood;
    private final LogLikelihoodGradient gradient;

    FreeScale(List<Parameter> parameters, LogLikelihood logLikelihood, LogLikelihoodGradient gradient) {
        this.transforms = parameters.stream().map(Parameter::transform).toArray(Transform[]::new);
        this.logLikelihood = logLikelihood;
        this.gradient = gradient;
    }

    Transform[] transforms() {
        return transforms.clone();
    }

    double[] toParameters(double[] u) {
        double[] x = new double[u.length];
        for (int j = 0; j < u.length; j++) {
            x[j] = transforms[j].toParameter(u[j]);
        }
        return x;
    }

    double[] toFree(double[] x) {
        double[] u = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            u[j] = transforms[j].toFree(x[j]);
        }
        return u;
    }

    /** −ℓ on u, all parameters free. */
    Objective objective() {
        return (u, grad) -> negativeLogLikelihood(u, grad, null);
    }

    /** −ℓ on the free coordinates other than {@code fixed}, whose u is held at {@code fixedU}. */
    Objective profile(int fixed, double fixedU) {
        return (v, grad) -> {
            double[] u = insert(v, fixed, fixedU);
            double[] full = new double[u.length];
            double value = negativeLogLikelihood(u, full, fixed);
            for (int j = 0, k = 0; j < full.length; j++) {
                if (j != fixed) {
                    grad[k++] = full[j];
                }
            }
            return value;
        };
    }

    static double[] insert(double[] v, int at, double value) {
        double[] u = new double[v.length + 1];
        for (int j = 0, k = 0; j < u.length; j++) {
            u[j] = j == at ? value : v[k++];
        }
        return u;
    }

    static double[] remove(double[] u, int at) {
        double[] v = new double[u.length - 1];
        for (int j = 0, k = 0; j < u.length; j++) {
            if (j != at) {
                v[k++] = u[j];
            }
        }
        return v;
    }

    private double negativeLogLikelihood(double[] u, double[] grad, Integer skip) {
        double[] x = toParameters(u);
        double value;
        if (gradient != null) {
            value = -logLikelihood.value(x);
            double[] g = gradient.at(x);
            for (int j = 0; j < u.length; j++) {
                grad[j] = -g[j] * transforms[j].derivative(u[j]);
            }
        } else {
            // ℓ and its difference stencil in one batch (one pass where ℓ is summed over a cluster)
            double[][] valueAndGradient = Stencil.batched(logLikelihood, f -> new double[][] {{-f.value(x)},
                    FiniteDifferences.gradient(w -> -f.value(toParameters(w)), u)});
            value = valueAndGradient[0][0];
            System.arraycopy(valueAndGradient[1], 0, grad, 0, grad.length);
            if (skip != null) {
                grad[skip] = 0;
            }
        }
        return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
    }
}
