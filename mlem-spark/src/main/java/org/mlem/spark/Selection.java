package org.mlem.spark;

import org.mlem.select.SelectionResult;

/**
 * What a selection on the cluster returns ({@link LatentMixture#selectFamilies}, {@link Regmix#select}):
 * the chosen model (fit, summary and model file as the stage's {@code fit} gives them) and every
 * candidate with its log-likelihood, parameter count, BIC, AIC, ICL, convergence and why it may not
 * be chosen (mlem-core's {@link SelectionResult}, the rows of the CLI's {@code select} table; lower
 * is better).
 *
 * @param best the candidate the criterion picks, or null when no candidate may be chosen
 * @param candidates every candidate, k ascending, then the variants in the order asked; each
 *     candidate's model is its components (their weights the mean responsibilities)
 * @param <B> the fitted Spark model
 * @param <M> a candidate's components
 */
public record Selection<B, M>(B best, SelectionResult<M> candidates) {}
