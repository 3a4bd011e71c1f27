package org.mlem.model;

import java.util.List;

/**
 * What every fitted model offers, whatever its kind: the kind (the model file's {@code model}
 * field), the free parameters counted for AIC and BIC, their names where they are natural, the
 * rows it reads and a summary. What else it can do is said by the capability faces it implements
 * ({@link RowScores}, {@link LatentClasses}, {@link ResponsePredictor}, {@link Sampler},
 * {@link ConditionalSampler}, {@link SequenceModel}); {@link Capability#of} lists them.
 */
public interface FittedModel {
    /** The model file's {@code model} field: {@code gmm}, {@code glm}, ... */
    String kind();

    /** Free parameters, as the fit counted them for AIC and BIC. */
    int nParameters();

    /** The names of the parameters where they are natural (a GLM's terms), else empty. */
    default List<String> parameterNames() {
        return List.of();
    }

    /** The columns this model reads, and how. */
    RowInput input();

    /**
     * Why this model cannot serve {@code command} when it says more than its faces do (a Turnbull
     * estimate has no density to score), or null.
     */
    default String refusal(Capability command) {
        return null;
    }

    /** A short text of the parameters. */
    default String summary() {
        return toString();
    }
}
