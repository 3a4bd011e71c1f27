package org.mlem.hmm;

import java.util.Set;
import org.mlem.data.Block;
import org.mlem.em.LatentModel;
import org.mlem.em.ParameterVector;

/**
 * The hidden Markov model as a {@link LatentModel} (Baum–Welch): the E-step runs scaled
 * forward–backward on each whole sequence of a block and accumulates the expected start and
 * transition counts and the posterior-weighted emission statistics; the M-step is the weighted
 * MLE — normalised counts, and the emission family's own M-step. Parameter groups in
 * {@code fixed} are copied from the E-step's parameters unchanged.
 */
public final class HmmModel implements LatentModel<HiddenMarkovModel, HmmStats> {
    private final EmissionSpec spec;
    private final Set<HmmParameter> fixed;
    private final SequenceData data;

    /**
     * @param spec the emissions' spec, resolved against the data ({@link EmissionSpec#resolve})
     * @param fixed parameter groups held at their current values
     * @param data the sequences whose blocks the E-step will see (for the sequence boundaries)
     */
    public HmmModel(EmissionSpec spec, Set<HmmParameter> fixed, SequenceData data) {
        this.spec = spec;
        this.fixed = Set.copyOf(fixed);
        this.data = data;
    }

    @Override
    public HmmStats emptyStats(HiddenMarkovModel params) {
        return new HmmStats(params, fixed.contains(HmmParameter.EMISSIONS) ? null : params.emissions().emptyStats(spec));
    }

    @Override
    public double accumulate(HiddenMarkovModel params, Block rows, HmmStats into) {
        double[] gamma = new double[rows.rows() * params.states()];
        double ll = SequencePass.posteriors(params, data, rows, gamma, into.start, into.transitions, true);
        if (into.emission != null) {
            into.emission.accumulate(rows, gamma);
        }
        return ll;
    }

    /**
     * The start probabilities, transition matrix and emission parameters as one vector, for
     * SQUAREM; null (plain EM) when a group is fixed, so that fixed groups keep their bits.
     */
    @Override
    public ParameterVector<HiddenMarkovModel> parameterVector() {
        if (!fixed.isEmpty()) {
            return null;
        }
        return new ParameterVector<>() {
            @Override
            public double[] toVector(HiddenMarkovModel m) {
                int k = m.states();
                double[] e = m.emissions().toVector();
                double[] v = new double[k + k * k + e.length];
                System.arraycopy(m.start(), 0, v, 0, k);
                System.arraycopy(m.transitions(), 0, v, k, k * k);
                System.arraycopy(e, 0, v, k + k * k, e.length);
                return v;
            }

            @Override
            public HiddenMarkovModel fromVector(double[] v, HiddenMarkovModel like) {
                int k = like.states();
                double[] start = java.util.Arrays.copyOf(v, k);
                double[] trans = java.util.Arrays.copyOfRange(v, k, k + k * k);
                if (!normalise(start, 0, k)) {
                    return null;
                }
                for (int i = 0; i < k; i++) {
                    if (!normalise(trans, i * k, k)) {
                        return null;
                    }
                }
                Emission e = like.emissions().fromVector(java.util.Arrays.copyOfRange(v, k + k * k, v.length));
                return e == null ? null : new HiddenMarkovModel(start, trans, e);
            }
        };
    }

    /** Scales {@code p[off..off+n)} to sum to 1; false when an entry is negative or NaN. */
    private static boolean normalise(double[] p, int off, int n) {
        double total = 0;
        for (int i = off; i < off + n; i++) {
            if (!(p[i] >= 0)) {
                return false;
            }
            total += p[i];
        }
        for (int i = off; i < off + n; i++) {
            p[i] /= total;
        }
        return true;
    }

    @Override
    public HiddenMarkovModel maximize(HmmStats s) {
        HiddenMarkovModel current = s.current;
        int k = current.states();
        double[] start = current.start();
        if (!fixed.contains(HmmParameter.START)) {
            start = s.start.clone();
            double total = Sums.sum(start, 0, k);
            for (int j = 0; j < k; j++) {
                start[j] /= total;
            }
        }
        double[] trans = current.transitions();
        if (!fixed.contains(HmmParameter.TRANSITIONS)) {
            trans = new double[k * k];
            for (int i = 0; i < k; i++) {
                double total = Sums.sum(s.transitions, i * k, (i + 1) * k);
                for (int j = 0; j < k; j++) {
                    // A state never left (only ever last) keeps its row: it does not enter the likelihood.
                    trans[i * k + j] = total > 0 ? s.transitions[i * k + j] / total : current.transitions()[i * k + j];
                }
            }
        }
        Emission emission = s.emission == null ? current.emissions() : s.emission.maximize();
        return new HiddenMarkovModel(start, trans, emission);
    }
}
