package org.mlem.spark;

import java.io.Serializable;
import java.util.function.ToDoubleFunction;
import org.mlem.data.Block;
import org.mlem.em.LatentModel;
import org.mlem.em.ParameterVector;
import org.mlem.em.Stats;

/**
 * A latent model whose E-step sees every block with its missing (NaN) cells filled by given column
 * means: the rows {@link org.mlem.data.DataMatrix#missingFilledByMeans} gives on one machine.
 */
final class FilledModel<P, S extends Stats<S>> implements LatentModel<P, S>, Serializable {
    private static final long serialVersionUID = 1L;

    private final LatentModel<P, S> model;
    private final double[] means;

    FilledModel(LatentModel<P, S> model, double[] means) {
        this.model = model;
        this.means = means.clone();
    }

    @Override
    public S emptyStats(P params) {
        return model.emptyStats(params);
    }

    @Override
    public double accumulate(P params, Block rows, S into) {
        int d = rows.cols();
        double[] x = new double[rows.rows() * d];
        for (int i = 0; i < rows.rows(); i++) {
            System.arraycopy(rows.x(), rows.offset(i), x, i * d, d);
            for (int a = 0; a < d; a++) {
                if (Double.isNaN(x[i * d + a])) {
                    x[i * d + a] = means[a];
                }
            }
        }
        double[] w = rows.weights() == null ? null : java.util.Arrays.copyOfRange(rows.weights(), rows.start(), rows.start() + rows.rows());
        int[] l = rows.labels() == null ? null : java.util.Arrays.copyOfRange(rows.labels(), rows.start(), rows.start() + rows.rows());
        return model.accumulate(params, new Block(x, w, l, 0, rows.rows(), d), into);
    }

    @Override
    public P maximize(S stats) {
        return model.maximize(stats);
    }

    @Override
    public P maximizeObserved(P params, ToDoubleFunction<P> logLikelihood) {
        return model.maximizeObserved(params, logLikelihood);
    }

    @Override
    public double logLikelihoodPrecision() {
        return model.logLikelihoodPrecision();
    }

    @Override
    public ParameterVector<P> parameterVector() {
        return model.parameterVector();
    }
}
