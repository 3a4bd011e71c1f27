package org.mlem.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.em.Stats;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;
import org.mlem.gmm.da.DaType;
import org.mlem.gmm.da.DiscriminantEstimator;
import org.mlem.gmm.da.GaussianDiscriminant;
import org.mlem.io.DaJson;
import org.mlem.io.ModelJson;
import org.mlem.model.FittedGmmda;

/**
 * EDDA ({@code fit gmmda --type edda}) over a cluster's partitions: mlem-core's
 * {@link DiscriminantEstimator#fitEdda(DiscriminantEstimator.LabelledRows, List, long[])} with the
 * rows it reads every time held in the cached partitions. The class sizes are one pass; each
 * model's joint fit is EM with every row's class known (the classes' weighted sums merged along the
 * fixed tree, then mlem-core's M-step, closed form or iterated); mclust's log-likelihood
 * Σ log Σ_c π_c f_c(x) is one pass per model.
 */
final class DiscriminantOnSpark {
    private DiscriminantOnSpark() {}

    /** The fit and its model file ({@code fit gmmda --out}'s fields). */
    record Fitted(DiscriminantEstimator.Fit fit, ObjectNode file) {}

    static Fitted fit(LatentMixture stage, Dataset<?> dataset, String type, List<String> covariances) {
        DaType t = DaType.parse(type);
        if (t != DaType.EDDA) {
            throw new MlemUserException("discriminant type '" + type + "' does not run on Spark yet; use edda (mclustda, a"
                    + " mixture per class, runs on one machine: mlem fit gmmda --type mclustda)");
        }
        String labelCol = stage.getLabelCol();
        if (labelCol == null) {
            throw new MlemUserException("a discriminant fit learns from each row's class; set labelCol (classes 0..C-1)");
        }
        if (stage.getWeightCol() != null || stage.getInitialModel() != null || stage.extras().noise()
                || "em".equals(stage.getMissing())) {
            throw new MlemUserException("a discriminant fit takes features and labelCol only (not weightCol, an initial"
                    + " model, noise or missing=em) yet; unset them");
        }
        stage.transformSchema(dataset.schema());
        Row max = dataset.agg(functions.max(dataset.col(labelCol).cast("double"))).first();
        if (max.isNullAt(0)) {
            throw new MlemUserException("column '" + labelCol + "' holds no class; every row of a discriminant fit needs"
                    + " one (0..C-1)");
        }
        int classes = (int) Math.max(1, Math.min(Integer.MAX_VALUE - 1, Math.floor(max.getDouble(0))) + 1);
        PartitionScan scan = new PartitionScan(stage.getFeaturesCol(), null, labelCol, classes, false, false,
                "a discriminant model", false);
        try (DistributedData data = DistributedData.read(dataset, stage.getFeaturesCol(), null, labelCol, classes, scan)) {
            if (!data.allLabelled()) {
                throw new MlemUserException("column '" + labelCol + "' is null on some rows; every row of a discriminant"
                        + " fit needs its class: fill or filter them");
            }
            int depth = stage.getAggregationDepth();
            long[] counts = LatentModelFitter.reduce(data, depth, () -> new ClassCounts(classes), (block, into) -> {
                into.add(block);
                return 0;
            }).stats().counts;
            List<String> names = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                names.add(Integer.toString(c));
            }
            int d = data.cols();
            List<CovarianceStructure> models = new ArrayList<>();
            if (covariances == null || covariances.isEmpty()) {
                models.addAll(DiscriminantEstimator.allModels(d));
            } else {
                covariances.forEach(n -> models.add(CovarianceStructure.parse(n.strip(), d)));
            }
            EmOptions em = stage.emOptions(EmOptions.DEFAULTS);
            DiscriminantEstimator estimator = new DiscriminantEstimator(DaType.EDDA, models.stream().distinct().toList(),
                    1, 1, DiscriminantEstimator.DEFAULT_REG_COVAR, em);
            Rows rows = new Rows(data, depth, em, stage.getInitSampleRows(), stage.getSeed());
            DiscriminantEstimator.Fit fit = estimator.fitEdda(rows, names, counts);
            List<String> columns = DataMatrix.defaultNames(d);
            ObjectNode file = FittedGmmda.KIND.codec().write(new FittedGmmda(new DaJson.DaFile(fit.model(), columns)));
            file.put("logLikelihood", fit.logLikelihood());
            file.put("nParameters", fit.model().nParameters());
            file.put("bic", fit.bic());
            return new Fitted(fit, file);
        }
    }

    /** The labelled rows in the cached partitions. */
    private record Rows(DistributedData data, int depth, EmOptions em, int sampleRows, long seed)
            implements DiscriminantEstimator.LabelledRows {
        @Override
        public int rows() {
            return (int) Math.min(Integer.MAX_VALUE, data.rows());
        }

        @Override
        public int cols() {
            return data.cols();
        }

        /**
         * EM over the partitions with every row's class known, from {@code est}'s fit to the driver's
         * sample (its M-step's statistics are the labels', so the start only has to be valid).
         */
        @Override
        public GaussianMixture labelledFit(GaussianMixtureEstimator est) {
            DataMatrix sample = data.sample(sampleRows, seed);
            boolean[] seen = new boolean[est.components()];
            for (int i = 0; i < sample.rows(); i++) {
                seen[sample.label(i)] = true;
            }
            for (int c = 0; c < seen.length; c++) {
                if (!seen[c]) {
                    throw new MlemUserException("class " + c + " has no row in the driver's sample of about " + sampleRows
                            + " rows; raise initSampleRows");
                }
            }
            GaussianMixture start = est.fit(sample, 0L).model();
            MixtureFit<GaussianMixture> fit = DistributedProblem.fit(est.withInit(new GmmInit.Given(start)).problem(false),
                    data, em, depth, 0L, 0, null);
            return fit.model();
        }

        @Override
        public double logLikelihood(GaussianDiscriminant model) {
            return LatentModelFitter.reduce(data, depth, () -> new ClassCounts(0), (block, into) -> {
                double[] x = Arrays.copyOfRange(block.x(), block.offset(0), block.offset(0) + block.rows() * block.cols());
                double s = 0;
                for (double v : model.scoreSamples(DataMatrix.of(x, block.rows(), block.cols(), null))) {
                    s += v;
                }
                return s;
            }).logLikelihood();
        }
    }

    /** Rows per known class, mergeable. */
    static final class ClassCounts implements Stats<ClassCounts>, java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final long[] counts;

        ClassCounts(int classes) {
            counts = new long[classes];
        }

        void add(Block block) {
            for (int i = 0; i < block.rows(); i++) {
                counts[block.label(i)]++;
            }
        }

        @Override
        public void merge(ClassCounts other) {
            for (int c = 0; c < counts.length; c++) {
                counts[c] += other.counts[c];
            }
        }
    }
}
