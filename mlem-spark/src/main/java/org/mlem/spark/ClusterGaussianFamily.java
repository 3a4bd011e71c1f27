package org.mlem.spark;

import java.io.Serializable;
import java.util.List;
import org.mlem.data.Block;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.MixtureFit;
import org.mlem.em.Stats;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GmmInit;
import org.mlem.gmm.GmmModel;
import org.mlem.gmm.GmmPrior;
import org.mlem.select.GaussianFamily;
import org.mlem.select.InformationCriteria;

/**
 * mlem-core's {@link GaussianFamily} (what {@code mlem select gmm} fits) over cached partitions:
 * each candidate starts from the family's single-machine fit to the driver's sample (every row when
 * there are at most {@code initSampleRows}: then that fit is {@code select gmm}'s candidate, same
 * seed) and EM then runs over every row on the cluster from it ({@link DistributedProblem}); ICL's
 * classification term and the degenerate components come from passes over the partitions, not
 * from posteriors brought to the driver.
 */
final class ClusterGaussianFamily implements ClusterSelectable<DistributedData, CovarianceStructure, GaussianMixture> {
    private final GaussianFamily family;
    private final DataMatrix sample;
    private final int depth;
    private final java.util.Map<String, MixtureFit<GaussianMixture>> fits = new java.util.concurrent.ConcurrentHashMap<>();

    ClusterGaussianFamily(GaussianFamily family, DataMatrix sample, int depth) {
        this.family = family;
        this.sample = sample;
        this.depth = depth;
    }

    @Override
    public String variantName(CovarianceStructure variant) {
        return family.variantName(variant);
    }

    @Override
    public MixtureFit<GaussianMixture> fit(DistributedData data, int k, CovarianceStructure variant, long seed) {
        long t0 = System.nanoTime();
        GaussianMixture start = family.fit(sample, k, variant, seed).model();
        GmmPrior prior = family.defaultPrior() ? GmmPrior.defaults(new PartitionPasses(data, depth), k, variant) : null;
        MixtureFit<GaussianMixture> fit = DistributedProblem.fit(family.estimator(k, variant)
                .withInit(new GmmInit.Given(start)).problem(false, prior), data, family.em(), depth, seed,
                (System.nanoTime() - t0) * 1e-9, null);
        fits.put(k + " " + variantName(variant), fit);
        return fit;
    }

    /** The fit of the candidate with {@code k} components of the variant named {@code variant}. */
    MixtureFit<GaussianMixture> fitOf(int k, String variant) {
        return fits.get(k + " " + variant);
    }

    /** Σ w_i log max_j τ_ij in one pass; the degenerate components in two ({@link DistributedGmmFit}). */
    @Override
    public Assessment assess(GaussianMixture model, DistributedData data) {
        double sum = LatentModelFitter.reduce(data, depth, ClassificationSum::new, (block, into) -> {
            into.add(model, block);
            return 0;
        }).stats().sum;
        LatentModelFitter<GaussianMixture, org.mlem.gmm.GmmStats> fitter = new LatentModelFitter<>(
                new GmmModel(model.structure(), family.regCovar()), data, depth);
        List<DegenerateComponent> degenerate = DistributedGmmFit.degenerateComponents(fitter, model, family.regCovar());
        return new Assessment(sum, degenerate);
    }

    /** Σ w_i log max_j τ_ij of the rows seen, as mergeable statistics. */
    static final class ClassificationSum implements Stats<ClassificationSum>, Serializable {
        private static final long serialVersionUID = 1L;
        private double sum;

        void add(GaussianMixture model, Block block) {
            int d = block.cols();
            double[] x = new double[block.rows() * d];
            for (int i = 0; i < block.rows(); i++) {
                System.arraycopy(block.x(), block.offset(i), x, i * d, d);
            }
            double[][] p = model.predictProba(DataMatrix.of(x, block.rows(), d, null));
            for (int i = 0; i < p.length; i++) {
                sum += block.weight(i) * Math.log(InformationCriteria.maxOf(p[i]));
            }
        }

        @Override
        public void merge(ClassificationSum other) {
            sum += other.sum;
        }
    }
}
