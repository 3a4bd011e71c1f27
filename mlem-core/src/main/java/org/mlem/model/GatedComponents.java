package org.mlem.model;

import org.mlem.data.DataMatrix;
import org.mlem.formula.Frame;

/**
 * A mixture whose weights a concomitant gating can replace row by row ({@link FittedConcomitant}):
 * the components' densities without the weights, and draws whose components follow given
 * per-row probabilities. Gaussian mixtures, mixtures of families and regression mixtures.
 */
interface GatedComponents extends LatentClasses, RowScores {
    /** {@code log f_j(row_i)} of complete rows, n × k row-major, the mixture's weights left out. */
    double[] componentLogDensities(Frame rows);

    /**
     * One row drawn per row of {@code rows} with a generator seeded by {@code seed}: row i's
     * component with the probabilities {@code priors[i*k .. i*k+k)}, then its values (a regression
     * mixture's response given the row's covariates); the components are the labels.
     */
    DataMatrix sample(Frame rows, double[] priors, long seed);
}
