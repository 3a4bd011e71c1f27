package org.mlem.select;

import java.util.List;
import java.util.function.Function;
import org.mlem.concomitant.ComponentDensities;
import org.mlem.concomitant.ConcomitantDesign;
import org.mlem.concomitant.ConcomitantEm;
import org.mlem.concomitant.ConcomitantMixture;
import org.mlem.concomitant.ConcomitantStarts;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;

/**
 * The candidates of a mixture family with concomitant variables (flexmix's {@code FLXPmultinom}):
 * each is the plain family's fit (its starts and derived seed) followed by EM with every row's
 * weights from its covariates, started from each distinct end point of the plain fit's starts and the
 * best kept ({@link ConcomitantStarts}), as {@code fit ... --concomitant} fits one k. Parameters
 * are the components' and (k − 1)·q gating coefficients (k = 1 is the plain fit: one component
 * has weight 1 whatever the covariates); the ICL's posteriors are the
 * concomitant model's; a candidate is degenerate where the plain family finds a component of its
 * fitted components unsupported (with the mean responsibilities as weights, as the fit commands judge).
 *
 * @param <D> the data
 * @param <V> the variant
 * @param <M> the plain mixture
 */
public final class ConcomitantFamily<D, V, M> implements SelectableFamily<D, V, ConcomitantFamily.Gated<M>> {

    /** The components of k in a variant on the data, for the concomitant EM. */
    @FunctionalInterface
    public interface Components<D, V, M> {
        ComponentDensities<M> of(D data, int k, V variant);
    }

    /**
     * A fitted candidate: components and gating, with the components' densities on the data (for
     * its posteriors).
     */
    public record Gated<M>(ConcomitantMixture<M> mixture, ComponentDensities<M> densities) {}

    private final SelectableFamily<D, V, M> plain;
    private final Components<D, V, M> components;
    private final Function<M, double[]> weights;
    private final ConcomitantDesign design;
    private final double[] rowWeights;
    private final EmOptions em;

    /**
     * @param plain the family without concomitant variables
     * @param components the components of a candidate on the data
     * @param weights a plain model's mixing weights
     * @param design the gating design over the rows fitted, in order
     * @param rowWeights the rows' frequency weights, or null
     * @param em the concomitant EM's options (run on one thread: candidates run in parallel)
     */
    public ConcomitantFamily(SelectableFamily<D, V, M> plain, Components<D, V, M> components, Function<M, double[]> weights,
            ConcomitantDesign design, double[] rowWeights, EmOptions em) {
        this.plain = plain;
        this.components = components;
        this.weights = weights;
        this.design = design;
        this.rowWeights = rowWeights == null ? null : rowWeights.clone();
        this.em = em.withThreads(1);
    }

    @Override
    public String variantName(V variant) {
        return plain.variantName(variant);
    }

    @Override
    public MixtureFit<Gated<M>> fit(D data, int k, V variant, long seed) {
        ConcomitantStarts.Ends<M> ends = new ConcomitantStarts.Ends<>(null);
        MixtureFit<M> start = plain.fit(data, k, variant, seed, ends);
        ComponentDensities<M> densities = components.of(data, k, variant);
        if (k == 1) { // one component: every row's weight is 1 whatever its covariates; nothing to fit (flexmix's k = 1)
            return new MixtureFit<>(new Gated<>(new ConcomitantMixture<>(start.model(), design.zeroGating(1)), densities),
                    start.logLikelihood(), start.trace(), start.iterations(), start.converged(),
                    start.startLogLikelihoods(), start.bestStart(), start.rows(), start.totalWeight(), start.nParameters(),
                    start.seed(), start.initSeconds(), start.fitSeconds());
        }
        ConcomitantStarts.Outcome<M> f = ConcomitantStarts.best(start, ends, weights, densities, design, rowWeights, em,
                (m, posterior) -> !plain.degenerateComponents(m, data, posterior).isEmpty());
        return f.asMixtureFit(new Gated<>(f.fit().model(), densities));
    }

    @Override
    public double[][] posterior(Gated<M> model, D data) {
        return ConcomitantEm.posteriorRows(model.densities(), design, model.mixture());
    }

    @Override
    public double[] rowWeights(D data) {
        return plain.rowWeights(data);
    }

    @Override
    public void check(D data) {
        plain.check(data);
    }

    @Override
    public List<DegenerateComponent> degenerateComponents(Gated<M> model, D data, double[][] posterior) {
        return plain.degenerateComponents(model.mixture().components(), data, posterior);
    }

    @Override
    public void checkVariants(List<V> variants, D data) {
        plain.checkVariants(variants, data);
    }

    /**
     * Both fits of every candidate, the plain family's (whose start ends seed the concomitant EM)
     * and the concomitant EM, stopped at {@code tolerance}; null when either cannot stop there
     * (the first pass's bound is read from the concomitant EM's trace, k = 1's from the plain fit's).
     */
    @Override
    public ConcomitantFamily<D, V, M> loosened(double tolerance) {
        SelectableFamily<D, V, M> loosePlain = plain.loosened(tolerance);
        EmOptions looseEm = em.loosened(tolerance);
        return loosePlain == null || looseEm == null ? null
                : new ConcomitantFamily<>(loosePlain, components, weights, design, rowWeights, looseEm);
    }
}
