package org.mlem.concomitant;

import java.util.ArrayList;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.em.EmOptions;
import org.mlem.uncertainty.BootstrapModel;

/**
 * The non-parametric bootstrap of a concomitant-variable mixture for {@link
 * org.mlem.uncertainty.Bootstrap}: the units are the design's rows, each resampled with its
 * covariates (multinomial counts as the rows' frequency weights, of the components and of the
 * gating's logit fit alike); each replicate is the concomitant EM run from the fitted model (an
 * E-step first) on one thread, so the replicates' results do not depend on how many run at once.
 * Parameters are reported in {@link ConcomitantInformation}'s layout: the components' (as their
 * Louis tables name them, without the weights, which the gating models) then {@code gamma[j][term]}
 * for j ≥ 1. Components keep their labels: each replicate starts at the fit, and the gating's
 * baseline (component 0) fixes which is which, so no relabelling is attempted.
 *
 * @param <M> the mixture model of the components
 */
public final class ConcomitantBootstrap<M> implements BootstrapModel<ConcomitantBootstrap.Rows, ConcomitantMixture<M>> {
    private final ComponentDensities<M> components;
    private final ConcomitantDesign design;
    private final EmOptions em;

    /** The rows' frequency weights (null: each row counts once). */
    public record Rows(double[] weights) {}

    /**
     * @param components the fitted components over the design's rows (their own weights are replaced by each
     *     replicate's counts)
     * @param em the fit's EM options (each replicate runs them on one thread)
     * @throws MlemUserException when the components cannot be reweighted
     */
    public ConcomitantBootstrap(ComponentDensities<M> components, ConcomitantDesign design, EmOptions em) {
        if (components.reweighted(new double[components.rows()]) == null) {
            throw new MlemUserException("--bootstrap with --concomitant is not available for this model yet; use "
                    + "--standard-errors louis");
        }
        this.components = components;
        this.design = design;
        this.em = em.withThreads(1);
    }

    @Override
    public List<String> parameterNames(ConcomitantMixture<M> fitted, Rows data) {
        int k = components.components();
        List<String> names = new ArrayList<>(components.parameterNames(fitted.components()));
        names.subList(0, k).clear();
        Gating g = fitted.gating();
        for (int j = 1; j < k; j++) {
            for (String t : g.terms()) {
                names.add("gamma[" + j + "][" + t + "]");
            }
        }
        return names;
    }

    @Override
    public ConcomitantMixture<M> refit(ConcomitantMixture<M> fitted, Rows data, long seed) {
        return ConcomitantEm.fromModel(components.reweighted(data.weights()), design, data.weights(), fitted, em).model();
    }

    @Override
    public double[] matchedParameters(ConcomitantMixture<M> fitted, ConcomitantMixture<M> replicate) {
        int k = components.components();
        double[] comp = components.parameterValues(replicate.components());
        double[][] gamma = replicate.gating().coefficients();
        int q = replicate.gating().width();
        double[] out = new double[comp.length - k + (k - 1) * q];
        System.arraycopy(comp, k, out, 0, comp.length - k);
        for (int j = 1; j < k; j++) {
            System.arraycopy(gamma[j], 0, out, comp.length - k + (j - 1) * q, q);
        }
        return out;
    }

    @Override
    public int units(Rows data) {
        return design.rows();
    }

    @Override
    public boolean hasWeights(Rows data) {
        return data.weights() != null;
    }

    @Override
    public double unitWeight(Rows data, int u) {
        return data.weights() == null ? 1 : data.weights()[u];
    }

    @Override
    public Rows reweighted(Rows data, double[] counts) {
        return new Rows(counts);
    }

    @Override
    public Rows simulate(ConcomitantMixture<M> model, Rows data, int draws, long seed) {
        throw new MlemUserException("the parametric bootstrap with --concomitant is not available; drop "
                + "--bootstrap-kind parametric (the non-parametric bootstrap resamples rows with their covariates)");
    }
}
