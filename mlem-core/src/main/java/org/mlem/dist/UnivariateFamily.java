package org.mlem.dist;

import java.util.List;
import java.util.random.RandomGenerator;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.mlem.MlemUserException;

/**
 * A parametric family of univariate distributions with its weighted maximum-likelihood fit.
 *
 * <p>Parameters are an ordered array whose names ({@link #parameterNames()}) and meaning follow
 * R's {@code d*} functions; each subclass's Javadoc states the parameterisation and the estimator.
 * {@link #fitWeighted(double[], double[])} maximises {@code Σ w_i log f(x_i; θ)} for arbitrary
 * non-negative real weights, so it is the M-step of a mixture or hidden Markov model of the
 * family. Standard errors come from the inverse of the observed Fisher information (the negative
 * Hessian of that weighted log-likelihood) at the estimate, unless a family states otherwise.
 */
public abstract sealed class UnivariateFamily implements java.io.Serializable
        permits NormalFamily, LogNormalFamily, ExponentialFamily, GammaFamily, WeibullFamily, BetaFamily,
                StudentTFamily, LaplaceFamily, LogisticFamily, PoissonFamily, NegativeBinomialFamily,
                GeometricFamily, BinomialFamily, CategoricalFamily {

    /** Where a family's values lie: the test of one value, its formula for messages, and whether it counts. */
    enum Support {
        REAL("all finite x", false),
        POSITIVE("x > 0", false),
        NON_NEGATIVE("x >= 0", false),
        OPEN_UNIT("0 < x < 1", false),
        COUNT("x = 0, 1, 2, ...", true);

        final String description;
        final boolean discrete;

        Support(String description, boolean discrete) {
            this.description = description;
            this.discrete = discrete;
        }

        boolean contains(double x) {
            return switch (this) {
                case REAL -> Double.isFinite(x);
                case POSITIVE -> x > 0 && x < Double.POSITIVE_INFINITY;
                case NON_NEGATIVE -> x >= 0 && x < Double.POSITIVE_INFINITY;
                case OPEN_UNIT -> x > 0 && x < 1;
                case COUNT -> isCount(x);
            };
        }
    }

    private final String name;
    private final Support support;
    private final List<String> parameterNames;

    UnivariateFamily(String name, Support support, String... parameterNames) {
        this.name = name;
        this.support = support;
        this.parameterNames = List.of(parameterNames);
    }

    /** The family's name as the command line spells it, e.g. {@code gamma}. */
    public String name() {
        return name;
    }

    /** The parameter names in order, R's names (e.g. {@code shape, rate}). */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** True for families of counts or categories (mass functions), false for densities. */
    public boolean isDiscrete() {
        return support.discrete;
    }

    /** The support as a short formula, e.g. {@code x > 0}, used in error messages. */
    public String supportDescription() {
        return support.description;
    }

    /** The distribution with these parameters, in {@link #parameterNames()} order. */
    public Distribution of(double... parameters) {
        double[] theta = parameters.clone();
        checkParameters(theta);
        return new Distribution(this, theta);
    }

    /** The unweighted MLE: {@code fitWeighted(x, null)}. */
    public FittedDistribution fit(double[] x) {
        return fitWeighted(x, null);
    }

    /**
     * The weighted maximum-likelihood fit.
     *
     * @param x the values, finite and inside the support
     * @param w non-negative finite weights of the same length (need not be integers), or null for all ones
     * @throws MlemUserException when a value is outside the support (naming its 1-based row), a
     *     weight is negative, the weights sum to zero, or the data admit no finite MLE in this family
     */
    public FittedDistribution fitWeighted(double[] x, double[] w) {
        return fitWeighted(x, w, true);
    }

    /**
     * The weighted maximum-likelihood fit, with the Kolmogorov–Smirnov statistic (which sorts the
     * data) only when {@code ksStatistic} is true; otherwise, and for discrete families, it is NaN.
     * An M-step, which needs only the estimates, passes false.
     *
     * @throws MlemUserException as {@link #fitWeighted(double[], double[])}
     */
    public FittedDistribution fitWeighted(double[] x, double[] w, boolean ksStatistic) {
        Sample s = Sample.of(x, w, name());
        checkSupport(x);
        Sample fitted = fittedSample(s);
        double[] theta = estimate(fitted);
        Distribution d = new Distribution(this, theta);
        double[][] cov = covariance(theta, fitted);
        return new FittedDistribution(d, logLikelihood(theta, fitted), s.totalWeight, freeParameters(theta), cov,
                isDiscrete() || !ksStatistic ? Double.NaN : KolmogorovSmirnov.statistic(d, s));
    }

    /**
     * The weighted maximum-likelihood estimate alone: {@link #fitWeighted(double[], double[], boolean)}'s
     * distribution, bit for bit, without the log-likelihood, the covariance and the KS statistic,
     * each a further pass over the data that an M-step does not use.
     *
     * @throws MlemUserException as {@link #fitWeighted(double[], double[])}
     */
    public Distribution estimateWeighted(double[] x, double[] w) {
        Sample s = Sample.of(x, w, name());
        checkSupport(x);
        return new Distribution(this, estimate(fittedSample(s)));
    }

    /** The sample the estimate runs on: grouped by value where the family groups ({@link #groupsEqualValues}). */
    private Sample fittedSample(Sample s) {
        return groupsEqualValues() ? s.grouped() : s;
    }

    /**
     * Whether the fit should run on the distinct values with their summed weights ({@link
     * Sample#grouped}): true for a count family whose estimate iterates over the data.
     */
    boolean groupsEqualValues() {
        return false;
    }

    /**
     * Throws a {@link MlemUserException} naming the first row (1-based) whose value lies outside the
     * support.
     */
    public void checkSupport(double[] x) {
        for (int i = 0; i < x.length; i++) {
            String fault = supportFault(x[i]);
            if (fault != null) {
                throw new MlemUserException("row " + (i + 1) + ": " + fault);
            }
        }
    }

    /**
     * Null when {@code x} lies in the support, else what {@link #checkSupport} says after "row N: ":
     * the value, the family's support and the fix.
     */
    public String supportFault(double x) {
        return inSupport(x) ? null : "value " + x + " is outside the " + name() + " family's support ("
                + supportDescription() + "); " + supportFix();
    }

    /**
     * The weighted log-likelihood Σ w log f(x; θ); a family with sufficient statistics may
     * override it with their closed form ({@link #logLikelihoodByRows} stays the reference).
     */
    double logLikelihood(double[] theta, Sample s) {
        return logLikelihoodByRows(theta, s);
    }

    /** Σ w log f(x; θ) summed row by row over the rows of positive weight. */
    final double logLikelihoodByRows(double[] theta, Sample s) {
        double ll = 0;
        for (int i = 0; i < s.x.length; i++) {
            if (s.w[i] > 0) {
                ll += s.w[i] * logDensity(theta, s.x[i]);
            }
        }
        return ll;
    }

    /**
     * The score of one observation, {@code ∂ log f(x; θ) / ∂θ} in {@link #parameterNames()} order:
     * a complete-data score for Louis' observed information of a mixture of the family.
     */
    public double[] scoreAt(double[] theta, double x) {
        return score(theta, Sample.of(new double[] {x}, null, name()));
    }

    /** The Hessian of one observation's log density, {@code ∂² log f(x; θ) / ∂θ∂θᵀ}. */
    public double[][] hessianAt(double[] theta, double x) {
        return hessian(theta, Sample.of(new double[] {x}, null, name()));
    }

    /**
     * Whether this family gives {@link #densityScore} and {@link #cdfGradient}: what the analytic
     * gradient of a censored likelihood needs ({@code org.mlem.survival.CensoredLikelihood}); the
     * families without them are maximised on differences.
     */
    public boolean hasCdfGradient() {
        return false;
    }

    /**
     * {@code ∂ log f(x; θ) / ∂θ} into {@code out} (length the number of parameters), without the
     * allocation of {@link #scoreAt}; x inside the support.
     *
     * @throws UnsupportedOperationException unless {@link #hasCdfGradient()}
     */
    public void densityScore(double[] theta, double x, double[] out) {
        throw new UnsupportedOperationException(name() + " has no analytic censored gradient");
    }

    /**
     * {@code ∂F(x; θ) / ∂θ} into {@code out}, for a finite x (0 at or below the bottom of a positive
     * support). Written through the density or the survival function, so it keeps its digits in
     * either tail.
     *
     * @throws UnsupportedOperationException unless {@link #hasCdfGradient()}
     */
    public void cdfGradient(double[] theta, double x, double[] out) {
        throw new UnsupportedOperationException(name() + " has no analytic censored gradient");
    }

    /**
     * Whether this family also gives {@link #densityHessian} and {@link #cdfHessian}, so that a
     * censored likelihood is maximised by Newton steps.
     */
    public boolean hasCdfHessian() {
        return false;
    }

    /**
     * {@code ∂² log f(x; θ) / ∂θ∂θᵀ} into {@code out} (p x p, row-major); x inside the support.
     *
     * @throws UnsupportedOperationException unless {@link #hasCdfHessian()}
     */
    public void densityHessian(double[] theta, double x, double[] out) {
        throw new UnsupportedOperationException(name() + " has no analytic censored Hessian");
    }

    /**
     * {@code ∂²F(x; θ) / ∂θ∂θᵀ} into {@code out} (p x p, row-major) for a finite x, through the
     * density or the survival function as {@link #cdfGradient}; 0 for x at or below the bottom of a
     * positive support.
     *
     * @throws UnsupportedOperationException unless {@link #hasCdfHessian()}
     */
    public void cdfHessian(double[] theta, double x, double[] out) {
        throw new UnsupportedOperationException(name() + " has no analytic censored Hessian");
    }

    /** The names of these parameter values (differs from {@link #parameterNames()} only when K is inferred). */
    List<String> namesFor(double[] theta) {
        return parameterNames();
    }

    /** The number of free parameters (for AIC and BIC). */
    int freeParameters(double[] theta) {
        return theta.length;
    }

    /** What a user can do about a value outside the support. */
    String supportFix() {
        return "remove or transform such rows, or choose a family whose support contains them";
    }

    boolean inSupport(double x) {
        return support.contains(x);
    }

    /** Throws a {@link MlemUserException} when θ is not a valid parameter vector. */
    abstract void checkParameters(double[] theta);

    abstract double logDensity(double[] theta, double x);

    /** P(X ≤ x), or NaN where the family has none. */
    abstract double cdf(double[] theta, double x);

    /**
     * P(X &gt; x). The default {@code 1 − cdf} loses every digit in the upper tail; the continuous
     * families compute it directly, which the right-censored likelihood ({@code org.mlem.survival}) needs.
     */
    double survival(double[] theta, double x) {
        return 1 - cdf(theta, x);
    }

    abstract double sample(double[] theta, RandomGenerator rng);

    /** The weighted MLE from a validated sample inside the support. */
    abstract double[] estimate(Sample s);

    /** The gradient of the weighted log-likelihood in θ. */
    abstract double[] score(double[] theta, Sample s);

    /** The Hessian of the weighted log-likelihood in θ (the negative observed information). */
    abstract double[][] hessian(double[] theta, Sample s);

    /**
     * The covariance of the estimates: the inverse observed information at θ. Families whose MLE
     * can sit on the boundary of the parameter space (a probability of 0) override this with the
     * closed form, which equals the inverse information inside and stays defined on the boundary.
     * NaN entries when the information is not positive definite.
     */
    double[][] covariance(double[] theta, Sample s) {
        return inverseOfNegative(hessian(theta, s));
    }

    static double[][] inverseOfNegative(double[][] h) {
        int p = h.length;
        RealMatrix info = MatrixUtils.createRealMatrix(p, p);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                info.setEntry(i, j, -h[i][j]);
            }
        }
        try {
            return new CholeskyDecomposition(info, 1e-12, 1e-300).getSolver().getInverse().getData();
        } catch (RuntimeException notPositiveDefinite) {
            double[][] nan = new double[p][p];
            for (double[] row : nan) {
                java.util.Arrays.fill(row, Double.NaN);
            }
            return nan;
        }
    }

    /** A diagonal covariance matrix. */
    static double[][] diagonal(double... variances) {
        double[][] c = new double[variances.length][variances.length];
        for (int i = 0; i < variances.length; i++) {
            c[i][i] = variances[i];
        }
        return c;
    }

    /** True when x is a whole number (counts). */
    static boolean isWholeNumber(double x) {
        return x == Math.rint(x);
    }

    /**
     * The largest count the count families take, 2^53: every whole number up to it is a double
     * exactly, so counts stay exact without a cast to {@code int} or {@code long}.
     */
    static final double MAX_COUNT = 0x1p53;

    /** A whole number in 0..{@link #MAX_COUNT}. */
    static boolean isCount(double x) {
        return x >= 0 && x <= MAX_COUNT && isWholeNumber(x);
    }

    /** The support fix the count families give. */
    static final String COUNT_FIX = "counts must be non-negative whole numbers, at most 2^53 = 9007199254740992";

    /** Parameter j must be positive and finite. */
    final void requirePositive(double[] theta, int j) {
        if (!(theta[j] > 0) || Double.isInfinite(theta[j])) {
            throw badParameter(name(), parameterNames().get(j), theta[j], "positive and finite");
        }
    }

    /** Parameter j must be non-negative and finite. */
    final void requireNonNegative(double[] theta, int j) {
        if (!(theta[j] >= 0) || Double.isInfinite(theta[j])) {
            throw badParameter(name(), parameterNames().get(j), theta[j], "non-negative and finite");
        }
    }

    /** Parameter j must be finite. */
    final void requireFinite(double[] theta, int j) {
        if (!Double.isFinite(theta[j])) {
            throw badParameter(name(), parameterNames().get(j), theta[j], "finite");
        }
    }

    static MlemUserException badParameter(String family, String name, double value, String requirement) {
        return new MlemUserException("the " + family + " family's " + name + " must be " + requirement + ", got " + value);
    }

    @Override
    public String toString() {
        return name() + parameterNames();
    }
}
