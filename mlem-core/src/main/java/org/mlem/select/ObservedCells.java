package org.mlem.select;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.FullCovariances;
import org.mlem.gmm.GaussianMixture;
import org.mlem.kernel.ConditionalGaussian;
import org.mlem.tmix.TMixture;

/**
 * Posterior component probabilities of rows with missing cells, from their observed cells alone
 * (cells missing at random, as {@code --missing em} fits them): a Gaussian or t mixture's marginal
 * over a row's observed cells is the mixture of its components' marginals, the same weights, the
 * means and covariances (scales, with the same ν) restricted to those cells. Rows are grouped by
 * their pattern of observed cells and each group is asked of the marginal mixture.
 */
final class ObservedCells {
    private ObservedCells() {}

    /** τ_ij of every row of {@code data} under {@code model}, each from its observed cells. */
    static double[][] posterior(GaussianMixture model, DataMatrix data) {
        return byPattern(data, (observed, rows) -> {
            int k = model.components();
            double[][] means = new double[k][];
            double[][][] covariances = new double[k][][];
            for (int j = 0; j < k; j++) {
                means[j] = restrict(model.mean(j), observed);
                covariances[j] = restrict(model.covariance(j), observed);
            }
            return GaussianMixture.of(model.weights(), means, FullCovariances.of(covariances)).predictProba(rows);
        });
    }

    /** τ_ij of every row of {@code data} under {@code model}, each from its observed cells. */
    static double[][] posterior(TMixture model, DataMatrix data) {
        return byPattern(data, (observed, rows) -> {
            int k = model.components();
            double[][] means = new double[k][];
            double[][][] scales = new double[k][][];
            for (int j = 0; j < k; j++) {
                means[j] = restrict(model.mean(j), observed);
                scales[j] = restrict(model.scale(j), observed);
            }
            return TMixture.of(model.weights(), means, scales, model.degreesOfFreedom()).predictProba(rows);
        });
    }

    /**
     * Every row's posterior, rows with one pattern of observed cells asked of {@code ofPattern}
     * together (the observed cells' indices, those rows' observed cells), in row order.
     */
    private static double[][] byPattern(DataMatrix data, BiFunction<int[], DataMatrix, double[][]> ofPattern) {
        int d = data.cols();
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < data.rows(); i++) {
            double[] row = data.row(i);
            groups.computeIfAbsent(ConditionalGaussian.patternKey(row, 0, d), key -> new java.util.ArrayList<>()).add(i);
        }
        double[][] out = new double[data.rows()][];
        groups.forEach((key, rows) -> {
            int[] observed = ConditionalGaussian.observedOf(key);
            double[][] cells = new double[rows.size()][observed.length];
            for (int r = 0; r < rows.size(); r++) {
                double[] row = data.row(rows.get(r));
                for (int a = 0; a < observed.length; a++) {
                    cells[r][a] = row[observed[a]];
                }
            }
            double[][] p = ofPattern.apply(observed, DataMatrix.of(cells));
            for (int r = 0; r < rows.size(); r++) {
                out[rows.get(r)] = p[r];
            }
        });
        return out;
    }

    private static double[] restrict(double[] v, int[] cells) {
        double[] out = new double[cells.length];
        for (int a = 0; a < cells.length; a++) {
            out[a] = v[cells[a]];
        }
        return out;
    }

    private static double[][] restrict(double[][] m, int[] cells) {
        double[][] out = new double[cells.length][];
        for (int a = 0; a < cells.length; a++) {
            out[a] = restrict(m[cells[a]], cells);
        }
        return out;
    }
}
