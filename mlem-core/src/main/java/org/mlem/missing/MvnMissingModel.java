package org.mlem.missing;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.em.LatentModel;
import org.mlem.em.ParameterVector;
import org.mlem.kernel.Cholesky;
import org.mlem.kernel.ConditionalGaussian;
import org.mlem.kernel.GaussianKernels;

/**
 * The multivariate normal with cells missing at random as a {@link LatentModel} (Dempster, Laird
 * and Rubin, 1977, section 4.1.3): the missing cells are the latent variables. The E-step fills
 * each row's missing cells with their conditional mean given its observed cells and adds their
 * conditional covariance; the log-likelihood is the observed-data one, {@code Σ w log N(x_O | μ_O, Σ_OO)}.
 * A NaN cell is missing.
 */
public final class MvnMissingModel implements LatentModel<MvnParameters, MvnStats>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final Set<MvnParameter> fixed;
    private final MvnParameters fixedValues;

    /** The model with every parameter estimated. */
    public MvnMissingModel() {
        this(Set.of(), null);
    }

    /**
     * A model whose M-step leaves the {@code fixed} groups at their values in {@code values}, bit
     * for bit, and maximises the other given them: with the covariance held the mean is EM's mean
     * (on complete rows the sample mean, the GLS estimate when every row has the same covariance);
     * with the mean held the covariance is the scatter about it.
     */
    public MvnMissingModel(Set<MvnParameter> fixed, MvnParameters values) {
        if (!fixed.isEmpty() && values == null) {
            throw new IllegalArgumentException("fixed parameters need their values");
        }
        this.fixed = fixed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fixed));
        this.fixedValues = values;
    }

    @Override
    public MvnStats emptyStats(MvnParameters params) {
        return new MvnStats(params.meanFlat());
    }

    @Override
    public double accumulate(MvnParameters params, Block rows, MvnStats into) {
        int d = params.dimension();
        double[] mu = params.meanFlat();
        double[] cov = params.covFlat();
        Map<String, ConditionalGaussian> factors = new HashMap<>();
        double[] x = rows.x();
        double[] filled = new double[d];
        double[] diff = new double[d];
        double ll = 0;
        for (int i = 0; i < rows.rows(); i++) {
            double w = rows.weight(i);
            int off = rows.offset(i);
            ConditionalGaussian f = factors.computeIfAbsent(ConditionalGaussian.patternKey(x, off, d), key -> factor(cov, d, key));
            int o = f.observed.length;
            for (int a = 0; a < o; a++) {
                diff[a] = x[off + f.observed[a]] - mu[f.observed[a]];
            }
            f.fill(x, off, mu, 0, filled);
            double q = f.mahalanobis(diff);
            if (w != 0) {
                ll += w * (-0.5 * (o * GaussianKernels.LOG_2PI + f.logDet + q));
                addRow(into, filled, w, f);
            }
        }
        return ll;
    }

    private static void addRow(MvnStats into, double[] filled, double w, ConditionalGaussian f) {
        int d = into.d;
        into.weight += w;
        for (int a = 0; a < d; a++) {
            double da = filled[a] - into.shift[a];
            into.s1[a] += w * da;
            for (int b = 0; b < d; b++) {
                into.s2[a * d + b] += w * da * (filled[b] - into.shift[b]);
            }
        }
        int m = f.missing.length;
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < m; q++) {
                into.s2[f.missing[p] * d + f.missing[q]] += w * f.conditional[p * m + q];
            }
        }
    }

    @Override
    public MvnParameters maximize(MvnStats s) {
        int d = s.d;
        double[] mean = new double[d];
        double[] delta = new double[d];
        boolean meanHeld = fixed.contains(MvnParameter.MEAN);
        double[] held = meanHeld ? fixedValues.meanFlat() : null;
        for (int a = 0; a < d; a++) {
            delta[a] = meanHeld ? held[a] - s.shift[a] : s.s1[a] / s.weight;
            mean[a] = meanHeld ? held[a] : s.shift[a] + delta[a];
        }
        if (fixed.contains(MvnParameter.COVARIANCE)) {
            return new MvnParameters(mean, fixedValues.covFlat().clone());
        }
        double[] cov = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                // the scatter about the mean m = c + δ: S2/W − (S1 δᵀ + δ S1ᵀ)/W + δδᵀ, which is S2/W − δδᵀ when δ = S1/W
                cov[a * d + b] = meanHeld
                        ? (s.s2[a * d + b] - s.s1[a] * delta[b] - delta[a] * s.s1[b]) / s.weight + delta[a] * delta[b]
                        : s.s2[a * d + b] / s.weight - delta[a] * delta[b];
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                double avg = 0.5 * (cov[a * d + b] + cov[b * d + a]);
                cov[a * d + b] = avg;
                cov[b * d + a] = avg;
            }
        }
        if (!Cholesky.factor(cov, 0, d, new double[d * d], 0)) {
            throw new MlemUserException("the estimated covariance is not positive definite: some columns are collinear"
                    + " or too few rows observe them together; drop a column or add complete rows");
        }
        return new MvnParameters(mean, cov);
    }

    @Override
    public ParameterVector<MvnParameters> parameterVector() {
        return new ParameterVector<>() {
            @Override
            public double[] toVector(MvnParameters p) {
                double[] v = Arrays.copyOf(p.meanFlat(), p.dimension() * (p.dimension() + 1));
                System.arraycopy(p.covFlat(), 0, v, p.dimension(), p.dimension() * p.dimension());
                return v;
            }

            @Override
            public MvnParameters fromVector(double[] v, MvnParameters like) {
                int d = like.dimension();
                double[] cov = Arrays.copyOfRange(v, d, d + d * d);
                if (!Cholesky.factor(cov, 0, d, new double[d * d], 0)) {
                    return null;
                }
                return new MvnParameters(Arrays.copyOf(v, d), cov);
            }
        };
    }

    /** The conditional mean of every cell given the row's observed cells (observed cells unchanged). */
    static void impute(MvnParameters params, double[] x, int off, double[] out, int outOff, Map<String, ConditionalGaussian> cache) {
        int d = params.dimension();
        double[] mu = params.meanFlat();
        ConditionalGaussian f = cache.computeIfAbsent(ConditionalGaussian.patternKey(x, off, d), key -> factor(params.covFlat(), d, key));
        double[] filled = new double[d];
        f.fill(x, off, mu, 0, filled);
        System.arraycopy(filled, 0, out, outOff, d);
    }

    private static ConditionalGaussian factor(double[] cov, int d, String key) {
        int[] observed = ConditionalGaussian.observedOf(key);
        ConditionalGaussian f = ConditionalGaussian.of(cov, 0, d, observed, ConditionalGaussian.missingOf(key));
        if (f == null) {
            throw new MlemUserException("the covariance of the observed cells " + Arrays.toString(observed)
                    + " is not positive definite; drop a collinear column");
        }
        return f;
    }
}
