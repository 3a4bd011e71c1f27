package org.mlem.uncertainty;

import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.CensoredGmmEstimator;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GmmInit;

/**
 * Non-parametric bootstrap of a Gaussian mixture fit to rows with censored cells: a replicate
 * gives the rows multinomial counts as frequency weights, so each resampled row keeps its own
 * censoring, and runs the censored EM ({@link CensoredGmmEstimator}) from the fitted model (one
 * start, one thread); components are matched and parameters laid out as for the plain mixture
 * ({@link GaussianBootstrapFamily}). The parametric bootstrap would need every row's limits, not
 * only its censored cells', and is refused.
 */
public record CensoredGaussianBootstrapFamily(CensoredGmmEstimator estimator) implements BootstrapFamily<GaussianMixture> {

    @Override
    public List<String> parameterNames(GaussianMixture fitted, List<String> columns) {
        return plain().parameterNames(fitted, columns);
    }

    /** The plain mixture's family: the same parameters and component matching. */
    private GaussianBootstrapFamily plain() {
        return new GaussianBootstrapFamily(estimator.base());
    }

    @Override
    public GaussianMixture refit(GaussianMixture fitted, DataMatrix data, long seed) {
        return new CensoredGmmEstimator(estimator.base().withInit(new GmmInit.Given(fitted))
                .withEm(estimator.base().em().withRestarts(1).withThreads(1)), estimator.cells(), estimator.box())
                .fit(data, seed).model();
    }

    @Override
    public double[] matchedParameters(GaussianMixture fitted, GaussianMixture replicate) {
        return plain().matchedParameters(fitted, replicate);
    }

    @Override
    public DataMatrix simulate(GaussianMixture model, int n, long seed, List<String> columns) {
        throw new MlemUserException("the parametric bootstrap of censored cells is not available yet (it would need each "
                + "row's limits, not only its censored cells'); use --bootstrap-kind nonparametric");
    }
}
