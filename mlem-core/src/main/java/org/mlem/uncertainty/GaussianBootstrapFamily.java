package org.mlem.uncertainty;

import java.util.List;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;

/**
 * Bootstrap of a Gaussian mixture: each replicate runs EM from the fitted model
 * ({@link GmmInit.Given}, one start, one thread) with {@code estimator}'s ridge, iterations and
 * tolerance; its components are matched to the fitted ones by {@link LabelMatching#match}; the
 * parameters are {@link GmmParameters}' reported layout.
 */
public record GaussianBootstrapFamily(GaussianMixtureEstimator estimator) implements BootstrapFamily<GaussianMixture> {

    public GaussianBootstrapFamily {
        if (estimator == null) {
            throw new IllegalArgumentException("estimator is required");
        }
    }

    @Override
    public List<String> parameterNames(GaussianMixture fitted, List<String> columns) {
        return GmmParameters.of(fitted, columns).names();
    }

    @Override
    public GaussianMixture refit(GaussianMixture fitted, DataMatrix data, long seed) {
        return estimator.withInit(new GmmInit.Given(fitted)).withEm(estimator.em().withRestarts(1).withThreads(1))
                .fit(data, seed).model();
    }

    @Override
    public double[] matchedParameters(GaussianMixture fitted, GaussianMixture replicate) {
        return GmmParameters.of(fitted, null).values(replicate, LabelMatching.match(fitted, replicate));
    }

    @Override
    public DataMatrix simulate(GaussianMixture model, int n, long seed, List<String> columns) {
        return model.sample(n, seed, columns).data();
    }
}
