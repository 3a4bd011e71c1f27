package org.mlem.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.missing.MvnMissingEstimator;
import org.mlem.missing.MvnParameters;
import org.mlem.select.Seeds;
import org.mlem.uncertainty.BootstrapKind;
import org.mlem.uncertainty.BootstrapResult;
import org.mlem.uncertainty.MvnUncertainty;
import org.mlem.uncertainty.ObservedInformation;
import org.mlem.uncertainty.Resampling;

/**
 * {@code fit mvn}'s standard errors over a cluster's partitions. The observed information
 * ({@link MvnUncertainty#addInformation}: closed form per row and missing pattern) is a sum over
 * rows: each partition's sum, merged along the fixed tree, then inverted on the driver. The
 * bootstrap's replicates are cluster fits: replicate b's draws are {@code fit mvn --bootstrap}'s
 * (the generator seeded by {@code Seeds.derive(seed, b)}), which every partition replays from the
 * stream's start and keeps only those of its own rows (its place in the Dataset's order known), so
 * a replicate's weights (non-parametric: the multinomial counts) or rows (parametric) are the
 * single machine's bits whatever the partitioning; each replicate is then EM over the partitions
 * from {@code fit mvn}'s start, as the fit itself.
 */
final class MvnClusterUncertainty {
    private MvnClusterUncertainty() {}

    /** The observed information of {@code p} on every row, merged in the fixed tree; standard errors on the driver. */
    static ObservedInformation louis(DistributedData data, int depth, MvnParameters p, List<String> columns) {
        int size = MvnUncertainty.size(p.dimension());
        double[] info = LatentModelFitter.reduce(data, depth, () -> new MergedSums(new double[size * size], size * size),
                (block, into) -> {
                    MvnUncertainty.addInformation(p, block, into.values());
                    return 0;
                }).stats().values();
        return MvnUncertainty.fromInformation(p, columns, info);
    }

    /** One cluster fit of a replicate's rows, as fit mvn refits a replicate; returns its estimates. */
    interface Refit {
        MvnParameters fit(DistributedData replicate);
    }

    /**
     * {@code replicates} bootstrap fits, one after another, each over every partition; {@code draws}
     * the non-parametric replicate's rows ({@link #sampleSize}).
     */
    static BootstrapResult bootstrap(DistributedData data, boolean weighted, MvnParameters fitted, List<String> columns,
            int replicates, BootstrapKind kind, int draws, long seed, double confidence, Refit refit) {
        long[] offsets = data.offsets();
        double[] before = new double[offsets.length];
        double[] partWeights = data.partitionWeights();
        for (int q = 1; q < before.length; q++) {
            before[q] = before[q - 1] + partWeights[q - 1];
        }
        long n = data.rows();
        double total = data.totalWeight();
        List<double[]> ok = new ArrayList<>();
        List<BootstrapResult.Failure> failures = new ArrayList<>();
        for (int b = 0; b < replicates; b++) {
            long streamSeed = Seeds.derive(seed, b);
            DistributedData x;
            if (kind == BootstrapKind.PARAMETRIC) {
                long rowSeed = new SplittableRandom(streamSeed).nextLong();
                x = data.mapBlocks(part -> part.withValues(MvnUncertainty.simulated(fitted, part.all(),
                        offsets[part.partition()], rowSeed)), total);
            } else {
                x = data.mapBlocks(part -> part.withWeights(weighted
                        ? Resampling.counts(new SplittableRandom(streamSeed), draws, total, before[part.partition()],
                                part.weightsOrNull(), part.rows())
                        : Resampling.counts(new SplittableRandom(streamSeed), draws, n, offsets[part.partition()],
                                part.rows())), draws);
            }
            try {
                ok.add(MvnUncertainty.values(refit.fit(x)));
            } catch (MlemUserException e) {
                failures.add(new BootstrapResult.Failure(b, e.getMessage()));
            } finally {
                x.close();
            }
        }
        return BootstrapResult.summarise(MvnUncertainty.names(columns), MvnUncertainty.values(fitted),
                ok.toArray(new double[0][]), confidence, kind, failures);
    }

    /**
     * N, the draws of a non-parametric replicate: the rows, or their whole-number weights' sum.
     *
     * @throws MlemUserException for rows with fractional weights, naming the first
     */
    static int sampleSize(DistributedData data, boolean weighted) {
        long[] offsets = data.offsets();
        if (!weighted) {
            return (int) data.rows();
        }
        List<long[]> fractional = data.blocks().map(part -> {
            double[] w = part.weightsOrNull();
            for (int i = 0; w != null && i < part.rows(); i++) {
                if (w[i] != Math.rint(w[i])) {
                    return new long[] {offsets[part.partition()] + i, Double.doubleToLongBits(w[i])};
                }
            }
            return null;
        }).filter(f -> f != null).collect();
        fractional.stream().min((a, b) -> Long.compare(a[0], b[0])).ifPresent(f -> {
            throw new MlemUserException("row " + (f[0] + 1) + " has weight " + Double.longBitsToDouble(f[1])
                    + "; the non-parametric bootstrap resamples rows and needs whole-number frequency weights: use the"
                    + " parametric bootstrap");
        });
        if (data.totalWeight() > Integer.MAX_VALUE) {
            throw new MlemUserException("the weights add up to " + data.totalWeight() + "; the non-parametric bootstrap"
                    + " draws at most " + Integer.MAX_VALUE + " rows: use the parametric bootstrap");
        }
        return (int) data.totalWeight();
    }
}
