package org.mlem.mixture;

import java.util.ArrayList;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.dist.Distribution;
import org.mlem.em.LatentModel;
import org.mlem.em.ParameterVector;
import org.mlem.kernel.GaussianKernels;
import org.mlem.survival.CensoredLikelihood;

/**
 * A univariate mixture of one family fitted to censored rows, as a {@link LatentModel} over a
 * one-column matrix of each row's lower bound (−∞ for a left-censored row) with the upper bounds
 * held here by row index, or over two-column rows (lower bound, upper bound) whose blocks live
 * elsewhere (Spark's partitions: {@link CensoredMixtureEstimator#problem}). E-step: an exact row's component term is its density, as in
 * {@link ProductMixtureModel}, a censored row's the component's probability of its interval
 * (S(l) right-censored, F(u) left-censored, F(u) − F(l) interval); responsibilities in log space.
 * M-step: π_j = n_j / Σn, and each component by {@link CensoredLikelihood#weightedMle} with weights
 * w_i r_ij, started from its current parameters (so no step lowers the expected log-likelihood).
 * With no censored row at all the M-step is the family's own weighted MLE, the product mixture's
 * bits.
 */
final class CensoredMixtureModel implements java.io.Serializable, LatentModel<ProductMixture, CensoredMixtureStats> {
    private static final long serialVersionUID = 1L;

    private final int k;
    private final ColumnModel.Univariate column;
    private final List<String> columns;
    private final double[] upper;
    private final boolean censored;

    /**
     * @param upper each row's upper bound (+∞ open), by row index of the data; equal to the row's
     *     value for an exact row; null when each row's upper bound is its block's second column
     * @param censored whether any row is censored
     */
    CensoredMixtureModel(int k, ColumnModel.Univariate column, List<String> columns, double[] upper, boolean censored) {
        this.k = k;
        this.column = column;
        this.columns = List.copyOf(columns);
        this.upper = upper == null ? null : upper.clone();
        this.censored = censored;
    }

    @Override
    public CensoredMixtureStats emptyStats(ProductMixture params) {
        return new CensoredMixtureStats(k, params);
    }

    @Override
    public double accumulate(ProductMixture params, Block rows, CensoredMixtureStats into) {
        int n = rows.rows();
        double[] resp = new double[n * k];
        params.logJoint(rows, resp);
        double[] x = rows.x();
        double[] logWeights = null;
        Distribution[] d = null;
        for (int i = 0; i < n; i++) {
            double lo = x[rows.offset(i)];
            double hi = upper == null ? x[rows.offset(i) + 1] : upper[rows.start() + i];
            if (lo == hi) {
                continue;
            }
            if (d == null) {
                logWeights = new double[k];
                d = new Distribution[k];
                for (int j = 0; j < k; j++) {
                    logWeights[j] = Math.log(params.weights()[j]);
                    d[j] = distribution(params, j);
                }
            }
            for (int j = 0; j < k; j++) {
                resp[i * k + j] = logWeights[j] + CensoredLikelihood.logProbability(d[j], lo, hi);
            }
        }
        double ll = GaussianKernels.normalizeRows(resp, n, k, rows.weights(), rows.labels(), rows.start());
        if (rows.weights() != null) {
            for (int i = 0; i < n; i++) {
                double w = rows.weight(i);
                for (int j = 0; j < k; j++) {
                    resp[i * k + j] *= w;
                }
            }
        }
        into.rows.add(rows, resp);
        return ll;
    }

    @Override
    public ProductMixture maximize(CensoredMixtureStats s) {
        double[] lower = s.rows.values(column.columns());
        double[] up = upper != null || !censored ? upper : s.rows.values(new int[] {1});
        double[] nk = new double[k];
        double total = 0;
        List<ProductComponent> comps = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            double[] w = s.rows.componentWeights(j);
            for (double v : w) {
                nk[j] += v;
            }
            total += nk[j];
            if (!(nk[j] > 0)) {
                throw new DegenerateComponentException(j, nk[j], columns.get(0), "it has no weight left");
            }
            try {
                comps.add(new ProductComponent(List.of(censored ? fitCensored(lower, up, w, s.current, j)
                        : column.fit(lower, w, columns))));
            } catch (MlemUserException e) {
                throw new DegenerateComponentException(j, nk[j], columns.get(0), e.getMessage());
            }
        }
        double[] weights = new double[k];
        for (int j = 0; j < k; j++) {
            weights[j] = nk[j] / total;
        }
        return ProductMixture.trusted(weights, comps, columns);
    }

    private ComponentPart fitCensored(double[] lower, double[] upper, double[] w, ProductMixture current, int j) {
        double[] theta = CensoredLikelihood.weightedMle(column.family(), lower, upper, w,
                distribution(current, j).parameterValues());
        return new ComponentPart.UnivariatePart(column, column.family().of(theta));
    }

    /** SQUAREM's vector: the product mixture's (weights, then each component's parameters). */
    @Override
    public ParameterVector<ProductMixture> parameterVector() {
        return new ProductVectors(FixedParameters.NONE);
    }

    /** Component j's distribution. */
    static Distribution distribution(ProductMixture m, int j) {
        return ((ComponentPart.UnivariatePart) m.component(j).parts().get(0)).distribution();
    }
}
