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
import java.util.List;
import org.mlem.glm.Anova;
import org.mlem.glm.BlockSums;
import org.mlem.glm.Coefficient;
import org.mlem.glm.ConfidenceIntervals;
import org.mlem.glm.GlmBlock;
import org.mlem.glm.GlmEstimator;
import org.mlem.glm.GlmFit;
import org.mlem.glm.PartitionedGlm;
import org.mlem.glm.Sandwich;
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

    public Glm setStandardErrors(String v) {
        return (Glm) set(standardErrors(), v.strip().toLowerCase(java.util.Locale.ROOT));
    }

    public Glm setConfint(String v) {
        return (Glm) set(confint(), v.strip().toLowerCase(java.util.Locale.ROOT));
    }

    public Glm setLevel(double v) {
        return (Glm) set(level(), v);
    }

    public Glm setAnova(boolean v) {
        return (Glm) set(anova(), v);
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
            PartitionedGlm.Passes passes = pass -> parts
                    .treeAggregate(new FixedTreeMerge<BlockSums>(leaves), (tree, part) -> tree.add(part.partition(),
                            part.block() == null ? new BlockSums() : part.block().pass(pass), 0),
                            FixedTreeMerge::combine, depth)
                    .result().stats();
            GlmFit fit = PartitionedGlm.fit(estimator, familyName, layout, read.rows(), passes);
            double fitSeconds = (System.nanoTime() - t1) * 1e-9;
            GlmModel.Extras extras = extras(fit, setup, read, passes);
            ObjectNode json = FitJson.glm(fit, read.columns(), readSeconds, fitSeconds);
            extras.addTo(json, layout.columnNames());
            GlmJson.fitFields(json, read.totalWeight(), layout.responseLevels(),
                    setup.weightCol(), setup.offsetCol(), setup.levels());
            json.put("responseTotal", read.responseTotal());
            GlmModel model = new GlmModel(uid, ModelFormat.fileOf(json), fit).timed(readSeconds, fitSeconds)
                    .withExtras(extras);
            return copyValues(model, ParamMap.empty()).setParent(this);
        } finally {
            parts.unpersist(false);
        }
    }

    /**
     * The sandwich covariance (one more pass), the analysis of deviance (an IRLS fit per term but
     * the last) and the intervals (profile: an IRLS refit per step of each coefficient's profile),
     * as the params ask, each by mlem-core's code over the partitions.
     */
    private GlmModel.Extras extras(GlmFit fit, GlmSetup setup, FormulaBlocks<GlmBlock> read,
            PartitionedGlm.Passes passes) {
        Sandwich.Type type = getStandardErrors();
        long rows = read.rows();
        double[] robust = null;
        if (type != null) {
            double[] beta = fit.coefficients().stream().mapToDouble(Coefficient::estimate).toArray();
            robust = Sandwich.covariance(fit, type, rows, (active, c) -> FormulaBlocks.sum(read.parts(),
                    read.partitions(), getAggregationDepth(), active.length * active.length, active.length * active.length,
                    b -> b.sandwichMeat(beta, active, c, type, rows)));
        }
        List<Anova.Row> anova = getAnova()
                ? PartitionedGlm.anova(setup.estimator(), setup.familyName(), read.layout(), fit, passes) : null;
        ConfidenceIntervals.Kind kind = getConfint();
        List<ConfidenceIntervals.Interval> intervals = kind == ConfidenceIntervals.Kind.PROFILE
                ? PartitionedGlm.profile(setup.estimator(), setup.familyName(), fit, rows, getLevel(), passes)
                : ConfidenceIntervals.wald(fit, getLevel());
        return new GlmModel.Extras(type, robust, anova, kind, getLevel(), intervals);
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
