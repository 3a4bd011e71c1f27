package org.mlem.survival;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.MatrixUtils;
import org.mlem.optim.LogLikelihood;
import org.mlem.optim.Stencil;

/**
 * Newton steps on a log-likelihood whose derivatives come from {@link Richardson}, from an optimiser's
 * estimate: L-BFGS stops on a gradient tolerance, a few Newton steps then reach the maximum to the
 * derivatives' accuracy, and the last Hessian gives the observed information.
 */
final class NewtonPolish {
    private static final int MAX_STEPS = 8;

    private NewtonPolish() {
    }

    /**
     * @param theta the polished estimate
     * @param logLikelihood ℓ there
     * @param covariance (−H)⁻¹ there; NaN when −H is not positive definite
     * @param converged whether the last step moved every parameter by less than 1e-10 relative
     */
    record Result(double[] theta, double logLikelihood, double[][] covariance, boolean converged) {
    }

    /**
     * Up to {@value #MAX_STEPS} Newton steps from {@code start}. ℓ, its gradient and its Hessian at a
     * point are one {@link LogLikelihood#values} batch ({@link Stencil}): a step and its trial point
     * take one batch, the trial's derivatives ready for the next step and, at the end, for the
     * observed information.
     */
    static Result run(LogLikelihood ll, double[] start) {
        double[] theta = start.clone();
        Derivatives at = Derivatives.of(ll, theta);
        boolean converged = false;
        for (int k = 0; k < MAX_STEPS && !converged; k++) {
            DecompositionSolver solver = informationSolver(at.hessian());
            if (solver == null) {
                break;
            }
            double[] step = solver.solve(new ArrayRealVector(at.gradient(), false)).toArray();
            double[] trial = theta.clone();
            double largest = 0;
            for (int j = 0; j < trial.length; j++) {
                trial[j] += step[j];
                largest = Math.max(largest, Math.abs(step[j]) / Math.max(Math.abs(theta[j]), 1e-8));
            }
            Derivatives atTrial = Derivatives.of(ll, trial);
            if (!(atTrial.value() >= at.value() - 1e-12 * Math.abs(at.value()))) {
                break;
            }
            theta = trial;
            at = atTrial;
            converged = largest < 1e-10;
        }
        return new Result(theta, at.value(), CensoredLikelihood.covariance(at.hessian()), converged);
    }

    /** ℓ, its Richardson gradient and Hessian at one point, evaluated in one batch. */
    private record Derivatives(double value, double[] gradient, double[][] hessian) {
        static Derivatives of(LogLikelihood ll, double[] theta) {
            return Stencil.batched(ll, f -> new Derivatives(f.value(theta), Richardson.gradient(f::value, theta),
                    Richardson.hessian(f::value, theta)));
        }
    }

    /** A solver for −H, or null when −H is not positive definite. */
    static DecompositionSolver informationSolver(double[][] hessian) {
        Array2DRowRealMatrix info = new Array2DRowRealMatrix(hessian);
        info = (Array2DRowRealMatrix) info.scalarMultiply(-1);
        try {
            return new CholeskyDecomposition(info, 1e-12, 1e-300).getSolver();
        } catch (RuntimeException notPositiveDefinite) {
            return null;
        } finally {
            MatrixUtils.checkSymmetric(info, Double.POSITIVE_INFINITY);
        }
    }
}
