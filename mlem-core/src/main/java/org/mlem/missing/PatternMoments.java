package org.mlem.missing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.kernel.ConditionalGaussian;
import org.mlem.kernel.GaussianKernels;

/**
 * The rows of a table grouped by their pattern of observed cells, each group held as the weighted
 * moments of its observed cells: the weight W, the mean x̄ and the scatter about it
 * C = Σ w (x − x̄)(x − x̄)ᵀ. The normal's E-step with missing cells is linear in the rows' filled
 * values x̂ = J x + const (J = [I; B] puts the observed cells in place and regresses the missing
 * ones on them), so a group's expected statistics are those of its moments:
 * {@code Σ w (x̂ − μ) = W J e} and {@code Σ w (x̂ − μ)(x̂ − μ)ᵀ = W (Je)(Je)ᵀ + J C Jᵀ} with
 * e = x̄ − μ_O, plus W times the missing cells' conditional covariance; and the observed-data
 * log-likelihood is {@code −½ [W (o log 2π + log|Σ_OO| + eᵀ Σ_OO⁻¹ e) + tr(Σ_OO⁻¹ C)]}. Built once
 * (two serial passes, so the same bits on any thread count), an E-step then costs one conditional
 * factor per pattern instead of a pass over every row (the grouping the missing-data EM of Little
 * and Rubin, 2002, section 11.2, uses). {@link MvnMissingModel#accumulate} over the rows is the
 * reference; the two agree to rounding (about 1e-13 relative).
 */
final class PatternMoments {
    /** The most columns a pattern's bit mask holds. */
    static final int MAX_COLUMNS = 64;

    private final int d;
    private final List<Group> groups;

    private record Group(int[] observed, int[] missing, double weight, double[] mean, double[] scatter) {}

    private PatternMoments(int d, List<Group> groups) {
        this.d = d;
        this.groups = groups;
    }

    /**
     * The moments of {@code data}'s rows by pattern, or null when grouping would not pay: more than
     * {@link #MAX_COLUMNS} columns, or more than one pattern for every {@code 4} rows. Rows of
     * weight zero add nothing, as in {@link MvnMissingModel#accumulate}.
     */
    static PatternMoments of(DataMatrix data) {
        int n = data.rows();
        int d = data.cols();
        if (d > MAX_COLUMNS) {
            return null;
        }
        int limit = Math.max(16, n / 4);
        Map<Long, Integer> ids = new HashMap<>();
        List<Long> masks = new ArrayList<>();
        int[] patternOf = new int[n];
        for (int i = 0; i < n; i++) {
            long mask = 0;
            for (int a = 0; a < d; a++) {
                if (!Double.isNaN(data.get(i, a))) {
                    mask |= 1L << a;
                }
            }
            Integer id = ids.get(mask);
            if (id == null) {
                if (masks.size() == limit) {
                    return null;
                }
                id = masks.size();
                ids.put(mask, id);
                masks.add(mask);
            }
            patternOf[i] = id;
        }
        int patterns = masks.size();
        int[][] observed = new int[patterns][];
        int[][] missing = new int[patterns][];
        double[] weight = new double[patterns];
        double[][] mean = new double[patterns][];
        double[][] scatter = new double[patterns][];
        for (int p = 0; p < patterns; p++) {
            long mask = masks.get(p);
            int o = Long.bitCount(mask);
            observed[p] = new int[o];
            missing[p] = new int[d - o];
            for (int a = 0, io = 0, im = 0; a < d; a++) {
                if ((mask & (1L << a)) != 0) {
                    observed[p][io++] = a;
                } else {
                    missing[p][im++] = a;
                }
            }
            mean[p] = new double[o];
            scatter[p] = new double[o * o];
        }
        for (int i = 0; i < n; i++) { // weighted sums
            double w = data.weight(i);
            int p = patternOf[i];
            weight[p] += w;
            int[] obs = observed[p];
            for (int a = 0; a < obs.length; a++) {
                mean[p][a] += w * data.get(i, obs[a]);
            }
        }
        for (int p = 0; p < patterns; p++) {
            for (int a = 0; a < mean[p].length; a++) {
                mean[p][a] = weight[p] > 0 ? mean[p][a] / weight[p] : 0.0;
            }
        }
        double[] r = new double[d];
        for (int i = 0; i < n; i++) { // scatter about each pattern's mean (lower triangle)
            double w = data.weight(i);
            if (w == 0) {
                continue;
            }
            int p = patternOf[i];
            int[] obs = observed[p];
            int o = obs.length;
            double[] c = scatter[p];
            for (int a = 0; a < o; a++) {
                r[a] = data.get(i, obs[a]) - mean[p][a];
            }
            for (int a = 0; a < o; a++) {
                double wa = w * r[a];
                for (int b = 0; b <= a; b++) {
                    c[a * o + b] += wa * r[b];
                }
            }
        }
        List<Group> groups = new ArrayList<>(patterns);
        for (int p = 0; p < patterns; p++) {
            if (weight[p] == 0) {
                continue;
            }
            int o = observed[p].length;
            double[] c = scatter[p];
            for (int a = 0; a < o; a++) {
                for (int b = 0; b < a; b++) {
                    c[b * o + a] = c[a * o + b];
                }
            }
            groups.add(new Group(observed[p], missing[p], weight[p], mean[p], c));
        }
        return new PatternMoments(d, groups);
    }

    /** The number of patterns held (of rows with nonzero weight). */
    int patterns() {
        return groups.size();
    }

    /** The E-step under {@code params} from the moments: {@link MvnMissingModel}'s statistics and log-likelihood. */
    EmDriver.EStep<MvnParameters, MvnStats> eStep(MvnMissingModel model) {
        return params -> {
            MvnStats into = model.emptyStats(params);
            return new BlockReducer.Result<>(into, accumulate(params, into));
        };
    }

    private double accumulate(MvnParameters params, MvnStats into) {
        double[] mu = params.meanFlat();
        double[] cov = params.covFlat();
        double[] g = new double[d]; // J e
        double[] jc = new double[d * d]; // J C, d × o
        double ll = 0;
        for (Group grp : groups) {
            int[] obs = grp.observed;
            int[] mis = grp.missing;
            int o = obs.length;
            int m = mis.length;
            ConditionalGaussian f = ConditionalGaussian.of(cov, 0, d, obs, mis);
            if (f == null) {
                throw new MlemUserException("the covariance of the observed cells " + java.util.Arrays.toString(obs)
                        + " is not positive definite; drop a collinear column");
            }
            double w = grp.weight;
            double[] e = new double[o];
            for (int a = 0; a < o; a++) {
                e[a] = grp.mean[a] - mu[obs[a]];
                g[obs[a]] = e[a];
            }
            for (int q = 0; q < m; q++) {
                double v = 0;
                for (int a = 0; a < o; a++) {
                    v += f.regression[q * o + a] * e[a];
                }
                g[mis[q]] = v;
            }
            double[] c = grp.scatter;
            for (int a = 0; a < o; a++) { // rows of J C: the observed cells' rows are C's
                System.arraycopy(c, a * o, jc, obs[a] * o, o);
            }
            for (int q = 0; q < m; q++) {
                int row = mis[q] * o;
                for (int b = 0; b < o; b++) {
                    double v = 0;
                    for (int a = 0; a < o; a++) {
                        v += f.regression[q * o + a] * c[a * o + b];
                    }
                    jc[row + b] = v;
                }
            }
            into.weight += w;
            for (int u = 0; u < d; u++) {
                into.s1[u] += w * g[u];
                for (int v = 0; v < d; v++) {
                    into.s2[u * d + v] += w * g[u] * g[v];
                }
                for (int b = 0; b < o; b++) { // (J C Jᵀ)[u, obs[b]] = (J C)[u, b]
                    into.s2[u * d + obs[b]] += jc[u * o + b];
                }
                for (int q = 0; q < m; q++) { // (J C Jᵀ)[u, mis[q]] = Σ_b (J C)[u, b] B[q, b]
                    double v = 0;
                    for (int b = 0; b < o; b++) {
                        v += jc[u * o + b] * f.regression[q * o + b];
                    }
                    into.s2[u * d + mis[q]] += v;
                }
            }
            for (int p = 0; p < m; p++) {
                for (int q = 0; q < m; q++) {
                    into.s2[mis[p] * d + mis[q]] += w * f.conditional[p * m + q];
                }
            }
            double quad = w * f.mahalanobis(e) + traceOfSolve(f.lower, o, c);
            ll += -0.5 * (w * (o * GaussianKernels.LOG_2PI + f.logDet) + quad);
        }
        return ll;
    }

    /** {@code tr(Σ⁻¹ C)} for {@code Σ = L Lᵀ} and a symmetric o×o {@code C}: {@code Σ_j ‖L⁻¹ (L⁻¹ C)ᵀ e_j‖} on the diagonal. */
    private static double traceOfSolve(double[] l, int o, double[] c) {
        double[] y = new double[o * o]; // Y = L⁻¹ C, column by column
        for (int j = 0; j < o; j++) {
            for (int a = 0; a < o; a++) {
                double s = c[a * o + j];
                for (int p = 0; p < a; p++) {
                    s -= l[a * o + p] * y[p * o + j];
                }
                y[a * o + j] = s / l[a * o + a];
            }
        }
        // tr(L⁻¹ C L⁻ᵀ) = tr(L⁻¹ Yᵀ): forward-solve each row of Y, keep its j-th entry
        double trace = 0;
        double[] z = new double[o];
        for (int j = 0; j < o; j++) {
            for (int a = 0; a <= j; a++) {
                double s = y[j * o + a];
                for (int p = 0; p < a; p++) {
                    s -= l[a * o + p] * z[p];
                }
                z[a] = s / l[a * o + a];
            }
            trace += z[j];
        }
        return trace;
    }
}
