package org.mlem.hmm;

import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.dist.UnivariateFamily;

/**
 * Emissions from one univariate family of {@code org.mlem.dist} on one column: state j emits
 * from the family with its own parameters (R's parameterisation, see the family). M-step: the
 * family's own weighted maximum-likelihood fit {@link UnivariateFamily#fitWeighted} with the
 * state posteriors as weights.
 *
 * @param family the family, e.g. {@code Families.poisson()}
 */
public record FamilySpec(UnivariateFamily family) implements EmissionSpec {

    public FamilySpec {
        if (family == null) {
            throw new IllegalArgumentException("a family is required");
        }
    }

    @Override
    public String name() {
        return family.name();
    }

    @Override
    public EmissionSpec resolve(DataMatrix data) {
        if (data.cols() != 1) {
            throw new MlemUserException(family.name() + " emissions read one column, got " + data.cols()
                    + " columns; choose one with --columns");
        }
        double[] x = data.values();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new MlemUserException("row " + (i + 1) + ", column '" + data.columns().get(0) + "' is "
                        + (Double.isNaN(x[i]) ? "missing" : "infinite") + "; " + family.name()
                        + " emissions need finite values: remove or impute it");
            }
        }
        family.checkSupport(x);
        return this;
    }

    /** False for 0/1 and category data (hard clusters would pin states to single values). */
    @Override
    public boolean clusterable() {
        return !family.name().equals("bernoulli") && !family.name().equals("categorical");
    }

    @Override
    public EmissionStats emptyStats(int states, int dimension, double[] shift) {
        return new FamilyEmissionStats(this, states);
    }
}
