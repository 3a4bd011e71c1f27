package org.mlem.em;

import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import org.mlem.MlemUserException;
import org.mlem.kernel.ConditionalGaussian;

/**
 * A latent model over rows with cells missing at random whose only change from the model for
 * complete rows is its E-step (the cells marginalised there): the statistics, M-step, ECME step and
 * SQUAREM vectors are the complete model's. A subclass writes {@link #accumulate}. The E-step runs
 * in double precision whatever the complete model's, so its log-likelihood precision is the default.
 *
 * @param <P> the parameters
 * @param <S> the statistics
 */
public abstract class MissingCellsModel<P, S extends Stats<S>> implements java.io.Serializable, LatentModel<P, S> {
    private static final long serialVersionUID = 1L;

    private final LatentModel<P, S> complete;

    protected MissingCellsModel(LatentModel<P, S> complete) {
        this.complete = complete;
    }

    @Override
    public final S emptyStats(P params) {
        return complete.emptyStats(params);
    }

    @Override
    public final P maximize(S stats) {
        return complete.maximize(stats);
    }

    @Override
    public final P maximizeObserved(P params, ToDoubleFunction<P> logLikelihood) {
        return complete.maximizeObserved(params, logLikelihood);
    }

    @Override
    public final ParameterVector<P> parameterVector() {
        return complete.parameterVector();
    }

    /**
     * Each component's Gaussian factor for the pattern of observed cells {@code key}, of k d×d
     * covariances (or scale matrices) in {@code covs}: a row with no observed cell is a user error,
     * and a component whose observed block is not positive definite raises {@code notPositiveDefinite}'s exception.
     */
    protected static ConditionalGaussian[] factors(double[] covs, int k, int d, String key,
            IntFunction<RuntimeException> notPositiveDefinite) {
        return ConditionalGaussian.ofEach(covs, k, d, key, j -> j < 0
                ? new MlemUserException("a row has every cell missing; it carries no information: remove it")
                : notPositiveDefinite.apply(j));
    }
}
