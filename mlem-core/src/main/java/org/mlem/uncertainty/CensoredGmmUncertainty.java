package org.mlem.uncertainty;

import java.util.function.Predicate;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.CensoredGmmEstimator;
import org.mlem.gmm.GaussianMixture;
import org.mlem.survival.Richardson;

/**
 * Standard errors of a Gaussian mixture fitted to rows with censored cells
 * ({@link CensoredGmmEstimator}): the observed information is minus the Hessian of the
 * observed-data log-likelihood ({@link CensoredGmmEstimator#logLikelihood}, the censored cells
 * integrated out) at the estimate, by Richardson-extrapolated central differences in
 * {@link GmmParameters}' free layout (k−1 weights, means, covariance entries), the layout
 * {@link LouisInformation} reports for uncensored rows. At the maximum this is the information
 * Louis' identity gives; differentiating ℓ itself spares a censored complete-data score (the
 * truncated moments' derivatives), as for censored family mixtures ({@link CensoredMixtureUncertainty}).
 */
public final class CensoredGmmUncertainty {
    /**
     * First Hessian steps, relative to each parameter: 10⁻² keeps the largest step's covariance
     * positive definite where 0.1 may not (a correlation near ±1), and Richardson's table removes
     * the h² terms.
     */
    private static final double STEP = 1e-2;

    private CensoredGmmUncertainty() {
    }

    /**
     * The observed information of {@code m} on the censored rows of {@code data} (read as
     * {@code estimator} reads them: frequency weights, labels), and the standard errors it gives;
     * the free parameters {@code held} names ({@code --fixed}) are known: out of the inverse, SE NaN.
     *
     * @throws MlemUserException for a structure whose parameters are not free covariance entries,
     *     or weights held at 1/k
     */
    public static ObservedInformation observed(GaussianMixture m, DataMatrix data, CensoredGmmEstimator estimator,
            Predicate<String> held) {
        LouisInformation.requireFreeLayout(m, "no standard errors are computed for it with censored cells yet");
        GmmParameters layout = GmmParameters.of(m, data.columns());
        double[][] h = Richardson.hessian(theta -> {
            try {
                return estimator.logLikelihood(layout.fromFree(theta), data);
            } catch (RuntimeException outsideParameterSpace) { // a step to a covariance no longer positive definite
                return Double.NaN;
            }
        }, layout.freeValues(m), STEP);
        double[][] info = new double[h.length][h.length];
        for (int a = 0; a < h.length; a++) {
            for (int b = 0; b < h.length; b++) {
                info[a][b] = -h[a][b];
            }
        }
        return MixtureInformation.standardErrors(layout.names(), layout.values(m), info, m.components(),
                new boolean[info.length], held);
    }
}
