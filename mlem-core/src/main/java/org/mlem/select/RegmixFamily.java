package org.mlem.select;

import java.util.List;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;
import org.mlem.regmix.RegmixEstimator;
import org.mlem.regmix.RegressionMixture;

/**
 * Mixtures of regressions for model selection; a variant is the response's family (gaussian,
 * poisson, binomial), each with its canonical link. Each candidate is {@code settings} with that
 * k and family, fit on one thread; a component {@link RegmixEstimator#degenerateComponents} names
 * marks the candidate degenerate.
 *
 * @param settings the formula, trials column, design, start and EM options every candidate shares
 *     (its k and family are replaced)
 * @param known each row's known component (-1: unknown), or null when none is known
 */
public record RegmixFamily(RegmixEstimator settings, int[] known) implements SelectableFamily<Frame, Family, RegressionMixture> {

    public RegmixFamily {
        if (settings == null) {
            throw new IllegalArgumentException("settings are required");
        }
        known = known == null ? null : known.clone();
    }

    /** No row's component known. */
    public RegmixFamily(RegmixEstimator settings) {
        this(settings, null);
    }

    /** The estimator for one candidate, on one thread. */
    public RegmixEstimator estimator(int k, Family family) {
        return settings.withComponents(k).withFamily(family).withLink(family.defaultLink())
                .withEm(settings.em().withThreads(1));
    }

    @Override
    public String variantName(Family variant) {
        return variant.name();
    }

    @Override
    public MixtureFit<RegressionMixture> fit(Frame data, int k, Family variant, long seed) {
        return fit(data, k, variant, seed, null);
    }

    @Override
    public MixtureFit<RegressionMixture> fit(Frame data, int k, Family variant, long seed, EmListener listener) {
        return estimator(k, variant).fit(data, known, seed, listener);
    }

    @Override
    public double[][] posterior(RegressionMixture model, Frame data) {
        return estimator(model.components(), model.family()).posterior(model, data);
    }

    @Override
    public double[] rowWeights(Frame data) {
        return settings.rowWeights(data);
    }

    @Override
    public List<DegenerateComponent> degenerateComponents(RegressionMixture model, Frame data, double[][] posterior) {
        return estimator(model.components(), model.family()).degenerateComponents(model, data);
    }

    @Override
    public RegmixFamily loosened(double tolerance) {
        EmOptions loose = settings.em().loosened(tolerance);
        return loose == null ? null : new RegmixFamily(settings.withEm(loose), known);
    }
}
