package org.mlem.tmix;

import java.util.List;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.gmm.Degeneracy;

/**
 * {@link Degeneracy}'s rules for a fitted t mixture: each component's scale matrix (ridge
 * included) in place of the covariance, d + 1 rows needed (a free d×d scale), and n_k the sum of
 * the posterior probabilities (not weighted by the E-step's u_ij, which only down-weight outlying
 * rows within a component).
 */
public final class TMixtureDegeneracy {
    private TMixtureDegeneracy() {}

    /** The degenerate components of {@code model} fitted to {@code data} with ridge {@code regCovar}. */
    public static List<DegenerateComponent> of(TMixture model, DataMatrix data, double regCovar) {
        int k = model.components();
        double[][][] scales = new double[k][][];
        for (int j = 0; j < k; j++) {
            scales[j] = model.scale(j);
        }
        return Degeneracy.of(scales, model.dimension() + 1, data, model.predictProba(data), regCovar);
    }

    /**
     * As {@link #of}, for rows with missing cells: n_k from the posterior of each row's observed
     * cells, and the mixture's own scatter ({@link Degeneracy#impliedScatter}, from the scale
     * matrices) in place of the data's covariance.
     */
    static List<DegenerateComponent> ofMissing(TMixture model, DataMatrix data, double regCovar) {
        int k = model.components();
        double[][][] scales = new double[k][][];
        double[][] means = new double[k][];
        for (int j = 0; j < k; j++) {
            scales[j] = model.scale(j);
            means[j] = model.mean(j);
        }
        return Degeneracy.of(scales, model.dimension() + 1, data, TMixtureMissingModel.posteriors(model, data),
                Degeneracy.impliedScatter(model.weights(), means, scales), regCovar);
    }
}
