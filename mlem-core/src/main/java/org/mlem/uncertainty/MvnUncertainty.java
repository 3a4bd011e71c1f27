package org.mlem.uncertainty;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.mlem.data.Block;
import org.mlem.data.DataMatrix;
import org.mlem.missing.MvnMissingEstimator;
import org.mlem.missing.MvnParameters;

/**
 * Standard errors of the multivariate normal's maximum-likelihood mean and covariance, with or
 * without missing cells. Reported layout: {@code mean[column]}, then {@code cov[a,b]} (a ≤ b, row
 * by row); the covariance entries are the parameters themselves, so standard errors are on the
 * scale the JSON reports.
 *
 * <p>The observed information is that of the observed-data log-likelihood. With cells missing at
 * random a row's observed cells O are normal with mean μ_O and covariance Σ_OO, so Louis' identity
 * (complete-data information less the missing cells' information) has a closed form: the row
 * contributes the normal's negative Hessian on its observed cells, with P = Σ_OO⁻¹ and
 * u = P(x_O − μ_O): {@code P} (means), {@code P E u} (mean × entry),
 * {@code uᵀE_c P E_e u − ½ tr(P E_c P E_e)} (entries), E an entry's basis matrix restricted to O
 * and zero when the entry touches a missing cell. With every cell observed the mean block is
 * {@code nΣ⁻¹}, so a mean's standard error is {@code sd/√n} exactly.
 */
public final class MvnUncertainty {
    private MvnUncertainty() {}

    /** Reported names: {@code mean[column]}, {@code cov[a,b]}. */
    public static List<String> names(List<String> columns) {
        List<String> n = new ArrayList<>();
        for (String c : columns) {
            n.add("mean[" + c + "]");
        }
        n.addAll(new SymmetricEntries(columns.size()).names("cov", columns));
        return List.copyOf(n);
    }

    /** The parameters in the reported layout. */
    public static double[] values(MvnParameters p) {
        int d = p.dimension();
        double[] flat = new double[d * d];
        double[][] cov = p.covariance();
        for (int a = 0; a < d; a++) {
            System.arraycopy(cov[a], 0, flat, a * d, d);
        }
        double[] entries = new SymmetricEntries(d).values(flat, 0);
        double[] v = new double[d + entries.length];
        System.arraycopy(p.mean(), 0, v, 0, d);
        System.arraycopy(entries, 0, v, d, entries.length);
        return v;
    }

    /** The observed information of {@code p} on {@code data} (NaN cells missing; row weights as frequency weights). */
    public static ObservedInformation observed(MvnParameters p, DataMatrix data) {
        double[] info = new double[size(p.dimension()) * size(p.dimension())];
        addInformation(p, data.all(), info);
        return fromInformation(p, data.columns(), info);
    }

    /** The number of parameters in the reported layout: d means and d(d+1)/2 covariance entries. */
    public static int size(int d) {
        return d + new SymmetricEntries(d).size();
    }

    /**
     * Adds the observed information of {@code rows} under {@code p}, row by row, to {@code info}
     * (row-major, {@link #size} squared; not yet symmetrised): a sum over rows, so parts of the data
     * (a cluster's partitions) add up to the whole's.
     */
    public static void addInformation(MvnParameters p, Block rows, double[] info) {
        int d = p.dimension();
        int size = size(d);
        double[] mu = p.mean();
        double[][] sigma = p.covariance();
        double[] x = rows.x();
        Map<String, double[]> precisions = new HashMap<>();
        for (int i = 0; i < rows.rows(); i++) {
            double w = rows.weight(i);
            if (w == 0) {
                continue;
            }
            int off = rows.offset(i);
            int[] obs = observed(x, off, d);
            int m = obs.length;
            double[] prec = precisions.computeIfAbsent(java.util.Arrays.toString(obs), key -> {
                double[][] s = new double[m][m];
                for (int a = 0; a < m; a++) {
                    for (int b = 0; b < m; b++) {
                        s[a][b] = sigma[obs[a]][obs[b]];
                    }
                }
                return SymmetricEntries.inverse(s);
            });
            double[] u = new double[m];
            for (int a = 0; a < m; a++) {
                double v = 0;
                for (int b = 0; b < m; b++) {
                    v += prec[a * m + b] * (x[off + obs[b]] - mu[obs[b]]);
                }
                u[a] = v;
            }
            SymmetricEntries sub = new SymmetricEntries(m);
            int[] global = new int[sub.size()]; // the full layout's entry index of each sub-entry
            for (int e = 0; e < sub.size(); e++) {
                int ga = obs[sub.a[e]];
                int gb = obs[sub.b[e]];
                global[e] = d + entryIndex(ga, gb, d);
            }
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    info[obs[a] * size + obs[b]] += w * prec[a * m + b];
                }
                for (int e = 0; e < sub.size(); e++) {
                    double v = w * sub.precisionTimes(e, prec, u, a);
                    info[obs[a] * size + global[e]] += v;
                    info[global[e] * size + obs[a]] += v;
                }
            }
            for (int f = 0; f < sub.size(); f++) {
                for (int e = 0; e < sub.size(); e++) {
                    info[global[f] * size + global[e]] += w * (sub.sandwich(f, e, prec, u)
                            - 0.5 * sub.traceProduct(f, e, prec));
                }
            }
        }
    }

    /** Standard errors from the summed {@link #addInformation} of every row, {@code columns} naming the layout. */
    public static ObservedInformation fromInformation(MvnParameters p, List<String> columns, double[] info) {
        int size = size(p.dimension());
        double[][] m = new double[size][size];
        for (int a = 0; a < size; a++) {
            System.arraycopy(info, a * size, m[a], 0, size);
        }
        MixtureInformation.symmetrise(m);
        return MixtureInformation.standardErrors(names(columns), values(p), m);
    }

    /** Index of entry (a, b), a ≤ b, in row-by-row order. */
    private static int entryIndex(int a, int b, int d) {
        return a * d - a * (a - 1) / 2 + (b - a);
    }

    private static int[] observed(double[] x, int off, int d) {
        int m = 0;
        for (int a = 0; a < d; a++) {
            m += Double.isNaN(x[off + a]) ? 0 : 1;
        }
        int[] o = new int[m];
        for (int a = 0, t = 0; a < d; a++) {
            if (!Double.isNaN(x[off + a])) {
                o[t++] = a;
            }
        }
        return o;
    }

    /**
     * The bootstrap of the normal: rows resampled, or each row drawn from the fit with the data's
     * missing cells left missing and its weight kept; each replicate refit by {@code estimator}
     * (its deterministic start, one thread). No labels to match.
     */
    public static BootstrapModel<DataMatrix, MvnParameters> bootstrap(MvnMissingEstimator estimator) {
        MvnMissingEstimator one = new MvnMissingEstimator(estimator.em().withThreads(1), estimator.fixed());
        return new BootstrapFamily<>() {
            @Override
            public List<String> parameterNames(MvnParameters fitted, List<String> columns) {
                return names(columns);
            }

            @Override
            public MvnParameters refit(MvnParameters fitted, DataMatrix data, long seed) {
                // held groups keep the fitted (= given) values; otherwise the estimator's own deterministic start
                return (one.fixed().isEmpty() ? one.fit(data) : one.fit(data, fitted)).parameters();
            }

            @Override
            public double[] matchedParameters(MvnParameters fitted, MvnParameters replicate) {
                return values(replicate);
            }

            @Override
            public DataMatrix simulate(MvnParameters model, int n, long seed, List<String> columns) {
                throw new UnsupportedOperationException("the normal simulates rows shaped like the data");
            }

            @Override
            public DataMatrix simulate(MvnParameters model, DataMatrix data, int draws, long seed) {
                return simulated(model, data, seed);
            }
        };
    }

    /** One draw per row of {@code data} from {@code p}, NaN where {@code data} has a missing cell; weights kept. */
    static DataMatrix simulated(MvnParameters p, DataMatrix data, long seed) {
        double[] values = simulated(p, data.all(), 0, seed);
        return DataMatrix.of(values, data.rows(), p.dimension(), data.columns()).withWeights(data.weights());
    }

    /**
     * {@link #simulated}'s draws for {@code rows}, the rows that follow {@code before} others in the
     * data (a cluster's partition): the stream is drawn from its start, so a part gets the draws the
     * whole would give it. Row-major, NaN where {@code rows} has a missing cell.
     */
    public static double[] simulated(MvnParameters p, Block rows, long before, long seed) {
        int d = p.dimension();
        double[][] l = new org.hipparchus.linear.CholeskyDecomposition(
                new org.hipparchus.linear.Array2DRowRealMatrix(p.covariance()), 1e-14, 1e-14).getL().getData();
        double[] mu = p.mean();
        SplittableRandom rng = new SplittableRandom(seed);
        for (long i = 0; i < before * d; i++) {
            rng.nextGaussian();
        }
        double[] x = rows.x();
        double[] values = new double[rows.rows() * d];
        double[] z = new double[d];
        for (int i = 0; i < rows.rows(); i++) {
            for (int a = 0; a < d; a++) {
                z[a] = rng.nextGaussian();
            }
            int off = rows.offset(i);
            for (int a = 0; a < d; a++) {
                double v = mu[a];
                for (int b = 0; b <= a; b++) {
                    v += l[a][b] * z[b];
                }
                values[i * d + a] = Double.isNaN(x[off + a]) ? Double.NaN : v;
            }
        }
        return values;
    }
}
