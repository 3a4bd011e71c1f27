package org.mlem.hmm;

import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.dist.UnivariateFamily;
import org.mlem.gmm.CovarianceStructure;

/**
 * Which emission distributions an HMM's states have: the family and its settings, the M-step's
 * side of {@link Emission}. Immutable.
 */
public sealed interface EmissionSpec extends java.io.Serializable permits GaussianSpec, CategoricalSpec, FamilySpec {

    /** The name the command line and JSON use: {@code gaussian}, {@code categorical}, or a family's name. */
    String name();

    /**
     * Checks that {@code data} suits these emissions (finite values, support, category codes) and
     * returns the spec with anything it infers from the data (the number of categories).
     *
     * @throws MlemUserException naming the first row and column that does not suit
     */
    EmissionSpec resolve(DataMatrix data);

    /**
     * Whether k-means on the rows is a sensible start: false for categories and 0/1 data, where
     * hard clusters would give states zero probabilities EM can never leave.
     */
    boolean clusterable();

    /** Empty statistics for K states; Gaussian moments are taken about {@code shift} (K×d), others ignore it. */
    EmissionStats emptyStats(int states, int dimension, double[] shift);

    /** Throws a {@link MlemUserException} unless {@code e} is of this spec's kind for d columns. */
    default void requireCompatible(Emission e, int dimension) {
        if (e.spec().getClass() != getClass() || !e.spec().name().equals(name()) || e.dimension() != dimension) {
            throw new MlemUserException("the starting model's emissions are " + e.spec().name() + " on " + e.dimension()
                    + " columns but the fit asks for " + name() + " on " + dimension + "; make them agree");
        }
    }

    /** Gaussian emissions with full or diagonal covariances and scikit-learn's ridge 1e-6. */
    static GaussianSpec gaussian(CovarianceStructure covariance) {
        return new GaussianSpec(covariance, GaussianSpec.DEFAULT_REG_COVAR);
    }

    /** Categorical emissions on codes 0..M-1, M inferred from the data. */
    static CategoricalSpec categorical() {
        return new CategoricalSpec(0);
    }

    /** Emissions from a univariate family (Poisson, Bernoulli, gamma, ...) on one column. */
    static FamilySpec family(UnivariateFamily family) {
        return new FamilySpec(family);
    }

    /**
     * The spec the command line names: {@code gaussian} (with {@code covariance} {@code full} or
     * {@code diag}; null means full), {@code categorical}, or any name {@link Families#byName} takes.
     */
    static EmissionSpec byName(String emission, String covariance) {
        String name = emission.trim().toLowerCase(java.util.Locale.ROOT);
        if (name.equals("gaussian")) {
            return gaussian(covariance == null ? CovarianceStructure.FULL : CovarianceStructure.parse(covariance));
        }
        if (covariance != null) {
            throw new MlemUserException("--covariance applies to gaussian emissions only, not " + emission);
        }
        return name.equals("categorical") ? categorical() : family(Families.byName(name));
    }
}
