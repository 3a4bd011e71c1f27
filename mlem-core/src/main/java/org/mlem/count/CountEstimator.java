package org.mlem.count;

import java.util.List;
import org.mlem.MlemUserException;

/**
 * Maximum likelihood for zero-inflated (pscl::zeroinfl), hurdle (pscl::hurdle, binomial logit
 * hurdle) and plain count regressions with a Poisson or negative binomial count part. Starts as
 * pscl's: the count coefficients from the plain Poisson fit, the zero part from the logit of
 * y = 0 (zero-inflated) or y &gt; 0 (hurdle), log(theta) = 0; then Newton-Raphson on the joint
 * log-likelihood to a zero gradient (pscl polishes with BFGS; the optimum is the same). With
 * {@link CountOptions#emStart()} Lambert's EM for the zero-inflated Poisson runs between the two.
 */
public record CountEstimator(CountModelKind kind, CountDistribution distribution, CountOptions options) {

    public CountEstimator {
        if (kind == null || distribution == null || options == null) {
            throw new IllegalArgumentException("kind, distribution and options are required");
        }
        if (options.emStart() && kind != CountModelKind.ZEROINFL) {
            throw new MlemUserException("--em applies to zero-inflated models (fit zeroinfl); a hurdle's two parts "
                    + "are fitted separately and need no EM: drop --em");
        }
    }

    /**
     * Fits the model to counts {@code y} with count-part design {@code x} (row-major, n rows) and
     * zero-part design {@code z} (ignored for {@link CountModelKind#PLAIN}; may be null then).
     * A count that is negative or not whole, or (with a zero part) no zero at all, is a
     * {@link MlemUserException} beginning "data row N: " (1-based).
     */
    public CountFit fit(double[] y, double[][] x, List<String> countTerms, double[][] z, List<String> zeroTerms) {
        return fit(y, x, countTerms, z, zeroTerms, null);
    }

    /**
     * As {@link #fit(double[], double[][], List, double[][], List)} with prior weights {@code w} (null:
     * all 1; each finite and &gt;= 0) in the likelihood, its gradient, the starts and Lambert's EM, so
     * whole weights fit as the rows repeated. The rows' log-likelihoods stay unweighted.
     */
    public CountFit fit(double[] y, double[][] x, List<String> countTerms, double[][] z, List<String> zeroTerms,
            double[] w) {
        checkCounts(y, w);
        double[][] zz = kind.hasZeroPart() ? z : new double[y.length][0];
        List<String> zNames = kind.hasZeroPart() ? zeroTerms : List.of();
        CountLikelihood f = new CountLikelihood(kind, distribution, y, x, zz, w);
        NewtonMaximiser.Result r = NewtonMaximiser.maximise(f, start(y, x, zz, w), options.maxIterations(),
                options.tolerance());
        double[] se = standardErrors(r.negativeHessian());
        int p = x[0].length;
        int q = zz[0].length;
        double[] par = r.parameters();
        boolean nb = distribution == CountDistribution.NEGBIN;
        double[] rows = new double[y.length];
        f.value(par, null, rows);
        return new CountFit(kind, distribution, countTerms, java.util.Arrays.copyOfRange(par, 0, p),
                java.util.Arrays.copyOfRange(se, 0, p), zNames, java.util.Arrays.copyOfRange(par, p, p + q),
                java.util.Arrays.copyOfRange(se, p, p + q), nb ? par[p + q] : Double.NaN, nb ? se[p + q] : Double.NaN,
                r.logLikelihood(), r.iterations(), r.converged(), rows);
    }

    private double[] start(double[] y, double[][] x, double[][] z, double[] w) {
        int p = x[0].length;
        int q = z[0].length;
        int k = p + q + (distribution == CountDistribution.NEGBIN ? 1 : 0);
        double[] start = new double[k];
        CountLikelihood poisson = new CountLikelihood(CountModelKind.PLAIN, CountDistribution.POISSON, y, x, null, w);
        double[] beta = NewtonMaximiser.maximise(poisson, new double[p], options.maxIterations(), options.tolerance())
                .parameters();
        System.arraycopy(beta, 0, start, 0, p);
        if (q > 0) {
            // the hurdle's zero part is the logit of y > 0, separate from its count part: its fit gives pscl's start
            CountLikelihood hurdle = new CountLikelihood(CountModelKind.HURDLE, CountDistribution.POISSON, y, x, z, w);
            double[] gamma = NewtonMaximiser.maximise(hurdle, concat(beta, new double[q]), options.maxIterations(),
                    options.tolerance()).parameters();
            for (int j = 0; j < q; j++) {
                start[p + j] = kind == CountModelKind.ZEROINFL ? -gamma[p + j] : gamma[p + j];
            }
        }
        if (options.emStart()) {
            // the zero-inflated Poisson's EM; for negbin its estimates start Newton with log(theta) = 0
            double[] em = LambertEm.run(y, x, z, w, java.util.Arrays.copyOf(start, p + q), CountOptions.EM_MAX_ITERATIONS,
                    CountOptions.EM_TOLERANCE).parameters();
            System.arraycopy(em, 0, start, 0, p + q);
        }
        return start;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double[] standardErrors(double[][] negativeHessian) {
        int k = negativeHessian.length;
        double[][] cov = NewtonMaximiser.inverse(negativeHessian);
        double[] se = new double[k];
        for (int j = 0; j < k; j++) {
            se[j] = cov == null || !(cov[j][j] >= 0) ? Double.NaN : Math.sqrt(cov[j][j]);
        }
        return se;
    }

    private void checkCounts(double[] y, double[] w) {
        boolean anyZero = false;
        for (int i = 0; i < y.length; i++) {
            if (w != null && !(w[i] >= 0 && w[i] < Double.POSITIVE_INFINITY)) {
                throw new MlemUserException("data row " + (i + 1) + ": the weight " + w[i] + " is not a finite number >= 0; "
                        + "fix the cell");
            }
            if (!(y[i] >= 0) || y[i] != Math.rint(y[i]) || Double.isInfinite(y[i])) {
                String shown = y[i] == Math.rint(y[i]) && Math.abs(y[i]) < 1e15 ? Long.toString((long) y[i]) : Double.toString(y[i]);
                throw new MlemUserException("data row " + (i + 1) + ": the count " + shown + " is not a whole number >= 0; "
                        + "a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " model needs counts 0, 1, 2, ...: fix the cell");
            }
            anyZero |= y[i] == 0 && (w == null || w[i] > 0);
        }
        if (kind.hasZeroPart() && !anyZero) {
            throw new MlemUserException("no count is 0, so there is no zero part to fit; fit the plain count model "
                    + "instead (mlem fit glm --family " + distribution.label() + ")");
        }
    }
}
