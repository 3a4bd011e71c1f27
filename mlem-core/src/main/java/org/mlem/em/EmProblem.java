package org.mlem.em;

import java.util.function.ToIntFunction;

/**
 * What a single-machine fit from a given start runs, handed to an EM loop whose blocks live
 * elsewhere (Spark's partitions, {@code LatentModelFitter}), so that loop gives the same answer:
 * the latent model built exactly as the estimator builds it (fixed groups, missing cells,
 * regularisation), the parameters EM starts from, and how the fit counts free parameters.
 *
 * @param model the latent model EM runs
 * @param filledStep null, or a model of which one EM iteration comes first, on the rows with every
 *     missing cell filled by its column's weighted mean of the observed cells (the Gaussian
 *     mixture's start when cells are marginalised)
 * @param start the parameters EM (or the filled step) starts from
 * @param nParameters the free parameters of a fitted model, as the estimator counts them for AIC and BIC
 * @param <M> the parameters
 */
public record EmProblem<M>(LatentModel<M, ?> model, LatentModel<M, ?> filledStep, M start,
        ToIntFunction<M> nParameters) {}
