package org.mlem.gmm;

import java.util.SplittableRandom;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;

/**
 * Statistics from responsibilities that do not come from a model: known labels, k-means labels
 * or random draws. Rows with a known label always keep it.
 */
final class ResponsibilityPass {
    private ResponsibilityPass() {}

    /** Every row one-hot at its known label (the closed-form MLE). */
    static GmmStats labelled(GmmModel model, DataMatrix data, int k, double[] shift, BlockReducer reducer) {
        return hard(model, data, k, null, shift, reducer);
    }

    /** One-hot at the known label, else at {@code hard[i]}. */
    static GmmStats hard(GmmModel model, DataMatrix data, int k, int[] hard, double[] shift, BlockReducer reducer) {
        int d = data.cols();
        return reducer.reduce(data, () -> model.emptyStats(k, d, shift), (block, into) -> {
            double[] resp = new double[block.rows() * k];
            for (int i = 0; i < block.rows(); i++) {
                int z = block.label(i) >= 0 ? block.label(i) : hard[block.start() + i];
                resp[i * k + z] = 1.0;
            }
            into.add(block, resp, new double[Covariances.scratchSize(d)]);
            return 0.0;
        }).stats();
    }

    /** One-hot at the known label, else uniform random weights normalised per row (drawn sequentially, so independent of threads). */
    static GmmStats random(GmmModel model, DataMatrix data, int k, double[] shift, SplittableRandom rng,
            BlockReducer reducer) {
        int n = data.rows();
        double[] all = new double[n * k];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                all[i * k + j] = rng.nextDouble();
                s += all[i * k + j];
            }
            for (int j = 0; j < k; j++) {
                all[i * k + j] /= s;
            }
        }
        int d = data.cols();
        return reducer.reduce(data, () -> model.emptyStats(k, d, shift), (block, into) -> {
            double[] resp = new double[block.rows() * k];
            for (int i = 0; i < block.rows(); i++) {
                int z = block.label(i);
                if (z >= 0) {
                    resp[i * k + z] = 1.0;
                } else {
                    System.arraycopy(all, (block.start() + i) * k, resp, i * k, k);
                }
            }
            into.add(block, resp, new double[Covariances.scratchSize(d)]);
            return 0.0;
        }).stats();
    }

}
