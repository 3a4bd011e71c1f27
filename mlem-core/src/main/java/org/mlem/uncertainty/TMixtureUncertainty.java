package org.mlem.uncertainty;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.hipparchus.special.Gamma;
import org.mlem.data.DataMatrix;
import org.mlem.kernel.ConditionalGaussian;
import org.mlem.missing.ObservedCells;
import org.mlem.tmix.TMixture;
import org.mlem.tmix.TMixtureEstimator;
import org.mlem.tmix.TMixtureParameter;

/**
 * Standard errors of a mixture of multivariate t distributions. Reported layout
 * ({@link ComponentBlocks}): {@code weight[j]}, then per component {@code mean[j][col]},
 * {@code scale[j][a,b]} (the scale matrix's entries, a ≤ b) and, when the degrees of freedom are
 * estimated, {@code df[j]}.
 *
 * <p>Louis' information uses the exact derivatives of the component log density
 * {@code log Γ((ν+d)/2) − log Γ(ν/2) − (d/2) log(νπ) − ½ log|Σ| − ((ν+d)/2) log(1 + δ/ν)}, δ the
 * Mahalanobis distance: with r = x − μ, P = Σ⁻¹, u = P r and c = (ν+d)/(ν+δ), the score is
 * {@code c u} (locations), {@code ½(c uᵀEu − tr(PE))} (a scale entry with basis E) and
 * {@code ½ψ((ν+d)/2) − ½ψ(ν/2) − d/(2ν) − ½ log(1+δ/ν) + (ν+d)δ/(2ν(ν+δ))} (ν); the negative
 * Hessian is written out in {@link #derivatives}. As ν → ∞ they become the Gaussian mixture's. A ν
 * at the end of its search range ({@link TMixtureEstimator#dfAtBound}) is a boundary estimate: it is
 * held as known, its standard error NaN.
 */
public final class TMixtureUncertainty {
    private final int k;
    private final int d;
    private final boolean withDf;
    private final SymmetricEntries entries;
    private final List<String> names;

    private TMixtureUncertainty(TMixture shape, List<String> columns, boolean withDf) {
        this.k = shape.components();
        this.d = shape.dimension();
        this.withDf = withDf;
        this.entries = new SymmetricEntries(d);
        List<String> cols = columns == null ? DataMatrix.defaultNames(d) : columns;
        List<List<String>> blocks = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            List<String> b = new ArrayList<>();
            for (int a = 0; a < d; a++) {
                b.add("mean[" + j + "][" + cols.get(a) + "]");
            }
            b.addAll(entries.names("scale[" + j + "]", cols));
            if (withDf) {
                b.add("df[" + j + "]");
            }
            blocks.add(b);
        }
        this.names = ComponentBlocks.names(blocks);
    }

    /** The layout of mixtures shaped like {@code m}; {@code withDf} when ν is estimated (then a parameter). */
    public static TMixtureUncertainty of(TMixture m, List<String> columns, boolean withDf) {
        return new TMixtureUncertainty(m, columns, withDf);
    }

    /** Whether {@code estimator} estimates ν (neither {@code fixedDf} nor a held df group). */
    public static boolean estimatesDf(TMixtureEstimator estimator) {
        return !estimator.held().contains(TMixtureParameter.DF);
    }

    public List<String> names() {
        return names;
    }

    int blockSize() {
        return d + entries.size() + (withDf ? 1 : 0);
    }

    double[][] blocks(TMixture m) {
        double[][] b = new double[k][blockSize()];
        double[] df = m.degreesOfFreedom();
        for (int j = 0; j < k; j++) {
            System.arraycopy(m.mean(j), 0, b[j], 0, d);
            double[] flat = flat(m.scale(j));
            System.arraycopy(entries.values(flat, 0), 0, b[j], d, entries.size());
            if (withDf) {
                b[j][blockSize() - 1] = df[j];
            }
        }
        return b;
    }

    /** The mixture shaped like {@code like} with the free parameters θ (this layout without {@code weight[k−1]}). */
    public TMixture fromFree(TMixture like, double[] theta) {
        int s = blockSize();
        double[][] means = new double[k][];
        double[][][] scales = new double[k][d][d];
        double[] df = like.degreesOfFreedom();
        for (int j = 0; j < k; j++) {
            int o = k - 1 + j * s;
            means[j] = java.util.Arrays.copyOfRange(theta, o, o + d);
            for (int e = 0; e < entries.size(); e++) {
                scales[j][entries.a[e]][entries.b[e]] = theta[o + d + e];
                scales[j][entries.b[e]][entries.a[e]] = theta[o + d + e];
            }
            if (withDf) {
                df[j] = theta[o + s - 1];
            }
        }
        return TMixture.of(ComponentBlocks.weights(theta, k), means, scales, df);
    }

    /** {@code m}'s parameters in the reported layout, reported component j being {@code m}'s {@code order[j]}. */
    public double[] values(TMixture m, int[] order) {
        return ComponentBlocks.values(m.weights(), blocks(m), order);
    }

    /** The order matching {@code replicate}'s components to {@code fitted}'s, by weights and locations. */
    static int[] match(TMixture fitted, TMixture replicate) {
        return LabelMatching.byFeatures(fitted.weights(), means(fitted), replicate.weights(), means(replicate));
    }

    private static double[][] means(TMixture m) {
        double[][] mu = new double[m.components()][];
        for (int j = 0; j < mu.length; j++) {
            mu[j] = m.mean(j);
        }
        return mu;
    }

    /** Louis' observed information of {@code m} on {@code data}, nothing held. */
    public ObservedInformation louis(TMixture m, DataMatrix data) {
        return louis(m, data, HeldParameters.NONE);
    }

    /**
     * Louis' observed information of {@code m} on {@code data} (row weights as frequency weights;
     * labelled rows add their complete-data information), the parameters {@code held} names known.
     * A row with missing cells (NaN) enters by its observed cells' marginal, a p_o-variate t with
     * the same ν: its posterior from those cells ({@link ObservedCells}) and the derivatives below
     * with Σ_OO⁻¹ embedded in d×d ({@link ObservedPrecision}) for P and p_o for d.
     */
    public ObservedInformation louis(TMixture m, DataMatrix data, Predicate<String> held) {
        boolean holes = data.hasMissingCells();
        Map<String, ObservedPrecision[]> patterns = new HashMap<>();
        double[] df = m.degreesOfFreedom();
        double[] rowWeights = data.hasWeights() ? data.weights() : null;
        double[][] posterior = holes ? ObservedCells.posterior(m, data) : m.predictProba(data);
        double[][] info = MixtureInformation.information(m.weights(),
                MixtureInformation.knownClasses(posterior, MixtureInformation.labels(data)), rowWeights,
                new MixtureInformation.ComponentDerivatives() {
                    final double[] u = new double[d];
                    final double[] q = new double[entries.size()];
                    final double[] filled = new double[d];

                    @Override
                    public int size() {
                        return blockSize();
                    }

                    @Override
                    public void at(int row, int j, double[] grad, double[] negHessian) {
                        double[] x = data.row(row);
                        ObservedPrecision p = patterns.computeIfAbsent(ConditionalGaussian.patternKey(x, 0, d),
                                key -> precisions(m, ConditionalGaussian.observedOf(key)))[j];
                        derivatives(ObservedPrecision.filled(x, m.mean(j), filled), m.mean(j), p.precision(), p.observed(),
                                df[j], u, q, grad, negHessian);
                    }
                });
        boolean[] boundary = new boolean[info.length];
        for (int j = 0; j < k && withDf; j++) {
            boundary[k - 1 + (j + 1) * blockSize() - 1] = TMixtureEstimator.dfAtBound(df[j]);
        }
        return MixtureInformation.standardErrors(names, values(m, ComponentBlocks.identity(k)), info, k, boundary, held);
    }

    /** Each component's scale-matrix precision over the cells {@code observed}. */
    private static ObservedPrecision[] precisions(TMixture m, int[] observed) {
        ObservedPrecision[] out = new ObservedPrecision[m.components()];
        for (int j = 0; j < out.length; j++) {
            out[j] = ObservedPrecision.of(m.scale(j), observed);
        }
        return out;
    }

    /**
     * The score and negative Hessian of one component's log density at x, in (μ, scale entries, ν),
     * for a t of dimension {@code dim} ({@code d}, or a marginal's p_o with P the embedded Σ_OO⁻¹).
     */
    void derivatives(double[] x, double[] mu, double[] p, int dim, double nu, double[] u, double[] q, double[] g,
            double[] h) {
        int s = blockSize();
        int ne = entries.size();
        double delta = SymmetricEntries.precisionTimesResidual(p, x, mu, u);
        double c = (nu + dim) / (nu + delta);
        double cc = c / (nu + delta); // ∂c/∂δ = −cc
        for (int e = 0; e < ne; e++) {
            q[e] = entries.quadratic(e, u);
        }
        for (int a = 0; a < d; a++) {
            g[a] = c * u[a];
            for (int b = 0; b < d; b++) {
                h[a * s + b] = c * p[a * d + b] - 2 * cc * u[a] * u[b];
            }
        }
        for (int e = 0; e < ne; e++) {
            int ie = d + e;
            g[ie] = 0.5 * (c * q[e] - entries.trace(e, p));
            for (int a = 0; a < d; a++) {
                double v = c * entries.precisionTimes(e, p, u, a) - cc * q[e] * u[a];
                h[a * s + ie] = v;
                h[ie * s + a] = v;
            }
            for (int f = 0; f < ne; f++) {
                h[(d + f) * s + ie] = c * entries.sandwich(f, e, p, u) - 0.5 * entries.traceProduct(f, e, p)
                        - 0.5 * cc * q[e] * q[f];
            }
        }
        if (!withDf) {
            return;
        }
        int iv = s - 1;
        double dc = (delta - dim) / ((nu + delta) * (nu + delta)); // ∂c/∂ν
        double gTerm = (nu + dim) * delta / (2 * nu * (nu + delta));
        g[iv] = 0.5 * Gamma.digamma((nu + dim) / 2) - 0.5 * Gamma.digamma(nu / 2) - dim / (2.0 * nu)
                - 0.5 * Math.log1p(delta / nu) + gTerm;
        for (int a = 0; a < d; a++) {
            h[a * s + iv] = -dc * u[a];
            h[iv * s + a] = -dc * u[a];
        }
        for (int e = 0; e < ne; e++) {
            h[(d + e) * s + iv] = -0.5 * dc * q[e];
            h[iv * s + d + e] = -0.5 * dc * q[e];
        }
        double second = 0.25 * Gamma.trigamma((nu + dim) / 2) - 0.25 * Gamma.trigamma(nu / 2) + dim / (2 * nu * nu)
                + delta / (2 * nu * (nu + delta)) + gTerm * (1 / (nu + dim) - 1 / nu - 1 / (nu + delta));
        h[iv * s + iv] = -second;
    }

    private static double[] flat(double[][] m) {
        int d = m.length;
        double[] f = new double[d * d];
        for (int a = 0; a < d; a++) {
            System.arraycopy(m[a], 0, f, a * d, d);
        }
        return f;
    }

    /**
     * The bootstrap of a t mixture: each replicate runs {@code estimator}'s EM from the fitted
     * mixture (one start, one thread); components matched by weights and locations.
     */
    public static BootstrapFamily<TMixture> bootstrap(TMixtureEstimator estimator) {
        TMixtureEstimator one = estimator.withEm(estimator.em().withRestarts(1).withThreads(1));
        boolean withDf = estimatesDf(estimator);
        return new BootstrapFamily<>() {
            @Override
            public List<String> parameterNames(TMixture fitted, List<String> columns) {
                return of(fitted, columns, withDf).names();
            }

            @Override
            public TMixture refit(TMixture fitted, DataMatrix data, long seed) {
                return one.fit(data, fitted).model();
            }

            @Override
            public double[] matchedParameters(TMixture fitted, TMixture replicate) {
                return of(fitted, null, withDf).values(replicate, match(fitted, replicate));
            }

            @Override
            public DataMatrix simulate(TMixture model, int n, long seed, List<String> columns) {
                return model.sample(n, seed, columns).data();
            }
        };
    }
}
