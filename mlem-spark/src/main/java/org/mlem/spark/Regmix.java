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
import org.mlem.concomitant.ConcomitantDesign;
import org.mlem.concomitant.ConcomitantMixture;
import org.mlem.concomitant.ConcomitantStarts;
import org.mlem.em.MixtureFit;
import org.mlem.formula.Design;
import org.mlem.io.GatingJson;
import org.mlem.regmix.PartitionedConcomitantRegmix;
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
import org.mlem.select.RegmixFamily;

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

    /**
     * Mixing weights that depend on columns of the Dataset through a multinomial logit ({@code fit
     * regmix --concomitant "~ z1 + z2"}, flexmix's {@code FLXPmultinom}); the fitted model's
     * {@link RegmixModel#gating()} is then the gating (its {@code mixture()} the components, their
     * weights the mean responsibilities) and its {@code model.json} {@code fit regmix --concomitant
     * --out}'s file.
     */
    public Regmix setConcomitant(String formula) {
        return (Regmix) set(defs.concomitant, formula);
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
        String concomitant = getConcomitant();
        if (concomitant != null && initialModel != null) {
            throw new MlemUserException("concomitant models the weights by covariates; it does not combine with an "
                    + "initial model yet; unset one of them");
        }
        GlmSetup setup = setup(dataset, familyName, linkName);
        FormulaBlocks<RegmixBlock> read = read(dataset, setup, familyName, linkName);
        JavaRDD<GlmPartition<RegmixBlock>> parts = read.parts();
        try {
            RegmixEstimator estimator = checked.withDesign(setup.spec());
            Frame sample = initialModel != null ? null : sample(dataset, read);
            ConcomitantStarts.Ends<RegressionMixture> ends = concomitant == null ? null : new ConcomitantStarts.Ends<>(null);
            MixtureFit<RegressionMixture> plain = initialModel != null ? null
                    : estimator.withInit(RegmixInit.DEFAULT).fit(sample, null, getSeed(),
                    ends == null ? org.mlem.em.EmListener.NONE : ends);
            RegressionMixture start = initialModel != null ? initialModel : plain.model();
            PartitionedRegmix model = new PartitionedRegmix(estimator, blocks(parts, getAggregationDepth()),
                    read.layout().columnNames(), read.layout().formula().response().label());
            double readSeconds = (System.nanoTime() - t0) * 1e-9;
            ConcomitantMixture<RegressionMixture> gated = null;
            MixtureFit<RegressionMixture> fit;
            if (concomitant == null) {
                fit = model.fit(start);
            } else {
                Design first = Design.build(setup.formula(), sample, setup.spec());
                ConcomitantStarts.Outcome<RegressionMixture> o = new PartitionedConcomitantRegmix(model,
                        gatingDesign(concomitant, first, sample, setup).zeroGating(k)).best(plain, ends, estimator.em());
                gated = o.fit().model();
                fit = o.asMixtureFit(gated.components());
            }
            ObjectNode file = ModelJson.fitNode("regmix", fit, read.columns(), readSeconds);
            file.setAll(new RegmixJson(fit.model(), getFormula(), null, setup.levels()).node());
            file.set("terms", ModelJson.mapper().valueToTree(fit.model().terms()));
            if (gated != null) {
                GatingJson.write(file, gated.gating());
            }
            RegmixModel m = new RegmixModel(uid, fit.model(), fit, ModelFormat.fileOf(file));
            return copyValues(m, ParamMap.empty()).setParent(this);
        } finally {
            parts.unpersist(false);
        }
    }

    /** The formula's setup over the Dataset's columns for {@code familyName} and {@code linkName}, the concomitant columns read too. */
    private GlmSetup setup(Dataset<?> dataset, String familyName, String linkName) {
        GlmSetup setup = new GlmSetup(getFormula(), Arrays.asList(dataset.columns()), familyName, linkName,
                GlmOptions.DEFAULTS.maxIterations(), GlmOptions.DEFAULTS.epsilon(), getWeightCol(), null);
        if (getConcomitant() != null) {
            setup.alsoRead(ConcomitantDesign.columns(getConcomitant(), Arrays.asList(dataset.columns())));
        }
        return setup;
    }

    /** Every partition's block for a mixture of {@code familyName} (with its gating design when concomitant is set), cached. */
    private FormulaBlocks<RegmixBlock> read(Dataset<?> dataset, GlmSetup setup, String familyName, String linkName) {
        String concomitant = getConcomitant();
        return FormulaBlocks.read(dataset, setup, (design, frame) -> {
            RegmixBlock b = RegmixBlock.of(design, frame, null, Family.byName(familyName),
                    linkName == null ? null : Link.byName(linkName));
            return concomitant == null ? b : b.withGatingDesign(gatingDesign(concomitant, design, frame, setup).z());
        });
    }

    /**
     * {@code mlem select regmix} on the cluster: a mixture of regressions for every k in
     * {@code minK..maxK} and every family of {@code families} ({@code gaussian}, {@code poisson},
     * {@code binomial}, each with its canonical link; null or empty: gaussian, as {@code --family}'s
     * default), compared by {@code criterion} ({@code bic}, {@code icl} or {@code aic}; lower is
     * better). Each candidate is mlem-core's ({@link RegmixFamily}, its seed derived from
     * {@code seed}, k and the family) fit on the driver's sample and continued by EM over every row
     * ({@link PartitionedRegmix}, as {@link #fit} continues it). With {@link #setConcomitant}, {@code
     * select regmix --concomitant} ({@code ConcomitantFamily} over {@link RegmixFamily}): the plain fit
     * on the driver's sample, then the concomitant EM from each distinct end over every row, the best
     * kept; k = 1 the plain fit continued over every row. Every candidate runs to the full tolerance
     * (the CLI's {@code --converge-all}). Each family's partitions are read and cached once. The
     * best's {@code model.json} is {@code fit regmix --out}'s file ({@code --concomitant}'s with
     * concomitant variables). Refused in one line: an initial model, a link.
     */
    public Selection<RegmixModel, RegressionMixture> select(Dataset<?> dataset, int minK, int maxK, List<String> families,
            String criterion) {
        String concomitant = getConcomitant();
        if (initialModel != null) {
            throw new MlemUserException("select fits its own starts; unset the initial model");
        }
        if (getLink() != null) {
            throw new MlemUserException("select compares families with their canonical links, as select regmix does; "
                    + "unset link");
        }
        List<Family> variants = new java.util.ArrayList<>();
        for (String f : families == null || families.isEmpty() ? List.of("gaussian") : families) {
            Family v = Family.byName(f.strip());
            if (!List.of("gaussian", "poisson", "binomial").contains(v.name())) {
                throw new MlemUserException("family " + f.strip() + " is not available for a mixture of regressions; use "
                        + "gaussian, poisson or binomial");
            }
            if (variants.stream().anyMatch(x -> x.name().equals(v.name()))) {
                throw new MlemUserException("families names " + v.name() + " twice; name each family once");
            }
            variants.add(v);
        }
        org.mlem.select.Criterion by = org.mlem.select.Criterion.parse(criterion);
        RegmixEstimator settings = RegmixEstimator.of(getFormula() == null ? "" : getFormula(), 1)
                .withEm(emOptions(RegmixEstimator.DEFAULT_EM));
        Family first = variants.get(0);
        GlmSetup setup = setup(dataset, first.name(), null);
        FormulaBlocks<RegmixBlock> firstRead = read(dataset, setup, first.name(), null);
        List<JavaRDD<GlmPartition<RegmixBlock>>> cached = new java.util.concurrent.CopyOnWriteArrayList<>();
        cached.add(firstRead.parts());
        try {
            Frame sample = sample(dataset, firstRead);
            ConcomitantDesign gating = concomitant == null ? null : gatingDesign(concomitant,
                    Design.build(setup.formula(), sample, setup.spec()), sample, setup);
            int depth = getAggregationDepth();
            java.util.function.Function<Family, ClusterRegmixFamily.Rows> rows = family -> {
                FormulaBlocks<RegmixBlock> r = family.name().equals(first.name()) ? firstRead
                        : read(dataset, setup(dataset, family.name(), null), family.name(), null);
                if (r != firstRead) {
                    cached.add(r.parts());
                }
                return new ClusterRegmixFamily.Rows(blocks(r.parts(), depth), r.layout().columnNames(),
                        r.layout().formula().response().label(), gating == null ? null : gating::zeroGating);
            };
            RegmixFamily plain = new RegmixFamily(settings.withDesign(setup.spec()));
            if (gating == null) {
                ClusterRegmixFamily.Plain cluster = new ClusterRegmixFamily.Plain(plain, rows);
                var result = new org.mlem.select.ModelSelection<>(cluster, minK, maxK, variants, 1, by).run(sample,
                        getSeed());
                RegmixModel best = result.bestIndex() < 0 ? null
                        : chosen(cluster.fitOf(result.best().k(), result.best().variant()), null, firstRead, setup);
                return new Selection<>(best, result);
            }
            ClusterRegmixFamily cluster = new ClusterRegmixFamily(plain, rows);
            var result = new org.mlem.select.ModelSelection<>(cluster, minK, maxK, variants, 1, by).run(sample, getSeed());
            RegmixModel best = null;
            if (result.bestIndex() >= 0) {
                MixtureFit<ConcomitantMixture<RegressionMixture>> fit = cluster.fitOf(result.best().k(),
                        result.best().variant());
                best = chosen(LatentMixture.withModel(fit, fit.model().components()), fit.model(), firstRead, setup);
            }
            return new Selection<>(best, LatentMixture.components(result));
        } finally {
            cached.forEach(p -> p.unpersist(false));
        }
    }

    /**
     * The chosen candidate's model: its {@code fit} (of its components), its gating's when
     * {@code gated} is not null; {@code k} and {@code family} set to the candidate's.
     */
    private RegmixModel chosen(MixtureFit<RegressionMixture> fit, ConcomitantMixture<RegressionMixture> gated,
            FormulaBlocks<RegmixBlock> read, GlmSetup setup) {
        RegressionMixture components = fit.model();
        ObjectNode file = ModelJson.fitNode("regmix", fit, read.columns(), 0);
        file.setAll(new RegmixJson(components, getFormula(), null, setup.levels()).node());
        file.set("terms", ModelJson.mapper().valueToTree(components.terms()));
        if (gated != null) {
            GatingJson.write(file, gated.gating());
        }
        RegmixModel best = copyValues(new RegmixModel(uid, components, fit, ModelFormat.fileOf(file)), ParamMap.empty())
                .setParent(this);
        best.set(best.regmixDefs().k, components.components());
        best.set(best.regmixDefs().family, components.family().name());
        return best;
    }

    /**
     * The gating design of {@code formula} over the rows {@code design} keeps of {@code frame} (a
     * partition's, or the driver's sample), text columns coded with the levels gathered from the whole
     * Dataset. A missing or infinite covariate cell is a user error naming its data row.
     */
    private static ConcomitantDesign gatingDesign(String formula, Design design, Frame frame, GlmSetup setup) {
        int[] rows = design.sourceRows();
        for (String c : ConcomitantDesign.columns(formula, frame.names())) {
            for (int i = 0; i < rows.length; i++) {
                int r = rows[i];
                boolean missing = frame.isNumeric(c) ? Double.isNaN(frame.numeric(c)[r]) : frame.text(c)[r] == null;
                if (missing || frame.isNumeric(c) && Double.isInfinite(frame.numeric(c)[r])) {
                    throw new MlemUserException("data row " + (r + 1) + ": concomitant column '" + c + "' "
                            + (missing ? "has no value; fill the cell, or filter the row out of the Dataset (no row is "
                            + "dropped for it)" : "is " + frame.numeric(c)[r] + "; the gating needs finite covariates: fix "
                            + "the cell, or filter the row out of the Dataset"));
                }
            }
        }
        ConcomitantDesign d = ConcomitantDesign.build(formula, frame, rows, setup.levels(), true);
        if (!d.bases().isEmpty()) {
            throw new MlemUserException("the concomitant formula '" + formula + "' has a term built from all rows at once "
                    + "(poly(), ns(), bs()), which a partition cannot build alone; use poly(..., raw = TRUE) or "
                    + "precomputed columns");
        }
        return d;
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
