package org.mlem.missing;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmOptions;
import org.mlem.em.EmRun;
import org.mlem.kernel.ConditionalGaussian;

/**
 * Fits a multivariate normal's mean and covariance by maximum likelihood to rows whose cells may
 * be missing (NaN), assumed missing at random, by EM. With no missing cell the first M-step is the
 * closed-form MLE and EM stops at once. Starts from the observed column means and variances.
 *
 * @param em iterations, tolerance (on the mean per-row log-likelihood), threads, acceleration;
 *     restarts are not used (the start is deterministic)
 * @param fixed parameter groups held at their values in the start given to
 *     {@link #fit(DataMatrix, MvnParameters)}, bit for bit (empty: none); {@link #fit(DataMatrix)}
 *     refuses a non-empty set
 */
public record MvnMissingEstimator(EmOptions em, Set<MvnParameter> fixed) {

    /**
     * {@code -Dmlem.mvn.estep=plain}: every E-step passes over the rows ({@link MvnMissingModel#accumulate}),
     * the reference for the E-step from each missing pattern's moments ({@link PatternMoments}).
     */
    static final boolean PLAIN_ESTEP = "plain".equals(System.getProperty("mlem.mvn.estep"));

    /**
     * Every latent model's stopping rule ({@link EmOptions#DEFAULTS}), with room for 10,000 EM maps:
     * with many cells missing EM is slow, and the estimates, not a classification, are the product.
     */
    public static final EmOptions DEFAULT_OPTIONS = EmOptions.DEFAULTS.withMaxIterations(10_000);

    public MvnMissingEstimator {
        if (em == null || fixed == null) {
            throw new IllegalArgumentException("EM options and fixed groups are required");
        }
        fixed = fixed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fixed));
    }

    /** An estimator that holds nothing fixed. */
    public MvnMissingEstimator(EmOptions em) {
        this(em, Set.of());
    }

    /** Holds {@code groups} at their values in the start passed to {@link #fit(DataMatrix, MvnParameters)}. */
    public MvnMissingEstimator withFixed(Set<MvnParameter> groups) {
        return new MvnMissingEstimator(em, groups);
    }

    /** The estimator with {@link #DEFAULT_OPTIONS}. */
    public static MvnMissingEstimator defaults() {
        return new MvnMissingEstimator(DEFAULT_OPTIONS);
    }

    /**
     * Fits to {@code data}; NaN cells are missing.
     *
     * @throws MlemUserException for an infinite value, a row with every cell missing, a column
     *     never observed or observed once, or a covariance that is not positive definite
     */
    public MvnFit fit(DataMatrix data) {
        if (!fixed.isEmpty()) {
            throw new MlemUserException("holding " + fixed + " fixed needs their values: start from a given model"
                    + " (--init FILE.json)");
        }
        return run(data, null, PLAIN_ESTEP);
    }

    /**
     * Runs EM from {@code start} (an E-step first); the groups in {@link #fixed()} keep the start's
     * values bit for bit.
     *
     * @throws MlemUserException as {@link #fit(DataMatrix)}, and for a start of another dimension
     */
    public MvnFit fit(DataMatrix data, MvnParameters start) {
        if (start.dimension() != data.cols()) {
            throw new MlemUserException("the start has dimension " + start.dimension() + " but the data has "
                    + data.cols() + " columns; make them agree");
        }
        return run(data, start, PLAIN_ESTEP);
    }

    /**
     * EM from {@code given}, or from the observed column means and variances when it is null; each
     * E-step a pass over the rows when {@code plain}, else from the patterns' moments when they pay.
     */
    MvnFit run(DataMatrix data, MvnParameters given, boolean plain) {
        int n = data.rows();
        int d = data.cols();
        if (n == 0) {
            throw new MlemUserException("no rows to fit; the data set is empty");
        }
        long missing = 0;
        for (int i = 0; i < n; i++) {
            int seen = 0;
            for (int a = 0; a < d; a++) {
                double v = data.get(i, a);
                if (Double.isNaN(v)) {
                    missing++;
                    continue;
                }
                if (Double.isInfinite(v)) {
                    throw new MlemUserException("row " + (i + 1) + ", column '" + data.columns().get(a)
                            + "' is infinite; a normal needs finite values: fix or remove it");
                }
                seen++;
            }
            if (seen == 0) {
                throw new MlemUserException("row " + (i + 1) + " has every cell missing; it carries no information:"
                        + " remove it");
            }
        }
        MvnParameters start = given;
        if (start == null) {
            double[] moments = new double[3 * d];
            addMoments(data.all(), moments);
            start = momentStart(moments, data.columns());
        }
        MvnMissingModel model = model(start);
        PatternMoments moments = plain ? null : PatternMoments.of(data);
        if (moments != null) {
            EmRun<MvnParameters> run = EmDriver.run(model, moments.eStep(model), data.totalWeight(), start, em, null);
            return fitOf(run, n, data.totalWeight(), missing);
        }
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            return fitOf(EmDriver.run(model, data, start, em, reducer, null), n, data.totalWeight(), missing);
        }
    }

    /**
     * Adds the observed (non-NaN) cells of {@code rows} to {@code into}: Σw·x per column, then Σw·x²,
     * then Σw (3d entries), row by row; the sums {@link #momentStart} takes.
     */
    public static void addMoments(Block rows, double[] into) {
        int d = rows.cols();
        double[] x = rows.x();
        for (int i = 0; i < rows.rows(); i++) {
            double w = rows.weight(i);
            int off = rows.offset(i);
            for (int a = 0; a < d; a++) {
                double v = x[off + a];
                if (!Double.isNaN(v)) {
                    into[a] += w * v;
                    into[d + a] += w * v * v;
                    into[2 * d + a] += w;
                }
            }
        }
    }

    /**
     * The default start from {@link #addMoments}' sums: each column's observed weighted mean and
     * variance (1 where that is not positive), no covariance.
     *
     * @throws MlemUserException for a column observed in fewer than 2 rows
     */
    public static MvnParameters momentStart(double[] moments, List<String> columns) {
        int d = moments.length / 3;
        double[] mean = new double[d];
        double[] cov = new double[d * d];
        for (int a = 0; a < d; a++) {
            double count = moments[2 * d + a];
            if (count < 2) {
                throw new MlemUserException("column '" + columns.get(a) + "' is observed in fewer than 2 rows;"
                        + " its variance cannot be estimated: drop the column");
            }
            mean[a] = moments[a] / count;
            double var = moments[d + a] / count - mean[a] * mean[a];
            cov[a * d + a] = var > 0 ? var : 1.0;
        }
        return new MvnParameters(mean, cov);
    }

    /** The latent model EM runs from {@code start}: the groups in {@link #fixed()} held at its values. */
    public MvnMissingModel model(MvnParameters start) {
        return new MvnMissingModel(fixed, start);
    }

    /** The fit of an EM run of {@link #model} over {@code rows} rows of this total weight and missing cells. */
    public MvnFit fitOf(EmRun<MvnParameters> run, int rows, double totalWeight, long missingCells) {
        return new MvnFit(run.params(), run.logLikelihood(), run.trace(), run.iterations(), run.converged(), rows,
                totalWeight, missingCells, run.seconds(), fixed);
    }

    /** {@code data} with each missing cell replaced by its conditional mean under {@code params}. */
    public static DataMatrix impute(MvnParameters params, DataMatrix data) {
        int d = data.cols();
        if (d != params.dimension()) {
            throw new MlemUserException("the data has " + d + " columns but the normal has dimension " + params.dimension());
        }
        double[] x = data.values();
        double[] out = new double[x.length];
        Map<String, ConditionalGaussian> cache = new HashMap<>();
        for (int i = 0; i < data.rows(); i++) {
            MvnMissingModel.impute(params, x, i * d, out, i * d, cache);
        }
        List<String> names = data.columns();
        return DataMatrix.of(out, data.rows(), d, names);
    }
}
