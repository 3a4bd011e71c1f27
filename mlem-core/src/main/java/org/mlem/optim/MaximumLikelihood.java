package org.mlem.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.mlem.MlemUserException;

/**
 * Generic maximum likelihood: maximise a user's ℓ(θ) by L-BFGS on an unconstrained scale (each
 * parameter's {@link Transform}), then report the Hessian, standard errors from the observed
 * information, Wald and profile-likelihood intervals on the original scale.
 *
 * @param parameters names, starts and domains
 * @param logLikelihood ℓ(θ) on the original scale
 * @param gradient ∂ℓ/∂θ, or null for central differences
 * @param hessian ∂²ℓ/∂θ∂θᵀ, or null for central differences (of the gradient when given)
 * @param options optimiser settings
 */
public record MaximumLikelihood(List<Parameter> parameters, LogLikelihood logLikelihood,
        LogLikelihoodGradient gradient, LogLikelihoodHessian hessian, MleOptions options) {

    public MaximumLikelihood {
        Objects.requireNonNull(logLikelihood, "logLikelihood");
        Objects.requireNonNull(options, "options");
        if (parameters == null || parameters.isEmpty()) {
            throw new MlemUserException("mle: give at least one parameter");
        }
        parameters = List.copyOf(parameters);
        if (parameters.stream().map(Parameter::name).distinct().count() != parameters.size()) {
            throw new MlemUserException("mle: parameter names repeat: " + names(parameters));
        }
    }

    /** A likelihood without derivatives; default options. */
    public static MaximumLikelihood of(List<Parameter> parameters, LogLikelihood logLikelihood) {
        return new MaximumLikelihood(parameters, logLikelihood, null, null, MleOptions.DEFAULTS);
    }

    /** The same problem with an analytic gradient. */
    public MaximumLikelihood withGradient(LogLikelihoodGradient value) {
        return new MaximumLikelihood(parameters, logLikelihood, value, hessian, options);
    }

    /** The same problem with an analytic Hessian. */
    public MaximumLikelihood withHessian(LogLikelihoodHessian value) {
        return new MaximumLikelihood(parameters, logLikelihood, gradient, value, options);
    }

    /** The same problem with other options. */
    public MaximumLikelihood withOptions(MleOptions value) {
        return new MaximumLikelihood(parameters, logLikelihood, gradient, hessian, value);
    }

    /** Maximises from the parameters' starting values. */
    public MleFit fit() {
        return fit(List.of(parameters.stream().mapToDouble(Parameter::start).toArray()));
    }

    /**
     * The maximiser from the parameters' starts (original scale), without the Hessian and
     * covariance {@link #fit()} adds: for an inner maximisation, such as an EM M-step, that uses
     * the estimates only.
     */
    public double[] argmax() {
        FreeScale scale = new FreeScale(parameters, logLikelihood, gradient);
        double[] start = parameters.stream().mapToDouble(Parameter::start).toArray();
        checkStart(start);
        Lbfgs lbfgs = new Lbfgs(options.maxIterations(), options.gradientTolerance(), options.memory());
        return scale.toParameters(lbfgs.minimize(scale.objective(), scale.toFree(start)).x());
    }

    /**
     * Maximises from each start (original scale) and keeps the highest log-likelihood; ties keep
     * the earliest start.
     */
    public MleFit fit(List<double[]> starts) {
        if (starts.isEmpty()) {
            throw new IllegalArgumentException("give at least one start");
        }
        FreeScale scale = new FreeScale(parameters, logLikelihood, gradient);
        Lbfgs lbfgs = new Lbfgs(options.maxIterations(), options.gradientTolerance(), options.memory());
        Lbfgs.Result best = null;
        for (double[] start : starts) {
            checkStart(start);
            Lbfgs.Result r = lbfgs.minimize(scale.objective(), scale.toFree(start));
            if (best == null || r.value() < best.value() || Double.isNaN(best.value())) {
                best = r;
            }
        }
        double[] theta = scale.toParameters(best.x());
        double[][] h = hessianAt(theta, scale.transforms());
        return new MleFit(names(parameters), theta, -best.value(), best.converged(), best.reason(),
                best.iterations(), best.gradientNorm(), h, covariance(h), starts.size(),
                options.confidenceLevel());
    }

    /**
     * The profile-likelihood interval of one parameter at the options' level, re-maximising the
     * others at every trial value (warm-started at the estimate) and root-finding each side by
     * Brent's method on the unconstrained scale.
     */
    public ProfileInterval profile(MleFit fit, String name) {
        int j = fit.index(name);
        double target = new ChiSquaredDistribution(1).inverseCumulativeProbability(options.confidenceLevel());
        FreeScale scale = new FreeScale(parameters, logLikelihood, gradient);
        Transform t = parameters.get(j).transform();
        double[] uHat = scale.toFree(fit.estimates());
        double se = fit.standardError(name) / Math.abs(t.derivative(uHat[j]));
        double step = Double.isFinite(se) && se > 0 ? se : 0.1 * Math.max(1, Math.abs(uHat[j]));
        ProfileSide lower = side(scale, fit, j, uHat, -step, target);
        ProfileSide upper = side(scale, fit, j, uHat, step, target);
        return new ProfileInterval(name, lower.value(), upper.value(), lower.found(), upper.found(),
                options.confidenceLevel());
    }

    private record ProfileSide(double value, boolean found) {
    }

    private ProfileSide side(FreeScale scale, MleFit fit, int j, double[] uHat, double step, double target) {
        double inner = uHat[j];
        double outer = uHat[j] + step;
        Lbfgs lbfgs = new Lbfgs(options.maxIterations(), options.gradientTolerance(), options.memory());
        double[] rest = FreeScale.remove(uHat, j);
        DoubleUnaryOperator excess = u -> {
            double profiled = rest.length == 0
                    ? scale.profile(j, u).evaluate(rest, new double[0])
                    : lbfgs.minimize(scale.profile(j, u), rest).value();
            double d = 2 * (fit.logLikelihood() + profiled) - target;
            return Double.isFinite(d) ? d : target;
        };
        Transform t = parameters.get(j).transform();
        for (int k = 0; k < 60 && excess.applyAsDouble(outer) < 0; k++) {
            inner = outer;
            outer = uHat[j] + step * Math.pow(2, k + 1);
            if (!t.contains(t.toParameter(outer)) || Math.abs(outer) > 700) {
                double bound = t.toParameter(step < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
                return new ProfileSide(bound, false);
            }
        }
        double lo = Math.min(inner, outer);
        double hi = Math.max(inner, outer);
        double root = new BrentSolver(1e-13, 1e-11).solve(200, excess::applyAsDouble, lo, hi);
        return new ProfileSide(t.toParameter(root), true);
    }

    private void checkStart(double[] start) {
        if (start.length != parameters.size()) {
            throw new MlemUserException("mle: a start has " + start.length + " values but there are "
                    + parameters.size() + " parameters " + names(parameters));
        }
        for (int j = 0; j < start.length; j++) {
            Parameter p = parameters.get(j);
            if (!p.transform().contains(start[j])) {
                throw new MlemUserException("mle: start " + start[j] + " of '" + p.name()
                        + "' is outside its domain " + p.transform());
            }
        }
    }

    private double[][] hessianAt(double[] theta, Transform[] domains) {
        if (hessian != null) {
            return hessian.at(theta);
        }
        if (gradient != null) {
            return FiniteDifferences.hessianFromGradient(gradient, theta, domains);
        }
        return Stencil.batched(logLikelihood, f -> FiniteDifferences.hessian(f, theta, domains));
    }

    /** (−H)⁻¹ through the Cholesky factor of −H; NaN when −H is not positive definite. */
    private static double[][] covariance(double[][] h) {
        int p = h.length;
        double[][] info = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                info[i][j] = -h[i][j];
            }
        }
        try {
            return new CholeskyDecomposition(new Array2DRowRealMatrix(info, false), 1e-12, 1e-14)
                    .getSolver().getInverse().getData();
        } catch (MathIllegalArgumentException notPositiveDefinite) {
            double[][] nan = new double[p][p];
            for (double[] row : nan) {
                Arrays.fill(row, Double.NaN);
            }
            return nan;
        }
    }

    private static List<String> names(List<Parameter> parameters) {
        List<String> out = new ArrayList<>();
        for (Parameter p : parameters) {
            out.add(p.name());
        }
        return out;
    }
}
