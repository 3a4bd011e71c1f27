package org.mlem.hmm;

import java.util.List;
import org.mlem.em.DegenerateComponent;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.Degeneracy;

/**
 * {@link Degeneracy}'s rules for the states of a hidden Markov model with Gaussian emissions:
 * n_k is the expected number of steps spent in state k (the sum of its posterior probabilities
 * over every step), the covariance is the state's emission covariance (ridge included), and a
 * state needs d + 1 steps for a full covariance, 2 for a diagonal one. With missing cells the
 * data's covariance is the model's own ({@link Degeneracy#impliedScatter}, states weighted by their
 * occupancy). Other emissions have no such rule here: the list is empty.
 */
public final class HmmDegeneracy {
    private HmmDegeneracy() {}

    /** The degenerate states of {@code model} fitted to {@code data} with ridge {@code regCovar}, in state order. */
    public static List<DegenerateComponent> of(HiddenMarkovModel model, SequenceData data, double regCovar) {
        if (!(model.emissions() instanceof GaussianEmission g)) {
            return List.of();
        }
        int k = g.states();
        int d = g.dimension();
        double[][][] covariances = new double[k][][];
        for (int j = 0; j < k; j++) {
            covariances[j] = g.covariance(j);
        }
        int needs = g.structure() == CovarianceStructure.FULL ? d + 1 : 2;
        double[][] posterior = model.posteriors(data);
        if (!HmmMissing.any(data.matrix())) {
            return Degeneracy.of(covariances, needs, data.matrix(), posterior, regCovar);
        }
        // missing cells: the model's own scatter, states weighted by their occupancy, for the data's covariance
        double[] occupancy = new double[k];
        double total = 0;
        for (double[] row : posterior) {
            for (int j = 0; j < k; j++) {
                occupancy[j] += row[j];
                total += row[j];
            }
        }
        for (int j = 0; j < k; j++) {
            occupancy[j] /= total;
        }
        return Degeneracy.of(covariances, needs, data.matrix(), posterior,
                Degeneracy.impliedScatter(occupancy, g.means(), covariances), regCovar);
    }
}
