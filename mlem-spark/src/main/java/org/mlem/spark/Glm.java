package org.mlem.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.mlem.formula.Design;
import org.mlem.glm.BlockSums;
import org.mlem.glm.GlmBlock;
import org.mlem.glm.GlmEstimator;
import org.mlem.glm.GlmFit;
import org.mlem.glm.PartitionedGlm;
import org.mlem.io.FitJson;
import org.mlem.io.GlmJson;
import org.mlem.io.ModelFormat;

/**
 * A generalised linear model with an R formula, fitted by R's IRLS on the cluster as
 * {@code mlem fit glm} fits it on one machine (mlem-core's {@link PartitionedGlm}): each partition
 * builds its rows' model matrix once (cached), each iteration sums the weighted cross-products
 * {@code XᵀWX}, {@code XᵀWz} and the deviance per partition and merges them along a fixed tree of
 * the partitions, and the driver solves the step and applies the stopping rule. String columns
 * are factors, their levels gathered from the whole Dataset first and sorted as the CLI sorts
 * them. Mistakes in the data stop the fit on the driver, naming the row (1-based, in the Dataset's
 * order) and the column.
 */
public final class Glm extends Estimator<GlmModel> implements GlmParams, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final GlmParamDefs defs;

    public Glm() {
        this(Identifiable.randomUID("mlemGlm"));
    }

    public Glm(String uid) {
        this.uid = uid;
        this.defs = new GlmParamDefs(uid);
        GlmParamDefs.setDefaults(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public GlmParamDefs glmDefs() {
        return defs;
    }

    public Glm setFormula(String v) {
        return (Glm) set(formula(), v);
    }

    public Glm setFamily(String v) {
        return (Glm) set(family(), v);
    }

    public Glm setLink(String v) {
        return (Glm) set(link(), v);
    }

    public Glm setWeightCol(String v) {
        return (Glm) set(weightCol(), v);
    }

    public Glm setOffsetCol(String v) {
        return (Glm) set(offsetCol(), v);
    }

    public Glm setMaxIter(int v) {
        return (Glm) set(maxIter(), v);
    }

    public Glm setTol(double v) {
        return (Glm) set(tol(), v);
    }

    public Glm setAggregationDepth(int v) {
        return (Glm) set(aggregationDepth(), v);
    }

    public Glm setPredictionCol(String v) {
        return (Glm) set(predictionCol(), v);
    }

    public Glm setLinkPredictionCol(String v) {
        return (Glm) set(linkPredictionCol(), v);
    }

    @Override
    public GlmModel fit(Dataset<?> dataset) {
        long t0 = System.nanoTime();
        GlmSetup setup = new GlmSetup(this, Arrays.asList(dataset.columns()));
        String familyName = setup.familyName();
        GlmEstimator estimator = setup.estimator();
        FormulaBlocks<GlmBlock> read = FormulaBlocks.read(dataset, setup,
                (design, frame) -> GlmBlock.of(design, setup.familyName(), setup.estimator()));
        JavaRDD<GlmPartition<GlmBlock>> parts = read.parts();
        try {
            Design layout = read.layout();
            double readSeconds = (System.nanoTime() - t0) * 1e-9;
            long t1 = System.nanoTime();
            int leaves = read.partitions();
            int depth = getAggregationDepth();
            GlmFit fit = PartitionedGlm.fit(estimator, familyName, layout, read.rows(), pass -> parts
                    .treeAggregate(new FixedTreeMerge<BlockSums>(leaves), (tree, part) -> tree.add(part.partition(),
                            part.block() == null ? new BlockSums() : part.block().pass(pass), 0),
                            FixedTreeMerge::combine, depth)
                    .result().stats());
            double fitSeconds = (System.nanoTime() - t1) * 1e-9;
            ObjectNode json = FitJson.glm(fit, read.columns(), readSeconds, fitSeconds);
            GlmJson.fitFields(json, read.totalWeight(), layout.responseLevels(),
                    setup.weightCol(), setup.offsetCol(), setup.levels());
            GlmModel model = new GlmModel(uid, ModelFormat.fileOf(json), fit).timed(readSeconds, fitSeconds);
            return copyValues(model, ParamMap.empty()).setParent(this);
        } finally {
            parts.unpersist(false);
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return GlmModel.outputSchema(this, schema);
    }

    @Override
    public Glm copy(ParamMap extra) {
        return (Glm) defaultCopy(extra);
    }

    /** Reads an estimator saved by {@link #write()}. */
    public static MLReader<Glm> read() {
        return new DefaultParamsReader<>();
    }

    public static Glm load(String path) {
        return read().load(path);
    }
}
