package org.mlem.nls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.expr.Formula;

/**
 * Nonlinear least squares, R's {@code nls(formula, data, start)}: the maximum-likelihood fit of
 * y = f(x; θ) + ε with independent normal errors. The right-hand side is an expression of columns
 * and the parameters named in {@code start}; the exact Jacobian comes from symbolic derivatives.
 *
 * @param formula {@code response ~ model}, e.g. {@code y ~ b1*(1-exp(-b2*x))}
 * @param start starting value of every parameter, by name; iteration order is the parameter order
 * @param options Levenberg–Marquardt settings
 */
public record NlsEstimator(Formula formula, Map<String, Double> start, NlsOptions options) {
    private static final double SINGULAR_RATIO = 1e-13;

    public NlsEstimator {
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(options, "options");
        if (start == null || start.isEmpty()) {
            throw new MlemUserException("nls: give a starting value for every parameter, e.g. "
                    + "--start b1=500,b2=1e-4");
        }
        start.forEach((name, value) -> {
            if (value == null || !Double.isFinite(value)) {
                throw new MlemUserException("nls: starting value of '" + name + "' is " + value
                        + "; it must be a finite number");
            }
        });
        start = Collections.unmodifiableMap(new LinkedHashMap<>(start));
    }

    /** Parses the formula; default options. */
    public static NlsEstimator of(String formula, Map<String, Double> start) {
        return new NlsEstimator(Formula.parse(formula), start, NlsOptions.DEFAULTS);
    }

    /** These settings with other options. */
    public NlsEstimator withOptions(NlsOptions value) {
        return new NlsEstimator(formula, start, value);
    }

    /** Fits to a table; its weights, when present, give weighted least squares (R's weights=). */
    public NlsFit fit(DataMatrix data) {
        Map<String, double[]> columns = new HashMap<>();
        List<String> names = data.columns();
        for (int j = 0; j < names.size(); j++) {
            double[] col = new double[data.rows()];
            for (int i = 0; i < col.length; i++) {
                col[i] = data.get(i, j);
            }
            columns.put(names.get(j), col);
        }
        return fit(columns, data.hasWeights() ? data.weights() : null);
    }

    /**
     * Fits to named columns of equal length.
     *
     * @param weights case weights (R's {@code weights=}), or null for none
     */
    public NlsFit fit(Map<String, double[]> columns, double[] weights) {
        return fit(columns, weights, Boolean.getBoolean(NlsProblem.REFERENCE_PROPERTY));
    }

    /**
     * Fits on the fast path (the model and its derivatives as fused loops over blocks of rows, a
     * blocked QR on both cores, no n×p matrix) or, with {@code reference}, the plain one (column
     * arrays evaluated node by node, the n×p Jacobian and its Householder QR at every step).
     */
    NlsFit fit(Map<String, double[]> columns, double[] weights, boolean reference) {
        List<String> names = new ArrayList<>(start.keySet());
        NlsProblem problem = new NlsProblem(formula, names, columns, weights, reference);
        int n = problem.observations();
        int p = names.size();
        if (n <= p) {
            throw new MlemUserException("nls: " + n + " observations cannot determine " + p
                    + " parameters with residual degrees of freedom; give more rows");
        }
        double[] theta0 = names.stream().mapToDouble(start::get).toArray();
        LevenbergMarquardt.Result run = new LevenbergMarquardt(problem, options).minimize(theta0);
        double[] theta = run.theta();
        double rss = run.at().cost();
        double[][] cov = covariance(run.at().qr(), p, rss / (n - p));
        String message = run.reason();
        if (Double.isNaN(cov[0][0])) {
            message += "; singular gradient at the estimate, standard errors unavailable";
        }
        double[] fitted = problem.fitted(theta);
        double[] response = problem.response();
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            raw[i] = response[i] - fitted[i];
        }
        return new NlsFit(names, theta, cov, rss, n, logLikelihood(problem.sqrtWeights(), rss),
                run.iterations(), run.converged(), message, run.relativeOffset(), fitted, raw);
    }

    private static double[][] covariance(HouseholderQr qr, int p, double s2) {
        double[][] cov = new double[p][p];
        if (!(qr.diagonalRatio() > SINGULAR_RATIO)) {
            for (double[] row : cov) {
                Arrays.fill(row, Double.NaN);
            }
            return cov;
        }
        double[][] inv = qr.inverseCrossProduct();
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                cov[i][j] = s2 * inv[i][j];
            }
        }
        return cov;
    }

    /** R's logLik.nls: −N/2 (log 2π + 1 − log N + log RSS) + ½ Σ log wᵢ over rows with wᵢ > 0. */
    private static double logLikelihood(double[] sqrtWeights, double rss) {
        int positive = 0;
        double sumLogW = 0;
        for (double s : sqrtWeights) {
            if (s > 0) {
                positive++;
                sumLogW += 2 * Math.log(s);
            }
        }
        return -0.5 * positive * (Math.log(2 * Math.PI) + 1 - Math.log(positive) + Math.log(rss))
                + 0.5 * sumLogW;
    }
}
