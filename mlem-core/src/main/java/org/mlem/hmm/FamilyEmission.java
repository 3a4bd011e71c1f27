package org.mlem.hmm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.dist.Distribution;
import org.mlem.dist.UnivariateFamily;

/**
 * Emissions from a univariate family (Poisson, Bernoulli, gamma, negative binomial, ...), one
 * member per state, on one column. An adapter: densities, draws and the M-step are the family's.
 * Immutable.
 */
public final class FamilyEmission implements Emission {
    private static final long serialVersionUID = 1L;

    private final FamilySpec spec;
    private final List<Distribution> states;

    FamilyEmission(FamilySpec spec, List<Distribution> states) {
        this.spec = spec;
        this.states = List.copyOf(states);
    }

    /**
     * Emissions with state j's parameters {@code parameters[j]} in the family's order (R's names,
     * {@link UnivariateFamily#parameterNames()}).
     */
    public static FamilyEmission of(UnivariateFamily family, double[][] parameters) {
        if (parameters.length < 1) {
            throw new MlemUserException("no states' emission parameters given");
        }
        Distribution[] d = new Distribution[parameters.length];
        for (int j = 0; j < d.length; j++) {
            d[j] = family.of(parameters[j]);
        }
        return new FamilyEmission(new FamilySpec(family), List.of(d));
    }

    @Override
    public FamilySpec spec() {
        return spec;
    }

    @Override
    public int states() {
        return states.size();
    }

    @Override
    public int dimension() {
        return 1;
    }

    /** State j's distribution. */
    public Distribution distribution(int j) {
        return states.get(j);
    }

    @Override
    public void logDensities(Block block, double[] out) {
        int k = states.size();
        double[] x = block.x();
        for (int i = 0; i < block.rows(); i++) {
            double v = x[block.offset(i)];
            for (int j = 0; j < k; j++) {
                out[i * k + j] = Double.isNaN(v) ? 0 : states.get(j).logDensity(v); // a missing cell: density 1
            }
        }
    }

    @Override
    public void sample(int state, RandomGenerator rng, double[] out) {
        out[0] = states.get(state).sample(rng);
    }

    @Override
    public int nParameters() {
        int p = 0;
        for (Distribution d : states) {
            p += d.parameterNames().size();
        }
        return p;
    }

    @Override
    public Map<String, Object> parameters(int state) {
        return new LinkedHashMap<>(states.get(state).parameters());
    }

    @Override
    public double[] toVector() {
        int p = states.get(0).parameterValues().length;
        double[] v = new double[states.size() * p];
        for (int j = 0; j < states.size(); j++) {
            System.arraycopy(states.get(j).parameterValues(), 0, v, j * p, p);
        }
        return v;
    }

    @Override
    public Emission fromVector(double[] v) {
        int p = states.get(0).parameterValues().length;
        Distribution[] d = new Distribution[states.size()];
        try {
            for (int j = 0; j < d.length; j++) {
                d[j] = states.get(j).family().of(java.util.Arrays.copyOfRange(v, j * p, (j + 1) * p));
            }
        } catch (RuntimeException outsideTheFamily) {
            return null;
        }
        return new FamilyEmission(spec, List.of(d));
    }

    @Override
    public EmissionStats emptyStats(EmissionSpec fitSpec) {
        return fitSpec.emptyStats(states.size(), 1, null);
    }
}
