package org.mlem.missing;

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
 * Posterior component probabilities and log densities of rows with missing cells, from their
 * observed cells alone (cells missing at random, as {@code --missing em} fits them): a Gaussian or
 * t mixture's marginal over a row's observed cells is the mixture of its components' marginals, the
 * same weights, the means and covariances (scales, with the same ν) restricted to those cells. Rows
 * are grouped by their pattern of observed cells and each group is asked of the marginal mixture.
 * A row with every cell missing has density 1 (log density 0) and the weights as its posterior; a
 * complete row is asked of the model itself, so its values are bit for bit those of
 * {@code predictProba}/{@code scoreSamples} on complete data.
 */
public final class ObservedCells {
    private ObservedCells() {}

    /** τ_ij of every row of {@code data} under {@code model}, each from its observed cells. */
    public static double[][] posterior(GaussianMixture model, DataMatrix data) {
        return byPattern(data, model.weights(), (observed, rows) -> marginalOrSelf(model, observed).predictProba(rows));
    }

    /** τ_ij of every row of {@code data} under {@code model}, each from its observed cells. */
    public static double[][] posterior(TMixture model, DataMatrix data) {
        return byPattern(data, model.weights(), (observed, rows) -> marginalOrSelf(model, observed).predictProba(rows));
    }

    /** log p(x_o) of every row of {@code data} under {@code model}: the observed-data log density. */
    public static double[] logDensities(GaussianMixture model, DataMatrix data) {
        return column(byPattern(data, new double[1], (observed, rows) -> rowsOf(marginalOrSelf(model, observed).scoreSamples(rows))));
    }

    /** log p(x_o) of every row of {@code data} under {@code model}: the observed-data log density. */
    public static double[] logDensities(TMixture model, DataMatrix data) {
        return column(byPattern(data, new double[1], (observed, rows) -> rowsOf(marginalOrSelf(model, observed).scoreSamples(rows))));
    }

    /**
     * log f_j(x_o) of every row and component of {@code data} under {@code model}'s components, each
     * row from its observed cells (0 when none is), n × k row-major as
     * {@link GaussianMixture#componentLogDensities} gives them (a concomitant model's gating weighs them).
     */
    public static double[] componentLogDensities(GaussianMixture model, DataMatrix data) {
        int k = model.components();
        double[][] rows = byPattern(data, new double[k], (observed, cells) -> {
            double[] flat = marginalOrSelf(model, observed).componentLogDensities(cells);
            double[][] out = new double[cells.rows()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
            }
            return out;
        });
        double[] out = new double[data.rows() * k];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * k, k);
        }
        return out;
    }

    /**
     * Whether some cell of {@code data} is missing (NaN), for scoring: unlike
     * {@link DataMatrix#hasMissingCells()} a row with every cell missing is allowed.
     */
    public static boolean any(DataMatrix data) {
        for (double v : data.values()) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every cell of row {@code i} of {@code data} is missing (NaN). */
    public static boolean noneObserved(DataMatrix data, int i) {
        for (int a = 0; a < data.cols(); a++) {
            if (!Double.isNaN(data.get(i, a))) {
                return false;
            }
        }
        return true;
    }

    /** Σ w_i log p(x_o,i): the observed-data log-likelihood with the rows' frequency weights. */
    public static double logLikelihood(double[] logDensities, DataMatrix data) {
        double total = 0;
        for (int i = 0; i < logDensities.length; i++) {
            total += data.weight(i) * logDensities[i];
        }
        return total;
    }

    /** The mixture over the {@code observed} cells: the model itself when every cell is observed. */
    private static GaussianMixture marginalOrSelf(GaussianMixture model, int[] observed) {
        return observed.length == model.dimension() ? model : marginal(model, observed);
    }

    /** The t mixture over the {@code observed} cells: the model itself when every cell is observed. */
    private static TMixture marginalOrSelf(TMixture model, int[] observed) {
        return observed.length == model.dimension() ? model : marginal(model, observed);
    }

    private static GaussianMixture marginal(GaussianMixture model, int[] observed) {
        int k = model.components();
        double[][] means = new double[k][];
        double[][][] covariances = new double[k][][];
        for (int j = 0; j < k; j++) {
            means[j] = restrict(model.mean(j), observed);
            covariances[j] = restrict(model.covariance(j), observed);
        }
        return GaussianMixture.of(model.weights(), means, FullCovariances.of(covariances));
    }

    private static TMixture marginal(TMixture model, int[] observed) {
        int k = model.components();
        double[][] means = new double[k][];
        double[][][] scales = new double[k][][];
        for (int j = 0; j < k; j++) {
            means[j] = restrict(model.mean(j), observed);
            scales[j] = restrict(model.scale(j), observed);
        }
        return TMixture.of(model.weights(), means, scales, model.degreesOfFreedom());
    }

    private static double[][] rowsOf(double[] v) {
        double[][] out = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            out[i] = new double[] {v[i]};
        }
        return out;
    }

    private static double[] column(double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][0];
        }
        return out;
    }

    /**
     * Every row's values, rows with one pattern of observed cells asked of {@code ofPattern}
     * together (the observed cells' indices, those rows' observed cells), in row order; a row with
     * no cell observed gets {@code none}.
     */
    private static double[][] byPattern(DataMatrix data, double[] none, BiFunction<int[], DataMatrix, double[][]> ofPattern) {
        int d = data.cols();
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < data.rows(); i++) {
            double[] row = data.row(i);
            groups.computeIfAbsent(ConditionalGaussian.patternKey(row, 0, d), key -> new java.util.ArrayList<>()).add(i);
        }
        double[][] out = new double[data.rows()][];
        groups.forEach((key, rows) -> {
            int[] observed = ConditionalGaussian.observedOf(key);
            if (observed.length == 0) {
                rows.forEach(i -> out[i] = none.clone());
                return;
            }
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
