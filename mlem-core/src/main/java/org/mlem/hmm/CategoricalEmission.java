package org.mlem.hmm;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.mlem.MlemUserException;
import org.mlem.data.Block;

/** Categorical emissions: state j emits code c ∈ 0..M-1 with probability p_jc. Immutable. */
public final class CategoricalEmission implements Emission {
    private static final long serialVersionUID = 1L;

    private final CategoricalSpec spec;
    private final int k;
    private final int m;
    private final double[] probs; // K × M
    private final double[] logProbs;

    CategoricalEmission(CategoricalSpec spec, double[] probs, int k) {
        this.spec = spec;
        this.k = k;
        this.m = spec.categories();
        this.probs = probs;
        this.logProbs = new double[probs.length];
        for (int i = 0; i < probs.length; i++) {
            logProbs[i] = Math.log(probs[i]);
        }
    }

    /**
     * Emissions from K rows of M probabilities (non-negative, each row summing to 1 within 1e-8).
     */
    public static CategoricalEmission of(double[][] probabilities) {
        int k = probabilities.length;
        if (k < 1) {
            throw new MlemUserException("no states' emission probabilities given");
        }
        int m = probabilities[0].length;
        double[] flat = new double[k * m];
        for (int j = 0; j < k; j++) {
            if (probabilities[j].length != m) {
                throw new MlemUserException("state " + j + " has " + probabilities[j].length + " category probabilities, state 0 has " + m);
            }
            System.arraycopy(probabilities[j], 0, flat, j * m, m);
            Probabilities.requireRow(flat, j * m, m, "emission probabilities of state " + j);
        }
        return new CategoricalEmission(new CategoricalSpec(m), flat, k);
    }

    @Override
    public CategoricalSpec spec() {
        return spec;
    }

    @Override
    public int states() {
        return k;
    }

    @Override
    public int dimension() {
        return 1;
    }

    /** Number of categories M. */
    public int categories() {
        return m;
    }

    /** The K×M emission probabilities (a copy). */
    public double[][] probabilities() {
        double[][] p = new double[k][];
        for (int j = 0; j < k; j++) {
            p[j] = Arrays.copyOfRange(probs, j * m, (j + 1) * m);
        }
        return p;
    }

    @Override
    public void logDensities(Block block, double[] out) {
        double[] x = block.x();
        for (int i = 0; i < block.rows(); i++) {
            double v = x[block.offset(i)];
            int c = (int) v;
            boolean valid = v == c && c >= 0 && c < m;
            boolean missing = Double.isNaN(v); // a missing symbol: probability 1 in every state
            for (int j = 0; j < k; j++) {
                out[i * k + j] = missing ? 0 : valid ? logProbs[j * m + c] : Double.NEGATIVE_INFINITY;
            }
        }
    }

    @Override
    public void sample(int state, RandomGenerator rng, double[] out) {
        out[0] = Probabilities.draw(probs, state * m, m, rng);
    }

    @Override
    public int nParameters() {
        return k * (m - 1);
    }

    @Override
    public Map<String, Object> parameters(int state) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("prob", Arrays.copyOfRange(probs, state * m, (state + 1) * m));
        return p;
    }

    @Override
    public double[] toVector() {
        return probs.clone();
    }

    @Override
    public Emission fromVector(double[] v) {
        double[] p = v.clone();
        for (int j = 0; j < k; j++) {
            double total = 0;
            for (int c = 0; c < m; c++) {
                if (!(p[j * m + c] >= 0)) {
                    return null;
                }
                total += p[j * m + c];
            }
            for (int c = 0; c < m; c++) {
                p[j * m + c] /= total;
            }
        }
        return new CategoricalEmission(spec, p, k);
    }

    @Override
    public EmissionStats emptyStats(EmissionSpec fitSpec) {
        return fitSpec.emptyStats(k, 1, null);
    }
}
