package org.mlem.em;

import java.util.Arrays;
import java.util.function.DoubleConsumer;

/**
 * SQUAREM (Varadhan and Roland, 2008, "Simple and globally convergent methods for accelerating
 * the convergence of any EM algorithm", scheme S3) on top of the EM map F = M ∘ E.
 *
 * <p>A cycle from θ₀: θ₁ = F(θ₀), θ₂ = F(θ₁), r = θ₁ − θ₀, v = θ₂ − 2θ₁ + θ₀, α = −‖r‖/‖v‖
 * (at most −1), θ' = θ₀ − 2αr + α²v, and the next cycle starts from F(θ'). When θ' is outside
 * the parameter space or its log-likelihood is below θ₁'s, α moves halfway towards −1 (where
 * θ' = θ₂, an ordinary double EM step) and θ' is tried again. Every accepted point therefore has a
 * log-likelihood at least that of the one before, and the stopping rule is the plain driver's
 * ({@link StoppingRule}), applied to consecutive accepted points.
 *
 * <p>What it counts: the run's {@link EmRun#iterations()} are the accepted points after the start
 * (each an ordinary EM step or an accepted extrapolation, and the trace has one more entry), so
 * {@code trace.length == iterations + 1} as for plain EM, and {@code maxIterations} bounds them as
 * it bounds plain EM's iterations (tolerance 0 runs exactly that many). A rejected extrapolation
 * costs an E-step but is no iteration; the backtracking towards α = −1 ends within a few halvings,
 * so the E-steps stay within a small multiple of the iterations.
 */
final class Squarem {
    private Squarem() {}

    /** Below this distance from −1, α is taken as −1 (the plain double step). */
    private static final double ALPHA_SNAP = 1e-2;

    private static final class Loop<P, S extends Stats<S>> {
        final EmDriver.EStep<P, S> eStep;
        final DoubleConsumer progress;
        final StoppingRule rule;
        final int maxIterations;
        double[] trace;
        int points;
        boolean converged;

        Loop(EmDriver.EStep<P, S> eStep, double total, double rounding, EmOptions options, DoubleConsumer progress) {
            this.eStep = eStep;
            this.progress = progress;
            this.rule = new StoppingRule(options, total, rounding);
            this.maxIterations = options.maxIterations();
            this.trace = new double[16];
        }

        BlockReducer.Result<S> estep(P params) {
            BlockReducer.Result<S> e = eStep.run(params);
            if (progress != null) {
                progress.accept(e.logLikelihood());
            }
            return e;
        }

        /** Records an accepted point's log-likelihood; true when it meets the convergence test. */
        boolean accept(double ll, double[] theta) {
            if (points == trace.length) {
                trace = Arrays.copyOf(trace, 2 * points);
            }
            trace[points++] = ll;
            boolean done = rule.converged(ll, theta);
            converged = done;
            return done;
        }

        /** Whether another iteration may be accepted: {@code maxIterations} bounds the accepted points, as plain EM's iterations. */
        boolean budgetLeft() {
            return points < maxIterations;
        }
    }

    /** SQUAREM with E-steps from {@code eStep} over rows of total weight {@code total}. */
    static <P, S extends Stats<S>> EmRun<P> run(LatentModel<P, S> model, ParameterVector<P> vectors,
            EmDriver.EStep<P, S> eStep, double total, P start, EmOptions options, DoubleConsumer progress) {
        long t0 = System.nanoTime();
        Loop<P, S> loop = new Loop<>(eStep, total, model.logLikelihoodPrecision(), options, progress);
        BlockReducer.Result<S> e0 = loop.estep(start);
        P theta0 = start;
        P theta1 = EmDriver.step(model, e0, eStep);
        P result = theta1;
        if (!loop.accept(e0.logLikelihood(), vectors.toVector(theta1))) {
            while (loop.budgetLeft()) {
                BlockReducer.Result<S> e1 = loop.estep(theta1);
                double ll1 = e1.logLikelihood();
                P theta2 = EmDriver.step(model, e1, eStep);
                result = theta2;
                if (loop.accept(ll1, vectors.toVector(theta2)) || !loop.budgetLeft()) {
                    break;
                }
                double[] v0 = vectors.toVector(theta0);
                double[] v1 = vectors.toVector(theta1);
                double[] v2 = vectors.toVector(theta2);
                double rr = 0;
                double vv = 0;
                double[] r = new double[v0.length];
                double[] v = new double[v0.length];
                for (int i = 0; i < v0.length; i++) {
                    r[i] = v1[i] - v0[i];
                    v[i] = v2[i] - 2 * v1[i] + v0[i];
                    rr += r[i] * r[i];
                    vv += v[i] * v[i];
                }
                double alpha = vv > 0 ? Math.min(-1.0, -Math.sqrt(rr / vv)) : -1.0;
                if (!Double.isFinite(alpha)) {
                    alpha = -1.0; // a step from non-finite parameters: halving -∞ or NaN towards -1 would never end
                }
                P candidate;
                BlockReducer.Result<S> ec;
                while (true) {
                    if (alpha >= -1.0 - ALPHA_SNAP) {
                        candidate = theta2;
                        ec = loop.estep(theta2);
                        break;
                    }
                    double[] x = new double[v0.length];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = v0[i] - 2 * alpha * r[i] + alpha * alpha * v[i];
                    }
                    candidate = vectors.fromVector(x, theta2);
                    if (candidate != null) {
                        ec = loop.estep(candidate);
                        if (ec.logLikelihood() >= ll1 && !Double.isNaN(ec.logLikelihood())) {
                            break;
                        }
                    }
                    if (!loop.budgetLeft()) {
                        candidate = theta2;
                        ec = null;
                        break;
                    }
                    alpha = (alpha - 1.0) / 2;
                }
                if (ec == null) {
                    result = theta2;
                    break;
                }
                theta0 = candidate;
                theta1 = EmDriver.step(model, ec, eStep);
                result = theta1;
                if (loop.accept(ec.logLikelihood(), vectors.toVector(theta1))) {
                    break;
                }
            }
        }
        double finalLl = eStep.run(result).logLikelihood();
        double[] trace = Arrays.copyOf(loop.trace, loop.points + 1);
        trace[loop.points] = finalLl;
        // iterations as the trace counts them: the accepted points after the start
        return new EmRun<>(result, trace, loop.points, loop.converged, (System.nanoTime() - t0) * 1e-9);
    }
}
