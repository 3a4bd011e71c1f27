package org.mlem.concomitant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.mlem.MlemUserException;
import org.mlem.survival.Richardson;
import org.mlem.uncertainty.MixtureInformation;
import org.mlem.uncertainty.ObservedInformation;

/**
 * Standard errors of a concomitant mixture from the observed information of the whole model:
 * minus the Hessian of the observed-data log-likelihood in the components' parameters (each
 * model's standard-error layout without its weights) and the gating's γ_1..γ_{k−1}, by central
 * differences with Richardson extrapolation ({@link Richardson}, first steps 10⁻² relative, halved three times: smaller steps drown the second differences in the log-likelihood's rounding). Louis'
 * identity would need each model's per-row derivatives to take a row-dependent prior; this needs
 * only the log-likelihood. Names: the components' as their Louis tables name them, then
 * {@code gamma[j][term]}.
 */
public final class ConcomitantInformation {
    /** First relative step of the differences: small enough to stay inside every model's parameter space. */
    private static final double STEP = 1e-2;

    private ConcomitantInformation() {}

    /** The observed information and standard errors of {@code model} on the design's rows. */
    public static <M> ObservedInformation of(ComponentDensities<M> components, ConcomitantDesign design,
            double[] weights, ConcomitantMixture<M> model) {
        return of(components, model, models -> {
            double[] out = new double[models.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = logLikelihood(models.get(i), m -> ConcomitantEm.logLikelihood(components, design, weights, m));
            }
            return out;
        });
    }

    /**
     * As {@link #of(ComponentDensities, ConcomitantDesign, double[], ConcomitantMixture)} with the rows
     * elsewhere (a cluster's partitions): every log-likelihood the differences need is asked of
     * {@code logLikelihoods} in one call, a list of models in a fixed order (null for a step outside the
     * parameter space, whose value is NaN), so the rows can be passed over once. {@code components}
     * gives the parameters' layout only. The same numbers as the single machine's when the
     * log-likelihoods are the same bits.
     */
    public static <M> ObservedInformation of(ComponentDensities<M> components, ConcomitantMixture<M> model,
            Function<List<ConcomitantMixture<M>>, double[]> logLikelihoods) {
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
        double[] fixedWeights = Arrays.copyOf(compValues, k - 1);
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
        return MixtureInformation.standardErrors(names, theta, info);
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
