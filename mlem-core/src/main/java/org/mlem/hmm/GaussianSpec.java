package org.mlem.hmm;

import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.CovarianceStructure;

/**
 * Multivariate normal emissions, one mean and one covariance per state, full or diagonal.
 * M-step: the posterior-weighted mean and the weighted (divisor Σγ, maximum-likelihood) covariance
 * plus {@code regCovar} on every variance, as scikit-learn's mixtures do.
 *
 * @param covariance {@link CovarianceStructure#FULL} or {@link CovarianceStructure#DIAG}
 * @param regCovar added to every variance in every M-step, at least 0
 */
public record GaussianSpec(CovarianceStructure covariance, double regCovar) implements EmissionSpec {

    /** scikit-learn's default ridge, as for Gaussian mixtures. */
    public static final double DEFAULT_REG_COVAR = 1e-6;

    public GaussianSpec {
        if (covariance != CovarianceStructure.FULL && covariance != CovarianceStructure.DIAG) {
            throw new MlemUserException("HMM Gaussian emissions take covariance full or diag, not " + covariance);
        }
        if (!(regCovar >= 0) || Double.isInfinite(regCovar)) {
            throw new MlemUserException("regCovar = " + regCovar + "; it must be a finite number >= 0");
        }
    }

    public GaussianSpec withRegCovar(double r) {
        return new GaussianSpec(covariance, r);
    }

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public EmissionSpec resolve(DataMatrix data) {
        data.requireFinite("an HMM with Gaussian emissions");
        return this;
    }

    @Override
    public boolean clusterable() {
        return true;
    }

    @Override
    public EmissionStats emptyStats(int states, int dimension, double[] shift) {
        return new GaussianEmissionStats(this, states, dimension, shift == null ? new double[states * dimension] : shift);
    }
}
