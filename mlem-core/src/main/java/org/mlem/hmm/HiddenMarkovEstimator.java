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
        return fit(data, null, seed, listener);
    }

    /**
     * E-steps over sequences held outside this JVM (Spark's partitions), for
     * {@link #fit(SequenceData, Remote, long, EmListener)}.
     */
    @FunctionalInterface
    public interface RemoteSteps {
        /**
         * The E-step of an {@link HmmModel} with emissions {@code spec} (resolved) and {@code fixed}
         * groups held, over every sequence; statistics merged in the order {@link BlockReducer} merges
         * the same sequences' blocks, so that the fit is the single-machine fit's bits.
         */
        EmDriver.EStep<HiddenMarkovModel, HmmStats> eStep(EmissionSpec spec, Set<HmmParameter> fixed);
    }

    /**
     * Sequences held outside this JVM: their E-steps and their size.
     *
     * @param rows steps in all the sequences
     * @param sequences number of sequences
     * @param totalWeight rows counted with their sequence's weight
     */
    public record Remote(RemoteSteps steps, int rows, int sequences, double totalWeight) {}

    /**
     * As {@link #fit(SequenceData, long, EmListener)}, with each start's EM run taking its E-steps
     * from {@code remote} when it is not null: the starts are drawn, their candidates screened (the
     * short runs of {@link Restarts#screening}), and the fits judged for degeneracy on
     * {@code sample} (every sequence, or whole sequences drawn from them), in this JVM; each start's
     * EM then runs over all the sequences.
     * With every sequence as the sample, in the remote E-step's order, the fit is the same bits as
     * {@link #fit(SequenceData, long, EmListener)} on them. Missing cells are not marginalised
     * remotely.
     */
    public MixtureFit<HiddenMarkovModel> fit(SequenceData sample, Remote remote, long seed, EmListener listener) {
        boolean marginalise = missingEm && HmmMissing.any(sample.matrix());
        if (remote != null && missingEm) {
            throw new IllegalArgumentException("missing cells are not marginalised over remote sequences");
        }
        EmissionSpec spec = validate(sample, states, startingSpec(), marginalise);
        SequenceData startData = marginalise ? sample.withMatrix(HmmMissing.filled(sample.matrix(), spec)) : sample;
        int rows = remote == null ? sample.rows() : remote.rows();
        double totalWeight = remote == null ? sample.totalWeight() : remote.totalWeight();
        requireTransitions(remote == null ? sample.sequences() : remote.sequences(), rows);
        HmmModel model = new HmmModel(spec, fixed, sample);
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            EmDriver.EStep<HiddenMarkovModel, HmmStats> eStep = remote == null ? null : remote.steps().eStep(spec, fixed);
            // candidates are screened on the sample, here: with every sequence there, the same bits
            Restarts.ShortRunner<HiddenMarkovModel> screen = (start, iterations) ->
                    EmDriver.run(model, sample, start, em.withMaxIterations(iterations), reducer, null);
            Restarts.Outcome<HiddenMarkovModel> out = Restarts.best(em.restartsFor((long) rows * sample.cols(), !(init instanceof HmmInit.Given)), seed,
                    (seeds, draw) -> HmmStart.initial(this, spec, startData, seeds.split(), reducer, draw),
                    (start, iterations) -> eStep == null ? EmDriver.run(model, sample, start, em, reducer, iterations)
                            : EmDriver.run(model, eStep, totalWeight, start, em, iterations),
                    init instanceof HmmInit.Given ? null : Restarts.screening(em.maxIterations(), screen),
                    listener, m -> !HmmDegeneracy.of(m, sample, spec instanceof GaussianSpec g ? g.regCovar() : 0).isEmpty());
            return out.toFit(rows, totalWeight, out.best().params().nParameters(fixed), seed);
        }
    }

    /**
     * Refuses sequences of one row each when the transitions are to be estimated: no step is
     * observed, so the transition matrix would be returned as it started, fitted by nothing.
     */
    private void requireTransitions(int sequences, int rows) {
        if (states > 1 && sequences == rows && !fixed.contains(HmmParameter.TRANSITIONS)) {
            throw new MlemUserException("every one of the " + sequences + " sequences has a single row, so no "
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
