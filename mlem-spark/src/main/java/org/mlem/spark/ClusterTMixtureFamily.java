package org.mlem.spark;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mlem.data.Block;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.MixtureFit;
import org.mlem.em.Moments;
import org.mlem.gmm.Degeneracy;
import org.mlem.select.InformationCriteria;
import org.mlem.select.TMixtureFamily;
import org.mlem.tmix.TMixture;

/**
 * mlem-core's {@link TMixtureFamily} (what {@code mlem select tmix} fits) over cached partitions:
 * each candidate starts from the family's single-machine fit to the driver's sample (every row when
 * there are at most {@code initSampleRows}: then that fit is {@code select tmix}'s candidate, same
 * seed) and EM then runs over every row on the cluster from it ({@link DistributedProblem}, the
 * {@code tmix} kind's E-step and ν step); ICL's classification term, the posterior masses and the
 * rows' covariance that {@link Degeneracy} judges a candidate by come from two passes over the
 * partitions.
 */
final class ClusterTMixtureFamily implements ClusterSelectable<DistributedData, TMixtureFamily.Df, TMixture> {
    private final TMixtureFamily family;
    private final DataMatrix sample;
    private final int depth;
    private final Map<String, MixtureFit<TMixture>> fits = new ConcurrentHashMap<>();

    ClusterTMixtureFamily(TMixtureFamily family, DataMatrix sample, int depth) {
        this.family = family;
        this.sample = sample;
        this.depth = depth;
    }

    @Override
    public String variantName(TMixtureFamily.Df variant) {
        return family.variantName(variant);
    }

    @Override
    public MixtureFit<TMixture> fit(DistributedData data, int k, TMixtureFamily.Df variant, long seed) {
        long t0 = System.nanoTime();
        TMixture start = family.fit(sample, k, variant, seed).model();
        MixtureFit<TMixture> fit = DistributedProblem.fit(family.estimator(k, variant).problem(start, false), data,
                family.em(), depth, seed, (System.nanoTime() - t0) * 1e-9, null);
        fits.put(k + " " + variantName(variant), fit);
        return fit;
    }

    /** The fit of the candidate with {@code k} components of the variant named {@code variant}. */
    MixtureFit<TMixture> fitOf(int k, String variant) {
        return fits.get(k + " " + variant);
    }

    /**
     * One pass for n_j = Σ w_i τ_ij and Σ w_i log max_j τ_ij, one for the rows' covariance about the
     * mixture's centre; {@link Degeneracy}'s rules on the scale matrices (d + 1 rows a component), as
     * {@code TMixtureDegeneracy} judges a candidate on one machine.
     */
    @Override
    public Assessment assess(TMixture model, DistributedData data) {
        int k = model.components();
        int d = model.dimension();
        double[] sums = LatentModelFitter.reduce(data, depth, () -> new MergedSums(new double[k + 1], k + 1),
                (block, into) -> {
                    add(model, block, into.values());
                    return 0;
                }).stats().values();
        double[] centre = new double[d];
        double[][][] scales = new double[k][][];
        for (int j = 0; j < k; j++) {
            scales[j] = model.scale(j);
            double[] mean = model.mean(j);
            for (int a = 0; a < d; a++) {
                centre[a] += model.weights()[j] * mean[a];
            }
        }
        double[][] scatter = LatentModelFitter.reduce(data, depth, () -> new Moments(centre), (block, into) -> into.add(block))
                .stats().covariance();
        List<DegenerateComponent> degenerate = Degeneracy.of(scales, d + 1, Arrays.copyOf(sums, k), scatter,
                family.regCovar());
        return new Assessment(sums[k], degenerate);
    }

    /** Adds {@code block}'s posterior masses under {@code model} to {@code sums[0..k)} and Σ w log max τ to {@code sums[k]}. */
    private static void add(TMixture model, Block block, double[] sums) {
        int k = model.components();
        int d = block.cols();
        double[] x = new double[block.rows() * d];
        for (int i = 0; i < block.rows(); i++) {
            System.arraycopy(block.x(), block.offset(i), x, i * d, d);
        }
        double[][] p = model.predictProba(DataMatrix.of(x, block.rows(), d, null));
        for (int i = 0; i < p.length; i++) {
            double w = block.weight(i);
            for (int j = 0; j < k; j++) {
                sums[j] += w * p[i][j];
            }
            sums[k] += w * Math.log(InformationCriteria.maxOf(p[i]));
        }
    }
}
