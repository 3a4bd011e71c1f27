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
        CountBlock rows = new CountBlock(kind, y, x, z, w);
        requireZero(rows.zeros());
        int p = x[0].length;
        int q = kind.hasZeroPart() ? z[0].length : 0;
        double[] start = start(rows, p, q);
        if (options.emStart()) {
            // the zero-inflated Poisson's EM; for negbin its estimates start Newton with log(theta) = 0
            double[] em = LambertEm.run(rows.y(), rows.x(), rows.z(), rows.weights(), java.util.Arrays.copyOf(start, p + q),
                    CountOptions.EM_MAX_ITERATIONS, CountOptions.EM_TOLERANCE).parameters();
            System.arraycopy(em, 0, start, 0, p + q);
        }
        NewtonMaximiser.Result r = NewtonMaximiser.maximise(new NewtonMaximiser.Objective(rows, kind, distribution), start,
                options.maxIterations(), options.tolerance(), true);
        return result(r, countTerms, zeroTerms, p, q, y.length,
                rows.rowLogLikelihoods(kind, distribution, r.parameters()));
    }

    /**
     * The same fit from rows seen only through their sums ({@link CountRows}; mlem-spark's
     * partitions): the same starts, Newton steps and stopping rule, so the estimates agree with
     * {@link #fit} on the same rows to the rounding of the sums. The rows' counts and weights must
     * have been checked ({@link CountBlock} does) and {@code zeros}, the zero counts with a
     * positive weight, counted over all of them. Without Lambert's EM: {@code --em} is refused.
     * The fit's {@link CountFit#rowLogLikelihoods()} is empty (the rows stay where they are).
     *
     * @param rows the rows' sums
     * @param n the number of rows
     * @param zeros zero counts with a positive weight
     */
    public CountFit fit(CountRows rows, int n, int zeros, List<String> countTerms, List<String> zeroTerms) {
        if (options.emStart()) {
            throw new MlemUserException("Lambert's EM start (--em) needs the rows in one place; drop it (Newton from "
                    + "pscl's default start reaches the same maximum)");
        }
        requireZero(zeros);
        int p = countTerms.size();
        int q = kind.hasZeroPart() ? zeroTerms.size() : 0;
        NewtonMaximiser.Result r = NewtonMaximiser.maximise(new NewtonMaximiser.Objective(rows, kind, distribution),
                start(rows, p, q), options.maxIterations(), options.tolerance(), true);
        return result(r, countTerms, zeroTerms, p, q, n, new double[0]);
    }

    private CountFit result(NewtonMaximiser.Result r, List<String> countTerms, List<String> zeroTerms, int p, int q, int n,
            double[] rowLogLikelihoods) {
        double[] se = standardErrors(r.negativeHessian());
        double[] par = r.parameters();
        boolean nb = distribution == CountDistribution.NEGBIN;
        return new CountFit(kind, distribution, countTerms, java.util.Arrays.copyOfRange(par, 0, p),
                java.util.Arrays.copyOfRange(se, 0, p), kind.hasZeroPart() ? zeroTerms : List.of(),
                java.util.Arrays.copyOfRange(par, p, p + q), java.util.Arrays.copyOfRange(se, p, p + q),
                nb ? par[p + q] : Double.NaN, nb ? se[p + q] : Double.NaN, r.logLikelihood(), r.iterations(), r.converged(),
                n, rowLogLikelihoods);
    }

    /** pscl's start: the count part from the plain Poisson fit, the zero part from the logit of y = 0 or y &gt; 0, log(theta) = 0. */
    private double[] start(CountRows rows, int p, int q) {
        int k = p + q + (distribution == CountDistribution.NEGBIN ? 1 : 0);
        double[] start = new double[k];
        double[] beta = NewtonMaximiser.maximise(new NewtonMaximiser.Objective(rows, CountModelKind.PLAIN,
                CountDistribution.POISSON), new double[p], options.maxIterations(), options.tolerance(), false).parameters();
        System.arraycopy(beta, 0, start, 0, p);
        if (q > 0) {
            // the hurdle's zero part is the logit of y > 0, separate from its count part: its fit gives pscl's start
            double[] gamma = NewtonMaximiser.maximise(new NewtonMaximiser.Objective(rows, CountModelKind.HURDLE,
                    CountDistribution.POISSON), concat(beta, new double[q]), options.maxIterations(), options.tolerance(), false)
                    .parameters();
            for (int j = 0; j < q; j++) {
                start[p + j] = kind == CountModelKind.ZEROINFL ? -gamma[p + j] : gamma[p + j];
            }
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

    private void requireZero(int zeros) {
        if (kind.hasZeroPart() && zeros == 0) {
            throw new MlemUserException("no count is 0, so there is no zero part to fit; fit the plain count model "
                    + "instead (mlem fit glm --family " + distribution.label() + ")");
        }
    }
}
