package org.mlem.spark;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.mlem.MlemUserException;
import org.mlem.em.Acceleration;
import org.mlem.em.Convergence;
import org.mlem.em.EmListener;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;

/**
 * mlem's Gaussian mixture as a Spark ML {@link Estimator}: EM on the cluster with the same code,
 * start, loop and convergence rule as {@link GaussianMixtureEstimator}, so the fit equals the
 * single-machine fit (to about 1e-12 relative) for any partitioning. Rows with a label in
 * {@code labelCol} are observed, rows with a null label latent (semi-supervised EM).
 *
 * <pre>{@code
 * GaussianMixtureModel model = new GaussianMixture().setK(3).setCovariance("diag").setSeed(1).fit(df);
 * model.transform(df).select("prediction", "probability", "logLikelihood").show();
 * }</pre>
 *
 * <p>Mistakes in the data (a null or non-finite feature, vectors of different sizes, a label
 * outside 0..k-1, k above the number of distinct rows) throw {@link MlemUserException} naming the
 * row (1-based, in the Dataset's order) and the fix.
 */
public final class GaussianMixture extends Estimator<GaussianMixtureModel>
        implements GaussianMixtureParams, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final ParamDefs defs;
    private org.mlem.gmm.GaussianMixture initialModel;

    public GaussianMixture() {
        this(Identifiable.randomUID("mlemGaussianMixture"));
    }

    public GaussianMixture(String uid) {
        this.uid = uid;
        this.defs = new ParamDefs(uid);
        ParamDefs.setDefaults(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public ParamDefs paramDefs() {
        return defs;
    }

    public GaussianMixture setK(int v) {
        return (GaussianMixture) set(k(), v);
    }

    /** {@code full}, {@code tied}, {@code diag} or {@code spherical}. */
    public GaussianMixture setCovariance(String v) {
        return (GaussianMixture) set(covariance(), v);
    }

    public GaussianMixture setMaxIter(int v) {
        return (GaussianMixture) set(maxIter(), v);
    }

    public GaussianMixture setTol(double v) {
        return (GaussianMixture) set(tol(), v);
    }

    public GaussianMixture setNInit(int v) {
        return (GaussianMixture) set(nInit(), v);
    }

    public GaussianMixture setRegCovar(double v) {
        return (GaussianMixture) set(regCovar(), v);
    }

    public GaussianMixture setSeed(long v) {
        return (GaussianMixture) set(seed(), v);
    }

    public GaussianMixture setFeaturesCol(String v) {
        return (GaussianMixture) set(featuresCol(), v);
    }

    public GaussianMixture setWeightCol(String v) {
        return (GaussianMixture) set(weightCol(), v);
    }

    public GaussianMixture setLabelCol(String v) {
        return (GaussianMixture) set(labelCol(), v);
    }

    public GaussianMixture setPredictionCol(String v) {
        return (GaussianMixture) set(predictionCol(), v);
    }

    public GaussianMixture setProbabilityCol(String v) {
        return (GaussianMixture) set(probabilityCol(), v);
    }

    public GaussianMixture setLogLikelihoodCol(String v) {
        return (GaussianMixture) set(logLikelihoodCol(), v);
    }

    /** {@code error} or {@code skip}. */
    public GaussianMixture setHandleInvalid(String v) {
        return (GaussianMixture) set(handleInvalid(), v);
    }

    public GaussianMixture setAggregationDepth(int v) {
        return (GaussianMixture) set(aggregationDepth(), v);
    }

    /** {@code squarem} or {@code none}. */
    public GaussianMixture setAcceleration(String v) {
        return (GaussianMixture) set(acceleration(), v);
    }

    /** {@code aitken} or {@code sklearn} (then set {@code tol} and {@code maxIter} to scikit-learn's 1e-3 and 100 too). */
    public GaussianMixture setConvergence(String v) {
        return (GaussianMixture) set(convergence(), v);
    }

    public GaussianMixture setInitSampleRows(int v) {
        return (GaussianMixture) set(initSampleRows(), v);
    }

    /** Start EM from these parameters instead of k-means++ (every start then begins here). */
    public GaussianMixture setInitialModel(org.mlem.gmm.GaussianMixture start) {
        this.initialModel = start;
        return this;
    }

    /** Start EM from a fitted model's parameters. */
    public GaussianMixture setInitialModel(GaussianMixtureModel start) {
        return setInitialModel(start.mixture());
    }

    /** The initial parameters, or null for k-means++. Not saved by {@link #write()}. */
    public org.mlem.gmm.GaussianMixture getInitialModel() {
        return initialModel;
    }

    /** The single-machine estimator these parameters describe (k, structure, regCovar, start, EM options). */
    public GaussianMixtureEstimator toCore() {
        if (!isDefined(k())) {
            throw new MlemUserException("k, the number of components, is not set; call setK");
        }
        GaussianMixtureEstimator e = GaussianMixtureEstimator.of(getK())
                .withCovariance(CovarianceStructure.parse(getCovariance())).withRegCovar(getRegCovar());
        e = e.withEm(e.em().withConvergence(Convergence.byId(getConvergence())).withMaxIterations(getMaxIter())
                .withTolerance(getTol()).withRestarts(getNInit())
                .withAcceleration(Acceleration.valueOf(getAcceleration().toUpperCase(java.util.Locale.ROOT))));
        return initialModel == null ? e : e.withInit(new GmmInit.Given(initialModel));
    }

    @Override
    public GaussianMixtureModel fit(Dataset<?> dataset) {
        return fit(dataset, EmListener.NONE);
    }

    /** Fits, telling {@code listener} of every EM iteration (on the driver). */
    public GaussianMixtureModel fit(Dataset<?> dataset, EmListener listener) {
        transformSchema(dataset.schema());
        GaussianMixtureEstimator settings = toCore();
        boolean skip = "skip".equals(getHandleInvalid());
        try (DistributedData data = DistributedData.read(dataset, getFeaturesCol(), getWeightCol(), getLabelCol(),
                settings.components(), skip)) {
            DistributedGmmFit.Fitted fitted = new DistributedGmmFit(settings, getInitSampleRows(),
                    getAggregationDepth()).fit(data, getSeed(), listener);
            GaussianMixtureModel model = new GaussianMixtureModel(uid, fitted.fit().model(), fitted.fit(),
                    fitted.degenerate(), data.droppedRows());
            return copyValues(model, ParamMap.empty()).setParent(this);
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Columns.requireVector(schema, getFeaturesCol(), "features");
        Columns.requireNumeric(schema, getWeightCol(), "weight");
        Columns.requireNumeric(schema, getLabelCol(), "label");
        return GaussianMixtureModel.outputSchema(this, schema);
    }

    @Override
    public GaussianMixture copy(ParamMap extra) {
        GaussianMixture c = (GaussianMixture) defaultCopy(extra);
        c.initialModel = initialModel;
        return c;
    }

    /** Reads an estimator saved by {@link #write()}. */
    public static MLReader<GaussianMixture> read() {
        return new DefaultParamsReader<>();
    }

    public static GaussianMixture load(String path) {
        return read().load(path);
    }
}
