package org.mlem.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.gmm.combi.ClustCombi;
import org.mlem.io.ModelJson;
import org.mlem.model.FittedModel;
import org.mlem.model.LatentClasses;
import org.mlem.model.ModelKinds;
import org.mlem.model.RowInput;

/**
 * mclust's {@code clustCombi} ({@code mlem combine}) of a fitted {@link LatentMixtureModel} over the
 * rows of a Dataset ({@link LatentMixtureModel#combine}): each step merges the two clusters whose
 * union lowers the entropy {@code −Σ τ log τ} the most, down to one cluster. The entropy and every
 * pair's gain are sums over rows of functions of the rows' cluster probabilities
 * ({@link ClustCombi#addRow}); each step is one Spark job whose partitions add their rows' terms,
 * merged along the fixed tree of the partitions, and the driver picks the pair as
 * {@link ClustCombi#bestPair} does on one machine. So the merges and entropies are
 * {@link ClustCombi#of}'s on the same rows up to the order of the sums (the tests hold them to
 * 1e-9 relative), and no posterior leaves its partition.
 *
 * @param steps for K = G, G−1, ..., 1 clusters: the pair merged to reach K (null for G) and the entropy
 */
public record LatentCombination(LatentMixtureModel model, List<Step> steps) {

    /**
     * The clustering with {@code clusters} clusters.
     *
     * @param merged the 0-based pair {a, b} (a &lt; b, numbered among the K + 1 clusters before)
     *     merged to reach K, or null for the model's own G
     * @param entropy {@code −Σ τ log τ} over the rows (natural log)
     */
    public record Step(int clusters, int[] merged, double entropy) {}

    public LatentCombination {
        steps = List.copyOf(steps);
    }

    /** The entropy of K = 1 .. G clusters (index K − 1): the entropy plot's points, as {@link ClustCombi#entropies}. */
    public double[] entropies() {
        double[] e = new double[steps.size()];
        for (Step s : steps) {
            e[s.clusters() - 1] = s.entropy();
        }
        return e;
    }

    /** The merges, in order, that take the G classes to {@code clusters} clusters. */
    public List<int[]> mergesTo(int clusters) {
        int g = steps.get(0).clusters();
        if (clusters < 1 || clusters > g) {
            throw new MlemUserException("clusters " + clusters + ": give 1.." + g + " (the model has " + g + " components)");
        }
        List<int[]> out = new ArrayList<>();
        for (Step s : steps) {
            if (s.merged() != null && s.clusters() >= clusters) {
                out.add(s.merged().clone());
            }
        }
        return out;
    }

    /**
     * The combined model with {@code clusters} clusters applied to rows ({@code mlem combine
     * --clusters K}): the model's columns, with {@code probability} the K clusters' probabilities
     * (each the sum of its components' posteriors), {@code prediction} the most probable cluster (the
     * first of ties) and {@code logLikelihood} the row's log density (the mixture's, unchanged).
     */
    public Dataset<Row> transform(Dataset<?> dataset, int clusters) {
        List<int[]> merges = mergesTo(clusters);
        StructType out = model.transformSchema(dataset.schema());
        Dataset<Row> df = dataset.toDF();
        LatentScorer scorer = new LatentScorer(model.modelFile(), df.schema().fieldIndex(model.getFeaturesCol()),
                model.getFeaturesCol(), !model.getPredictionCol().isEmpty(), !model.getProbabilityCol().isEmpty(),
                !model.getLogLikelihoodCol().isEmpty()).merging(merges);
        return df.sparkSession().createDataFrame(df.javaRDD().mapPartitionsWithIndex(scorer::score, true), out);
    }

    /** Runs clustCombi of {@code model} over the rows of {@code dataset} (its {@code featuresCol}). */
    static LatentCombination of(LatentMixtureModel model, Dataset<?> dataset, int depth) {
        FittedModel file = ModelKinds.read(ModelFiles.tree(model.modelFile()), "model.json");
        if (!(file instanceof LatentClasses classes)) {
            throw new MlemUserException("combine merges a mixture's components, but a '" + file.kind()
                    + "' model has none");
        }
        int g = classes.classes();
        int d = ((RowInput.Columns) file.input()).names().size();
        String featuresCol = model.getFeaturesCol();
        PartitionScan scan = new PartitionScan(featuresCol, null, null, 1, false, false,
                "combining the components of a " + model.kindName() + " model", true);
        try (DistributedData data = DistributedData.read(dataset, featuresCol, null, null, 1, scan)) {
            if (data.cols() != d) {
                throw new MlemUserException("column '" + featuresCol + "' holds vectors of " + data.cols()
                        + " values but the model reads " + d + "; give the rows the model was fitted on");
            }
            String text = model.modelFile();
            List<Step> steps = new ArrayList<>();
            List<int[]> merges = new ArrayList<>();
            int[] merged = null;
            for (int k = g; k >= 1; k--) {
                double[] sums = sums(data, depth, text, new ArrayList<>(merges), k);
                steps.add(new Step(k, merged, sums[0]));
                if (k > 1) {
                    merged = ClustCombi.bestPair(sums, k);
                    merges.add(merged);
                }
            }
            return new LatentCombination(model, steps);
        }
    }

    /** One Spark job: {@link ClustCombi#addRow}'s sums over every row of the K clusters {@code merges} leave. */
    private static double[] sums(DistributedData data, int depth, String modelFile, ArrayList<int[]> merges, int k) {
        int length = ClustCombi.sumsLength(k);
        FixedTreeMerge<MergedSums> tree = data.blocks().treeAggregate(new FixedTreeMerge<MergedSums>(data.partitions()),
                (t, part) -> {
                    double[] sums = new double[length];
                    if (part.blockCount() > 0) {
                        LatentClasses m = classes(modelFile);
                        List<String> names = ((RowInput.Columns) ((FittedModel) m).input()).names();
                        for (int b = 0; b < part.blockCount(); b++) {
                            Block block = part.block(b);
                            for (double[] p : m.posteriors(LatentScorer.frame(names, block.x(), block.start(), block.rows()))) {
                                ClustCombi.addRow(ClustCombi.mergeRow(p, merges), sums);
                            }
                        }
                    }
                    return t.add(part.partition(), new MergedSums(sums, length), 0);
                }, FixedTreeMerge::combine, depth);
        return tree.result().stats().values();
    }

    private static LatentClasses classes(String modelFile) {
        try {
            return (LatentClasses) ModelKinds.read(ModelJson.mapper().readTree(modelFile), "model.json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the model file does not parse", e);
        }
    }
}
