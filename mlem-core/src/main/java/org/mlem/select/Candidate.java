package org.mlem.select;

import java.util.List;
import org.mlem.em.DegenerateComponent;

/**
 * One row of a model-selection table: k components in one variant. Criteria follow mlem's
 * convention, <b>lower is better</b> (mclust's BIC and ICL are the negatives of these).
 *
 * @param k components
 * @param variant the variant's name (for Gaussian mixtures the covariance structure: full, tied,
 *     diag, spherical; E or V in one dimension)
 * @param seed the seed this candidate was fit with ({@link Seeds#derive}(master, k, variant's hash))
 * @param logLikelihood maximised total log-likelihood (NaN when failed)
 * @param nParameters free parameters p (for a Gaussian mixture scikit-learn's and mclust's count; 0 when failed)
 * @param bic {@code −2 log L + p ln n}, n the total weight
 * @param aic {@code −2 log L + 2p}
 * @param icl {@code BIC − 2 Σ_i w_i log τ_{i,ẑ_i}}, ẑ_i the most probable component of row i
 *     (Biernacki, Celeux and Govaert 2000, as mclust computes it): BIC plus twice the entropy of
 *     the hard classification, so it penalises overlapping components
 * @param converged whether the best start converged
 * @param iterations iterations of the best start
 * @param model the fitted model, null when failed
 * @param failure why the fit failed (the user-facing message), null when it succeeded
 * @param degenerateComponents the fitted model's components the data do not support (empty when
 *     none, or when failed)
 * @param excluded why this fitted candidate may not be picked (degenerate components, at least as
 *     many parameters as rows), null when it may; failed candidates are never picked either
 * @param stopped why this candidate was not run to the full tolerance, null when it was:
 *     {@link #RANK_STOPPED} when {@link ModelSelection}'s first pass showed it could not be picked
 *     (its criteria are then those where that pass stopped)
 * @param optimisticLogLikelihood for a stopped candidate, the bound its log-likelihood was judged by
 *     (where it stopped plus a generous estimate of the gain still to come); NaN otherwise
 */
public record Candidate<M>(int k, String variant, long seed, double logLikelihood, int nParameters, double bic,
        double aic, double icl, boolean converged, int iterations, M model, String failure,
        List<DegenerateComponent> degenerateComponents, String excluded, String stopped, double optimisticLogLikelihood) {

    /** {@link #stopped()} of a candidate left where the first, looser pass stopped it: it could not be picked. */
    public static final String RANK_STOPPED = "rank";

    public Candidate {
        degenerateComponents = List.copyOf(degenerateComponents);
    }

    /** A candidate run to the full tolerance. */
    public Candidate(int k, String variant, long seed, double logLikelihood, int nParameters, double bic, double aic,
            double icl, boolean converged, int iterations, M model, String failure,
            List<DegenerateComponent> degenerateComponents, String excluded) {
        this(k, variant, seed, logLikelihood, nParameters, bic, aic, icl, converged, iterations, model, failure,
                degenerateComponents, excluded, null, Double.NaN);
    }

    /** This first-pass candidate (its {@link #optimisticLogLikelihood} set), marked as stopped there. */
    Candidate<M> rankStopped() {
        return new Candidate<>(k, variant, seed, logLikelihood, nParameters, bic, aic, icl, converged, iterations, model,
                failure, degenerateComponents, excluded, RANK_STOPPED, optimisticLogLikelihood);
    }

    /** Whether this candidate was left where the first pass stopped ({@link #stopped()} is not null). */
    public boolean stoppedEarly() {
        return stopped != null;
    }

    /** A candidate whose fit failed with {@code message}. */
    static <M> Candidate<M> failed(int k, String variant, long seed, String message) {
        return new Candidate<>(k, variant, seed, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, false, 0, null,
                message, List.of(), null);
    }

    /** Whether the fit failed (then the criteria are NaN and {@link #model()} is null). */
    public boolean failed() {
        return failure != null;
    }

    /** Whether the fitted model has a component the data do not support. */
    public boolean degenerate() {
        return !degenerateComponents.isEmpty();
    }

    /** Whether this candidate may be picked as best: fitted, and not {@link #excluded()}. */
    public boolean eligible() {
        return !failed() && excluded == null;
    }
}
