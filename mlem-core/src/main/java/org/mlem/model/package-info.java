/**
 * One face for every fitted model, and the registry of model kinds.
 *
 * <p>{@link FittedModel} is what every fitted model offers; the capability faces say what else it
 * can do: {@link RowScores} (per-row log-density: {@code score}), {@link LatentClasses} (posterior
 * membership: {@code predict}), {@link ResponsePredictor} (a response predicted from covariates:
 * {@code predict}), {@link Sampler} and {@link ConditionalSampler} ({@code sample}) and
 * {@link SequenceModel} (hidden Markov models: {@code score} per sequence, {@code decode},
 * {@code sample} of sequences). {@link ModelKinds} maps a model file's {@code model} field to its
 * {@link ModelKind}: the codec that reads and writes it once, and the commands it serves.
 *
 * <p>Rows come as a {@link org.mlem.formula.Frame} of named columns, complete in the columns the
 * model reads ({@link RowInput} says which): a matrix model picks its named columns from it
 * ({@link Rows#matrix}), a formula model builds its design from it.
 */
package org.mlem.model;
