package org.mlem.concomitant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        double[][] hessian = Richardson.hessian(t -> {
            try {
                return ConcomitantEm.logLikelihood(components, design, weights, at(components, model, fixedWeights, t, s, q));
            } catch (MlemUserException | IllegalArgumentException e) {
                return Double.NaN; // a step outside the parameter space (a covariance no longer positive definite)
            }
        }, theta, STEP);
        double[][] info = new double[theta.length][theta.length];
        for (int a = 0; a < theta.length; a++) {
            for (int b = 0; b < theta.length; b++) {
                info[a][b] = -hessian[a][b];
            }
        }
        return MixtureInformation.standardErrors(names, theta, info);
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
