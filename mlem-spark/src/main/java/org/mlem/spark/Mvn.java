package org.mlem.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.mlem.MlemUserException;
import org.mlem.em.EmOptions;
import org.mlem.em.EmRun;
import org.mlem.io.ModelFormat;
import org.mlem.io.MvnJson;
import org.mlem.io.UncertaintyJson;
import org.mlem.missing.MvnFit;
import org.mlem.missing.MvnMissingEstimator;
import org.mlem.missing.MvnParameter;
import org.mlem.missing.MvnParameters;
import org.mlem.uncertainty.BootstrapKind;
import org.mlem.uncertainty.BootstrapResult;
import org.mlem.uncertainty.HeldParameters;
import org.mlem.uncertainty.ParameterEstimates;

/**
 * A multivariate normal's mean and covariance by EM over the missing (NaN) cells, as
 * {@code mlem fit mvn} fits it on one machine: the start (each column's observed weighted mean and
 * variance) from sums over the partitions, then mlem-core's {@link org.mlem.missing.MvnMissingModel}
 * through {@link LatentModelFitter}: each E-step one Spark job, the statistics merged along a fixed
 * tree of the partitions, the M-step and the stopping rule ({@code EmDriver}, SQUAREM included) on
 * the driver. Bad rows stop the fit on the driver, named by their 1-based row in the Dataset's order.
 */
public final class Mvn extends Estimator<MvnModel> implements MvnParams, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final MvnParamDefs defs;
    private MvnParameters initialModel;

    public Mvn() {
        this(Identifiable.randomUID("mlemMvn"));
    }

    public Mvn(String uid) {
        this.uid = uid;
        this.defs = new MvnParamDefs(uid);
        MvnParamDefs.setDefaults(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public MvnParamDefs mvnDefs() {
        return defs;
    }

    public Mvn setFeaturesCol(String v) {
        return (Mvn) set(featuresCol(), v);
    }

    public Mvn setWeightCol(String v) {
        return (Mvn) set(weightCol(), v);
    }

    public Mvn setMaxIter(int v) {
        return (Mvn) set(maxIter(), v);
    }

    public Mvn setTol(double v) {
        return (Mvn) set(tol(), v);
    }

    public Mvn setAcceleration(String v) {
        return (Mvn) set(acceleration(), v);
    }

    public Mvn setAggregationDepth(int v) {
        return (Mvn) set(aggregationDepth(), v);
    }

    /**
     * Starts EM from {@code start} (as {@code fit mvn --init FILE.json}; a model file becomes one with
     * {@code MvnJson.read(path).parameters()}) instead of the columns' observed moments; null restores
     * that default. Not saved with the estimator.
     */
    public Mvn setInitialModel(MvnParameters start) {
        this.initialModel = start;
        return this;
    }

    /** Starts EM from a fitted model's parameters. */
    public Mvn setInitialModel(MvnModel model) {
        return setInitialModel(MvnJson.from(ModelFiles.tree(model.modelFile()), "the initial model").parameters());
    }

    /** The initial model, or null for the observed moments. */
    public MvnParameters initialModel() {
        return initialModel;
    }

    /** Holds groups at the initial model's values: {@code mean}, {@code covariance}, both comma-separated, or empty. */
    public Mvn setFixed(String v) {
        checkFixed(v);
        return (Mvn) set(fixed(), v);
    }

    private static Set<MvnParameter> checkFixed(String v) {
        Set<MvnParameter> groups = fixedGroups(v);
        if (groups == null) {
            throw new IllegalArgumentException("fixed '" + v + "': name mean, covariance, or both comma-separated");
        }
        return groups;
    }

    /** The groups {@code value} names, or null when it names anything else. */
    private static Set<MvnParameter> fixedGroups(String value) {
        Set<MvnParameter> out = EnumSet.noneOf(MvnParameter.class);
        if (value == null) {
            return null;
        }
        for (String g : value.split(",")) {
            String t = g.strip().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            if (!t.equals("mean") && !t.equals("covariance")) {
                return null;
            }
            out.add(MvnParameter.valueOf(t.toUpperCase(Locale.ROOT)));
        }
        return out;
    }

    /** {@code louis}: the observed information's standard errors (fit mvn --standard-errors louis); empty: none. */
    public Mvn setStandardErrors(String v) {
        return (Mvn) set(standardErrors(), v);
    }

    /** Bootstrap replicates, each fit on the cluster (fit mvn --bootstrap B); 0: none. */
    public Mvn setBootstrap(int v) {
        return (Mvn) set(bootstrap(), v);
    }

    /** {@code nonparametric} or {@code parametric} (fit mvn --bootstrap-kind). */
    public Mvn setBootstrapKind(String v) {
        return (Mvn) set(bootstrapKind(), v);
    }

    /** The bootstrap's seed (fit mvn --seed). */
    public Mvn setSeed(long v) {
        return (Mvn) set(seed(), v);
    }

    public Mvn setImputedCol(String v) {
        return (Mvn) set(imputedCol(), v);
    }

    @Override
    public MvnModel fit(Dataset<?> dataset) {
        long t0 = System.nanoTime();
        String features = getFeaturesCol();
        Columns.requireVector(dataset.schema(), features, "features");
        Columns.requireNumeric(dataset.schema(), getWeightCol(), "weight");
        EmOptions em = emOptions();
        try (DistributedData data = DistributedData.read(dataset, features, getWeightCol(), null, 1,
                new PartitionScan(features, getWeightCol(), null, 1, false, true, "a multivariate normal", false))) {
            int d = data.cols();
            List<String> columns = new ArrayList<>();
            for (int a = 1; a <= d; a++) {
                columns.add("x" + a);
            }
            if (data.rows() > Integer.MAX_VALUE) {
                throw new MlemUserException(data.rows() + " rows: fit mvn counts at most " + Integer.MAX_VALUE);
            }
            MvnMissingEstimator estimator = new MvnMissingEstimator(em, checkFixed(getFixed()));
            MvnParameters start = initialModel;
            if (start == null && !estimator.fixed().isEmpty()) {
                throw new MlemUserException("holding " + getFixed() + " fixed needs their values: start from a"
                        + " given model (setInitialModel)");
            } else if (start != null && start.dimension() != d) {
                throw new MlemUserException("the initial model has dimension " + start.dimension() + " but the features"
                        + " have " + d + " values; make them agree");
            }
            checkUncertainty();
            BootstrapKind kind = BootstrapKind.valueOf(getBootstrapKind().toUpperCase(Locale.ROOT));
            boolean weighted = getWeightCol() != null;
            // rows that cannot be resampled stop the fit before it costs anything
            int draws = getBootstrap() > 0 && kind == BootstrapKind.NONPARAMETRIC
                    ? MvnClusterUncertainty.sampleSize(data, weighted) : 0;
            double readSeconds = (System.nanoTime() - t0) * 1e-9;
            EmRun<MvnParameters> run = run(data, estimator, start, columns);
            MvnFit fit = estimator.fitOf(run, (int) data.rows(), data.totalWeight(), data.missingCells());
            ObjectNode json = MvnJson.fit(fit, em, columns, readSeconds);
            MvnParameters fitted = fit.parameters();
            ParameterEstimates errors = null;
            BootstrapResult replicates = null;
            if (getBootstrap() > 0) {
                // each replicate as fit mvn --bootstrap refits: its own moments' start, or the fit when groups are held
                replicates = MvnClusterUncertainty.bootstrap(data, weighted, fitted, columns, getBootstrap(), kind,
                        draws, getSeed(), CONFIDENCE, x -> run(x, estimator, estimator.fixed().isEmpty() ? null : fitted,
                                columns).params());
                if (replicates.replicates() == 0) {
                    throw new MlemUserException("every one of the " + getBootstrap() + " bootstrap replicates failed;"
                            + " the first: " + replicates.failures().get(0).message());
                }
                errors = replicates.estimates();
                UncertaintyJson.add(json, "bootstrap", errors, replicates, HeldParameters.NONE);
            } else if (!getStandardErrors().isEmpty()) {
                errors = MvnClusterUncertainty.louis(data, getAggregationDepth(), fitted, columns).estimates();
                UncertaintyJson.add(json, "louis", errors, null, HeldParameters.NONE);
            }
            MvnModel model = new MvnModel(uid, ModelFormat.fileOf(json), fit).withStandardErrors(errors, replicates);
            return copyValues(model, ParamMap.empty()).setParent(this);
        }
    }

    /** The confidence of the bootstrap's percentile intervals, fit mvn's. */
    static final double CONFIDENCE = 0.95;

    /** Refuses {@code bootstrap} 1 and asking for both kinds of standard error, as fit mvn does. */
    private void checkUncertainty() {
        if (getBootstrap() == 1) {
            throw new MlemUserException("bootstrap 1: give at least 2 replicates (or 0 for none)");
        }
        if (getBootstrap() > 0 && !getStandardErrors().isEmpty()) {
            throw new MlemUserException("give bootstrap B or standardErrors louis, not both");
        }
    }

    /** EM over {@code data}'s partitions from {@code start}, or from the rows' observed moments when it is null. */
    private EmRun<MvnParameters> run(DistributedData data, MvnMissingEstimator estimator, MvnParameters start,
            List<String> columns) {
        int d = data.cols();
        if (start == null) {
            // the start's sums (mlem-core's own), each partition's rows in order, merged along the fixed tree
            double[] moments = new LatentModelFitter<>(estimator.model(null), data, getAggregationDepth())
                    .reduce(() -> new MergedSums(new double[3 * d], 3 * d), (block, into) -> {
                        MvnMissingEstimator.addMoments(block, into.values());
                        return 0;
                    }).stats().values();
            start = MvnMissingEstimator.momentStart(moments, columns);
        }
        // the groups held keep the start's values bit for bit, as fit mvn --init --fixed
        return new LatentModelFitter<>(estimator.model(start), data, getAggregationDepth())
                .run(start, estimator.em(), null);
    }
    @Override
    public StructType transformSchema(StructType schema) {
        return MvnModel.outputSchema(this, schema);
    }

    @Override
    public Mvn copy(ParamMap extra) {
        Mvn copy = (Mvn) defaultCopy(extra);
        copy.initialModel = initialModel;
        return copy;
    }

    /** Reads an estimator saved by {@link #write()}. */
    public static MLReader<Mvn> read() {
        return new DefaultParamsReader<>();
    }

    public static Mvn load(String path) {
        return read().load(path);
    }
}
