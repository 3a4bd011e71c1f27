package org.mlem.nls;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * The global stage: Hipparchus' port of MINPACK's lmder (Moré 1978), a trust-region
 * Levenberg–Marquardt whose step bound keeps early steps from jumping into flat, saturated regions
 * of the model (BoxBOD and MGH10 from NIST's first starts). It runs to tight tolerances; the
 * lowest-cost point it evaluated is kept even when it stops by exception (iteration limit, or a
 * tolerance below machine precision), and {@link LevenbergMarquardt} then polishes and judges
 * convergence.
 */
final class MinpackStage {
    private static final double TOLERANCE = 1e-12;

    private final LeastSquaresProblem problem;
    private double[] best;
    private double bestCost = Double.POSITIVE_INFINITY;
    private int iterations;
    private int evaluations;

    MinpackStage(LeastSquaresProblem problem) {
        this.problem = problem;
    }

    /** Runs from {@code start}; returns the lowest-cost point evaluated (start if none was better). */
    double[] run(double[] start, int maxIterations) {
        best = start.clone();
        int n = problem.residuals(start).length;
        double[] zeros = new double[n];
        LevenbergMarquardtOptimizer lm = new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(TOLERANCE)
                .withParameterRelativeTolerance(TOLERANCE)
                .withOrthoTolerance(TOLERANCE);
        try {
            // target 0 and "model" −r(θ), so that Hipparchus' residual target − model equals r(θ)
            iterations = lm.optimize(new LeastSquaresBuilder().start(start).target(zeros)
                    .model(point -> evaluate(point.toArray()))
                    .maxEvaluations(Integer.MAX_VALUE).maxIterations(maxIterations).build())
                    .getIterations();
        } catch (MathRuntimeException stopped) {
            // iteration limit, a tolerance below machine precision, or non-finite values: the best
            // point so far goes on to the polishing stage, which judges convergence
            iterations = evaluations;
        }
        return best.clone();
    }

    int iterations() {
        return iterations;
    }

    private Pair<org.hipparchus.linear.RealVector, org.hipparchus.linear.RealMatrix> evaluate(
            double[] theta) {
        evaluations++;
        double[] r = problem.residuals(theta);
        double cost = LevenbergMarquardt.sumSquares(r);
        if (cost < bestCost) {
            bestCost = cost;
            best = theta.clone();
        }
        double[] minusR = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            minusR[i] = -r[i];
        }
        return new Pair<>(new ArrayRealVector(minusR, false),
                new Array2DRowRealMatrix(problem.jacobian(theta), false));
    }
}
