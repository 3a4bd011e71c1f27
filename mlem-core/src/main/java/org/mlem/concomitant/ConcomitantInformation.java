package org.mlem.concomitant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.mlem.MlemUserException;
import org.mlem.survival.Richardson;
import org.mlem.uncertainty.MixtureInformation;
import org.mlem.uncertainty.ObservedInformation;
import org.mlem.uncertainty.RowDerivatives;

/**
 * Standard errors of a concomitant mixture from the observed information of the whole model:
 * minus the Hessian of the observed-data log-likelihood in the components' parameters (each
 * model's standard-error layout without its weights) and the gating's γ_1..γ_{k−1}. Names: the
 * components' as their Louis tables name them, then {@code gamma[j][term]}.
 *
 * <p>Two ways to the same matrix. {@link #of(ComponentDensities, ConcomitantDesign, double[],
 * ConcomitantMixture) of} takes Louis' identity (Louis 1982) where the components give their per-row
 * derivatives ({@link ComponentDensities#derivatives}): per row,
 * {@code −∂² log p(x_i | z_i) = E[−∂² log p(x_i, c_i | z_i)] − Var[∂ log p(x_i, c_i | z_i)]} over the
 * posterior of the component c_i, whose complete-data log-likelihood {@code log π_c(z_i) + log f_c(x_i)}
 * has score {@code ∇ log f_c} in the components' parameters and {@code ([c = l] − π_l(z_i)) z_i} in
 * γ_l, and negative Hessian {@code −∇² log f_c} and {@code (π_l [l = m] − π_l π_m) z_i z_iᵀ} (the same
 * for every c), nothing across. Exact up to rounding: within 2.2e-10 of flexmix's reference at its
 * maximum ({@code FlexmixConcomitantTest}).
 * {@link #numerical} is the plain reference (and the kinds without derivatives'): central
 * differences of the log-likelihood with Richardson extrapolation ({@link Richardson}, first steps
 * 10⁻² relative, halved three times: smaller steps drown the second differences in the
 * log-likelihood's rounding), about 2e-5 relative in the standard errors.
 */
public final class ConcomitantInformation {
    /** First relative step of the differences: small enough to stay inside every model's parameter space. */
    private static final double STEP = 1e-2;

    private ConcomitantInformation() {}

    /**
     * The observed information and standard errors of {@code model} on the design's rows (their
     * frequency {@code weights}, or null): Louis' identity where the components give derivatives
     * for {@code model}, else {@link #numerical}.
     */
    public static <M> ObservedInformation of(ComponentDensities<M> components, ConcomitantDesign design,
            double[] weights, ConcomitantMixture<M> model) {
        RowDerivatives f = components.derivatives(model.components());
        return f == null ? numerical(components, design, weights, model) : louis(components, design, weights, model, f);
    }

    /** The observed information by Richardson differences of the log-likelihood: the plain reference. */
    public static <M> ObservedInformation numerical(ComponentDensities<M> components, ConcomitantDesign design,
            double[] weights, ConcomitantMixture<M> model) {
        return of(components, model, models -> {
            double[] out = new double[models.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = logLikelihood(models.get(i), m -> ConcomitantEm.logLikelihood(components, design, weights, m));
            }
            return out;
        });
    }

    private static <M> ObservedInformation louis(ComponentDensities<M> components, ConcomitantDesign design,
            double[] weights, ConcomitantMixture<M> model, RowDerivatives f) {
        double[] resp = ConcomitantEm.posteriors(components, design, model);
        return fromLouisSums(components, model,
                louisSums(f, resp, design.z(), design.rows(), weights, model.gating().coefficients()));
    }

    /**
     * The observed information and standard errors of {@code model} from {@link #louisSums} over all
     * its rows (summed over slices of them in any order); {@code components} gives the layout only.
     */
    public static <M> ObservedInformation fromLouisSums(ComponentDensities<M> components, ConcomitantMixture<M> model,
            double[] sums) {
        Layout layout = Layout.of(components, model);
        int p = layout.theta.length;
        if (sums.length != p * p) {
            throw new IllegalArgumentException(sums.length + " sums for " + p + " parameters");
        }
        double[][] info = new double[p][];
        for (int a = 0; a < p; a++) {
            info[a] = Arrays.copyOfRange(sums, a * p, (a + 1) * p);
        }
        MixtureInformation.symmetrise(info);
        return MixtureInformation.standardErrors(layout.names, layout.theta, info);
    }

    /**
     * Louis' information of {@code rows} rows summed (P × P row-major, P the components' S parameters
     * and (k − 1) q gating coefficients; not yet symmetrised): their derivatives {@code f} (rows
     * numbered from 0), posteriors {@code resp} (rows × k), gating design {@code z} (rows × q),
     * frequency weights (or null) and the gating's coefficients {@code gamma} (k × q). Sums of slices
     * of the rows add to the whole's, so a cluster's partitions each give theirs.
     */
    public static double[] louisSums(RowDerivatives f, double[] resp, double[] z, int rows, double[] weights,
            double[][] gamma) {
        int k = gamma.length;
        int q = gamma[0].length;
        int s = f.size();
        int p = s + (k - 1) * q;
        double[] pi = new double[rows * k];
        Gating.logPriors(gamma, z, 0, rows, pi);
        for (int i = 0; i < pi.length; i++) {
            pi[i] = Math.exp(pi[i]);
        }
        double[][] info = new double[p][p];
        double[][] scores = new double[k][p];
        double[] mean = new double[p];
        double[] grad = new double[s];
        double[] h = new double[s * s];
        for (int i = 0; i < rows; i++) {
            double wi = weights == null ? 1 : weights[i];
            if (wi == 0) {
                continue;
            }
            Arrays.fill(mean, 0);
            for (int j = 0; j < k; j++) {
                double t = resp[i * k + j];
                if (t == 0) {
                    continue;
                }
                double[] sc = scores[j];
                f.at(i, j, grad, h);
                System.arraycopy(grad, 0, sc, 0, s);
                for (int l = 1; l < k; l++) {
                    double r = (j == l ? 1 : 0) - pi[i * k + l];
                    for (int a = 0; a < q; a++) {
                        sc[s + (l - 1) * q + a] = r * z[i * q + a];
                    }
                }
                for (int a = 0; a < s; a++) {
                    for (int b = 0; b < s; b++) {
                        info[a][b] += wi * t * h[a * s + b];
                    }
                }
                for (int a = 0; a < p; a++) {
                    mean[a] += t * sc[a];
                }
            }
            for (int j = 0; j < k; j++) { // minus the posterior variance of the complete-data score
                if (resp[i * k + j] != 0) {
                    MixtureInformation.addOuter(info, scores[j], -wi * resp[i * k + j]);
                }
            }
            MixtureInformation.addOuter(info, mean, wi);
            addGatingInformation(info, s, pi, i, k, z, q, wi);
        }
        double[] flat = new double[p * p];
        for (int a = 0; a < p; a++) {
            System.arraycopy(info[a], 0, flat, a * p, p);
        }
        return flat;
    }

    /** Adds row i's {@code w (π_l [l = m] − π_l π_m) z_i z_iᵀ} to the gating's block (from {@code s}). */
    private static void addGatingInformation(double[][] info, int s, double[] pi, int i, int k, double[] z, int q, double w) {
        for (int l = 1; l < k; l++) {
            double pl = pi[i * k + l];
            for (int m = 1; m < k; m++) {
                double c = w * ((l == m ? pl : 0) - pl * pi[i * k + m]);
                for (int a = 0; a < q; a++) {
                    double ca = c * z[i * q + a];
                    int row = s + (l - 1) * q + a;
                    for (int b = 0; b < q; b++) {
                        info[row][s + (m - 1) * q + b] += ca * z[i * q + b];
                    }
                }
            }
        }
    }

    /** The names and values of the whole model's parameters: the components' without weights, then γ_1..γ_{k−1}. */
    private record Layout(List<String> names, double[] theta, double[] fixedWeights, int s, int q) {
        static <M> Layout of(ComponentDensities<M> components, ConcomitantMixture<M> model) {
            int k = components.components();
            List<String> compNames = components.parameterNames(model.components());
            double[] compValues = components.parameterValues(model.components());
            int s = compValues.length - k;
            Gating g = model.gating();
            int q = g.width();
            List<String> names = new ArrayList<>(compNames.subList(k, compNames.size()));
            double[] theta = Arrays.copyOf(Arrays.copyOfRange(compValues, k, compValues.length), s + (k - 1) * q);
            double[][] gamma = g.coefficients();
            for (int j = 1; j < k; j++) {
                for (int a = 0; a < q; a++) {
                    names.add("gamma[" + j + "][" + g.terms().get(a) + "]");
                    theta[s + (j - 1) * q + a] = gamma[j][a];
                }
            }
            return new Layout(List.copyOf(names), theta, Arrays.copyOf(compValues, k - 1), s, q);
        }
    }

    /**
     * As {@link #numerical} with the rows
     * elsewhere (a cluster's partitions): every log-likelihood the differences need is asked of
     * {@code logLikelihoods} in one call, a list of models in a fixed order (null for a step outside the
     * parameter space, whose value is NaN), so the rows can be passed over once. {@code components}
     * gives the parameters' layout only. The same numbers as the single machine's when the
     * log-likelihoods are the same bits.
     */
    public static <M> ObservedInformation of(ComponentDensities<M> components, ConcomitantMixture<M> model,
            Function<List<ConcomitantMixture<M>>, double[]> logLikelihoods) {
        Layout layout = Layout.of(components, model);
        double[] theta = layout.theta;
        int s = layout.s;
        int q = layout.q;
        double[] fixedWeights = layout.fixedWeights;
        // the differences' points do not depend on the values: gather them, evaluate them at once, replay
        List<ConcomitantMixture<M>> points = new ArrayList<>();
        Richardson.hessian(t -> {
            ConcomitantMixture<M> m;
            try {
                m = at(components, model, fixedWeights, t, s, q);
            } catch (MlemUserException | IllegalArgumentException e) {
                m = null; // a step outside the parameter space (a covariance no longer positive definite)
            }
            points.add(m);
            return 0;
        }, theta, STEP);
        double[] values = logLikelihoods.apply(java.util.Collections.unmodifiableList(points));
        int[] next = {0};
        double[][] hessian = Richardson.hessian(t -> values[next[0]++], theta, STEP);
        double[][] info = new double[theta.length][theta.length];
        for (int a = 0; a < theta.length; a++) {
            for (int b = 0; b < theta.length; b++) {
                info[a][b] = -hessian[a][b];
            }
        }
        return MixtureInformation.standardErrors(layout.names, theta, info);
    }

    /** {@code f} of {@code m}; NaN for a point outside the parameter space (null, or refused by {@code f}). */
    public static <M> double logLikelihood(ConcomitantMixture<M> m, java.util.function.ToDoubleFunction<ConcomitantMixture<M>> f) {
        if (m == null) {
            return Double.NaN;
        }
        try {
            return f.applyAsDouble(m);
        } catch (MlemUserException | IllegalArgumentException e) {
            return Double.NaN; // a step outside the parameter space (a covariance no longer positive definite)
        }
    }

    private static <M> ConcomitantMixture<M> at(ComponentDensities<M> components, ConcomitantMixture<M> like,
            double[] weights, double[] theta, int s, int q) {
        int k = components.components();
        double[] free = new double[k - 1 + s];
        System.arraycopy(weights, 0, free, 0, k - 1);
        System.arraycopy(theta, 0, free, k - 1, s);
        double[][] gamma = new double[k][q];
        for (int j = 1; j < k; j++) {
            System.arraycopy(theta, s + (j - 1) * q, gamma[j], 0, q);
        }
        return new ConcomitantMixture<>(components.fromFree(like.components(), free), like.gating().with(gamma));
    }
}
