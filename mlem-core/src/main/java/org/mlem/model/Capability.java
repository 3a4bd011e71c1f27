package org.mlem.model;

import java.util.EnumSet;
import java.util.Set;

/** The commands a model file can be given to, each by the faces that serve it. */
public enum Capability {
    /** Latent-class posteriors ({@link LatentClasses}) or a response's prediction ({@link ResponsePredictor}). */
    PREDICT("predict"),
    /** Per-row ({@link RowScores}) or per-sequence ({@link SequenceModel}) log-likelihoods. */
    SCORE("score"),
    /** Rows drawn ({@link Sampler}), responses drawn given covariates ({@link ConditionalSampler}) or sequences. */
    SAMPLE("sample"),
    /** An HMM's Viterbi path and state posteriors ({@link SequenceModel}). */
    DECODE("decode");

    private final String command;

    Capability(String command) {
        this.command = command;
    }

    /** The {@code mlem} command. */
    public String command() {
        return command;
    }

    /** Whether a model of this type serves this command. */
    public boolean servedBy(Class<? extends FittedModel> type) {
        return switch (this) {
            case PREDICT -> LatentClasses.class.isAssignableFrom(type) || ResponsePredictor.class.isAssignableFrom(type);
            case SCORE -> RowScores.class.isAssignableFrom(type) || SequenceModel.class.isAssignableFrom(type);
            case SAMPLE -> Sampler.class.isAssignableFrom(type) || ConditionalSampler.class.isAssignableFrom(type)
                    || SequenceModel.class.isAssignableFrom(type);
            case DECODE -> SequenceModel.class.isAssignableFrom(type);
        };
    }

    /** The commands a model of this type serves, in declaration order. */
    public static Set<Capability> of(Class<? extends FittedModel> type) {
        Set<Capability> out = EnumSet.noneOf(Capability.class);
        for (Capability c : values()) {
            if (c.servedBy(type)) {
                out.add(c);
            }
        }
        return out;
    }
}
