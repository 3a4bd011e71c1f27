package org.mlem.select;

import java.util.List;
import java.util.Set;
import org.mlem.MlemUserException;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.hmm.EmissionSpec;
import org.mlem.hmm.GaussianSpec;
import org.mlem.hmm.HiddenMarkovEstimator;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.HmmDegeneracy;
import org.mlem.hmm.HmmInit;
import org.mlem.hmm.SequenceData;

/**
 * Hidden Markov models for model selection over the number of states; a variant is the emission
 * (gaussian with a covariance structure, categorical, or a count or continuous family). Each
 * candidate is a {@link HiddenMarkovEstimator} fit on one thread, from its default start; a state
 * {@link HmmDegeneracy} finds unsupported marks the candidate degenerate. A sequence's frequency
 * weight is carried by each of its rows; known states ride on the data as labels.
 *
 * @param em iterations, tolerance and restarts per candidate
 * @param missingEm whether missing cells (NaN) are marginalised in the emissions
 *     ({@link HiddenMarkovEstimator#withMissingEm}; posteriors marginalise them too)
 */
public record HmmFamily(EmOptions em, boolean missingEm) implements SelectableFamily<SequenceData, EmissionSpec, HiddenMarkovModel> {

    public HmmFamily {
        if (em == null) {
            throw new IllegalArgumentException("em options are required");
        }
    }

    /** Without missing-cell EM. */
    public HmmFamily(EmOptions em) {
        this(em, false);
    }

    /** The emission's name; gaussian with its covariance structure, e.g. {@code gaussian-diag}. */
    @Override
    public String variantName(EmissionSpec variant) {
        return variant instanceof GaussianSpec g ? "gaussian-" + g.covariance().id() : variant.name();
    }

    @Override
    public MixtureFit<HiddenMarkovModel> fit(SequenceData data, int k, EmissionSpec variant, long seed) {
        return new HiddenMarkovEstimator(k, variant, em.withThreads(1), HmmInit.DEFAULT, Set.of()).withMissingEm(missingEm)
                .fit(data, seed);
    }

    @Override
    public double[][] posterior(HiddenMarkovModel model, SequenceData data) {
        return model.posteriors(data);
    }

    @Override
    public double[] rowWeights(SequenceData data) {
        return data.matrix().hasWeights() ? data.matrix().weights() : null;
    }

    @Override
    public void check(SequenceData data) {
        if (data.rows() == 0) {
            throw new MlemUserException("no rows to fit; the data set is empty");
        }
    }

    @Override
    public List<DegenerateComponent> degenerateComponents(HiddenMarkovModel model, SequenceData data, double[][] posterior) {
        return HmmDegeneracy.of(model, data, model.emissions().spec() instanceof GaussianSpec g ? g.regCovar() : 0);
    }

    @Override
    public HmmFamily loosened(double tolerance) {
        EmOptions loose = em.loosened(tolerance);
        return loose == null ? null : new HmmFamily(loose, missingEm);
    }
}
