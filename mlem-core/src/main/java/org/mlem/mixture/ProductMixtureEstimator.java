package org.mlem.mixture;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.dist.UnivariateFamily;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.EmProblem;
import org.mlem.em.MixtureFit;
import org.mlem.em.Restarts;
import org.mlem.gmm.GaussianMixtureEstimator;

/**
 * Configuration for fitting a mixture of any families: k components, each the product of
 * independent factors given by {@code layout} (one {@link UnivariateFamily} per column, or a
 * multinomial over count columns). Immutable; {@link #fit} returns a {@link MixtureFit} holding
 * the fitted {@link ProductMixture}.
 *
 * <p>As for the Gaussian mixture: rows without a label are latent (EM), rows with a label are
 * fixed to their component, and when every row has a label the fit is one closed-form M-step;
 * per-row weights are frequency weights (weight 2 is the row twice); starts are drawn from
 * {@code new SplittableRandom(seed).split()}, one per restart, and the start with the highest
 * final log-likelihood is kept (the first of equals). A start in which a component collapses
 * ({@link DegenerateComponentException}) is reported as −∞ in
 * {@link MixtureFit#startLogLikelihoods()}; the fit fails only when every start collapses.
 *
 * @param components k, at least 1
 * @param layout the factors of a component; together they cover every data column exactly once
 * @param init where EM starts
 * @param em iterations, tolerance (scikit-learn's rule on the mean log-likelihood), starts, threads, acceleration
 * @param fixed weights and components held at given values
 */
public record ProductMixtureEstimator(int components, List<ColumnModel> layout, MixtureInit init, EmOptions em,
        FixedParameters fixed, boolean missingEm) {

    public ProductMixtureEstimator {
        if (components < 1) {
            throw new MlemUserException("k = " + components + " components; k must be at least 1");
        }
        if (layout == null || layout.isEmpty() || init == null || em == null || fixed == null) {
            throw new IllegalArgumentException("layout, init, em options and fixed parameters are required");
        }
        layout = List.copyOf(layout);
    }

    /** An estimator that refuses missing cells. */
    public ProductMixtureEstimator(int components, List<ColumnModel> layout, MixtureInit init, EmOptions em,
            FixedParameters fixed) {
        this(components, layout, init, em, fixed, false);
    }

    /** k components with this layout, k-means++ starts, {@link EmOptions#DEFAULTS}, nothing fixed. */
    public static ProductMixtureEstimator of(int k, List<ColumnModel> layout) {
        return new ProductMixtureEstimator(k, layout, MixtureInit.DEFAULT, EmOptions.DEFAULTS, FixedParameters.NONE);
    }

    /** A univariate mixture of {@code family} on a one-column data set. */
    public static ProductMixtureEstimator univariate(int k, UnivariateFamily family) {
        return of(k, List.of(new ColumnModel.Univariate(0, family)));
    }

    /** Every one of d columns of {@code family}: with {@code bernoulli}, latent class analysis. */
    public static ProductMixtureEstimator sameFamily(int k, UnivariateFamily family, int d) {
        return of(k, ColumnModel.sameFamily(family, d));
    }

    /** Column i of the family named {@code familyNames.get(i)} ({@link org.mlem.dist.Families#byName}). */
    public static ProductMixtureEstimator perColumn(int k, List<String> familyNames) {
        return of(k, ColumnModel.perColumn(familyNames));
    }

    /** One multinomial over all d count columns. */
    public static ProductMixtureEstimator multinomial(int k, int d) {
        int[] cols = new int[d];
        Arrays.setAll(cols, i -> i);
        return of(k, List.of(new ColumnModel.Multinomial(cols)));
    }

    public ProductMixtureEstimator withInit(MixtureInit i) {
        return new ProductMixtureEstimator(components, layout, i, em, fixed, missingEm);
    }

    public ProductMixtureEstimator withEm(EmOptions o) {
        return new ProductMixtureEstimator(components, layout, init, o, fixed, missingEm);
    }

    public ProductMixtureEstimator withFixed(FixedParameters f) {
        return new ProductMixtureEstimator(components, layout, init, em, f, missingEm);
    }

    /**
     * Missing cells (NaN) of univariate columns marginalised (true) or refused (false): the columns
     * of a component are independent, so a missing cell's factor is 1 in the E-step and its column's
     * M-step fits the observed cells only; each start is drawn from the data with missing cells
     * replaced by their column's mean. A row with every cell missing, or a missing cell of a
     * multinomial, is refused.
     */
    public ProductMixtureEstimator withMissingEm(boolean m) {
        return new ProductMixtureEstimator(components, layout, init, em, fixed, m);
    }

    /** With the mixing weights known. */
    public ProductMixtureEstimator withFixedWeights(double... w) {
        return withFixed(fixed.withWeights(w));
    }

    /** With component {@code j} (0-based) known. */
    public ProductMixtureEstimator withFixedComponent(int j, ProductComponent c) {
        return withFixed(fixed.withComponent(j, c));
    }

    /** Fits without progress reports. */
    public MixtureFit<ProductMixture> fit(DataMatrix data, long seed) {
        return fit(data, seed, EmListener.NONE);
    }

    /**
     * Fits the mixture to {@code data} (its weights and labels included). The same seed gives the
     * same bits for any thread count.
     *
     * @throws MlemUserException for data the model cannot take (a missing or out-of-support
     *     value, naming the first such row and its column; a label outside 0..k−1; fewer distinct
     *     rows than components; zero total weight), for a layout that does not cover the columns,
     *     and when every start collapses ({@link DegenerateComponentException})
     */
    public MixtureFit<ProductMixture> fit(DataMatrix data, long seed, EmListener listener) {
        return fit(data, seed, listener, PLAIN_ROWS, PLAIN_SCREEN);
    }

    /**
     * As {@link #fit(DataMatrix, long, EmListener)}, EM over every row when {@code plainRows}, else over
     * {@link #distinct} rows; the first start screened on the evenly spaced sample's rows as they are when
     * {@code plainScreen} (or {@code plainRows}), else on distinct weighted rows ({@link #screenRows}).
     */
    MixtureFit<ProductMixture> fit(DataMatrix data, long seed, EmListener listener, boolean plainRows,
            boolean plainScreen) {
        validate(data);
        ProductMixtureModel model = new ProductMixtureModel(components, layout, data.columns(), fixed);
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            if (data.allLabelled()) {
                return closedForm(model, data, reducer, seed);
            }
            DataMatrix startData = missingEm ? data.missingFilledByMeans() : data;
            boolean drawn = !(init instanceof MixtureInit.Given || init instanceof MixtureInit.HardLabels);
            DataMatrix sample = data.evenlySpaced(GaussianMixtureEstimator.SCREEN_VALUES);
            DataMatrix emData = plainRows ? data : distinct(data);
            boolean weightedScreen = !plainRows && !plainScreen && !missingEm;
            DataMatrix screenData = weightedScreen ? screenRows(emData, data, sample) : sample;
            DataMatrix screenStart = weightedScreen ? screenData : startData.evenlySpaced(GaussianMixtureEstimator.SCREEN_VALUES);
            DataMatrix screenEm = weightedScreen ? screenData : plainRows ? sample : distinct(sample);
            Restarts.Outcome<ProductMixture> out = Restarts.best(em.restartsFor((long) data.rows() * data.cols(), drawn),
                    seed, (seeds, draw) -> Starts.start(init, model, data, startData, components, seeds.split(), reducer, draw),
                    (start, iterations) -> EmDriver.run(model, emData, start, em, reducer, iterations),
                    drawn ? Restarts.screening(em.maxIterations(), (start, iterations) -> EmDriver.run(model, emData, start, em.withMaxIterations(iterations), reducer, null))
                            : null,
                    new Restarts.FirstScreen<>(
                            (seeds, draw) -> Starts.start(init, model, screenData, screenStart, components, seeds.split(), reducer, draw),
                            (start, iterations) -> EmDriver.run(model, screenEm, start, em.withMaxIterations(iterations), reducer, null)),
                    listener, m -> !ProductDegeneracy.of(m, data).isEmpty());
            return out.toFit(data.rows(), data.totalWeight(), model.freeParameters(out.best().params()), seed);
        }
    }

    /**
     * {@code -Dmlem.mixture.distinct=plain}: EM passes over every row, the reference for EM over the
     * distinct rows ({@link #distinct}).
     */
    static final int MAX_DISTINCT = 1 << 16;

    static final int MIN_ROWS = 1_000;

    static final boolean PLAIN_ROWS = "plain".equals(System.getProperty("mlem.mixture.distinct"));

    /**
     * {@code -Dmlem.mixture.screen=plain}: the first start's candidates drawn from, and screened on,
     * the evenly spaced sample's rows as they are (the reference for {@link #screenRows}).
     */
    static final boolean PLAIN_SCREEN = "plain".equals(System.getProperty("mlem.mixture.screen"));

    /**
     * The rows the first start's candidates are drawn from (k-means++ weighted by the copies,
     * Lloyd's weighted means, one random responsibility a distinct row) and screened on: every
     * row's distinct rows ({@code emData}, when EM runs over them and they fit the screening
     * budget; 1e5 rows of 10 binary columns hold at most 1,024), else {@link #distinct} of the
     * evenly spaced {@code sample} (itself when its rows are not repeated). Not used with missing
     * cells (the candidates are drawn from filled rows). To k-means and to EM a weighted distinct
     * row is its copies, but the random draws differ from the raw rows' (one a distinct row), so
     * these are other candidates than the plain path's: {@code ScreenRowsTest} checks that they
     * end as high.
     */
    static DataMatrix screenRows(DataMatrix emData, DataMatrix data, DataMatrix sample) {
        return emData != data && (long) emData.rows() * (emData.cols() + 1) <= GaussianMixtureEstimator.SCREEN_VALUES
                ? emData : distinct(sample);
    }

    /**
     * The rows EM passes over: {@code data}'s distinct rows weighted by their copies
     * ({@link DataMatrix#distinctWeighted}) when they are at most half of its rows and at most
     * {@link #MAX_DISTINCT} (a bound on the index's memory; binary and
     * small-count tables repeat rows: 1e5 rows of 10 binary columns hold at most 1,024 distinct
     * ones) and it has at least {@link #MIN_ROWS} rows (below that EM is cheap already), else {@code data}. Every E-step and M-step is a weighted sum over rows, so EM walks the
     * same parameters up to rounding; later starts are still drawn from the rows as they are.
     */
    static DataMatrix distinct(DataMatrix data) {
        DataMatrix d = data.rows() < MIN_ROWS ? null
                : data.distinctWeighted(Math.min(MAX_DISTINCT, data.rows() / 2));
        return d == null ? data : d;
    }

    /**
     * What {@link #fit(DataMatrix, long)} runs from a {@link MixtureInit.Given} start on rows with these
     * {@code columns}, for an EM loop over blocks held elsewhere (missing cells, with
     * {@link #missingEm()}, are skipped by the model's E-step itself).
     */
    public EmProblem<ProductMixture> problem(List<String> columns) {
        if (!(init instanceof MixtureInit.Given given)) {
            throw new IllegalStateException("a problem needs a given start, not " + init);
        }
        ProductMixture.checkLayout(layout, columns);
        ProductMixtureModel model = new ProductMixtureModel(components, layout, columns, fixed);
        ProductMixture s = Starts.checkedStart(given.start(), components, layout, columns.size());
        return new EmProblem<>(model, null, model.withFixed(s), model::freeParameters);
    }

    private MixtureFit<ProductMixture> closedForm(ProductMixtureModel model, DataMatrix data, BlockReducer reducer,
            long seed) {
        long t0 = System.nanoTime();
        ProductMixture m = model.maximize(Starts.responsibilityStats(data, components, data.labels()));
        double ll = EmDriver.logLikelihood(model, data, m, reducer);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        return new MixtureFit<>(m, ll, new double[] {ll}, 1, true, new double[] {ll}, 0, data.rows(),
                data.totalWeight(), model.freeParameters(m), seed, 0, seconds);
    }

    private void validate(DataMatrix data) {
        if (data.rows() == 0) {
            throw new MlemUserException("no rows to fit; the data set is empty");
        }
        ProductMixture.checkLayout(layout, data.columns());
        ColumnModel.Violation first = ColumnModel.firstViolation(layout, data, missingEm);
        if (first != null) {
            throw first.error();
        }
        if (missingEm) {
            for (int i = 0; i < data.rows(); i++) {
                boolean empty = true;
                for (int a = 0; a < data.cols() && empty; a++) {
                    empty = Double.isNaN(data.get(i, a));
                }
                if (empty) {
                    throw new MlemUserException("row " + (i + 1) + " has every cell missing; it carries no information: remove it");
                }
            }
        }
        if (!(data.totalWeight() > 0)) {
            throw new MlemUserException("every row has weight 0; at least one row needs a positive weight");
        }
        if (data.hasLabels()) {
            for (int i = 0; i < data.rows(); i++) {
                if (data.label(i) >= components) {
                    throw new MlemUserException("row " + (i + 1) + " has label index " + data.label(i)
                            + ", outside the k=" + components + " components; raise k or fix the label");
                }
            }
        }
        int distinct = data.distinctRows(components);
        if (distinct < components) {
            throw new MlemUserException("k=" + components + " components but only " + distinct
                    + " distinct rows (of positive weight); use k <= " + distinct);
        }
    }


}
