package org.mlem.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.mlem.MlemUserException;
import org.mlem.em.MixtureFit;
import org.mlem.em.Stats;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;
import org.mlem.glm.GlmOptions;
import org.mlem.glm.Link;
import org.mlem.io.ModelFormat;
import org.mlem.io.ModelJson;
import org.mlem.io.RegmixJson;
import org.mlem.regmix.PartitionedRegmix;
import org.mlem.regmix.RegmixBlock;
import org.mlem.regmix.RegmixEstimator;
import org.mlem.regmix.RegmixInit;
import org.mlem.regmix.RegressionMixture;

/**
 * A mixture of regressions (k GLMs sharing an R formula, latent membership) fitted on the cluster
 * as {@code mlem fit regmix} fits it on one machine (mlem-core's {@link PartitionedRegmix}): each
 * partition builds its rows' design once (cached, factor levels gathered from the whole Dataset);
 * each E-step sums every component's responsibilities and the log-likelihood per partition; each
 * M-step fits every component's weighted GLM by IRLS, one Spark job per IRLS iteration, every
 * partition recomputing its rows' responsibilities; the sums merge along a fixed tree of the
 * partitions and mlem-core's EM loop (SQUAREM, stopping rule) runs on the driver. Mistakes in the
 * data stop the fit on the driver, naming the row (1-based, in the Dataset's order) and the column.
 */
public final class Regmix extends Estimator<RegmixModel> implements RegmixParams, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final RegmixParamDefs defs;
    private RegressionMixture initialModel;

    public Regmix() {
        this(Identifiable.randomUID("mlemRegmix"));
    }

    public Regmix(String uid) {
        this.uid = uid;
        this.defs = new RegmixParamDefs(uid);
        RegmixParamDefs.setDefaults(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public RegmixParamDefs regmixDefs() {
        return defs;
    }

    public Regmix setFormula(String v) {
        return (Regmix) set(defs.formula, v);
    }

    public Regmix setFamily(String v) {
        return (Regmix) set(defs.family, v);
    }

    public Regmix setLink(String v) {
        return (Regmix) set(defs.link, v);
    }

    public Regmix setK(int v) {
        return (Regmix) set(defs.k, v);
    }

    public Regmix setWeightCol(String v) {
        return (Regmix) set(defs.weightCol, v);
    }

    public Regmix setMaxIter(int v) {
        return (Regmix) set(defs.maxIter, v);
    }

    public Regmix setTol(double v) {
        return (Regmix) set(defs.tol, v);
    }

    public Regmix setNInit(int v) {
        return (Regmix) set(defs.nInit, v);
    }

    public Regmix setAcceleration(String v) {
        return (Regmix) set(defs.acceleration, v);
    }

    public Regmix setSeed(long v) {
        return (Regmix) set(defs.seed, v);
    }

    public Regmix setAggregationDepth(int v) {
        return (Regmix) set(defs.aggregationDepth, v);
    }

    public Regmix setInitSampleRows(int v) {
        return (Regmix) set(defs.initSampleRows, v);
    }

    public Regmix setPredictionCol(String v) {
        return (Regmix) set(defs.predictionCol, v);
    }

    public Regmix setProbabilityCol(String v) {
        return (Regmix) set(defs.probabilityCol, v);
    }

    public Regmix setLogLikelihoodCol(String v) {
        return (Regmix) set(defs.logLikelihoodCol, v);
    }

    /**
     * Start EM from these parameters (an {@code org.mlem.regmix.RegressionMixture}, e.g. a fitted
     * {@link RegmixModel}'s {@code mixture()} or an {@code --out} file's); its k is the fit's. Not
     * saved by {@link #write()}.
     */
    public Regmix setInitialModel(RegressionMixture start) {
        this.initialModel = start;
        return this;
    }

    @Override
    public RegmixModel fit(Dataset<?> dataset) {
        long t0 = System.nanoTime();
        if (initialModel == null && !isDefined(defs.k)) {
            throw new MlemUserException("k, the number of components, is not set; call setK");
        }
        int k = initialModel != null ? initialModel.components() : (Integer) getOrDefault(defs.k);
        String familyName = getFamily();
        String linkName = getLink();
        Family family = Family.byName(familyName);
        Link link = linkName == null ? null : Link.byName(linkName);
        // the family, link and EM options are mlem-core's to judge, on the driver before any row is read
        RegmixEstimator checked = RegmixEstimator.of(getFormula() == null ? "" : getFormula(), k).withFamily(family)
                .withLink(link).withEm(emOptions(RegmixEstimator.DEFAULT_EM));
        GlmSetup setup = new GlmSetup(getFormula(), Arrays.asList(dataset.columns()), familyName, linkName,
                GlmOptions.DEFAULTS.maxIterations(), GlmOptions.DEFAULTS.epsilon(), getWeightCol(), null);
        FormulaBlocks<RegmixBlock> read = FormulaBlocks.read(dataset, setup, (design, frame) -> RegmixBlock.of(design,
                frame, null, Family.byName(familyName), linkName == null ? null : Link.byName(linkName)));
        JavaRDD<GlmPartition<RegmixBlock>> parts = read.parts();
        try {
            RegmixEstimator estimator = checked.withDesign(setup.spec());
            RegressionMixture start = initialModel != null ? initialModel
                    : estimator.withInit(RegmixInit.DEFAULT).fit(sample(dataset, read), getSeed()).model();
            PartitionedRegmix model = new PartitionedRegmix(estimator, blocks(parts, getAggregationDepth()),
                    read.layout().columnNames(), read.layout().formula().response().label());
            double readSeconds = (System.nanoTime() - t0) * 1e-9;
            MixtureFit<RegressionMixture> fit = model.fit(start);
            ObjectNode file = ModelJson.fitNode("regmix", fit, read.columns(), readSeconds);
            file.setAll(new RegmixJson(fit.model(), getFormula(), null).node());
            file.set("terms", ModelJson.mapper().valueToTree(fit.model().terms()));
            RegmixModel m = new RegmixModel(uid, fit.model(), fit, ModelFormat.fileOf(file));
            return copyValues(m, ParamMap.empty()).setParent(this);
        } finally {
            parts.unpersist(false);
        }
    }

    /** The partitions as {@link PartitionedRegmix.Blocks}: a task on every block, merged along the fixed tree. */
    private static PartitionedRegmix.Blocks blocks(JavaRDD<GlmPartition<RegmixBlock>> parts, int depth) {
        int leaves = parts.getNumPartitions();
        return new PartitionedRegmix.Blocks() {
            @Override
            public <S extends Stats<S>> S reduce(S empty, PartitionedRegmix.Task<S> task) {
                return parts.treeAggregate(new FixedTreeMerge<S>(leaves), (tree, part) -> tree.add(part.partition(),
                        part.block() == null ? empty : task.run(part.block()), 0), FixedTreeMerge::combine, depth)
                        .result().stats();
            }
        };
    }

    /**
     * The rows the starts are drawn on, on the driver: every row in the Dataset's order when there
     * are at most {@code initSampleRows}, else about that many chosen by a hash of the row number
     * and the seed (the same for any partitioning).
     */
    private Frame sample(Dataset<?> dataset, FormulaBlocks<RegmixBlock> read) {
        Dataset<Row> selected = dataset.select(read.columns().stream().map(dataset::col).toArray(Column[]::new));
        long n = read.rows();
        int want = getInitSampleRows();
        List<Row> rows;
        if (n <= want) {
            rows = selected.collectAsList();
        } else {
            long seed = getSeed();
            double fraction = (double) want / n;
            rows = selected.javaRDD().zipWithIndex().filter(t -> RowSample.uniform(seed, t._2()) < fraction)
                    .map(t -> t._1()).collect();
        }
        return read.reader().frame(read.reader().cells(rows.iterator()));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return RegmixModel.outputSchema(this, schema);
    }

    @Override
    public Regmix copy(ParamMap extra) {
        Regmix c = (Regmix) defaultCopy(extra);
        c.initialModel = initialModel;
        return c;
    }

    /** Reads an estimator saved by {@link #write()}. */
    public static MLReader<Regmix> read() {
        return new DefaultParamsReader<>();
    }

    public static Regmix load(String path) {
        return read().load(path);
    }
}
