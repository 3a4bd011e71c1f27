package org.mlem.concomitant;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.mlem.MlemUserException;
import org.mlem.em.StartCollapse;

/**
 * The gating M-step: a weighted multinomial logistic regression of soft targets (the E-step's
 * responsibilities) on the concomitant design, maximising {@code Σ_i w_i Σ_j r_ij log π_j(z_i)} over
 * γ_1..γ_{k−1} (γ_0 = 0). Newton–Raphson with the exact Hessian (the objective is concave), step
 * halving when a step does not raise it, run to convergence (a step below 1e-12 relative, or no
 * rise left beyond rounding) so that EM's fixed point is the maximum likelihood estimate. flexmix's
 * {@code FLXPmultinom} solves the same problem with {@code nnet}'s BFGS to its default tolerance.
 */
final class MultinomialLogit {
    private static final int MAX_ITERATIONS = 200;
    private static final double STEP_TOLERANCE = 1e-12;
    /** Relative rounding of the objective, a sum over the rows. */
    private static final double ROUNDING = 1e-13;

    private MultinomialLogit() {}

    /**
     * The maximiser from {@code start} (k × q, row 0 zeros).
     *
     * @param z the design, n × q row-major
     * @param resp responsibilities, n × k row-major
     * @param w frequency weights of the rows, or null
     */
    static double[][] fit(double[] z, int n, double[] resp, double[] w, double[][] start) {
        return fit(new GatingSums() {
            @Override
            public double objective(double[][] gamma) {
                return MultinomialLogit.objective(gamma, z, n, resp, w);
            }

            @Override
            public void derivatives(double[][] gamma, double[] g, double[][] h) {
                MultinomialLogit.derivatives(gamma, z, n, resp, w, g, h);
            }
        }, start);
    }

    /**
     * The maximiser from {@code start} (k × q, row 0 zeros) of the objective whose sums over the
     * rows {@code sums} computes (over arrays on one machine, over partitions on a cluster): the
     * same Newton steps, halvings and stopping rule whoever sums.
     */
    static double[][] fit(GatingSums sums, double[][] start) {
        int k = start.length;
        int q = start[0].length;
        double[][] gamma = copy(start);
        double value = sums.objective(gamma);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] g = new double[(k - 1) * q];
            double[][] h = new double[g.length][g.length];
            sums.derivatives(gamma, g, h);
            double[] step = solve(h, g);
            double size = 0;
            double scale = 1;
            for (int j = 1; j < k; j++) {
                for (int a = 0; a < q; a++) {
                    size = Math.max(size, Math.abs(step[(j - 1) * q + a]));
                    scale = Math.max(scale, Math.abs(gamma[j][a]));
                }
            }
            double t = 1;
            double[][] next = null;
            double nextValue = Double.NEGATIVE_INFINITY;
            // near the maximum a Newton step changes the objective by less than its rounding, so a
            // step is taken unless the objective falls by more than that
            double floor = value - ROUNDING * Math.max(1, Math.abs(value));
            for (int half = 0; half < 40; half++) {
                next = moved(gamma, step, t);
                nextValue = sums.objective(next);
                if (nextValue >= floor) {
                    break;
                }
                t /= 2;
            }
            if (!(nextValue >= floor)) {
                return gamma; // no rise left in any direction of the step: at the maximum to rounding
            }
            gamma = next;
            value = nextValue;
            if (size * t <= STEP_TOLERANCE * scale) {
                return gamma;
            }
        }
        return gamma;
    }

    /** {@code Σ_i w_i Σ_j r_ij log π_j(z_i)}. */
    static double objective(double[][] gamma, double[] z, int n, double[] resp, double[] w) {
        int k = gamma.length;
        double[] lp = new double[n * k];
        Gating.logPriors(gamma, z, 0, n, lp);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            double row = 0;
            for (int j = 0; j < k; j++) {
                double r = resp[i * k + j];
                if (r != 0) {
                    row += r * lp[i * k + j];
                }
            }
            s += wi * row;
        }
        return s;
    }

    /**
     * The gradient {@code g} and the negative Hessian {@code h} of the objective in the free
     * parameters (γ_j[a] at {@code (j − 1) q + a}).
     */
    static void derivatives(double[][] gamma, double[] z, int n, double[] resp, double[] w, double[] g, double[][] h) {
        int k = gamma.length;
        int q = gamma[0].length;
        double[] lp = new double[n * k];
        Gating.logPriors(gamma, z, 0, n, lp);
        double[] pi = new double[k];
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            if (wi == 0) {
                continue;
            }
            double s = 0;
            for (int j = 0; j < k; j++) {
                pi[j] = Math.exp(lp[i * k + j]);
                s += resp[i * k + j];
            }
            int zo = i * q;
            for (int j = 1; j < k; j++) {
                double rj = wi * (resp[i * k + j] - s * pi[j]);
                for (int a = 0; a < q; a++) {
                    g[(j - 1) * q + a] += rj * z[zo + a];
                }
                for (int l = 1; l < k; l++) {
                    double c = wi * s * pi[j] * ((j == l ? 1 : 0) - pi[l]);
                    if (c == 0) {
                        continue;
                    }
                    for (int a = 0; a < q; a++) {
                        double ca = c * z[zo + a];
                        double[] row = h[(j - 1) * q + a];
                        for (int b = 0; b < q; b++) {
                            row[(l - 1) * q + b] += ca * z[zo + b];
                        }
                    }
                }
            }
        }
    }

    private static double[] solve(double[][] h, double[] g) {
        try {
            return new CholeskyDecomposition(new Array2DRowRealMatrix(h, false), 1e-14, 1e-14).getSolver()
                    .solve(new org.hipparchus.linear.ArrayRealVector(g, false)).toArray();
        } catch (MathIllegalArgumentException e) {
            int flattest = 0; // the coefficient whose curvature is least, relative to the largest: the separating one
            for (int i = 1; i < h.length; i++) {
                flattest = h[i][i] < h[flattest][flattest] ? i : flattest;
            }
            throw new SingularGating(flattest, null);
        }
    }

    private static double[][] moved(double[][] gamma, double[] step, double t) {
        double[][] out = copy(gamma);
        int q = gamma[0].length;
        for (int j = 1; j < gamma.length; j++) {
            for (int a = 0; a < q; a++) {
                out[j][a] += t * step[(j - 1) * q + a];
            }
        }
        return out;
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int j = 0; j < a.length; j++) {
            c[j] = a[j].clone();
        }
        return c;
    }

    /**
     * The gating's Hessian is singular: a term constant or repeating another, or one that separates
     * the components (a weight going to 0 or 1, so a coefficient without bound: no finite maximum
     * exists, only a supremum, which flexmix's nnet approaches with a large coefficient). A start
     * that ends so collapses ({@link StartCollapse}): another start may reach a maximum where no
     * term separates. {@code index} is the flattest free coefficient, (component − 1)·q + term.
     */
    static final class SingularGating extends MlemUserException implements StartCollapse {
        private static final long serialVersionUID = 1L;
        final int index;

        SingularGating(int index, String where) {
            super("the concomitant gating has no finite maximum from any start: "
                    + (where == null ? "a term" : where) + " separates the components (a weight goes to 0 or 1, "
                    + "so its coefficient grows without bound), or a column is constant or repeats another; drop "
                    + "such terms from --concomitant, reduce k, or try more starts (--n-init)");
            this.index = index;
        }

        /** This failure naming the term and component by the gating's {@code terms}. */
        SingularGating named(java.util.List<String> terms) {
            int q = terms.size();
            return new SingularGating(index, "the term " + terms.get(index % q) + " of component " + (index / q + 1));
        }
    }
}
