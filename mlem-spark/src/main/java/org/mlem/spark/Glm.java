package org.mlem.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
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
import org.apache.spark.storage.StorageLevel;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.formula.ModelFormula;
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
        List<String> used = setup.usedColumns();
        GlmRows rows = GlmRows.of(dataset.schema(), used, getFormula());
        setup.checkFactorCalls(rows.textColumns());
        Dataset<Row> selected = dataset.select(used.stream().map(dataset::col).toArray(Column[]::new));
        gatherLevels(selected, rows, setup);
        JavaRDD<GlmPartition> parts = selected.javaRDD()
                .mapPartitionsWithIndex((p, it) -> List.of(partition(p, it, rows, setup)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<GlmPartition> summaries = new ArrayList<>(parts.map(GlmPartition::withoutBlock).collect());
            summaries.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
            long before = 0;
            double totalWeight = 0;
            Object[] first = null;
            for (GlmPartition s : summaries) {
                if (s.fault() != null) {
                    throw new MlemUserException(s.fault().message(before));
                }
                first = first == null ? s.firstRow() : first;
                before += s.inputRows();
                totalWeight += s.totalWeight();
            }
            if (first == null) {
                throw new MlemUserException("no rows to fit; the Dataset is empty");
            }
            Design layout = Design.build(setup.formula(), rows.frame(List.<Object[]>of(first)), setup.spec());
            double readSeconds = (System.nanoTime() - t0) * 1e-9;
            long t1 = System.nanoTime();
            int leaves = summaries.size();
            int depth = getAggregationDepth();
            GlmEstimator estimator = setup.estimator();
            GlmFit fit = PartitionedGlm.fit(estimator, setup.familyName(), layout, before, pass -> parts
                    .treeAggregate(new FixedTreeMerge<BlockSums>(leaves), (tree, part) -> tree.add(part.partition(),
                            part.block() == null ? new BlockSums() : part.block().pass(pass), 0),
                            FixedTreeMerge::combine, depth)
                    .result().stats());
            double fitSeconds = (System.nanoTime() - t1) * 1e-9;
            ObjectNode json = FitJson.glm(fit, used, readSeconds, fitSeconds);
            GlmJson.fitFields(json, totalWeight, layout.responseLevels(),
                    setup.weightCol(), setup.offsetCol(), setup.levels());
            GlmModel model = new GlmModel(uid, ModelFormat.fileOf(json), fit).timed(readSeconds, fitSeconds);
            return copyValues(model, ParamMap.empty()).setParent(this);
        } finally {
            parts.unpersist(false);
        }
    }

    /** Each string column's distinct values over the whole Dataset, sorted as mlem-core sorts levels. */
    private static void gatherLevels(Dataset<Row> selected, GlmRows rows, GlmSetup setup) {
        List<String> text = rows.textColumns();
        if (text.isEmpty()) {
            return;
        }
        String[] names = rows.names();
        List<TreeSet<String>> seen = selected.javaRDD().mapPartitions(it -> {
            List<TreeSet<String>> sets = new ArrayList<>();
            text.forEach(c -> sets.add(new TreeSet<>()));
            it.forEachRemaining(r -> {
                for (int t = 0; t < text.size(); t++) {
                    int i = Arrays.asList(names).indexOf(text.get(t));
                    if (!r.isNullAt(i)) {
                        sets.get(t).add(r.getString(i));
                    }
                }
            });
            return List.of(sets).iterator();
        }).reduce((a, b) -> {
            for (int t = 0; t < a.size(); t++) {
                a.get(t).addAll(b.get(t));
            }
            return a;
        });
        for (int t = 0; t < text.size(); t++) {
            setup.levels(text.get(t), new ArrayList<>(seen.get(t)));
        }
    }

    /** Builds one partition's block, or records its first fault. */
    private static GlmPartition partition(int p, java.util.Iterator<Row> it, GlmRows rows, GlmSetup setup) {
        List<Object[]> cells = rows.cells(it);
        if (cells.isEmpty()) {
            return new GlmPartition(p, 0, null, null, null, 0);
        }
        try {
            Frame frame = rows.frame(cells);
            ModelFormula formula = setup.formula();
            DesignSpec spec = setup.spec();
            Design design = Design.build(formula, frame, spec);
            GlmBlock block = GlmBlock.of(design, setup.familyName(), setup.estimator());
            return new GlmPartition(p, cells.size(), block, null, cells.get(0),
                    Arrays.stream(design.weights()).sum());
        } catch (MlemUserException e) {
            return new GlmPartition(p, cells.size(), null, GlmRows.Fault.of(e), null, 0);
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
