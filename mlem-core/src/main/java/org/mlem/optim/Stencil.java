package org.mlem.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a rule that evaluates ℓ at points fixed in advance (a finite-difference or Richardson stencil:
 * its points depend on where it is taken, never on the values it reads) with every point in one
 * {@link LogLikelihood#values} call: the rule runs once to list its points, they are evaluated
 * together, and it runs again reading the values in order. The answer is the rule's on {@code f}
 * point by point, bit for bit; only the number of calls changes (one pass over a cluster's
 * partitions instead of one per point).
 */
public final class Stencil {
    private Stencil() {
    }

    /**
     * {@code rule} applied to {@code f}, its evaluations made in one {@code f.values} call.
     *
     * @throws IllegalStateException when the rule asks for other points the second time (its
     *     points depend on the values: such a rule cannot be batched)
     */
    public static <T> T batched(LogLikelihood f, Function<LogLikelihood, T> rule) {
        List<double[]> points = new ArrayList<>();
        rule.apply(theta -> {
            points.add(theta.clone());
            return 0;
        });
        double[][] at = points.toArray(double[][]::new);
        double[] values = f.values(at);
        int[] next = {0};
        T out = rule.apply(theta -> {
            int k = next[0]++;
            if (k >= at.length || !Arrays.equals(at[k], theta)) {
                throw new IllegalStateException("the rule's points depend on the values it reads");
            }
            return values[k];
        });
        if (next[0] != at.length) {
            throw new IllegalStateException("the rule's points depend on the values it reads");
        }
        return out;
    }
}
