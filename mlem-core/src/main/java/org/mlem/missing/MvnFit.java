package org.mlem.missing;

import java.util.EnumSet;
import java.util.Set;

/**
 * A multivariate normal fitted by EM to rows with missing cells.
 *
 * @param parameters mean and maximum-likelihood covariance (divisor n)
 * @param logLikelihood the observed-data log-likelihood, {@code Σ w log N(x_O | μ_O, Σ_OO)}
 * @param trace log-likelihood after each iteration ({@code trace[0]} at the start)
 * @param iterations EM iterations
 * @param converged whether the mean log-likelihood changed by less than the tolerance
 * @param rows rows used
 * @param totalWeight sum of row weights (n for BIC)
 * @param missingCells cells that were missing
 * @param seconds wall time of the iterations
 * @param held the parameter groups held at their start values (not counted as parameters)
 */
public record MvnFit(MvnParameters parameters, double logLikelihood, double[] trace, int iterations, boolean converged,
        int rows, double totalWeight, long missingCells, double seconds, Set<MvnParameter> held) {

    public MvnFit {
        trace = trace.clone();
        held = held.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(held));
    }

    /** A fit that held nothing. */
    public MvnFit(MvnParameters parameters, double logLikelihood, double[] trace, int iterations, boolean converged,
            int rows, double totalWeight, long missingCells, double seconds) {
        this(parameters, logLikelihood, trace, iterations, converged, rows, totalWeight, missingCells, seconds, Set.of());
    }

    @Override
    public double[] trace() {
        return trace.clone();
    }

    /** {@code d + d(d+1)/2}: the mean and the covariance's free entries, less those of the {@link #held} groups. */
    public int nParameters() {
        int d = parameters.dimension();
        return (held.contains(MvnParameter.MEAN) ? 0 : d) + (held.contains(MvnParameter.COVARIANCE) ? 0 : d * (d + 1) / 2);
    }

    /** {@code −2 log L + 2p}: lower is better. */
    public double aic() {
        return -2 * logLikelihood + 2.0 * nParameters();
    }

    /** {@code −2 log L + p ln n}: lower is better. */
    public double bic() {
        return -2 * logLikelihood + nParameters() * Math.log(totalWeight);
    }
}
