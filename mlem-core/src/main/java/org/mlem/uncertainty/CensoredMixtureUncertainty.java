package org.mlem.uncertainty;

import java.util.function.ToDoubleFunction;
import org.mlem.MlemUserException;
import org.mlem.mixture.CensoredMixtureEstimator;
import org.mlem.mixture.ProductMixture;
import org.mlem.survival.CensoredLikelihood;
import org.mlem.survival.CensoredSample;

/**
 * Standard errors of a mixture of one family fitted to censored rows
 * ({@link CensoredMixtureEstimator}): the observed information is minus the Hessian of the
 * observed-data log-likelihood ({@link CensoredMixtureEstimator#logLikelihood}) at the estimate,
 * by Richardson-extrapolated central differences in the free layout of
 * {@link ProductMixtureUncertainty} (k−1 weights, then each component's parameters by R's names).
 * At the maximum this is the information Louis' identity gives (complete-data information minus
 * the missing information); differentiating ℓ itself spares each family a censored score.
 */
public final class CensoredMixtureUncertainty {
    private CensoredMixtureUncertainty() {
    }

    /** The observed information of {@code m} on the censored rows, and the standard errors it gives. */
    public static ObservedInformation observed(ProductMixture m, CensoredSample sample) {
        int k = m.k();
        double[] all = ProductMixtureUncertainty.values(m, ComponentBlocks.identity(k));
        double[] free = new double[all.length - 1];
        // drop π_k: the reported layout holds every weight, the free one k−1
        System.arraycopy(all, 0, free, 0, k - 1);
        System.arraycopy(all, k, free, k - 1, all.length - k);
        ToDoubleFunction<double[]> ll = theta -> {
            try {
                return CensoredMixtureEstimator.logLikelihood(ProductMixtureUncertainty.fromFree(m, theta), sample);
            } catch (MlemUserException outsideParameterSpace) {
                return Double.NEGATIVE_INFINITY;
            }
        };
        double[][] h = CensoredLikelihood.hessian(ll, free);
        double[][] info = new double[h.length][h.length];
        for (int a = 0; a < h.length; a++) {
            for (int b = 0; b < h.length; b++) {
                info[a][b] = -h[a][b];
            }
        }
        return MixtureInformation.standardErrors(ProductMixtureUncertainty.names(m), all, info, k);
    }
}
