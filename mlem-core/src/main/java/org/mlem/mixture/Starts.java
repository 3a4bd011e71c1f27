package org.mlem.mixture;

import java.util.List;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;

/** Builds the starting parameters of one restart from a {@link MixtureInit}. */
final class Starts {
    private Starts() {}

    /**
     * The start of draw {@code draw} ({@link org.mlem.em.Restarts.Initialiser}): draw 0 from
     * {@code init}; with the k-means++ start, later draws alternate k-means++ seeding without Lloyd
     * iterations (odd) and random responsibilities (even), so the starts do not all share Lloyd's
     * partition.
     */
    /** {@code s}, when its k, layout and dimension are the fit's; a user error saying so otherwise. */
    static ProductMixture checkedStart(ProductMixture s, int k, List<ColumnModel> layout, int cols) {
        if (s.k() != k || !ProductMixture.sameLayout(s.layout(), layout) || s.dimension() != cols) {
            throw new MlemUserException("the initial model has k=" + s.k() + " and layout " + s.layout()
                    + " but the fit asks for k=" + k + " and layout " + layout + "; make them agree");
        }
        return s;
    }

    static ProductMixture start(MixtureInit init, ProductMixtureModel model, DataMatrix data, int k,
            SplittableRandom rng, BlockReducer reducer, int draw) {
        return start(init, model, data, data, k, rng, reducer, draw);
    }

    /**
     * As {@link #start(MixtureInit, ProductMixtureModel, DataMatrix, int, SplittableRandom,
     * BlockReducer, int)}, the k-means++ partition drawn from {@code clustered} (the data with
     * missing cells filled, say) and the first M-step made on {@code data} itself.
     */
    static ProductMixture start(MixtureInit init, ProductMixtureModel model, DataMatrix data, DataMatrix clustered, int k,
            SplittableRandom rng, BlockReducer reducer, int draw) {
        if (init instanceof MixtureInit.Given given) {
            return model.withFixed(checkedStart(given.start(), k, model.layout(), data.cols()));
        }
        int[] hard = null;
        boolean explore = draw > 0 && init instanceof MixtureInit.KMeansPlusPlus;
        if (init instanceof MixtureInit.KMeansPlusPlus km && !(explore && draw % 2 == 0)) {
            hard = StandardisedKMeans.labels(clustered, k, explore ? 0 : km.iterations(), rng);
        } else if (init instanceof MixtureInit.HardLabels h) {
            hard = checkedLabels(h.labels(), data, k);
        }
        int n = data.rows();
        double[] resp = new double[n * k];
        for (int i = 0; i < n; i++) {
            int z = data.label(i) >= 0 ? data.label(i) : hard == null ? -1 : hard[i];
            if (z >= 0) {
                resp[i * k + z] = 1;
            } else {
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    resp[i * k + j] = rng.nextDouble();
                    sum += resp[i * k + j];
                }
                for (int j = 0; j < k; j++) {
                    resp[i * k + j] /= sum;
                }
            }
        }
        return model.maximize(stats(data, k, resp));
    }

    /** Statistics of one-hot responsibilities from labels (every row labelled). */
    static ProductMixtureStats responsibilityStats(DataMatrix data, int k, int[] labels) {
        double[] resp = new double[data.rows() * k];
        for (int i = 0; i < labels.length; i++) {
            resp[i * k + labels[i]] = 1;
        }
        return stats(data, k, resp);
    }

    /** Statistics of responsibilities {@code resp} (n × k) times the row weights, block by block. */
    private static ProductMixtureStats stats(DataMatrix data, int k, double[] resp) {
        ProductMixtureStats s = new ProductMixtureStats(k);
        for (int b = 0; b < data.blockCount(); b++) {
            Block block = data.block(b);
            double[] r = new double[block.rows() * k];
            for (int i = 0; i < block.rows(); i++) {
                for (int j = 0; j < k; j++) {
                    r[i * k + j] = resp[(block.start() + i) * k + j] * block.weight(i);
                }
            }
            s.add(block, r);
        }
        return s;
    }

    private static int[] checkedLabels(int[] labels, DataMatrix data, int k) {
        if (labels.length != data.rows()) {
            throw new MlemUserException(labels.length + " starting labels for " + data.rows() + " rows; give one per row");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new MlemUserException("starting label " + labels[i] + " of row " + (i + 1) + " is outside 0.." + (k - 1));
            }
        }
        return labels;
    }
}
