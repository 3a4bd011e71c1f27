package org.mlem.spark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mlem.data.Block;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmProblem;
import org.mlem.em.MixtureFit;
import org.mlem.mixture.MixtureInit;
import org.mlem.mixture.ProductDegeneracy;
import org.mlem.mixture.ProductMixture;
import org.mlem.select.InformationCriteria;
import org.mlem.select.ProductFamily;

/**
 * mlem-core's {@link ProductFamily} (what {@code mlem select mixture} fits) over cached partitions:
 * each candidate starts from the family's single-machine fit to the driver's sample (every row when
 * there are at most {@code initSampleRows}: then that fit is {@code select mixture}'s candidate, same
 * seed) and EM then runs over every row on the cluster from it ({@link DistributedProblem}, the plain
 * {@code mixture} kind's fit on Spark); ICL's classification term and the degenerate components
 * ({@link ProductDegeneracy}, from the posterior masses) come from one pass over the partitions.
 */
final class ClusterProductFamily implements ClusterSelectable<DistributedData, ProductFamily.Layout, ProductMixture> {
    private final ProductFamily family;
    private final List<String> columns;
    private final DataMatrix sample;
    private final int depth;
    private final Map<String, MixtureFit<ProductMixture>> fits = new ConcurrentHashMap<>();

    /**
     * @param family the family (EM options), fit on the driver's sample
     * @param columns the feature columns' names ({@code x1}, {@code x2}, ...)
     * @param sample the driver's sample of the rows
     * @param depth {@code treeAggregate}'s depth
     */
    ClusterProductFamily(ProductFamily family, List<String> columns, DataMatrix sample, int depth) {
        this.family = family;
        this.columns = columns;
        this.sample = sample;
        this.depth = depth;
    }

    @Override
    public String variantName(ProductFamily.Layout variant) {
        return family.variantName(variant);
    }

    @Override
    public MixtureFit<ProductMixture> fit(DistributedData data, int k, ProductFamily.Layout variant, long seed) {
        MixtureFit<ProductMixture> fit = continued(family, columns, data, depth, variant, family.fit(sample, k, variant,
                seed), seed);
        fits.put(k + " " + variantName(variant), fit);
        return fit;
    }

    /** EM over every row of {@code data} from {@code start} (a fit of {@code variant} to the driver's sample). */
    static MixtureFit<ProductMixture> continued(ProductFamily family, List<String> columns, DistributedData data, int depth,
            ProductFamily.Layout variant, MixtureFit<ProductMixture> start, long seed) {
        long t0 = System.nanoTime();
        EmProblem<ProductMixture> problem = family.estimator(start.model().k(), variant)
                .withInit(new MixtureInit.Given(start.model())).problem(columns);
        return DistributedProblem.fit(problem, data, family.em(), depth, seed,
                start.initSeconds() + start.fitSeconds() + (System.nanoTime() - t0) * 1e-9, null);
    }

    /** The fit of the candidate with {@code k} components of the variant named {@code variant}. */
    MixtureFit<ProductMixture> fitOf(int k, String variant) {
        return fits.get(k + " " + variant);
    }



    /**
     * One pass: each component's posterior mass Σ w_i τ_ij (for {@link ProductDegeneracy}, as
     * {@link ProductFamily#degenerateComponents} judges a candidate) and Σ w_i log max_j τ_ij.
     */
    @Override
    public Assessment assess(ProductMixture model, DistributedData data) {
        int k = model.k();
        double[] sums = LatentModelFitter.reduce(data, depth, () -> new MergedSums(new double[k + 1], k + 1),
                (block, into) -> {
                    add(model, block, into.values());
                    return 0;
                }).stats().values();
        return new Assessment(sums[k], ProductDegeneracy.of(java.util.Arrays.copyOf(sums, k)));
    }

    /** Adds {@code block}'s posterior masses under {@code model} to {@code sums[0..k)} and Σ w log max τ to {@code sums[k]}. */
    private static void add(ProductMixture model, Block block, double[] sums) {
        int k = model.k();
        int d = block.cols();
        double[] x = java.util.Arrays.copyOfRange(block.x(), block.offset(0), block.offset(0) + block.rows() * d);
        double[] p = model.predictProbabilities(DataMatrix.of(x, block.rows(), d, null));
        double[] row = new double[k];
        for (int i = 0; i < block.rows(); i++) {
            double w = block.weight(i);
            for (int j = 0; j < k; j++) {
                row[j] = p[i * k + j];
                sums[j] += w * row[j];
            }
            sums[k] += w * Math.log(InformationCriteria.maxOf(row));
        }
    }
}
