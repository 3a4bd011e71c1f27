package org.mlem.model;

import org.mlem.formula.Frame;

/** A model with a per-row log-density: {@code mlem score}. */
public interface RowScores extends FittedModel {
    /**
     * log p(row) for every row (natural log; for a model with a response, log p(y | x)); their
     * sum over the fitting rows is the fit's log-likelihood (unweighted fits).
     */
    double[] logDensities(Frame rows);

    /** The sum of {@link #logDensities}. */
    default double logLikelihood(Frame rows) {
        double total = 0;
        for (double v : logDensities(rows)) {
            total += v;
        }
        return total;
    }
}
