package org.mlem.model;

import org.mlem.data.DataMatrix;
import org.mlem.formula.Frame;

/** A model of a response given covariates that draws a response per row: {@code mlem sample MODEL FILE}. */
public interface ConditionalSampler extends FittedModel {
    /**
     * One response drawn per row of {@code covariates} (a column named as the response), with a
     * generator seeded by {@code seed}; labels hold each row's component where there is one.
     */
    DataMatrix sample(Frame covariates, long seed);

    /** The rows {@link #sample} reads: {@link #input()}'s, unless a draw needs more of them (a GLM's trials). */
    default RowInput sampleInput() {
        return input();
    }
}
