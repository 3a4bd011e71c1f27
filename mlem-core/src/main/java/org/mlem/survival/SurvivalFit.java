package org.mlem.survival;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parametric survival regression fit, as {@code survival::survreg} reports it.
 *
 * @param distribution the distribution
 * @param names the coefficient names (the design's columns)
 * @param coefficients β, on the scale of log T (or T for the untransformed distributions)
 * @param scale σ (1 for the exponential)
 * @param covariance the inverse observed information in (β, log σ) (β only for the exponential),
 *     survreg's {@code vcov}
 * @param logLikelihood ℓ at the estimate, on the scale of T (the log-transformed distributions'
 *     Jacobian −Σ log t over the exact rows included, as survreg's {@code loglik})
 * @param rows rows used
 * @param censoring rows by {@link CensoredSample.Kind}
 * @param iterations Newton iterations
 * @param converged whether the relative change of ℓ fell below 1e-13 with a full step
 */
public record SurvivalFit(AftDistribution distribution, List<String> names, double[] coefficients, double scale,
                          double[][] covariance, double logLikelihood, int rows, int[] censoring, int iterations,
                          boolean converged) {

    public SurvivalFit {
        names = List.copyOf(names);
        coefficients = coefficients.clone();
        covariance = copy(covariance);
        censoring = censoring.clone();
    }

    /** The name survreg gives log σ's row of the covariance. */
    public static final String LOG_SCALE = "Log(scale)";

    /** Coefficient name → estimate. */
    public Map<String, Double> coefficientMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int j = 0; j < names.size(); j++) {
            m.put(names.get(j), coefficients[j]);
        }
        return m;
    }

    /** Name → standard error: the coefficients, then {@value #LOG_SCALE} unless σ is fixed. */
    public Map<String, Double> standardErrors() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int j = 0; j < covariance.length; j++) {
            m.put(j < names.size() ? names.get(j) : LOG_SCALE, Math.sqrt(covariance[j][j]));
        }
        return m;
    }

    /** Free parameters: the coefficients and, unless fixed, log σ. */
    public int nParameters() {
        return covariance.length;
    }

    /** −2ℓ + 2p. */
    public double aic() {
        return -2 * logLikelihood + 2 * nParameters();
    }

    /** −2ℓ + p log n. */
    public double bic() {
        return -2 * logLikelihood + nParameters() * Math.log(rows);
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public double[][] covariance() {
        return copy(covariance);
    }

    @Override
    public int[] censoring() {
        return censoring.clone();
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }
}
