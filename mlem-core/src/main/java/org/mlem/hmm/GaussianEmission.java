package org.mlem.hmm;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.em.NestedArrays;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.Covariances;
import org.mlem.gmm.DiagonalCovariances;
import org.mlem.gmm.FullCovariances;
import org.mlem.kernel.Cholesky;

/**
 * Normal emissions N(μ_j, Σ_j) per state, Σ full or diagonal; log densities through precision
 * Cholesky factors ({@link Covariances}, shared with the Gaussian mixture). Immutable.
 */
public final class GaussianEmission implements Emission {
    private static final long serialVersionUID = 1L;

    private final GaussianSpec spec;
    private final double[] means; // K × d
    private final Covariances covariances;
    private final int k;
    private final int d;

    GaussianEmission(GaussianSpec spec, double[] means, Covariances covariances) {
        this.spec = spec;
        this.means = means;
        this.covariances = covariances;
        this.k = covariances.components();
        this.d = covariances.dimension();
    }

    /**
     * Emissions with full covariances.
     *
     * @param means K rows of d finite values
     * @param covariances K symmetric positive-definite d×d matrices
     */
    public static GaussianEmission full(double[][] means, double[][][] covariances) {
        requireStates(means.length, covariances.length);
        int d = means[0].length;
        double[] flat = new double[d * d];
        for (int j = 0; j < covariances.length; j++) {
            if (covariances[j].length != d) {
                throw new MlemUserException("covariance of state " + j + " is not " + d + "x" + d);
            }
            for (int a = 0; a < d; a++) {
                if (covariances[j][a].length != d) {
                    throw new MlemUserException("covariance of state " + j + " is not " + d + "x" + d);
                }
                System.arraycopy(covariances[j][a], 0, flat, a * d, d);
            }
            if (!Cholesky.factor(flat, 0, d, new double[d * d], 0)) {
                throw new MlemUserException("covariance of state " + j + " is not positive definite");
            }
        }
        GaussianSpec spec = EmissionSpec.gaussian(CovarianceStructure.FULL);
        return new GaussianEmission(spec, flatMeans(means), FullCovariances.of(covariances));
    }

    /**
     * Emissions with diagonal covariances.
     *
     * @param means K rows of d finite values
     * @param variances K rows of d positive variances
     */
    public static GaussianEmission diagonal(double[][] means, double[][] variances) {
        requireStates(means.length, variances.length);
        for (int j = 0; j < variances.length; j++) {
            for (double v : variances[j]) {
                if (!(v > 0) || Double.isInfinite(v)) {
                    throw new MlemUserException("variance " + v + " of state " + j + " is not a positive finite number");
                }
            }
        }
        GaussianSpec spec = EmissionSpec.gaussian(CovarianceStructure.DIAG);
        return new GaussianEmission(spec, flatMeans(means), DiagonalCovariances.of(variances));
    }

    private static void requireStates(int nMeans, int nCovariances) {
        if (nMeans < 1 || nMeans != nCovariances) {
            throw new MlemUserException(nMeans + " means and " + nCovariances + " covariances; give one of each per state");
        }
    }

    private static double[] flatMeans(double[][] means) {
        int d = means[0].length;
        double[] flat = new double[means.length * d];
        for (int j = 0; j < means.length; j++) {
            if (means[j].length != d) {
                throw new MlemUserException("mean of state " + j + " has " + means[j].length + " values, state 0's has " + d);
            }
            for (int a = 0; a < d; a++) {
                if (!Double.isFinite(means[j][a])) {
                    throw new MlemUserException("mean of state " + j + " is not finite");
                }
            }
            System.arraycopy(means[j], 0, flat, j * d, d);
        }
        return flat;
    }

    @Override
    public GaussianSpec spec() {
        return spec;
    }

    @Override
    public int states() {
        return k;
    }

    @Override
    public int dimension() {
        return d;
    }

    /** full or diag. */
    public CovarianceStructure structure() {
        return covariances.structure();
    }

    /** Means, K rows of d (a copy). */
    public double[][] means() {
        double[][] m = new double[k][];
        for (int j = 0; j < k; j++) {
            m[j] = Arrays.copyOfRange(means, j * d, (j + 1) * d);
        }
        return m;
    }

    /** State j's variances, the diagonal of {@link #covariance(int)} (a copy), without building the matrix. */
    public double[] variances(int j) {
        return covariances.variances(j);
    }

    /** State j's covariance as a d×d matrix (a copy). */
    public double[][] covariance(int j) {
        double[] flat = covariances.covarianceMatrix(j);
        double[][] m = new double[d][];
        for (int a = 0; a < d; a++) {
            m[a] = Arrays.copyOfRange(flat, a * d, (a + 1) * d);
        }
        return m;
    }

    /** Covariances in scikit-learn's shape: {@code double[K][d][d]} (full) or {@code double[K][d]} (diag). */
    public Object covariancesShape() {
        return covariances.toShape();
    }

    @Override
    public void logDensities(Block block, double[] out) {
        covariances.logDensities(block, means, out, new double[Covariances.scratchSize(d)]);
        if (HmmMissing.any(block)) { // rows with missing cells: the density of their observed cells
            HmmMissing.gaussianLogDensities(block, means, new HmmMissing.Patterns(flatCovariances(), k, d), k, out);
        }
    }

    /** The means, K × d row-major (not a copy: read only). */
    double[] meansFlat() {
        return means;
    }

    /** Every state's covariance as d×d row-major matrices, one after another. */
    double[] flatCovariances() {
        double[] c = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(covariances.covarianceMatrix(j), 0, c, j * d * d, d * d);
        }
        return c;
    }

    @Override
    public void sample(int state, RandomGenerator rng, double[] out) {
        double[] z = new double[d];
        for (int a = 0; a < d; a++) {
            z[a] = rng.nextGaussian();
        }
        covariances.scaleNoise(state, z, out);
        for (int a = 0; a < d; a++) {
            out[a] += means[state * d + a];
        }
    }

    @Override
    public int nParameters() {
        return k * d + covariances.structure().covarianceParameters(k, d);
    }

    @Override
    public Map<String, Object> parameters(int state) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (d == 1) {
            p.put("mean", means[state]);
            p.put("sd", Math.sqrt(covariances.covarianceMatrix(state)[0]));
        } else {
            p.put("mean", Arrays.copyOfRange(means, state * d, (state + 1) * d));
            p.put("covariance", covariance(state));
        }
        return p;
    }

    @Override
    public double[] toVector() {
        Object shape = covariances.toShape();
        double[] v = Arrays.copyOf(means, k * d + NestedArrays.count(shape));
        NestedArrays.flatten(shape, v, k * d);
        return v;
    }

    @Override
    public Emission fromVector(double[] v) {
        Object shape = covariances.toShape();
        NestedArrays.unflatten(shape, v, k * d);
        try {
            return new GaussianEmission(spec, Arrays.copyOf(v, k * d), covariances.structure().fromShape(shape, k, d));
        } catch (RuntimeException notPositiveDefinite) {
            return null;
        }
    }

    @Override
    public EmissionStats emptyStats(EmissionSpec fitSpec) {
        EmissionStats s = fitSpec.emptyStats(k, d, means);
        return s instanceof GaussianEmissionStats g ? g.given(this) : s;
    }
}
