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
        return fit(kindNamed(getKind()), dataset);
    }

    private <M> LatentMixtureModel fit(BlockEmKind<M> kind, Dataset<?> dataset) {
        M given = given(kind);
        if (given == null && !isDefined(k())) {
            throw new MlemUserException("k, the number of components, is not set; call setK");
        }
        int k = given != null ? kind.classes(given) : getK();
        boolean missingEm = "em".equals(getMissing());
        EmOptions em = emOptions(kind.defaults());
        PartitionScan scan = new PartitionScan(getFeaturesCol(), getWeightCol(), getLabelCol(), k, false, missingEm,
                "a " + kind.name() + " model", true);
        BlockEmKind.Shape shape = new BlockEmKind.Shape(k, getFamily(), getCovariance());
        try (DistributedData data = DistributedData.read(dataset, getFeaturesCol(), getWeightCol(), getLabelCol(), k, scan)) {
            long t0 = System.nanoTime();
            List<String> columns = DataMatrix.defaultNames(data.cols());
            String name = kind.name();
            data.check(rows -> fault(name, shape, given, rows, missingEm));
            M start = given != null ? given
                    : kind.fit(data.sample(getInitSampleRows(), getSeed()), shape, em, getSeed(), missingEm).model();
            EmProblem<M> problem = kind.problem(start, columns, Set.of(), missingEm && data.missingCells() > 0);
            MixtureFit<M> fit = DistributedProblem.fit(problem, data, em, getAggregationDepth(), getSeed(),
                    (System.nanoTime() - t0) * 1e-9, null);
            ObjectNode file = ModelJson.fitNode(kind.name(), fit, columns, 0);
            file.setAll(kind.modelNode(fit.model(), columns));
            LatentMixtureModel model = new LatentMixtureModel(uid, kind.name(), fit.model(), fit, ModelFormat.fileOf(file));
            return copyValues(model, ParamMap.empty()).setParent(this);
        }
    }

    /** The kind's first fault in {@code rows}, on an executor (the kind looked up there: kinds are not serialisable). */
    @SuppressWarnings("unchecked")
    private static <M> RowCheck.Fault fault(String kind, BlockEmKind.Shape shape, M given, DataMatrix rows,
            boolean missingEm) {
        BlockEmKind.Fault f = ((BlockEmKind<M>) kindNamed(kind)).firstFault(shape, given, rows, missingEm);
        return f == null ? null : new RowCheck.Fault(f.row(), f.message());
    }

    @SuppressWarnings("unchecked")
    private <M> M given(BlockEmKind<M> kind) {
        if (initialModel == null) {
            return null;
        }
        M m;
        try {
            m = (M) initialModel;
            kind.classes(m);
        } catch (ClassCastException e) {
            throw new MlemUserException("the initial model is a " + initialModel.getClass().getSimpleName()
                    + ", not a model of kind '" + kind.name() + "'; give one of that kind or change the kind");
        }
        return m;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Columns.requireVector(schema, getFeaturesCol(), "features");
        Columns.requireNumeric(schema, getWeightCol(), "weight");
        Columns.requireNumeric(schema, getLabelCol(), "label");
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
