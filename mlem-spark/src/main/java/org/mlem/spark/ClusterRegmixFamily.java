package org.mlem.spark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.mlem.concomitant.ConcomitantMixture;
import org.mlem.concomitant.ConcomitantStarts;
import org.mlem.concomitant.Gating;
import org.mlem.em.MixtureFit;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;
import org.mlem.regmix.PartitionedConcomitantRegmix;
import org.mlem.regmix.PartitionedRegmix;
import org.mlem.regmix.RegmixEstimator;
import org.mlem.regmix.RegressionMixture;
import org.mlem.select.RegmixFamily;

/**
 * {@code mlem select regmix --concomitant}'s candidates (mlem-core's {@code ConcomitantFamily} over
 * {@link RegmixFamily}) with the rows on the cluster: each candidate's plain fit (its starts' ends
 * collected) runs on the driver's sample (the {@link Frame} selection passes around) with the plain
 * family's seed, then the concomitant EM from each distinct end over every row
 * ({@link PartitionedConcomitantRegmix}), the best kept; k = 1 is the plain fit continued over every
 * row ({@link PartitionedRegmix#fit}). ICL's classification term and the degenerate components come
 * from passes over the partitions. Each family's partitions are read once, when its first candidate
 * is fit (a block is built for its family). {@link Plain} is plain {@code select regmix}'s.
 */
final class ClusterRegmixFamily implements ClusterSelectable<Frame, Family, ConcomitantMixture<RegressionMixture>> {

    /** One family's partitions: the blocks, the model matrix's terms, the response, the gating at 0 for k components (null: plain). */
    record Rows(PartitionedRegmix.Blocks blocks, List<String> terms, String response, Function<Integer, Gating> zero) {}

    /**
     * {@code mlem select regmix}'s candidates ({@link RegmixFamily}) with the rows on the cluster:
     * each candidate's fit on the driver's sample with its seed (every row when there are at most
     * {@code initSampleRows}: then that fit is the single machine's candidate), continued by EM over
     * every row ({@link PartitionedRegmix#fit}, as {@link Regmix#fit} continues it); ICL's
     * classification term and the degenerate components from passes over the partitions.
     */
    static final class Plain implements ClusterSelectable<Frame, Family, RegressionMixture> {
        private final RegmixFamily family;
        private final Function<Family, Rows> read;
        private final Map<String, Rows> rows = new ConcurrentHashMap<>();
        private final Map<String, MixtureFit<RegressionMixture>> fits = new ConcurrentHashMap<>();

        /**
         * @param family the plain family (formula, design, EM options), fit on the driver's sample
         * @param read reads (and caches) a family's partitions
         */
        Plain(RegmixFamily family, Function<Family, Rows> read) {
            this.family = family;
            this.read = read;
        }

        @Override
        public String variantName(Family variant) {
            return family.variantName(variant);
        }

        Rows rows(Family variant) {
            return rows.computeIfAbsent(variant.name(), f -> read.apply(variant));
        }

        /** The candidate's mixture over the partitions. */
        PartitionedRegmix over(int k, Family variant) {
            Rows r = rows(variant);
            return new PartitionedRegmix(family.estimator(k, variant), r.blocks(), r.terms(), r.response());
        }

        @Override
        public MixtureFit<RegressionMixture> fit(Frame sample, int k, Family variant, long seed) {
            MixtureFit<RegressionMixture> fit = over(k, variant).fit(family.fit(sample, k, variant, seed).model());
            fits.put(k + " " + variantName(variant), fit);
            return fit;
        }

        /** The fit of the candidate with {@code k} components of the family named {@code variant}. */
        MixtureFit<RegressionMixture> fitOf(int k, String variant) {
            return fits.get(k + " " + variant);
        }

        /** Σ w_i log max_j τ_ij in one pass; the degenerate components from one E-step's posterior masses. */
        @Override
        public Assessment assess(RegressionMixture model, Frame sample) {
            PartitionedRegmix on = over(model.components(), model.family());
            return new Assessment(on.classificationSum(model), on.degenerateComponents(model));
        }
    }

    private final Plain plain;
    private final Map<String, MixtureFit<ConcomitantMixture<RegressionMixture>>> fits = new ConcurrentHashMap<>();

    /**
     * @param plain the plain family (formula, design, EM options), fit on the driver's sample
     * @param read reads (and caches) a family's partitions
     */
    ClusterRegmixFamily(RegmixFamily plain, Function<Family, Rows> read) {
        this.plain = new Plain(plain, read);
    }

    @Override
    public String variantName(Family variant) {
        return plain.variantName(variant);
    }

    @Override
    public MixtureFit<ConcomitantMixture<RegressionMixture>> fit(Frame sample, int k, Family variant, long seed) {
        ConcomitantStarts.Ends<RegressionMixture> ends = new ConcomitantStarts.Ends<>(null);
        MixtureFit<RegressionMixture> start = plain.family.fit(sample, k, variant, seed, ends);
        PartitionedRegmix model = plain.over(k, variant);
        Gating zero = plain.rows(variant).zero().apply(k);
        MixtureFit<ConcomitantMixture<RegressionMixture>> fit;
        if (k == 1) { // one component: its weight is 1 whatever the covariates
            MixtureFit<RegressionMixture> one = model.fit(start.model());
            fit = LatentMixture.withModel(one, new ConcomitantMixture<>(one.model(), zero));
        } else {
            RegmixEstimator est = plain.family.estimator(k, variant);
            ConcomitantStarts.Outcome<RegressionMixture> o = new PartitionedConcomitantRegmix(model, zero)
                    .best(start, ends, est.em());
            fit = o.asMixtureFit(o.fit().model());
        }
        fits.put(k + " " + variantName(variant), fit);
        return fit;
    }

    /** The fit of the candidate with {@code k} components of the family named {@code variant}. */
    MixtureFit<ConcomitantMixture<RegressionMixture>> fitOf(int k, String variant) {
        return fits.get(k + " " + variant);
    }

    /** Σ w_i log max_j τ_ij under the concomitant posteriors in one pass; the degenerate components as a fit judges them. */
    @Override
    public Assessment assess(ConcomitantMixture<RegressionMixture> model, Frame sample) {
        int k = model.components().components();
        Family family = model.components().family();
        PartitionedConcomitantRegmix on = new PartitionedConcomitantRegmix(plain.over(k, family),
                plain.rows(family).zero().apply(k));
        return new Assessment(on.classificationSum(model), on.degenerateComponents(model.components()));
    }
}
