package org.mlem.cli;

import java.util.List;
import java.util.function.IntConsumer;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.MixtureFit;
import org.mlem.select.SelectableFamily;

/**
 * A {@code select} family whose data carry {@code --labels}: before each candidate is fit, its k is
 * checked against the labels ({@code check} throws the fit command's own one-line error: a label
 * k or more, a component with no labelled row), and a candidate that cannot hold them is listed as
 * failed with that reason instead of fit. Everything else is the family's.
 */
record LabelledFamily<D, V, M>(SelectableFamily<D, V, M> family, IntConsumer check) implements SelectableFamily<D, V, M> {

    /** {@code family}, checked by {@code check} when it is not null. */
    static <D, V, M> SelectableFamily<D, V, M> of(SelectableFamily<D, V, M> family, IntConsumer check) {
        return check == null ? family : new LabelledFamily<>(family, check);
    }

    @Override
    public String variantName(V variant) {
        return family.variantName(variant);
    }

    @Override
    public MixtureFit<M> fit(D data, int k, V variant, long seed) {
        check.accept(k);
        return family.fit(data, k, variant, seed);
    }

    @Override
    public double[][] posterior(M model, D data) {
        return family.posterior(model, data);
    }

    @Override
    public double[] rowWeights(D data) {
        return family.rowWeights(data);
    }

    @Override
    public void check(D data) {
        family.check(data);
    }

    @Override
    public List<DegenerateComponent> degenerateComponents(M model, D data, double[][] posterior) {
        return family.degenerateComponents(model, data, posterior);
    }

    @Override
    public void checkVariants(List<V> variants, D data) {
        family.checkVariants(variants, data);
    }

    @Override
    public SelectableFamily<D, V, M> loosened(double tolerance) {
        SelectableFamily<D, V, M> loose = family.loosened(tolerance);
        return loose == null ? null : new LabelledFamily<>(loose, check);
    }
}
