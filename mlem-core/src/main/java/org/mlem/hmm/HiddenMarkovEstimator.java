package org.mlem.hmm;

import java.util.Set;
import org.mlem.MlemUserException;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.em.Restarts;

/**
 * Configuration for fitting a hidden Markov model by Baum–Welch (EM; Baum et al., 1970; Rabiner,
 * 1989); immutable. {@link #fit} returns a {@link MixtureFit} holding the fitted
 * {@link HiddenMarkovModel}.
 *
 * <p>Steps whose state is known (the data's labels) are held to it in every start and E-step
 * (semi-supervised EM); the log-likelihood is then p(x, known states). Parameter groups in
 * {@code fixed} keep the starting model's values, bit for bit; fixing a group needs a
 * {@link HmmInit.Given} start. Convergence is the EM driver's: the mean per-step log-likelihood
 * changes by less than {@link EmOptions#tolerance()}.
 *
 * @param states K, at least 1
 * @param emission the emission family and its settings
 * @param em iterations, tolerance, restarts (best final log-likelihood kept; the first from {@code init},
 *     later ones screened from several draws, see {@link HmmInit.KMeans} and {@link Restarts}), threads
 * @param init where each start begins
 * @param fixed parameter groups held fixed (empty for none)
 * @param missingEm whether missing (NaN) cells are marginalised ({@link HmmMissing}: a Gaussian
 *     state's density of the observed cells and conditional moments in its M-step; a one-column
 *     emission's missing cell has density 1; a row with every cell missing stays in its sequence);
 *     when false a missing cell is an error
 */
public record HiddenMarkovEstimator(int states, EmissionSpec emission, EmOptions em, HmmInit init,
        Set<HmmParameter> fixed, boolean missingEm) {

    /**
     * Baum–Welch's defaults: every latent model's ({@link EmOptions#DEFAULTS}: run to the maximum by
     * Aitken's rule, SQUAREM, one start, all cores). On long sequences EM moves slowly; a rule on the
     * step alone (hmmlearn stops at 1e-2 on the total) stops it far from the optimum.
     */
    public static final EmOptions DEFAULT_EM = EmOptions.DEFAULTS;

    public HiddenMarkovEstimator {
        if (states < 1) {
            throw new MlemUserException("K = " + states + " states; an HMM needs at least 1");
        }
        if (emission == null || em == null || init == null || fixed == null) {
            throw new IllegalArgumentException("emission, em options, init and fixed are required");
        }
        fixed = Set.copyOf(fixed);
        if (!fixed.isEmpty() && !(init instanceof HmmInit.Given)) {
            throw new MlemUserException("holding " + fixed + " fixed needs a starting model that holds their values (--init FILE.json)");
        }
    }

    /** An estimator that rejects missing cells. */
    public HiddenMarkovEstimator(int states, EmissionSpec emission, EmOptions em, HmmInit init, Set<HmmParameter> fixed) {
        this(states, emission, em, init, fixed, false);
    }

    /** With {@code true}, missing cells are marginalised (the CLI's {@code --missing em}). */
    public HiddenMarkovEstimator withMissingEm(boolean m) {
        return new HiddenMarkovEstimator(states, emission, em, init, fixed, m);
    }

    /** K states with every other setting at its default: k-means start, {@link #DEFAULT_EM}, nothing fixed. */
    public static HiddenMarkovEstimator of(int states, EmissionSpec emission) {
        return new HiddenMarkovEstimator(states, emission, DEFAULT_EM, HmmInit.DEFAULT, Set.of());
    }

    public HiddenMarkovEstimator withEm(EmOptions o) {
        return new HiddenMarkovEstimator(states, emission, o, init, fixed, missingEm);
    }

    public HiddenMarkovEstimator withInit(HmmInit i) {
        return new HiddenMarkovEstimator(states, emission, em, i, fixed, missingEm);
    }

    public HiddenMarkovEstimator withFixed(Set<HmmParameter> f) {
        return new HiddenMarkovEstimator(states, emission, em, init, f, missingEm);
    }

    /** Fits without progress reports. */
    public MixtureFit<HiddenMarkovModel> fit(SequenceData data, long seed) {
        return fit(data, seed, EmListener.NONE);
    }

    /**
     * Fits the model to the sequences (their known states included). The same seed gives the
     * same bits for any thread count.
     *
     * @throws MlemUserException for data the emissions cannot take, an all-missing row, a known
     *     state outside 0..K-1, a start that does not match, and degenerate states
     */
    public MixtureFit<HiddenMarkovModel> fit(SequenceData data, long seed, EmListener listener) {
        boolean marginalise = missingEm && HmmMissing.any(data.matrix());
        EmissionSpec spec = validate(data, states, startingSpec(), marginalise);
        SequenceData startData = marginalise ? data.withMatrix(HmmMissing.filled(data.matrix(), spec)) : data;
        requireTransitions(data);
        HmmModel model = new HmmModel(spec, fixed, data);
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            Restarts.Outcome<HiddenMarkovModel> out = Restarts.best(em.restartsFor((long) data.matrix().rows() * data.matrix().cols(), !(init instanceof HmmInit.Given)), seed,
                    (seeds, draw) -> HmmStart.initial(this, spec, startData, seeds.split(), reducer, draw),
                    (start, iterations) -> EmDriver.run(model, data, start, em, reducer, iterations),
                    init instanceof HmmInit.Given ? null
                            : Restarts.screening(em.maxIterations(), (start, iterations) -> EmDriver.run(model, data, start, em.withMaxIterations(iterations), reducer, null)),
                    listener, m -> !HmmDegeneracy.of(m, data, spec instanceof GaussianSpec g ? g.regCovar() : 0).isEmpty());
            return out.toFit(data.rows(), data.totalWeight(), out.best().params().nParameters(fixed), seed);
        }
    }

    /**
     * Refuses sequences of one row each when the transitions are to be estimated: no step is
     * observed, so the transition matrix would be returned as it started, fitted by nothing.
     */
    private void requireTransitions(SequenceData data) {
        if (states > 1 && data.sequences() == data.rows() && !fixed.contains(HmmParameter.TRANSITIONS)) {
            throw new MlemUserException("every one of the " + data.sequences() + " sequences has a single row, so no "
                    + "transition is observed and the transition matrix cannot be estimated; give longer sequences "
                    + "(check the sequence column), or fit independent rows as a mixture (mlem fit gmm, fit mixture)");
        }
    }

    /** The emission spec, taking the number of categories from a given start when it is to be inferred. */
    private EmissionSpec startingSpec() {
        if (init instanceof HmmInit.Given given && emission instanceof CategoricalSpec c && c.categories() == 0
                && given.start().emissions() instanceof CategoricalEmission start) {
            return new CategoricalSpec(start.categories());
        }
        return emission;
    }

    /**
     * Checks that the sequences suit K states and the emissions: rows present, no all-missing row,
     * known states in 0..K-1, values the emissions can take. Returns the spec resolved on the data.
     */
    static EmissionSpec validate(SequenceData data, int k, EmissionSpec spec) {
        return validate(data, k, spec, false);
    }

    /**
     * As {@link #validate(SequenceData, int, EmissionSpec)}; with {@code marginalise}, rows with
     * every cell missing are kept (steps with density 1) and the spec is resolved on the rows with
     * missing cells filled ({@link HmmMissing#filled}).
     */
    static EmissionSpec validate(SequenceData data, int k, EmissionSpec spec, boolean marginalise) {
        if (data.rows() == 0) {
            throw new MlemUserException("no rows to fit; the data set is empty");
        }
        var x = data.matrix();
        for (int i = 0; i < x.rows(); i++) {
            boolean allMissing = true;
            for (int j = 0; j < x.cols() && allMissing; j++) {
                allMissing = Double.isNaN(x.get(i, j));
            }
            if (allMissing && !marginalise) {
                throw new MlemUserException("row " + (i + 1) + " has no observed value (every column is missing); an HMM "
                        + "needs an observation at every step: remove the row, or split the sequence there");
            }
            int z = x.label(i);
            if (z >= k) {
                throw new MlemUserException("row " + (i + 1) + " has known state " + z + ", outside the states 0.." + (k - 1)
                        + "; raise the number of states or fix the state");
            }
        }
        return spec.resolve(marginalise ? HmmMissing.filled(x, spec) : x);
    }
}
