package org.mlem.gmm;

import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmListener;
import org.mlem.em.MixtureFit;
import org.mlem.kernel.GaussianKernels;

/**
 * A Gaussian mixture fit to rows with censored cells (detection limits: a cell known only to be
 * ≤ L, ≥ U or in (L, U]) by EM with those cells integrated out ({@link CensoredGmmModel}). Starts
 * are drawn, as {@code base} draws them, from the data with each censored cell at its finite bound
 * (an interval's midpoint), followed by one EM iteration there (a given start is used as it is);
 * EM then runs on the censored data.
 * With no censored cell the fit is {@code base}'s own, bit for bit.
 *
 * <p>Exact for the diagonal and spherical structures (mclust's EII, VII, EEI, VEI, EVI, VVI) with
 * any number of censored cells a row, and for every structure in rows with one censored cell.
 * Under a full-storage structure a row's censored cells are correlated given its exact cells:
 * their box probability is a multivariate normal CDF and their moments a truncated multivariate
 * normal's ({@link TruncatedMvn}), computed by {@code box}: exact to about 1e-15 for two and three
 * cells a row, Genz's quasi-Monte Carlo (relative error {@link BoxProbability#relativeError()}) for
 * four or more. Rows of more than {@value #MAX_JOINT} censored cells are refused there.
 *
 * <p>Inexact EM where QMC is used: when some row has four or more correlated censored cells and
 * the asked error is below {@value #COARSE_ERROR}, the starts are drawn and EM run to convergence
 * with the QMC at {@value #COARSE_ERROR} (each box then costs a few thousand integrand values
 * instead of about a million), and EM is then run from that fit at the asked error until it
 * converges again; the model, ℓ and trace reported are those of this last run, at the asked
 * precision (the iterations are both runs'; the starts' ℓ are the coarse run's, those within
 * its QMC noise, {@value #COARSE_ERROR} times the QMC rows, of the best taken to have reached it:
 * the coarse run cannot tell them apart).
 *
 * @param base the estimator for the uncensored mixture (k, structure, starts, EM options); its
 *     missing-cell EM must be off
 * @param cells the censored cells of the data to be fitted
 * @param box how box probabilities of two or more correlated censored cells are computed
 */
public record CensoredGmmEstimator(GaussianMixtureEstimator base, CensoredCells cells, BoxProbability box) {
    /**
     * The most censored cells a row may have under a full-storage structure: the E-step of such a
     * row spends d_c(d_c + 1) + 1 multivariate normal probabilities of up to d_c dimensions (quasi-
     * Monte Carlo from four on) per component and iteration, minutes a row past this.
     */
    public static final int MAX_JOINT = 8;

    /**
     * The QMC's relative error while the starts are screened and EM first converges, when rows
     * need QMC and a finer error was asked for ({@link #fit(DataMatrix, long, EmListener)}).
     */
    public static final double COARSE_ERROR = 1e-3;

    /** With {@link BoxProbability#DEFAULTS}. */
    public CensoredGmmEstimator(GaussianMixtureEstimator base, CensoredCells cells) {
        this(base, cells, BoxProbability.DEFAULTS);
    }

    public CensoredGmmEstimator {
        if (base.missingEm()) {
            throw new MlemUserException("censored cells and missing-cell EM (--missing em) cannot be combined yet;"
                    + " drop --missing em (use --drop-missing for rows with empty cells)");
        }
    }

    /** Fits without progress reports. */
    public MixtureFit<GaussianMixture> fit(DataMatrix data, long seed) {
        return fit(data, seed, EmListener.NONE);
    }

    /**
     * Fits the mixture; the values of {@code data} at censored cells are not read. The same seed
     * gives the same bits for any thread count.
     *
     * @throws MlemUserException as {@link GaussianMixtureEstimator#fit(DataMatrix, long, EmListener)},
     *     and for a row of more than {@link #MAX_JOINT} censored cells under a full-storage structure
     */
    public MixtureFit<GaussianMixture> fit(DataMatrix data, long seed, EmListener listener) {
        if (cells.count() == 0) {
            return base.fit(data, seed, listener);
        }
        checkStructure(data.columns());
        DataMatrix filled = cells.filled(data);
        base.validate(filled);
        if (!usesQmc() || box.relativeError() >= COARSE_ERROR) {
            return fitWith(base, box, data, filled, seed, listener);
        }
        // inexact EM: the starts and EM to convergence with the QMC at COARSE_ERROR, then EM from there at the asked error
        MixtureFit<GaussianMixture> coarse = fitWith(base, box.withRelativeError(COARSE_ERROR), data, filled, seed, listener);
        GaussianMixtureEstimator polish = base.withInit(new GmmInit.Given(coarse.model())).withEm(base.em().withRestarts(1));
        MixtureFit<GaussianMixture> fine = fitWith(polish, box, data, filled, seed, listener);
        // the starts' ℓ are the coarse run's; those within its QMC noise of the best reached the same optimum as far as it can tell
        double[] starts = coarse.startLogLikelihoods();
        double noise = COARSE_ERROR * qmcRows();
        double best = starts[coarse.bestStart()];
        for (int i = 0; i < starts.length; i++) {
            if (Math.abs(starts[i] - best) <= noise) {
                starts[i] = fine.logLikelihood();
            }
        }
        return new MixtureFit<>(fine.model(), fine.logLikelihood(), fine.trace(), coarse.iterations() + fine.iterations(),
                fine.converged(), starts, coarse.bestStart(), fine.rows(), fine.totalWeight(),
                fine.nParameters(), seed, coarse.initSeconds(), coarse.fitSeconds() + fine.initSeconds() + fine.fitSeconds());
    }

    private MixtureFit<GaussianMixture> fitWith(GaussianMixtureEstimator estimator, BoxProbability rule, DataMatrix data,
            DataMatrix filled, long seed, EmListener listener) {
        return estimator.fitMarginal(cells.marked(data), filled, complete -> new CensoredGmmModel(complete, cells, rule), true,
                seed, listener);
    }

    /** Whether some row's box probability is quasi-Monte Carlo: four or more censored cells under a full-storage structure. */
    boolean usesQmc() {
        return qmcRows() > 0;
    }

    /** The rows whose box probability is quasi-Monte Carlo (none unless the structure correlates the cells). */
    private int qmcRows() {
        if (!base.covariance().crossProducts()) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < cells.rows(); i++) {
            n += cells.censoredInRow(i) >= CensoredGmmModel.QMC_CELLS ? 1 : 0;
        }
        return n;
    }

    /**
     * The components of {@code model} that the censored data do not support ({@link Degeneracy}):
     * posterior counts from the censored E-step, the mixture's own covariance of the data standing
     * in for the data's, as for missing cells.
     */
    public List<org.mlem.em.DegenerateComponent> degenerateComponents(GaussianMixture model, DataMatrix data) {
        if (cells.count() == 0) {
            return base.degenerateComponents(model, data);
        }
        return base.degenerateComponents(model, cells.marked(data),
                new CensoredGmmModel(new GmmModel(base.covariance(), base.regCovar()), cells, box));
    }

    /** The observed-data log-likelihood of {@code model} on the censored rows (one E-step). */
    public double logLikelihood(GaussianMixture model, DataMatrix data) {
        CensoredGmmModel m = new CensoredGmmModel(new GmmModel(model.structure(), base.regCovar()), cells, box);
        DataMatrix marked = cells.marked(data);
        GmmStats s = m.emptyStats(model);
        return m.accumulate(model, marked.all(), s);
    }

    /**
     * log π_j + log f_j(x_i) for every row of {@code data} (its censored cells' values unread) and
     * component of {@code model}: the density of the row's exact cells times the box probability of
     * its censored cells given them, n rows of k. Their log-sum-exp over j is the row's observed-data
     * log-likelihood, and normalised they are its posterior component probabilities.
     */
    public double[][] logTerms(GaussianMixture model, DataMatrix data) {
        return new CensoredGmmModel(new GmmModel(model.structure(), base.regCovar()), cells, box).logTerms(model,
                cells.marked(data));
    }

    /** The posterior component probabilities of each row of {@code data} under {@code model} ({@link #logTerms}), n rows of k. */
    public double[][] posterior(GaussianMixture model, DataMatrix data) {
        double[][] t = logTerms(model, data);
        for (double[] row : t) {
            GaussianKernels.normalizeRows(row, 1, row.length, null, null, 0);
        }
        return t;
    }

    /**
     * The first row (0-based) this estimator refuses: one with more than {@link #MAX_JOINT}
     * censored cells under a full-storage structure; -1 when there is none.
     */
    public int firstUnsupportedRow() {
        CovarianceStructure storage = base.covariance().storage();
        if (storage == CovarianceStructure.DIAG || storage == CovarianceStructure.SPHERICAL) {
            return -1;
        }
        for (int i = 0; i < cells.rows(); i++) {
            if (cells.censoredInRow(i) > MAX_JOINT) {
                return i;
            }
        }
        return -1;
    }

    /** What is wrong with row {@code i} ({@link #firstUnsupportedRow()}) and the fix, naming its censored columns. */
    public String unsupportedRowProblem(int i, List<String> columns) {
        StringBuilder which = new StringBuilder();
        for (int a = 0; a < cells.cols(); a++) {
            if (cells.censored(i, a)) {
                which.append(which.length() == 0 ? "" : ", ").append(columns.get(a));
            }
        }
        return "this row has " + cells.censoredInRow(i) + " censored cells (" + which + "); covariance "
                + base.covariance().mclustName(cells.cols()) + " correlates them, and more than " + MAX_JOINT
                + " correlated censored cells a row cost minutes of multivariate normal probabilities each iteration:"
                + " fit a diagonal model (--covariance diag, VVI, EEI, VII) or leave out some of the columns";
    }

    private void checkStructure(List<String> columns) {
        int i = firstUnsupportedRow();
        if (i >= 0) {
            throw new MlemUserException("row " + (i + 1) + ": " + unsupportedRowProblem(i, columns));
        }
    }
}
