package org.mlem.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.EmProblem;
import org.mlem.em.MixtureFit;
import org.mlem.io.ModelFormat;
import org.mlem.io.ModelJson;
import org.mlem.model.BlockEmKind;
import org.mlem.model.EmKind;
import org.mlem.model.EmKinds;
import org.mlem.select.BootstrapLrt;
import org.mlem.concomitant.ConcomitantStarts;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.mixture.ProductMixture;
import org.mlem.mixture.ProductMixtureEstimator;
import org.mlem.mixture.ProductMixtureModel;
import org.mlem.model.GmmEstimators;

/**
 * Every latent model of mlem's registry whose units are rows ({@link BlockEmKind}: Gaussian
 * mixtures, t mixtures, mixtures of families and latent class analysis) as one Spark ML
 * {@link Estimator}, chosen by {@code kind}: the kind's own E- and M-steps over the cached
 * partitions, the statistics merged along a fixed tree, mlem's EM loop on the driver
 * ({@link LatentModelFitter}). From a given start ({@link #setInitialModel}) the fit is the
 * single-machine fit from that start for any partitioning (1e-9 relative in the tests). Without
 * one, the start is the kind's own single-machine fit to the driver's sample ({@code initSampleRows}
 * rows, every row when there are no more; restarts and their choice happen there), and EM then runs
 * over every row on the cluster.
 *
 * <pre>{@code
 * LatentMixtureModel m = new LatentMixture().setKind("mixture").setFamily("bernoulli").setK(3).fit(df);
 * m.write().save(path);   // path/model.json is a model file the mlem command reads
 * }</pre>
 *
 * <p>Mistakes in the data throw {@link MlemUserException} on the driver, naming the 1-based row
 * in the Dataset's order, the column and the fix: a null or infinite feature, NaN without
 * {@code missing=em}, a row with every cell missing, vectors of different sizes, a value outside
 * a family's support, a weight or label the fit cannot take.
 */
public final class LatentMixture extends Estimator<LatentMixtureModel> implements LatentMixtureParams,
        DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final LatentParamDefs defs;
    private transient Object initialModel;

    public LatentMixture() {
        this(Identifiable.randomUID("mlemLatentMixture"));
    }

    public LatentMixture(String uid) {
        this.uid = uid;
        this.defs = new LatentParamDefs(uid);
        LatentParamDefs.setDefaults(this);
    }

    /** The kinds this estimator fits: every {@link BlockEmKind} of {@link EmKinds#ALL}, in its order. */
    public static List<String> kindNames() {
        return EmKinds.ALL.stream().filter(k -> k instanceof BlockEmKind<?>).map(EmKind::name).toList();
    }

    /** The registered kind named {@code name}; a user error naming those there are otherwise. */
    static BlockEmKind<?> kindNamed(String name) {
        if (name == null) {
            throw new MlemUserException("kind is not set; call setKind with one of " + kindNames());
        }
        for (EmKind<?, ?> k : EmKinds.ALL) {
            if (k.name().equals(name) && k instanceof BlockEmKind<?> b) {
                return b;
            }
        }
        throw new MlemUserException("kind '" + name + "' does not run on Spark; use one of " + kindNames());
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public LatentParamDefs latentDefs() {
        return defs;
    }

    /** One of {@link #kindNames()}: {@code gmm}, {@code tmix}, {@code mixture}. */
    public LatentMixture setKind(String v) {
        return (LatentMixture) set(kind(), v);
    }

    public LatentMixture setK(int v) {
        return (LatentMixture) set(k(), v);
    }

    public LatentMixture setFamily(String v) {
        return (LatentMixture) set(family(), v);
    }

    public LatentMixture setCovariance(String v) {
        return (LatentMixture) set(covariance(), v);
    }

    public LatentMixture setMaxIter(int v) {
        return (LatentMixture) set(maxIter(), v);
    }

    public LatentMixture setTol(double v) {
        return (LatentMixture) set(tol(), v);
    }

    public LatentMixture setNInit(int v) {
        return (LatentMixture) set(nInit(), v);
    }

    public LatentMixture setSeed(long v) {
        return (LatentMixture) set(seed(), v);
    }

    public LatentMixture setFeaturesCol(String v) {
        return (LatentMixture) set(featuresCol(), v);
    }

    public LatentMixture setWeightCol(String v) {
        return (LatentMixture) set(weightCol(), v);
    }

    public LatentMixture setLabelCol(String v) {
        return (LatentMixture) set(labelCol(), v);
    }

    /** {@code error} or {@code em}. */
    public LatentMixture setMissing(String v) {
        return (LatentMixture) set(missing(), v);
    }

    public LatentMixture setAcceleration(String v) {
        return (LatentMixture) set(acceleration(), v);
    }

    public LatentMixture setConvergence(String v) {
        return (LatentMixture) set(convergence(), v);
    }

    public LatentMixture setAggregationDepth(int v) {
        return (LatentMixture) set(aggregationDepth(), v);
    }

    public LatentMixture setInitSampleRows(int v) {
        return (LatentMixture) set(initSampleRows(), v);
    }

    public LatentMixture setPredictionCol(String v) {
        return (LatentMixture) set(predictionCol(), v);
    }

    public LatentMixture setProbabilityCol(String v) {
        return (LatentMixture) set(probabilityCol(), v);
    }

    public LatentMixture setLogLikelihoodCol(String v) {
        return (LatentMixture) set(logLikelihoodCol(), v);
    }

    /** gmm: {@code kmeans++}, {@code random} or {@code hc}, as {@code fit gmm --init}. */
    public LatentMixture setInit(String v) {
        return (LatentMixture) set(init(), v);
    }

    /** gmm: every weight 1/k (mclust's {@code equalPro}). */
    public LatentMixture setEqualProportions(boolean v) {
        return (LatentMixture) set(equalProportions(), v);
    }

    /**
     * mixture: fit one continuous family to right-censored rows ({@code fit mixture --status}):
     * each row's event code, 1 = event and 0 = censored (or survival's 2 and 1), {@code featuresCol}
     * a numeric column of the values ({@link CensoredMixtureOnSpark}).
     */
    public LatentMixture setStatusCol(String v) {
        return (LatentMixture) set(statusCol(), v);
    }

    /**
     * mixture: fit one continuous family to interval-censored rows ({@code fit mixture --interval}):
     * each row's upper bound, {@code featuresCol} a numeric column of the lower bounds; equal bounds
     * an exact row, a null bound an open end.
     */
    public LatentMixture setUpperCol(String v) {
        return (LatentMixture) set(upperCol(), v);
    }

    /** gmm: {@code default} (mclust's {@code priorControl()}) or {@code none}. */
    public LatentMixture setPrior(String v) {
        return (LatentMixture) set(prior(), v);
    }

    /**
     * gmm: mixing weights that depend on columns of the Dataset through a multinomial logit
     * ({@code fit gmm --concomitant "~ z1 + z2"}, flexmix's {@code FLXPmultinom}); the fitted
     * model's {@code model()} is then an {@code org.mlem.concomitant.ConcomitantMixture}.
     */
    public LatentMixture setConcomitant(String formula) {
        return (LatentMixture) set(concomitant(), formula);
    }

    /** gmm: a uniform noise component over the rows' region (mclust's {@code Vinv}). */
    public LatentMixture setNoise(boolean v) {
        return (LatentMixture) set(noise(), v);
    }

    /**
     * gmm with noise: a boolean or 0/1 column flagging the rows that start in the noise component
     * ({@code fit gmm --noise-start}; mclust's {@code initialization = list(noise = ...)}); the
     * start is fit on the driver's sample from the flags of its rows. Every row needs a flag.
     */
    public LatentMixture setNoiseStartCol(String v) {
        return (LatentMixture) set(noiseStartCol(), v);
    }

    /** gmm with noise: the noise region's volume V, the noise density 1/V (mclust's {@code Vinv}). */
    public LatentMixture setHypervolume(double v) {
        return (LatentMixture) set(hypervolume(), v);
    }

    /**
     * Start EM from these parameters: a model of the kind's core type ({@code org.mlem.gmm.GaussianMixture},
     * {@code org.mlem.tmix.TMixture}, {@code org.mlem.mixture.ProductMixture}) or a fitted
     * {@link LatentMixtureModel}; its k is the fit's. Not saved by {@link #write()}.
     */
    public LatentMixture setInitialModel(Object start) {
        this.initialModel = start instanceof LatentMixtureModel m ? m.model() : start;
        return this;
    }

    /** The initial parameters, or null. */
    public Object getInitialModel() {
        return initialModel;
    }

    @Override
    public LatentMixtureModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        if (censored()) {
            return copyValues(CensoredMixtureOnSpark.fit(this, dataset, initialModel), ParamMap.empty()).setParent(this);
        }
        return fit(kindNamed(getKind()), dataset);
    }

    private <M> LatentMixtureModel fit(BlockEmKind<M> kind, Dataset<?> dataset) {
        if (getConcomitant() != null) {
            return fitConcomitant(kind, dataset);
        }
        Object given = given(kind);
        if (given == null && !isDefined(k())) {
            throw new MlemUserException("k, the number of components, is not set; call setK");
        }
        BlockEmKind.Extras extras = extras();
        if (given != null && extras.init() != null) {
            throw new MlemUserException("init chooses the start, but an initial model is given; unset one of them");
        }
        if (extras.noiseStartLabelled() && (given != null || isDefined(labelCol()))) {
            throw new MlemUserException("noiseStartCol flags the rows a noise fit starts from, but "
                    + (given != null ? "an initial model is given" : "labelCol is set (a noise fit takes no labels)")
                    + "; unset one of them");
        }
        int k = given != null ? kind.classesOf(given) : getK();
        boolean missingEm = "em".equals(getMissing());
        EmOptions em = emOptions(kind.defaults());
        String labels = extras.noiseStartLabelled() ? getNoiseStartCol() : getLabelCol();
        PartitionScan scan = new PartitionScan(getFeaturesCol(), getWeightCol(), labels, k, false, missingEm,
                "a " + kind.name() + " model", true);
        scan = extras.noiseStartLabelled() ? scan.flags() : scan;
        BlockEmKind.Shape shape = new BlockEmKind.Shape(k, getFamily(), getCovariance());
        try (DistributedData data = DistributedData.read(dataset, getFeaturesCol(), getWeightCol(), labels, k, scan)) {
            long t0 = System.nanoTime();
            List<String> columns = DataMatrix.defaultNames(data.cols());
            String name = kind.name();
            @SuppressWarnings("unchecked")
            M like = given == null || extras.noise() ? null : (M) given;
            data.check(rows -> fault(name, shape, like, rows, missingEm));
            Object start = given != null ? given
                    : kind.fit(data.sample(getInitSampleRows(), getSeed()), shape, extras, em, getSeed(), missingEm).model();
            EmProblem<?> problem = kind.problem(start, columns, missingEm && data.missingCells() > 0, extras,
                    new PartitionPasses(data, getAggregationDepth()));
            MixtureFit<?> fit = DistributedProblem.fit(problem, data, em, getAggregationDepth(), getSeed(),
                    (System.nanoTime() - t0) * 1e-9, null);
            ObjectNode file = ModelJson.fitNode(kind.name(), fit, columns, 0);
            file.setAll(kind.fittedNode(fit.model(), columns));
            LatentMixtureModel model = new LatentMixtureModel(uid, kind.name(), fit.model(), fit, ModelFormat.fileOf(file));
            return copyValues(model, ParamMap.empty()).setParent(this);
        }
    }

    /**
     * {@code fit gmm --concomitant FORMULA} and {@code fit mixture --concomitant FORMULA} on the
     * cluster: the plain mixture's fit (its starts, with the ends of every start collected) on the
     * driver's sample, then the concomitant EM from each distinct end over every row on the cluster
     * ({@link ConcomitantOnSpark}), the best kept as on one machine. Refused, each in one line: a
     * kind other than gmm and mixture, an initial model, labels, missing=em, and for gmm noise, prior
     * and equal proportions (as {@code fit ... --concomitant} refuses them).
     */
    private LatentMixtureModel fitConcomitant(BlockEmKind<?> kind, Dataset<?> dataset) {
        String formula = getConcomitant();
        BlockEmKind.Extras extras = extras();
        boolean gmm = kind.name().equals("gmm");
        String refused = !gmm && !kind.name().equals("mixture") ? "kind '" + kind.name() + "' (on Spark it is kinds gmm's "
                + "and mixture's)"
                : initialModel != null ? "an initial model" : isDefined(labelCol()) ? "labelCol"
                : "em".equals(getMissing()) ? "missing=em" : extras.noise() ? "noise"
                : extras.defaultPrior() ? "prior" : extras.equalProportions() ? "equalProportions" : null;
        if (refused != null) {
            throw new MlemUserException("concomitant models the weights by covariates; it does not combine with "
                    + refused + " yet; unset one of them");
        }
        if (!isDefined(k())) {
            throw new MlemUserException("k, the number of components, is not set; call setK");
        }
        int k = getK();
        EmOptions em = emOptions(kind.defaults());
        PartitionScan scan = new PartitionScan(getFeaturesCol(), getWeightCol(), null, k, false, false,
                "a " + kind.name() + " model", true);
        BlockEmKind.Shape shape = new BlockEmKind.Shape(k, getFamily(), getCovariance());
        try (ConcomitantData data = ConcomitantData.read(dataset, getFeaturesCol(), getWeightCol(), k, scan, formula)) {
            String name = kind.name();
            data.data().check(rows -> fault(name, shape, null, rows, false));
            DataMatrix sample = data.data().sample(getInitSampleRows(), getSeed());
            List<String> columns = DataMatrix.defaultNames(data.data().cols());
            ObjectNode file;
            ConcomitantStarts.Outcome<?> outcome;
            if (gmm) {
                GaussianMixtureEstimator estimator = GmmEstimators.of(sample, shape, extras, em, getSeed());
                ConcomitantStarts.Ends<GaussianMixture> ends = new ConcomitantStarts.Ends<>(null);
                MixtureFit<GaussianMixture> plain = estimator.fit(sample, getSeed(), ends);
                ConcomitantStarts.Outcome<GaussianMixture> o = new ConcomitantOnSpark<>(
                        new ClusterComponents.Gaussian(estimator.model(), k, estimator.regCovar()), k, data,
                        getAggregationDepth()).best(plain, ends, GaussianMixture::weights, em);
                file = gmmFile(o.asMixtureFit(o.fit().model().components()), estimator.regCovar());
                outcome = o;
            } else {
                ProductMixtureEstimator estimator = GmmEstimators.mixture(shape, data.data().cols(), em);
                ConcomitantStarts.Ends<ProductMixture> ends = new ConcomitantStarts.Ends<>(null);
                MixtureFit<ProductMixture> plain = estimator.fit(sample, getSeed(), ends);
                ConcomitantStarts.Outcome<ProductMixture> o = new ConcomitantOnSpark<>(new ClusterComponents.Product(
                        new ProductMixtureModel(k, estimator.layout(), columns, estimator.fixed()), k), k, data,
                        getAggregationDepth()).best(plain, ends, ProductMixture::weights, em);
                ProductMixture fitted = o.fit().model().components();
                file = ModelJson.fitNode(name, o.asMixtureFit(fitted), columns, 0);
                file.setAll(kind.fittedNode(fitted, columns));
                outcome = o;
            }
            org.mlem.concomitant.ConcomitantMixture<?> fitted = outcome.fit().model();
            org.mlem.io.GatingJson.write(file, fitted.gating());
            LatentMixtureModel model = new LatentMixtureModel(uid, name, fitted, outcome.asMixtureFit(fitted.components()),
                    ModelFormat.fileOf(file));
            return copyValues(model, ParamMap.empty()).setParent(this);
        }
    }

    /**
     * A concomitant Gaussian mixture's file but its gating ({@code fit gmm --concomitant --out}'s
     * without the {@code concomitant} object): the fit's fields, the Gaussian mixture's, its mclust
     * name and ridge.
     */
    @SuppressWarnings("unchecked")
    private static ObjectNode gmmFile(MixtureFit<GaussianMixture> fit, double regCovar) {
        GaussianMixture fitted = fit.model();
        int d = fitted.dimension();
        List<String> columns = DataMatrix.defaultNames(d);
        ObjectNode file = ModelJson.fitNode("gmm", fit, columns, 0);
        file.setAll(((BlockEmKind<GaussianMixture>) kindNamed("gmm")).fittedNode(fitted, columns));
        file.put("mclustModel", fitted.structure().mclustName(d));
        file.put("regCovar", regCovar);
        return file;
    }

    /**
     * {@code mlem select gmm} on the cluster: a Gaussian mixture for every k in {@code minK..maxK}
     * and every structure of {@code covariances} (null or empty: scikit-learn's four, E and V in one
     * column), compared by {@code criterion} ({@code bic}, {@code icl} or {@code aic}; lower is
     * better). Each candidate is mlem-core's {@code select gmm} candidate (its seed derived from
     * {@code seed}, k and the structure) fit on the driver's sample and continued over every row,
     * with this stage's EM settings, {@code init}, {@code equalProportions} and {@code prior}; the
     * data are read and cached once for all candidates. The kind must be {@code gmm} (or unset);
     * {@code k}, an initial model, {@code noise}, labels and {@code missing=em} are refused. With
     * {@code concomitant} set, {@code select gmm --concomitant}: each candidate as {@link #fit} fits
     * it with concomitant variables (k = 1 the plain fit), its ICL from the concomitant posteriors;
     * {@code prior}, {@code equalProportions} and the bootstrap LRT are refused, as the CLI refuses them.
     */
    public LatentMixtureSelection select(Dataset<?> dataset, int minK, int maxK, List<String> covariances, String criterion) {
        return select(dataset, minK, maxK, covariances, criterion, 0);
    }

    /**
     * As {@link #select(Dataset, int, int, List, String)}, then ({@code bootstrapLrt} B &gt; 0) the
     * bootstrap likelihood-ratio test of k against k + 1 (mclust's {@code mclustBootstrapLRT},
     * {@code select gmm --bootstrap-lrt B}) for every consecutive pair of {@code minK..maxK} in the
     * first structure of {@code covariances}, from the grid's own cluster fits: the observed statistic
     * is theirs; each replicate draws n rows from the fitted k-component mixture and refits both on
     * one Spark task ({@link BootstrapLrt#replicates}, the single machine's code and seeds), so the
     * replicates and the p-value are the single machine's for the same fits and seed. Refused with
     * {@code weightCol} (replicates draw unweighted rows).
     */
    public LatentMixtureSelection select(Dataset<?> dataset, int minK, int maxK, List<String> covariances, String criterion,
            int bootstrapLrt) {
        uncensored("select");
        if (bootstrapLrt > 0 && isDefined(weightCol())) {
            throw new MlemUserException("the bootstrap LRT draws unweighted rows; unset weightCol or bootstrapLrt");
        }
        BootstrapLrt lrt = bootstrapLrt == 0 ? null : new BootstrapLrt(org.mlem.gmm.GaussianMixtureEstimator.of(1),
                bootstrapLrt); // checks B before any work
        if (getKind() != null && !getKind().equals("gmm")) {
            throw new MlemUserException("select compares Gaussian mixtures (kind gmm), not kind '" + getKind()
                    + "'; set kind gmm or leave it unset");
        }
        BlockEmKind.Extras extras = extras();
        String refused = initialModel != null ? "an initial model" : extras.noise() ? "noise"
                : extras.noiseStartLabelled() ? "noiseStartCol" : !Double.isNaN(extras.hypervolume()) ? "hypervolume"
                : isDefined(labelCol())
                ? "labelCol" : "em".equals(getMissing()) ? "missing=em" : null;
        if (refused != null) {
            throw new MlemUserException("select does not take " + refused + " yet; unset it");
        }
        org.mlem.select.Criterion by = org.mlem.select.Criterion.parse(criterion);
        transformSchema(dataset.schema());
        BlockEmKind<?> kind = kindNamed("gmm");
        EmOptions em = emOptions(kind.defaults());
        PartitionScan scan = new PartitionScan(getFeaturesCol(), getWeightCol(), null, maxK, false, false,
                "a gmm model", true);
        if (getConcomitant() != null) {
            String with = bootstrapLrt > 0 ? "the bootstrap LRT" : extras.defaultPrior() ? "prior"
                    : extras.equalProportions() ? "equalProportions" : null;
            if (with != null) {
                throw new MlemUserException("select with concomitant does not take " + with + " (nor does select gmm "
                        + "--concomitant); unset one of them");
            }
            return selectConcomitant(dataset, minK, maxK, covariances, by, em, extras, scan);
        }
        try (DistributedData data = DistributedData.read(dataset, getFeaturesCol(), getWeightCol(), null, maxK, scan)) {
            int d = data.cols();
            org.mlem.gmm.GmmInit init = extras.init() == null ? org.mlem.gmm.GmmInit.DEFAULT
                    : org.mlem.gmm.GmmInit.named(extras.init(), getSeed());
            org.mlem.select.GaussianFamily family = new org.mlem.select.GaussianFamily(
                    org.mlem.gmm.GaussianMixtureEstimator.DEFAULT_REG_COVAR, init, em).forDimension(d)
                    .withEqualProportions(extras.equalProportions()).withDefaultPrior(extras.defaultPrior());
            List<org.mlem.gmm.CovarianceStructure> variants = variants(covariances, d);
            ClusterGaussianFamily cluster = new ClusterGaussianFamily(family, data.sample(getInitSampleRows(), getSeed()),
                    getAggregationDepth());
            org.mlem.select.SelectionResult<org.mlem.gmm.GaussianMixture> result = new org.mlem.select.ModelSelection<>(
                    cluster, minK, maxK, variants, 1, by).run(data, getSeed());
            LatentMixtureModel best = null;
            if (result.bestIndex() >= 0) {
                org.mlem.select.Candidate<org.mlem.gmm.GaussianMixture> c = result.best();
                MixtureFit<org.mlem.gmm.GaussianMixture> fit = cluster.fitOf(c.k(), c.variant());
                List<String> columns = DataMatrix.defaultNames(d);
                ObjectNode file = ModelJson.fitNode("gmm", fit, columns, 0);
                file.setAll(kind.fittedNode(fit.model(), columns));
                best = copyValues(new LatentMixtureModel(uid, "gmm", fit.model(), fit, ModelFormat.fileOf(file)),
                        ParamMap.empty()).setParent(this);
                best.set(best.k(), c.k());
                best.set(best.covariance(), fit.model().structure().id());
            }
            BootstrapLrt.Grid tests = null;
            if (lrt != null) {
                org.mlem.gmm.CovarianceStructure first = variants.get(0);
                tests = new BootstrapLrt(family.estimator(1, first), bootstrapLrt).overGrid(result,
                        java.util.stream.IntStream.rangeClosed(minK, maxK).boxed().toList(), family.variantName(first),
                        Math.toIntExact(data.rows()), DataMatrix.defaultNames(d), getSeed(),
                        replicatesOnSpark(dataset.sparkSession()));
            }
            return new LatentMixtureSelection(best, result, tests);
        }
    }

    /**
     * {@code select gmm --concomitant} on the cluster ({@link ClusterConcomitantFamily}): every
     * candidate's concomitant fit over the cached partitions, compared by {@code by}; the best's
     * {@code model()} is its {@code ConcomitantMixture} and its model file {@code fit gmm
     * --concomitant --out}'s; the table's candidates hold their components (the weights the mean
     * responsibilities).
     */
    private LatentMixtureSelection selectConcomitant(Dataset<?> dataset, int minK, int maxK, List<String> covariances,
            org.mlem.select.Criterion by, EmOptions em, BlockEmKind.Extras extras, PartitionScan scan) {
        try (ConcomitantData data = ConcomitantData.read(dataset, getFeaturesCol(), getWeightCol(), maxK, scan,
                getConcomitant())) {
            int d = data.data().cols();
            org.mlem.gmm.GmmInit init = extras.init() == null ? org.mlem.gmm.GmmInit.DEFAULT
                    : org.mlem.gmm.GmmInit.named(extras.init(), getSeed());
            org.mlem.select.GaussianFamily family = new org.mlem.select.GaussianFamily(
                    GaussianMixtureEstimator.DEFAULT_REG_COVAR, init, em).forDimension(d);
            var cluster = ClusterConcomitantFamily.gaussian(family, data.data().sample(getInitSampleRows(), getSeed()),
                    getAggregationDepth());
            var result = new org.mlem.select.ModelSelection<>(cluster, minK, maxK, variants(covariances, d), 1, by)
                    .run(data, getSeed());
            LatentMixtureModel best = null;
            if (result.bestIndex() >= 0) {
                var c = result.best();
                MixtureFit<org.mlem.concomitant.ConcomitantMixture<GaussianMixture>> fit = cluster.fitOf(c.k(), c.variant());
                GaussianMixture components = fit.model().components();
                ObjectNode file = gmmFile(withModel(fit, components), family.regCovar());
                org.mlem.io.GatingJson.write(file, fit.model().gating());
                best = copyValues(new LatentMixtureModel(uid, "gmm", fit.model(), fit, ModelFormat.fileOf(file)),
                        ParamMap.empty()).setParent(this);
                best.set(best.k(), c.k());
                best.set(best.covariance(), components.structure().id());
            }
            return new LatentMixtureSelection(best, components(result), null);
        }
    }

    /**
     * {@code mlem select mixture} on the cluster: a mixture of families for every k in
     * {@code minK..maxK} and every variant of {@code families}, compared by {@code criterion}
     * ({@code bic}, {@code icl} or {@code aic}; lower is better). A variant is what {@code family}
     * takes: one family for every column ({@code poisson}, {@code bernoulli}, {@code multinomial};
     * {@code select mixture --family}'s, named alike) or one per column ({@code poisson,normal};
     * {@code --families x1=poisson,x2=normal}'s, named so: the features are the columns x1, x2, ...).
     * Each candidate is mlem-core's ({@code ProductFamily}, its seed derived from {@code seed}, k and
     * the variant's name) fit on the driver's sample and continued by EM over every row (the plain
     * {@code mixture} kind's fit on Spark); ICL's term and the degenerate components from one pass over
     * the partitions. With {@link #setConcomitant}, {@code select mixture --concomitant}
     * ({@code ConcomitantFamily} over {@code ProductFamily}): the plain fit on the driver's sample, then
     * the concomitant EM from each distinct end over every row, the best kept; k = 1 the plain fit
     * continued over every row. Every candidate runs to the full tolerance (the CLI's
     * {@code --converge-all}). Refused in one line: another kind, an initial model, labels,
     * {@code missing=em}, mclust's extras.
     */
    @SuppressWarnings("unchecked")
    public Selection<LatentMixtureModel, ProductMixture> selectFamilies(Dataset<?> dataset, int minK, int maxK,
            List<String> families, String criterion) {
        uncensored("selectFamilies");
        if (getKind() != null && !getKind().equals("mixture")) {
            throw new MlemUserException("selectFamilies compares mixtures of families (kind mixture), not kind '" + getKind()
                    + "'; set kind mixture or leave it unset");
        }
        BlockEmKind.Extras extras = extras();
        String refused = initialModel != null ? "an initial model" : isDefined(labelCol()) ? "labelCol"
                : "em".equals(getMissing()) ? "missing=em" : extras.noise() ? "noise" : extras.defaultPrior() ? "prior"
                : extras.equalProportions() ? "equalProportions" : extras.init() != null ? "init" : null;
        if (refused != null) {
            throw new MlemUserException("select mixture on Spark does not take " + refused + "; unset it");
        }
        if (families == null || families.isEmpty()) {
            throw new MlemUserException("name the families to compare, e.g. List.of(\"poisson\", \"negbin\")");
        }
        org.mlem.select.Criterion by = org.mlem.select.Criterion.parse(criterion);
        transformSchema(dataset.schema());
        BlockEmKind<ProductMixture> kind = (BlockEmKind<ProductMixture>) kindNamed("mixture");
        EmOptions em = emOptions(kind.defaults());
        PartitionScan scan = new PartitionScan(getFeaturesCol(), getWeightCol(), null, maxK, false, false,
                "a mixture model", true);
        org.mlem.select.ProductFamily family = new org.mlem.select.ProductFamily(em);
        if (getConcomitant() == null) {
            try (DistributedData data = DistributedData.read(dataset, getFeaturesCol(), getWeightCol(), null, maxK, scan)) {
                List<String> columns = DataMatrix.defaultNames(data.cols());
                ClusterProductFamily cluster = new ClusterProductFamily(family, columns,
                        data.sample(getInitSampleRows(), getSeed()), getAggregationDepth());
                var result = new org.mlem.select.ModelSelection<>(cluster, minK, maxK, layouts(families, columns, em), 1, by)
                        .run(data, getSeed());
                LatentMixtureModel best = null;
                if (result.bestIndex() >= 0) {
                    MixtureFit<ProductMixture> fit = cluster.fitOf(result.best().k(), result.best().variant());
                    best = chosenMixture(kind, fit, fit.model(), columns, null);
                }
                return new Selection<>(best, result);
            }
        }
        try (ConcomitantData data = ConcomitantData.read(dataset, getFeaturesCol(), getWeightCol(), maxK, scan,
                getConcomitant())) {
            List<String> columns = DataMatrix.defaultNames(data.data().cols());
            var cluster = ClusterConcomitantFamily.product(family, columns,
                    data.data().sample(getInitSampleRows(), getSeed()), getAggregationDepth());
            var result = new org.mlem.select.ModelSelection<>(cluster, minK, maxK, layouts(families, columns, em), 1, by)
                    .run(data, getSeed());
            LatentMixtureModel best = null;
            if (result.bestIndex() >= 0) {
                var c = result.best();
                MixtureFit<org.mlem.concomitant.ConcomitantMixture<ProductMixture>> fit = cluster.fitOf(c.k(), c.variant());
                best = chosenMixture(kind, withModel(fit, fit.model().components()), fit.model(), columns,
                        fit.model().gating());
            }
            return new Selection<>(best, components(result));
        }
    }

    /**
     * {@code mlem select tmix} on the cluster: a multivariate t mixture for every k in
     * {@code minK..maxK} and every degrees-of-freedom variant of {@code dfs} ({@code free}: one ν per
     * component, estimated; a number: every component held at it; null or empty: {@code free}, as the
     * CLI's {@code --df}), compared by {@code criterion}. Each candidate is mlem-core's (the
     * {@link org.mlem.select.TMixtureFamily} of {@code select tmix}, its seed derived from {@code seed},
     * k and the variant; ridge 1e-6, EM settings {@code select tmix}'s defaults or this stage's) fit on
     * the driver's sample, then EM over every row on the cluster from it ({@link ClusterTMixtureFamily});
     * every candidate runs to the full tolerance ({@code --converge-all}'s table). The kind must be
     * {@code tmix} or unset; an initial model, labels, {@code missing=em}, concomitant variables and
     * mclust's extras are refused in one line.
     */
    @SuppressWarnings("unchecked")
    public Selection<LatentMixtureModel, org.mlem.tmix.TMixture> selectTmix(Dataset<?> dataset, int minK, int maxK,
            List<String> dfs, String criterion) {
        uncensored("selectTmix");
        if (getKind() != null && !getKind().equals("tmix")) {
            throw new MlemUserException("selectTmix compares t mixtures (kind tmix), not kind '" + getKind()
                    + "'; set kind tmix or leave it unset");
        }
        BlockEmKind.Extras extras = extras();
        String refused = initialModel != null ? "an initial model" : isDefined(labelCol()) ? "labelCol"
                : "em".equals(getMissing()) ? "missing=em" : getConcomitant() != null ? "concomitant"
                : extras.noise() ? "noise" : extras.defaultPrior() ? "prior"
                : extras.equalProportions() ? "equalProportions" : extras.init() != null ? "init" : null;
        if (refused != null) {
            throw new MlemUserException("select tmix on Spark does not take " + refused + "; unset it");
        }
        List<org.mlem.select.TMixtureFamily.Df> variants = new java.util.ArrayList<>();
        for (String v : dfs == null || dfs.isEmpty() ? List.of("free") : dfs) {
            org.mlem.select.TMixtureFamily.Df df = org.mlem.select.TMixtureFamily.Df.parse(v);
            if (variants.contains(df)) {
                throw new MlemUserException("dfs names " + v.strip() + " twice; name each variant once");
            }
            variants.add(df);
        }
        org.mlem.select.Criterion by = org.mlem.select.Criterion.parse(criterion);
        transformSchema(dataset.schema());
        BlockEmKind<?> kind = kindNamed("tmix");
        org.mlem.select.TMixtureFamily family = new org.mlem.select.TMixtureFamily(
                org.mlem.gmm.GaussianMixtureEstimator.DEFAULT_REG_COVAR, emOptions(EmOptions.DEFAULTS));
        PartitionScan scan = new PartitionScan(getFeaturesCol(), getWeightCol(), null, maxK, false, false,
                "a tmix model", true);
        try (DistributedData data = DistributedData.read(dataset, getFeaturesCol(), getWeightCol(), null, maxK, scan)) {
            ClusterTMixtureFamily cluster = new ClusterTMixtureFamily(family,
                    data.sample(getInitSampleRows(), getSeed()), getAggregationDepth());
            var result = new org.mlem.select.ModelSelection<>(cluster, minK, maxK, variants, 1, by).run(data, getSeed());
            LatentMixtureModel best = null;
            if (result.bestIndex() >= 0) {
                var c = result.best();
                MixtureFit<org.mlem.tmix.TMixture> fit = cluster.fitOf(c.k(), c.variant());
                List<String> columns = DataMatrix.defaultNames(data.cols());
                ObjectNode file = ModelJson.fitNode("tmix", fit, columns, 0);
                file.setAll(((BlockEmKind<org.mlem.tmix.TMixture>) kind).fittedNode(fit.model(), columns));
                best = copyValues(new LatentMixtureModel(uid, "tmix", fit.model(), fit, ModelFormat.fileOf(file)),
                        ParamMap.empty()).setParent(this);
                best.set(best.k(), c.k());
            }
            return new Selection<>(best, result);
        }
    }

    /** The variants {@code families} names (each once) over {@code columns}. */
    private static List<org.mlem.select.ProductFamily.Layout> layouts(List<String> families, List<String> columns,
            EmOptions em) {
        List<org.mlem.select.ProductFamily.Layout> variants = new java.util.ArrayList<>();
        for (String f : families) {
            String name = variantName(f, columns);
            if (variants.stream().anyMatch(v -> v.name().equals(name))) {
                throw new MlemUserException("families names " + name + " twice; name each variant once");
            }
            variants.add(new org.mlem.select.ProductFamily.Layout(name,
                    GmmEstimators.mixture(new BlockEmKind.Shape(1, f.strip().toLowerCase(java.util.Locale.ROOT), null),
                            columns.size(), em).layout()));
        }
        return variants;
    }

    /**
     * The chosen mixture of families: {@code fit} of its components, {@code model} its own (the
     * concomitant mixture when {@code gating} is not null, whose object its file then holds).
     */
    private LatentMixtureModel chosenMixture(BlockEmKind<ProductMixture> kind, MixtureFit<ProductMixture> fit,
            Object model, List<String> columns, org.mlem.concomitant.Gating gating) {
        ObjectNode file = ModelJson.fitNode("mixture", fit, columns, 0);
        file.setAll(kind.fittedNode(fit.model(), columns));
        if (gating != null) {
            org.mlem.io.GatingJson.write(file, gating);
        }
        LatentMixtureModel best = copyValues(new LatentMixtureModel(uid, "mixture", model, fit, ModelFormat.fileOf(file)),
                ParamMap.empty()).setParent(this);
        best.set(best.k(), fit.model().k());
        return best;
    }

    /**
     * {@code fit gmm|mixture --concomitant ... --standard-errors louis}'s standard errors of the
     * concomitant mixture {@code model} over {@code dataset} (the rows it was fit to): the observed
     * information of the whole model (mlem-core's {@code ConcomitantInformation}: minus the Hessian of
     * the log-likelihood in the components' parameters and the gating's coefficients) by Louis'
     * identity, each partition's sums in one Spark job; for components without per-row derivatives
     * (categorical factors) by central differences with Richardson extrapolation, every
     * log-likelihood the differences need computed in one Spark job over the partitions.
     */
    @SuppressWarnings("unchecked")
    static org.mlem.uncertainty.ParameterEstimates concomitantStandardErrors(LatentMixtureModel model,
            Dataset<?> dataset) {
        if (!(model.model() instanceof org.mlem.concomitant.ConcomitantMixture<?> c)) {
            throw new MlemUserException("standard errors on Spark are a concomitant mixture's (fit gmm|mixture --concomitant "
                    + "--standard-errors louis); this model has no concomitant variables");
        }
        int k = c.gating().components();
        PartitionScan scan = new PartitionScan(model.getFeaturesCol(), model.getWeightCol(), null, k, false, false,
                "a concomitant model", true);
        try (ConcomitantData data = ConcomitantData.read(dataset, model.getFeaturesCol(), model.getWeightCol(), k, scan,
                c.gating().formula())) {
            if (!data.zeroGating().terms().equals(c.gating().terms())) {
                throw new MlemUserException("the rows' concomitant terms " + data.zeroGating().terms() + " are not the "
                        + "model's " + c.gating().terms() + "; pass the rows the model was fitted to");
            }
            int d = data.data().cols();
            DataMatrix none = DataMatrix.of(new double[0], 0, d, DataMatrix.defaultNames(d));
            int depth = model.getAggregationDepth();
            if (c.components() instanceof GaussianMixture g) {
                return standardErrors(new ClusterComponents.Gaussian(new org.mlem.gmm.GmmModel(g.structure(),
                        GaussianMixtureEstimator.DEFAULT_REG_COVAR), k, GaussianMixtureEstimator.DEFAULT_REG_COVAR),
                        (org.mlem.concomitant.ConcomitantMixture<GaussianMixture>) c, data, none, depth);
            }
            ProductMixture p = (ProductMixture) c.components();
            return standardErrors(new ClusterComponents.Product(new ProductMixtureModel(k, p.layout(),
                    DataMatrix.defaultNames(d), ProductMixtureEstimator.of(k, p.layout()).fixed()), k),
                    (org.mlem.concomitant.ConcomitantMixture<ProductMixture>) c, data, none, depth);
        }
    }

    private static <M, S extends org.mlem.em.Stats<S>> org.mlem.uncertainty.ParameterEstimates standardErrors(
            ClusterComponents<M, S> components, org.mlem.concomitant.ConcomitantMixture<M> model, ConcomitantData data,
            DataMatrix none, int depth) {
        ConcomitantOnSpark<M, S> on = new ConcomitantOnSpark<>(components, model.gating().components(), data, depth);
        org.mlem.concomitant.ComponentDensities<M> layout = components.on(none).densities();
        if (layout.derivatives(model.components()) == null) {
            return org.mlem.concomitant.ConcomitantInformation.of(layout, model, on::logLikelihoods).estimates();
        }
        int p = layout.parameterValues(model.components()).length - model.gating().components()
                + model.gating().freeParameters();
        return org.mlem.concomitant.ConcomitantInformation.fromLouisSums(layout, model, on.louisSums(model, p * p))
                .estimates();
    }

    /** A {@code families} entry's name in the table: select mixture's for one family, {@code x1=F1,x2=F2,...} per column. */
    private static String variantName(String family, List<String> columns) {
        String f = family.strip().toLowerCase(java.util.Locale.ROOT);
        if (!f.contains(",")) {
            return f;
        }
        String[] each = f.split("\\s*,\\s*");
        if (each.length != columns.size()) {
            throw new MlemUserException("families entry '" + family + "' names " + each.length + " families for "
                    + columns.size() + " feature columns; name one per column, or one for all");
        }
        List<String> named = new java.util.ArrayList<>();
        for (int c = 0; c < each.length; c++) {
            named.add(columns.get(c) + "=" + each[c]);
        }
        return String.join(",", named);
    }

    /** {@code fit} with {@code model} in place of its own (the same log-likelihood, counts and timings). */
    static <M> MixtureFit<M> withModel(MixtureFit<?> fit, M model) {
        return new MixtureFit<>(model, fit.logLikelihood(), fit.trace(), fit.iterations(), fit.converged(),
                fit.startLogLikelihoods(), fit.bestStart(), fit.rows(), fit.totalWeight(), fit.nParameters(), fit.seed(),
                fit.initSeconds(), fit.fitSeconds());
    }

    /** The table of a concomitant selection with each candidate's components in place of its concomitant mixture. */
    static <M> org.mlem.select.SelectionResult<M> components(
            org.mlem.select.SelectionResult<org.mlem.concomitant.ConcomitantMixture<M>> result) {
        List<org.mlem.select.Candidate<M>> table = result.candidates().stream()
                .map(c -> new org.mlem.select.Candidate<>(c.k(), c.variant(), c.seed(), c.logLikelihood(),
                        c.nParameters(), c.bic(), c.aic(), c.icl(), c.converged(), c.iterations(),
                        c.model() == null ? null : c.model().components(), c.failure(), c.degenerateComponents(),
                        c.excluded())).toList();
        return new org.mlem.select.SelectionResult<>(table, result.criterion());
    }

    /**
     * {@code mlem fit gmmda --type edda} on the cluster: one Gaussian per class of {@code labelCol}
     * (its classes numbers or text, ordered as {@code fit gmmda --class} orders them; every row labelled), the covariances constrained across the classes by each
     * mclust model of {@code covariances} (null or empty: every model mlem has, as MclustDA's
     * default), the lowest BIC kept; the priors are the class proportions. Each model's fit is one
     * closed-form M-step of the classes' sums over the partitions (iterated where the model has no
     * closed form), so it is the single machine's for any partitioning. The model's
     * {@code transform} gives class probabilities (P(c | x), mclust's {@code predict.MclustDA}) and
     * {@code prediction}, the most probable class; its {@code model.json} is a {@code fit gmmda}
     * model file ({@code mlem predict}, {@code score}). {@code type} {@code mclustda}: G 1..5 per class.
     * Not: weights, missing cells, noise; cross-validation is the six-argument form.
     */
    public LatentDiscriminant discriminant(Dataset<?> dataset, String type, List<String> covariances) {
        return discriminant(dataset, type, covariances, 1, org.mlem.gmm.da.DiscriminantEstimator.DEFAULT_MAX_COMPONENTS);
    }

    /**
     * As {@link #discriminant(Dataset, String, List)}, MclustDA ({@code type} {@code mclustda},
     * {@code fit gmmda --type mclustda --components MIN..MAX}) too: per class a Gaussian mixture for
     * every G in {@code minComponents..maxComponents} and every model, the lowest BIC kept per class;
     * each is {@code fit gmm}'s fit (this stage's EM settings, the class's seed as one machine draws
     * it from {@code seed}) to the driver's sample of the class's rows (all of them up to
     * {@code initSampleRows}), continued by EM over every row of the class.
     */
    public LatentDiscriminant discriminant(Dataset<?> dataset, String type, List<String> covariances, int minComponents,
            int maxComponents) {
        return discriminant(dataset, type, covariances, minComponents, maxComponents, 0);
    }

    /**
     * As {@link #discriminant(Dataset, String, List, int, int)}, then ({@code cvFolds} K &gt; 0)
     * cvMclustDA's cross-validation ({@code fit gmmda --cv-folds K}): the single machine's
     * class-balanced folds drawn with {@code seed} over the rows in the Dataset's order (their
     * classes are brought to the driver, one int a row), each fold's rows predicted by the full fit's
     * structure refitted to the other rows on the cluster, with the full fit's priors;
     * {@link LatentDiscriminant#crossValidation} holds the error and Brier score.
     */
    public LatentDiscriminant discriminant(Dataset<?> dataset, String type, List<String> covariances, int minComponents,
            int maxComponents, int cvFolds) {
        if (cvFolds < 0 || cvFolds == 1) {
            throw new MlemUserException("cvFolds " + cvFolds + ": give at least 2 folds, or 0 for no cross-validation");
        }
        return discriminant(dataset, type, covariances, minComponents, maxComponents, cvFolds, null);
    }

    /**
     * As {@link #discriminant(Dataset, String, List, int, int, int)} over the user's folds
     * ({@code fit gmmda --folds COLUMN}): column {@code foldCol} gives each row's fold (whole numbers
     * or text; its values in numeric or sorted order are folds 0..K−1, K ≥ 2, every row one). The
     * column is read on the driver (one value a row) before any fit, so a missing cell or a single
     * fold is one line at once.
     */
    public LatentDiscriminant discriminant(Dataset<?> dataset, String type, List<String> covariances, int minComponents,
            int maxComponents, String foldCol) {
        if (foldCol == null) {
            throw new MlemUserException("foldCol is null; name the column of folds, or use the cvFolds form");
        }
        return discriminant(dataset, type, covariances, minComponents, maxComponents, 0,
                DiscriminantOnSpark.userFolds(dataset, foldCol));
    }

    private LatentDiscriminant discriminant(Dataset<?> dataset, String type, List<String> covariances, int minComponents,
            int maxComponents, int cvFolds, int[] folds) {
        uncensored("discriminant");
        DiscriminantOnSpark.Fitted f = DiscriminantOnSpark.fit(this, dataset, type, covariances, minComponents,
                maxComponents);
        LatentMixtureModel model = new LatentMixtureModel(uid, LatentMixtureModel.DISCRIMINANT, f.fit().model(), null,
                f.file());
        org.mlem.gmm.da.CrossValidation.Summary cv = cvFolds == 0 && folds == null ? null
                : DiscriminantOnSpark.crossValidate(this, f, cvFolds, folds);
        return new LatentDiscriminant(copyValues(model, ParamMap.empty()).setParent(this), f.fit(), cv);
    }

    /**
     * Runs bootstrap replicates as tasks of one Spark job (each replicate's rows are drawn from the
     * model, so no data travels; each task refits them on one thread), gathered in replicate order.
     */
    static BootstrapLrt.Runner replicatesOnSpark(org.apache.spark.sql.SparkSession session) {
        return (count, replicate) -> {
            org.apache.spark.api.java.JavaSparkContext jsc = org.apache.spark.api.java.JavaSparkContext
                    .fromSparkContext(session.sparkContext());
            List<Integer> indices = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, count).boxed().toList());
            int slices = Math.max(1, Math.min(count, 4 * jsc.defaultParallelism()));
            return jsc.parallelize(indices, slices).map(b -> replicate.statistic(b)).collect().stream()
                    .mapToDouble(Double::doubleValue).toArray();
        };
    }

    /** The structures named (each once; in one column E and V), or the default ones. */
    private static List<org.mlem.gmm.CovarianceStructure> variants(List<String> names, int d) {
        if (names == null || names.isEmpty()) {
            return org.mlem.select.GaussianFamily.variants(d);
        }
        java.util.List<org.mlem.gmm.CovarianceStructure> out = new java.util.ArrayList<>();
        for (String n : names) {
            org.mlem.gmm.CovarianceStructure s = org.mlem.gmm.CovarianceStructure.parse(n.strip(), d);
            if (d == 1) {
                s = s.mclustName(1).equals("E") ? org.mlem.gmm.CovarianceStructure.TIED : org.mlem.gmm.CovarianceStructure.FULL;
            }
            if (out.contains(s)) {
                throw new MlemUserException("covariances name " + n.strip() + " twice (or, in one column, E or V twice);"
                        + " name each structure once");
            }
            out.add(s);
        }
        return out;
    }

    /** Refuses censored rows (statusCol, upperCol) in a method that only {@link #fit} takes them in. */
    private void uncensored(String method) {
        if (censored()) {
            throw new MlemUserException(method + " on Spark does not take censored rows (statusCol, upperCol) yet; fit"
                    + " them with fit, or unset statusCol and upperCol");
        }
    }

    /** The kind's first fault in {@code rows}, on an executor (the kind looked up there: kinds are not serialisable). */
    @SuppressWarnings("unchecked")
    private static <M> RowCheck.Fault fault(String kind, BlockEmKind.Shape shape, M given, DataMatrix rows,
            boolean missingEm) {
        BlockEmKind.Fault f = ((BlockEmKind<M>) kindNamed(kind)).firstFault(shape, given, rows, missingEm);
        return f == null ? null : new RowCheck.Fault(f.row(), f.message());
    }

    private Object given(BlockEmKind<?> kind) {
        if (initialModel == null) {
            return null;
        }
        try {
            kind.classesOf(initialModel);
        } catch (ClassCastException e) {
            throw new MlemUserException("the initial model is a " + initialModel.getClass().getSimpleName()
                    + ", not a model of kind '" + kind.name() + "'; give one of that kind or change the kind");
        }
        return initialModel;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (censored()) {
            return LatentMixtureModel.censoredSchema(this, schema);
        }
        Columns.requireVector(schema, getFeaturesCol(), "features");
        Columns.requireNumeric(schema, getWeightCol(), "weight");
        Columns.requireNumeric(schema, getLabelCol(), "label");
        Columns.requireFlags(schema, getNoiseStartCol(), "noise start");
        if (getConcomitant() != null) {
            org.mlem.concomitant.ConcomitantDesign.columns(getConcomitant(), java.util.Arrays.asList(schema.fieldNames()));
        }
        return LatentMixtureModel.outputSchema(this, schema);
    }

    @Override
    public LatentMixture copy(ParamMap extra) {
        LatentMixture c = (LatentMixture) defaultCopy(extra);
        c.initialModel = initialModel;
        return c;
    }

    /** Reads an estimator saved by {@link #write()}. */
    public static MLReader<LatentMixture> read() {
        return new DefaultParamsReader<>();
    }

    public static LatentMixture load(String path) {
        return read().load(path);
    }
}
