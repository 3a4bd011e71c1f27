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
 * convergence. On the fast path it is given the compressed problem of the same R and Qᵀr
 * (p + 1 rows: Qᵀr's first p entries and the norm of the rest; R then a zero row): lmder's steps,
 * predicted and actual reductions and orthogonality test are functions of R, Qᵀr and ‖r‖ only, so
 * it takes the same path as on the n rows, without an n×p matrix.
 */
final class MinpackStage {
    private static final double TOLERANCE = 1e-12;

    private final LeastSquaresProblem problem;
    private final double stopOffset;
    private double[] start;
    private Linearization atStart;
    private double[] best;
    private Linearization bestState;
    private double bestCost = Double.POSITIVE_INFINITY;
    private int iterations;
    private int evaluations;
    private int improvements;

    /**
     * @param stopOffset when finite, the stage stops at the first evaluated point whose relative
     *     offset (Bates and Watts) is below it, the polishing stage's own convergence test, instead
     *     of running on to its 1e-12 tolerances at the rounding level (NaN: never)
     */
    MinpackStage(LeastSquaresProblem problem, double stopOffset) {
        this.problem = problem;
        this.stopOffset = stopOffset;
    }

    /** Thrown out of the optimizer when an evaluated point meets {@code stopOffset}. */
    private static final class Converged extends RuntimeException {
        Converged() {
            super(null, null, false, false);
        }
    }

    /**
     * Runs from {@code start}, whose linearization {@code atStart} the caller already has; returns
     * the lowest-cost point evaluated (start if none was better).
     */
    double[] run(double[] start, Linearization atStart, int maxIterations) {
        this.start = start.clone();
        this.atStart = atStart;
        best = start.clone();
        bestState = atStart;
        int rows = atStart.minpackResiduals().length;
        LevenbergMarquardtOptimizer lm = new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(TOLERANCE)
                .withParameterRelativeTolerance(TOLERANCE)
                .withOrthoTolerance(TOLERANCE);
        try {
            // target 0 and "model" −r(θ), so that Hipparchus' residual target − model equals r(θ)
            iterations = lm.optimize(new LeastSquaresBuilder().start(start).target(new double[rows])
                    .model(point -> evaluate(point.toArray()))
                    .maxEvaluations(Integer.MAX_VALUE).maxIterations(maxIterations).build())
                    .getIterations();
        } catch (Converged stopped) {
            // each of lmder's iterations ends at a point of lower cost: count those, and the last
            iterations = improvements;
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

    /** The linearization at the point {@link #run} returned. */
    Linearization bestState() {
        return bestState;
    }

    private Pair<org.hipparchus.linear.RealVector, org.hipparchus.linear.RealMatrix> evaluate(
            double[] theta) {
        evaluations++;
        Linearization at = java.util.Arrays.equals(theta, start) ? atStart : problem.at(theta);
        double[] r = at.minpackResiduals();
        double cost = at.cost();
        if (cost < bestCost) {
            if (evaluations > 1) {
                improvements++;
            }
            bestCost = cost;
            best = theta.clone();
            bestState = at;
        }
        if (Double.isFinite(stopOffset) && cost < Double.POSITIVE_INFINITY) {
            HouseholderQr qr = at.qr();
            if (LevenbergMarquardt.relativeOffset(qr.explainedSquares(), qr.unexplainedSquares(),
                    problem.observations(), theta.length) < stopOffset) {
                if (at != bestState) {
                    improvements++;
                }
                best = theta.clone();
                bestState = at;
                throw new Converged();
            }
        }
        double[] minusR = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            minusR[i] = -r[i];
        }
        return new Pair<>(new ArrayRealVector(minusR, false),
                new Array2DRowRealMatrix(at.minpackJacobian(), false));
    }
}
