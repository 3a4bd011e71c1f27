package org.mlem.uncertainty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.dist.CategoricalFamily;
import org.mlem.dist.Distribution;
import org.mlem.dist.Families;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.hmm.Emission;
import org.mlem.hmm.FamilyEmission;
import org.mlem.hmm.GaussianEmission;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.SequenceData;
import org.mlem.kernel.ConditionalGaussian;

/**
 * The observed information of a hidden Markov model by Lystig and Hughes' recursions (2002,
 * "Exact computation of the observed information matrix for hidden Markov models", JCGS 11:678–689):
 * the forward variables α_t(j) = Σ_i α_{t−1}(i) a_ij b_j(x_t) are carried with their first and
 * second derivatives in every free parameter, each step scaled by c_t = Σ_j α_t(j) as the
 * forward pass is, so the log-likelihood's gradient is Σ_j ∂α̃_T(j) and its Hessian
 * Σ_j ∂²α̃_T(j) − (∂ℓ)(∂ℓ)ᵀ; summed over sequences with their frequency weights.
 *
 * <p>Free parameters: start probabilities π_0..π_{K−2} (π_{K−1} = 1 − Σ), each transition row's
 * a_i0..a_i,K−2, then each state's emission parameters: a family's own (R's names; a
 * one-dimensional Gaussian's {@code mean}, {@code sd}), or a full Gaussian's mean and covariance
 * entries a ≤ b. Reported: every start probability and transition (the dropped ones by the delta
 * method), in {@link HmmUncertainty}'s layout. A step whose state is known has emission density 0 in
 * every other state (the likelihood semi-supervised EM maximises). A missing cell (NaN) is
 * marginalised as {@code --missing em} fits it: a family's or one-dimensional Gaussian's has
 * density 1 (no derivative), a full Gaussian's row has its observed cells' marginal density. Categorical emissions and
 * diagonal multivariate Gaussians are refused (their parameters are constrained as written).
 */
public final class HmmInformation {
    private HmmInformation() {}

    /** One state's emission: {@code size} parameters, and log b_j(x) with its gradient and Hessian in them. */
    private record StateEmission(int size, LogDensity f) {
        double at(double[] x, double[] grad, double[] hess) {
            return f.at(x, grad, hess);
        }
    }

    private interface LogDensity {
        /** Returns log b(x); writes the gradient and the Hessian (row-major) of log b. */
        double at(double[] x, double[] grad, double[] hess);
    }

    /**
     * The observed information of {@code m} on {@code data}.
     *
     * @throws MlemUserException for categorical or diagonal multivariate Gaussian emissions
     */
    public static ObservedInformation of(HiddenMarkovModel m, SequenceData data) {
        return of(m, data, HeldParameters.NONE);
    }

    /**
     * The observed information of {@code m} on {@code data} (sequence weights as frequency
     * weights, known states honoured), the free parameters {@code held} names known: out of the
     * inverse, standard error NaN.
     *
     * @throws MlemUserException for categorical or diagonal multivariate Gaussian emissions
     */
    public static ObservedInformation of(HiddenMarkovModel m, SequenceData data, Predicate<String> held) {
        int k = m.states();
        StateEmission[] em = emissions(m.emissions());
        int s = em[0].size();
        int p = k - 1 + k * (k - 1) + k * s;
        int emBase = k - 1 + k * (k - 1);
        double[] start = m.startProbabilities();
        double[][] a = m.transitionMatrix();
        double[][] info = new double[p][p];
        DataMatrix x = data.matrix();
        double[] alpha = new double[k];
        double[] next = new double[k];
        double[][] d1 = new double[k][p];
        double[][] n1 = new double[k][p];
        double[][][] d2 = new double[k][p][p];
        double[][][] n2 = new double[k][p][p];
        double[] b = new double[k];
        double[][] g = new double[k][s];
        double[][] h = new double[k][s * s];
        for (int q = 0; q < data.sequences(); q++) {
            double w = data.sequenceWeight(q);
            if (w == 0) {
                continue;
            }
            int first = data.sequenceStart(q);
            for (int t = 0; t < data.length(q); t++) {
                double[] row = x.row(first + t);
                int known = x.hasLabels() ? x.label(first + t) : -1;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    b[j] = em[j].at(row, g[j], h[j]);
                    if (known < 0 || known == j) {
                        max = Math.max(max, b[j]);
                    }
                }
                for (int j = 0; j < k; j++) {
                    // a common factor per step is absorbed by the scaling; a known state zeroes the others
                    b[j] = known < 0 || known == j ? Math.exp(b[j] - max) : 0;
                }
                for (int j = 0; j < k; j++) {
                    Arrays.fill(n1[j], 0);
                    for (double[] r : n2[j]) {
                        Arrays.fill(r, 0);
                    }
                    int e = emBase + j * s;
                    if (t == 0) {
                        next[j] = start[j] * b[j];
                        addStartDerivatives(j, k, b[j], n1[j]);
                        for (int c = 0; c < s; c++) {
                            n1[j][e + c] += start[j] * b[j] * g[j][c];
                        }
                        secondOfProduct(n2[j], startGradient(j, k, p), b[j], e, g[j], h[j], s, start[j]);
                        continue;
                    }
                    double v = 0;
                    for (int i = 0; i < k; i++) {
                        v += alpha[i] * a[i][j];
                    }
                    next[j] = v * b[j];
                    // ∂(Σ_i α_i a_ij): Σ_i ∂α_i a_ij + α_i ∂a_ij
                    double[] dv = new double[p];
                    double[][] d2v = new double[p][p];
                    for (int i = 0; i < k; i++) {
                        for (int c = 0; c < p; c++) {
                            dv[c] += d1[i][c] * a[i][j];
                            for (int c2 = 0; c2 < p; c2++) {
                                d2v[c][c2] += d2[i][c][c2] * a[i][j];
                            }
                        }
                        double[] da = transitionGradient(i, j, k, p);
                        for (int c = 0; c < p; c++) {
                            if (da[c] == 0) {
                                continue;
                            }
                            dv[c] += alpha[i] * da[c];
                            for (int c2 = 0; c2 < p; c2++) {
                                d2v[c][c2] += da[c] * d1[i][c2];
                                d2v[c2][c] += d1[i][c2] * da[c];
                            }
                        }
                    }
                    for (int c = 0; c < p; c++) {
                        n1[j][c] = dv[c] * b[j];
                    }
                    for (int c = 0; c < s; c++) {
                        n1[j][e + c] += v * b[j] * g[j][c];
                    }
                    secondOfProduct(n2[j], dv, b[j], e, g[j], h[j], s, v);
                    for (int c = 0; c < p; c++) {
                        for (int c2 = 0; c2 < p; c2++) {
                            n2[j][c][c2] += d2v[c][c2] * b[j];
                        }
                    }
                }
                double c = 0;
                for (int j = 0; j < k; j++) {
                    c += next[j];
                }
                for (int j = 0; j < k; j++) {
                    alpha[j] = next[j] / c;
                    for (int r = 0; r < p; r++) {
                        d1[j][r] = n1[j][r] / c;
                        for (int r2 = 0; r2 < p; r2++) {
                            d2[j][r][r2] = n2[j][r][r2] / c;
                        }
                    }
                }
            }
            double[] grad = new double[p];
            for (int j = 0; j < k; j++) {
                for (int r = 0; r < p; r++) {
                    grad[r] += d1[j][r];
                }
            }
            for (int r = 0; r < p; r++) {
                for (int r2 = 0; r2 < p; r2++) {
                    double hess = -grad[r] * grad[r2];
                    for (int j = 0; j < k; j++) {
                        hess += d2[j][r][r2];
                    }
                    info[r][r2] -= w * hess;
                }
            }
        }
        MixtureInformation.symmetrise(info);
        return standardErrors(m, data, info, k, s, held);
    }

    /**
     * Adds to {@code n2} the second derivative of {@code f · b} where f has gradient {@code df}
     * (value {@code f}, no curvature of its own here) and b = b_j with log-gradient g and
     * log-Hessian h in the emission block at {@code e}: {@code df ⊗ ∂b + ∂b ⊗ df + f ∂²b},
     * {@code ∂b = b g}, {@code ∂²b = b (h + g gᵀ)}.
     */
    private static void secondOfProduct(double[][] n2, double[] df, double b, int e, double[] g, double[] h, int s,
            double f) {
        int p = df.length;
        for (int c = 0; c < s; c++) {
            double db = b * g[c];
            for (int r = 0; r < p; r++) {
                n2[r][e + c] += df[r] * db;
                n2[e + c][r] += db * df[r];
            }
            for (int c2 = 0; c2 < s; c2++) {
                n2[e + c][e + c2] += f * b * (h[c * s + c2] + g[c] * g[c2]);
            }
        }
    }

    /** ∂π_j in the free parameters: +1 for its own, −1 for every free one when j is the last. */
    private static double[] startGradient(int j, int k, int p) {
        double[] d = new double[p];
        addStartDerivatives(j, k, 1, d);
        return d;
    }

    private static void addStartDerivatives(int j, int k, double scale, double[] into) {
        for (int m = 0; m < k - 1; m++) {
            into[m] += scale * ((j == m ? 1 : 0) - (j == k - 1 ? 1 : 0));
        }
    }

    /** ∂a_ij in the free parameters: row i's block holds a_i0..a_i,K−2. */
    private static double[] transitionGradient(int i, int j, int k, int p) {
        double[] d = new double[p];
        int base = k - 1 + i * (k - 1);
        for (int m = 0; m < k - 1; m++) {
            d[base + m] = (j == m ? 1 : 0) - (j == k - 1 ? 1 : 0);
        }
        return d;
    }

    private static StateEmission[] emissions(Emission emission) {
        int k = emission.states();
        StateEmission[] out = new StateEmission[k];
        if (emission instanceof FamilyEmission f && !(f.distribution(0).family() instanceof CategoricalFamily)) {
            for (int j = 0; j < k; j++) {
                out[j] = family(f.distribution(j));
            }
            return out;
        }
        if (emission instanceof GaussianEmission gauss && gauss.dimension() == 1) {
            for (int j = 0; j < k; j++) {
                out[j] = family(Families.normal().of(gauss.means()[j][0], Math.sqrt(gauss.covariance(j)[0][0])));
            }
            return out;
        }
        if (emission instanceof GaussianEmission gauss && gauss.structure() == CovarianceStructure.FULL) {
            for (int j = 0; j < k; j++) {
                out[j] = gaussian(gauss.means()[j], gauss.covariance(j));
            }
            return out;
        }
        throw new MlemUserException("--standard-errors louis covers hidden Markov models with a family's emissions or "
                + "full-covariance Gaussian ones, not " + emission.spec().name() + " ones; use --bootstrap B");
    }

    private static StateEmission family(Distribution dist) {
        double[] theta = dist.parameterValues();
        int s = theta.length;
        return new StateEmission(s, (x, grad, hess) -> {
            if (Double.isNaN(x[0])) { // a missing cell: density 1 whatever θ
                Arrays.fill(grad, 0);
                Arrays.fill(hess, 0);
                return 0;
            }
            double[] gr = dist.family().scoreAt(theta, x[0]);
            double[][] he = dist.family().hessianAt(theta, x[0]);
            for (int a = 0; a < s; a++) {
                grad[a] = gr[a];
                System.arraycopy(he[a], 0, hess, a * s, s);
            }
            return dist.logDensity(x[0]);
        });
    }

    /**
     * A full Gaussian in (mean, covariance entries a ≤ b): the GMM's complete-data derivatives; a
     * row with missing cells those of its observed cells' marginal ({@link ObservedPrecision}).
     */
    private static StateEmission gaussian(double[] mu, double[][] sigma) {
        int d = mu.length;
        SymmetricEntries entries = new SymmetricEntries(d);
        int ne = entries.size();
        int s = d + ne;
        Map<String, ObservedPrecision> patterns = new HashMap<>();
        double[] u = new double[d];
        double[] filled = new double[d];
        return new StateEmission(s, (x, grad, hess) -> {
            ObservedPrecision op = patterns.computeIfAbsent(ConditionalGaussian.patternKey(x, 0, d),
                    key -> ObservedPrecision.of(sigma, ConditionalGaussian.observedOf(key)));
            double[] prec = op.precision();
            double quad = SymmetricEntries.precisionTimesResidual(prec, ObservedPrecision.filled(x, mu, filled), mu, u);
            for (int a = 0; a < d; a++) {
                grad[a] = u[a];
                for (int c = 0; c < d; c++) {
                    hess[a * s + c] = -prec[a * d + c];
                }
            }
            for (int e = 0; e < ne; e++) {
                grad[d + e] = 0.5 * (entries.quadratic(e, u) - entries.trace(e, prec));
                for (int a = 0; a < d; a++) {
                    double v = -entries.precisionTimes(e, prec, u, a);
                    hess[a * s + d + e] = v;
                    hess[(d + e) * s + a] = v;
                }
                for (int f = 0; f < ne; f++) {
                    hess[(d + f) * s + d + e] = -(entries.sandwich(f, e, prec, u) - 0.5 * entries.traceProduct(f, e, prec));
                }
            }
            return -0.5 * (op.observed() * Math.log(2 * Math.PI) + op.logDet() + quad);
        });
    }

    /** Standard errors in {@link HmmUncertainty}'s layout; the dropped start and transition entries by the delta method. */
    private static ObservedInformation standardErrors(HiddenMarkovModel m, SequenceData data, double[][] info, int k, int s,
            Predicate<String> held) {
        List<String> names = HmmUncertainty.names(m, data.matrix().columns());
        double[] estimate = HmmUncertainty.values(m, ComponentBlocks.identity(k));
        if (names.size() != k + k * k + k * s) {
            throw new IllegalStateException(names.size() + " reported names for " + k + " states of " + s + " emission parameters");
        }
        List<String> free = new ArrayList<>();
        int[] reportedOf = new int[info.length];
        int f = 0;
        for (int r = 0; r < names.size(); r++) {
            boolean dropped = r < k ? r == k - 1 : r < k + k * k && (r - k) % k == k - 1;
            if (!dropped) {
                reportedOf[f++] = r;
                free.add(names.get(r));
            }
        }
        double[][] cov = MixtureInformation.inverseWithout(info,
                MixtureInformation.or(boundary(m, info.length), HeldParameters.mask(free, held)));
        double[] se = new double[names.size()];
        if (cov == null) {
            Arrays.fill(se, Double.NaN);
            return new ObservedInformation(free, info, null, new ParameterEstimates(names, estimate, se), false);
        }
        for (int q = 0; q < info.length; q++) {
            se[reportedOf[q]] = Math.sqrt(cov[q][q]);
        }
        se[k - 1] = Math.sqrt(blockSum(cov, 0, k - 1));
        for (int i = 0; i < k; i++) {
            se[k + i * k + k - 1] = Math.sqrt(blockSum(cov, k - 1 + i * (k - 1), k - 1));
        }
        return new ObservedInformation(free, info, cov, new ParameterEstimates(names, estimate, se), true);
    }

    /** A probability this close to 0 or 1 is an estimate on the boundary of its simplex. */
    private static final double BOUNDARY = 1e-8;

    /**
     * The free parameters taken as known: the start probabilities when any of them is on the
     * boundary (one sequence always puts them there: its first state has probability 1), and a
     * transition row's when any of its entries is. Such an estimate has no standard error (NaN), and
     * its zero-curvature direction would otherwise leave every other standard error NaN.
     */
    private static boolean[] boundary(HiddenMarkovModel m, int free) {
        int k = m.states();
        boolean[] drop = new boolean[free];
        if (onBoundary(m.startProbabilities())) {
            Arrays.fill(drop, 0, k - 1, true);
        }
        double[][] a = m.transitionMatrix();
        for (int i = 0; i < k; i++) {
            if (onBoundary(a[i])) {
                Arrays.fill(drop, k - 1 + i * (k - 1), k - 1 + (i + 1) * (k - 1), true);
            }
        }
        return drop;
    }

    private static boolean onBoundary(double[] p) {
        for (double v : p) {
            if (v <= BOUNDARY || v >= 1 - BOUNDARY) {
                return true;
            }
        }
        return false;
    }

    /** {@code 1ᵀ V 1} over the block of {@code n} free parameters from {@code from}. */
    private static double blockSum(double[][] cov, int from, int n) {
        double v = 0;
        for (int a = from; a < from + n; a++) {
            for (int b = from; b < from + n; b++) {
                v += cov[a][b];
            }
        }
        return v;
    }
}
