package org.mlem.gmm;

import org.mlem.data.Block;
import org.mlem.em.LatentModel;
import org.mlem.em.ParameterVector;
import org.mlem.kernel.Kernels;

/**
 * The Gaussian mixture as a {@link LatentModel}: the E-step computes responsibilities in log
 * space and accumulates moments about the current means; the M-step is the weighted MLE of
 * weights, means and covariances in the chosen structure, plus {@code regCovar} on the variances.
 */
public final class GmmModel implements LatentModel<GaussianMixture, GmmStats> {

    /** scikit-learn's guard against empty components: {@code 10·ε} added to every weight sum. */
    static final double EMPTY_GUARD = 10 * Math.ulp(1.0);

    private final CovarianceStructure structure;
    private final double regCovar;

    /** The model for one structure and ridge. */
    public GmmModel(CovarianceStructure structure, double regCovar) {
        this.structure = structure;
        this.regCovar = regCovar;
    }

    @Override
    public GmmStats emptyStats(GaussianMixture params) {
        return new GmmStats(params.components(), params.dimension(), structure.crossProducts(), params.meansFlat());
    }

    /** Empty statistics about an explicit shift (k×d), for fits that start from responsibilities. */
    GmmStats emptyStats(int k, int d, double[] shift) {
        return new GmmStats(k, d, structure.crossProducts(), shift);
    }

    @Override
    public double accumulate(GaussianMixture params, Block rows, GmmStats into) {
        int k = params.components();
        double[] resp = Buffers.RESPONSIBILITIES.get().atLeast(rows.rows() * k);
        double[] scratch = Buffers.SCRATCH.get().atLeast(Covariances.scratchSize(params.dimension()));
        params.logJoint(rows, resp, scratch);
        double ll = Kernels.normalizeRows(resp, rows.rows(), k, rows.weights(), rows.labels(), rows.start());
        into.add(rows, resp, scratch);
        return ll;
    }

    @Override
    public ParameterVector<GaussianMixture> parameterVector() {
        return VECTORS;
    }

    private static final GmmVectors VECTORS = new GmmVectors();

    @Override
    public GaussianMixture maximize(GmmStats s) {
        int k = s.k;
        int d = s.d;
        double[] nk = new double[k];
        double total = 0;
        for (int j = 0; j < k; j++) {
            nk[j] = s.nk[j] + EMPTY_GUARD;
            total += nk[j];
        }
        double[] weights = new double[k];
        double[] delta = new double[k * d];
        double[] means = new double[k * d];
        for (int j = 0; j < k; j++) {
            weights[j] = nk[j] / total;
            for (int a = 0; a < d; a++) {
                delta[j * d + a] = s.s1[j * d + a] / nk[j];
                means[j * d + a] = s.shift[j * d + a] + delta[j * d + a];
            }
        }
        try {
            return new GaussianMixture(weights, means, structure.estimate(nk, delta, s.s2, k, d, regCovar));
        } catch (NotPositiveDefiniteException e) {
            int j = e.component;
            throw new DegenerateComponentException(j, structure == CovarianceStructure.TIED ? total : s.nk[j], regCovar);
        }
    }
}
