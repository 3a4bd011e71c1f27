package org.mlem.select;

import java.util.List;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.Degeneracy;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;
import org.mlem.missing.ObservedCells;

/**
 * Gaussian mixtures for model selection; the variants are {@link CovarianceStructure}s. Each
 * candidate is a {@link GaussianMixtureEstimator} fit with these settings on one thread (the
 * {@code threads} of {@code em} is ignored: selection parallelises across candidates).
 *
 * <p>In one dimension full, diag and spherical are one model, mclust's V (unequal variances), and
 * tied is mclust's E (equal variances); a family for one-dimensional data ({@link #forDimension})
 * names its variants E and V and takes only {@link #variants(int) those two}. Candidates with a
 * component that {@link Degeneracy} finds unsupported are marked degenerate.
 *
 * @param regCovar ridge on the variances ({@link GaussianMixtureEstimator#regCovar()})
 * @param init where each start begins
 * @param em iterations, tolerance and restarts per candidate
 * @param univariate whether the data have one column (variants named E and V)
 * @param equalProportions whether every candidate's weights are 1/k (mclust's {@code equalPro})
 * @param missingEm whether cells missing at random (NaN) are marginalised in the E-step
 *     ({@link GaussianMixtureEstimator#withMissingEm}); posteriors and degeneracy then come from
 *     each row's observed cells
 */
public record GaussianFamily(double regCovar, GmmInit init, EmOptions em, boolean univariate, boolean equalProportions,
        boolean missingEm, boolean defaultPrior)
        implements SelectableFamily<DataMatrix, CovarianceStructure, GaussianMixture> {

    /** The estimator's defaults: regCovar 1e-6, k-means++ starts, {@link EmOptions#DEFAULTS}. */
    public static final GaussianFamily DEFAULTS = new GaussianFamily(GaussianMixtureEstimator.DEFAULT_REG_COVAR,
            GmmInit.DEFAULT, EmOptions.DEFAULTS);

    public GaussianFamily {
        if (init == null || em == null) {
            throw new IllegalArgumentException("init and em options are required");
        }
        if (init instanceof GmmInit.Given) {
            throw new IllegalArgumentException("a given start fits one k only; model selection needs k-means++ or random starts");
        }
        new GaussianMixtureEstimator(1, CovarianceStructure.FULL, regCovar, init, em); // validates regCovar
    }

    /** Without a prior. */
    public GaussianFamily(double regCovar, GmmInit init, EmOptions em, boolean univariate, boolean equalProportions,
            boolean missingEm) {
        this(regCovar, init, em, univariate, equalProportions, missingEm, false);
    }

    /** For data of two or more columns. */
    public GaussianFamily(double regCovar, GmmInit init, EmOptions em) {
        this(regCovar, init, em, false, false, false);
    }

    /** Weights estimated, without missing-cell EM. */
    public GaussianFamily(double regCovar, GmmInit init, EmOptions em, boolean univariate) {
        this(regCovar, init, em, univariate, false, false);
    }

    /** These settings for data of {@code dimension} columns. */
    public GaussianFamily forDimension(int dimension) {
        return new GaussianFamily(regCovar, init, em, dimension == 1, equalProportions, missingEm, defaultPrior);
    }

    /** These settings with every candidate's weights 1/k ({@code true}) or estimated. */
    public GaussianFamily withEqualProportions(boolean equal) {
        return new GaussianFamily(regCovar, init, em, univariate, equal, missingEm, defaultPrior);
    }

    /** These settings, marginalising missing cells or not. */
    public GaussianFamily withMissingEm(boolean m) {
        return new GaussianFamily(regCovar, init, em, univariate, equalProportions, m, defaultPrior);
    }

    /** These settings with every candidate fit by MAP EM under mclust's default prior ({@code true}). */
    public GaussianFamily withDefaultPrior(boolean p) {
        return new GaussianFamily(regCovar, init, em, univariate, equalProportions, missingEm, p);
    }

    /**
     * The structures compared by default in {@code dimension} columns: scikit-learn's four, or E
     * (tied) and V (full) in one.
     */
    public static List<CovarianceStructure> variants(int dimension) {
        return dimension == 1 ? List.of(CovarianceStructure.TIED, CovarianceStructure.FULL)
                : CovarianceStructure.scikitLearn();
    }

    /** The estimator for one candidate, on one thread. */
    public GaussianMixtureEstimator estimator(int k, CovarianceStructure variant) {
        return new GaussianMixtureEstimator(k, variant, regCovar, init, em.withThreads(1)).withEqualProportions(equalProportions)
                .withMissingEm(missingEm).withDefaultPrior(defaultPrior);
    }

    @Override
    public String variantName(CovarianceStructure variant) {
        return univariate ? variant.mclustName(1) : variant.id();
    }

    @Override
    public MixtureFit<GaussianMixture> fit(DataMatrix data, int k, CovarianceStructure variant, long seed) {
        return fit(data, k, variant, seed, EmListener.NONE);
    }

    @Override
    public MixtureFit<GaussianMixture> fit(DataMatrix data, int k, CovarianceStructure variant, long seed,
            EmListener listener) {
        return estimator(k, variant).fit(data, seed, listener);
    }

    @Override
    public double[][] posterior(GaussianMixture model, DataMatrix data) {
        return missingEm && data.hasMissingCells() ? ObservedCells.posterior(model, data) : model.predictProba(data);
    }

    @Override
    public double[] rowWeights(DataMatrix data) {
        return MatrixFamilies.weights(data);
    }

    @Override
    public void check(DataMatrix data) {
        MatrixFamilies.check(data, missingEm);
    }

    @Override
    public List<DegenerateComponent> degenerateComponents(GaussianMixture model, DataMatrix data, double[][] posterior) {
        if (missingEm && data.hasMissingCells()) {
            return estimator(model.components(), model.structure()).degenerateComponents(model, data);
        }
        return Degeneracy.of(model, data, posterior, regCovar);
    }

    /** One-dimensional data need a univariate family; a univariate family needs one-dimensional data. */
    @Override
    public void checkVariants(List<CovarianceStructure> variants, DataMatrix data) {
        if (data.cols() == 1 && !univariate) {
            throw new IllegalArgumentException("one-dimensional data: select over E and V with forDimension(1) and "
                    + "variants(1); full, diag and spherical are one model there");
        }
        if (data.cols() != 1 && univariate) {
            throw new IllegalArgumentException("a family for one-dimensional data given " + data.cols() + " columns");
        }
    }

    /** {@link EmOptions#restartsFor}'s starts on {@code data}'s cells (the family's starts are drawn, never given). */
    @Override
    public int starts(DataMatrix data) {
        return em.restartsFor((long) data.rows() * data.cols());
    }

    @Override
    public GaussianFamily oneStart() {
        return new GaussianFamily(regCovar, init, em.withRestarts(1), univariate, equalProportions, missingEm, defaultPrior);
    }

    @Override
    public GaussianFamily loosened(double tolerance) {
        EmOptions loose = em.loosened(tolerance);
        return loose == null ? null : new GaussianFamily(regCovar, init, loose, univariate, equalProportions, missingEm, defaultPrior);
    }
}
