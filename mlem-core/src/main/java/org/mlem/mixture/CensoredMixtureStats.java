package org.mlem.mixture;

import org.mlem.em.Stats;

/**
 * What a censored mixture's E-step hands its M-step: the product mixture's per-row weights
 * ({@link ProductMixtureStats}, merged in block order) and the parameters they were computed
 * under, from which each component's censored MLE starts.
 */
final class CensoredMixtureStats implements java.io.Serializable, Stats<CensoredMixtureStats> {
    private static final long serialVersionUID = 1L;

    final ProductMixtureStats rows;
    final ProductMixture current;

    CensoredMixtureStats(int k, ProductMixture current) {
        this.rows = new ProductMixtureStats(k);
        this.current = current;
    }

    @Override
    public void merge(CensoredMixtureStats other) {
        rows.merge(other.rows);
    }
}
