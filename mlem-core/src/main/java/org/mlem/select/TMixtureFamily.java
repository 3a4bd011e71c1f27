package org.mlem.select;

import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.missing.ObservedCells;
import org.mlem.tmix.TMixture;
import org.mlem.tmix.TMixtureDegeneracy;
import org.mlem.tmix.TMixtureEstimator;

/**
 * Multivariate t mixtures for model selection; a variant is the degrees of freedom: estimated per
 * component ({@link Df#FREE}) or held at one value for every component. Each candidate is a
 * {@link TMixtureEstimator} fit on one thread; a component {@link TMixtureDegeneracy} finds
 * unsupported marks the candidate degenerate.
 *
 * @param regCovar ridge on the scale matrices
 * @param em iterations, tolerance and restarts per candidate
 * @param missingEm whether cells missing at random (NaN) are marginalised in the E-step
 *     ({@link TMixtureEstimator#withMissingEm}); posteriors and degeneracy then come from each
 *     row's observed cells
 */
public record TMixtureFamily(double regCovar, EmOptions em, boolean missingEm) implements SelectableFamily<DataMatrix, TMixtureFamily.Df, TMixture> {

    /** The degrees of freedom of a variant: {@code fixed} for every component, or null to estimate one per component. */
    public record Df(Double fixed) {
        /** ν estimated per component. */
        public static final Df FREE = new Df(null);

        public Df {
            if (fixed != null && !(fixed > 0 && Double.isFinite(fixed))) {
                throw new MlemUserException("degrees of freedom must be positive and finite, got " + fixed);
            }
        }

        /** {@code free}, or a positive number. */
        public static Df parse(String s) {
            String t = s.strip();
            if (t.equalsIgnoreCase("free")) {
                return FREE;
            }
            try {
                return new Df(Double.parseDouble(t));
            } catch (NumberFormatException e) {
                throw new MlemUserException("--df '" + t + "' is not free or a positive number; give e.g. free,4,30");
            }
        }

        /** {@code free} or {@code df=ν}. */
        public String name() {
            if (fixed == null) {
                return "free";
            }
            return "df=" + (fixed == Math.rint(fixed) && Math.abs(fixed) < 1e15 ? String.valueOf(fixed.longValue())
                    : String.valueOf(fixed));
        }
    }

    public TMixtureFamily {
        if (em == null) {
            throw new IllegalArgumentException("em options are required");
        }
        new TMixtureEstimator(1, null, regCovar, em); // validates regCovar
    }

    /** Without missing-cell EM. */
    public TMixtureFamily(double regCovar, EmOptions em) {
        this(regCovar, em, false);
    }

    /** The estimator of one candidate, on one thread. */
    public TMixtureEstimator estimator(int k, Df variant) {
        return new TMixtureEstimator(k, variant.fixed(), regCovar, em.withThreads(1)).withMissingEm(missingEm);
    }

    @Override
    public String variantName(Df variant) {
        return variant.name();
    }

    @Override
    public MixtureFit<TMixture> fit(DataMatrix data, int k, Df variant, long seed) {
        return estimator(k, variant).fit(data, seed);
    }

    @Override
    public double[][] posterior(TMixture model, DataMatrix data) {
        return missingEm && data.hasMissingCells() ? ObservedCells.posterior(model, data) : model.predictProba(data);
    }

    @Override
    public double[] rowWeights(DataMatrix data) {
        return MatrixFamilies.weights(data);
    }

    @Override
    public void check(DataMatrix data) {
        MatrixFamilies.check(data, missingEm);
    }

    @Override
    public List<DegenerateComponent> degenerateComponents(TMixture model, DataMatrix data, double[][] posterior) {
        return estimator(model.components(), Df.FREE).degenerateComponents(model, data);
    }

    @Override
    public TMixtureFamily loosened(double tolerance) {
        EmOptions loose = em.loosened(tolerance);
        return loose == null ? null : new TMixtureFamily(regCovar, loose, missingEm);
    }
}
