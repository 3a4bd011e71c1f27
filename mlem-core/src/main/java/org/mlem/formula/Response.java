package org.mlem.formula;

import java.util.List;
import org.mlem.MlemUserException;

/**
 * A design's response as R's {@code glm} takes it: numbers; a factor (a text column or
 * {@code factor(y)}), coded 0 for its first level and 1 for every other, as the binomial family
 * codes it; or {@code cbind(successes, failures)}, the proportion successes / trials with the trials
 * as weights (a row with no trials has proportion 0 and weight 0).
 *
 * @param y the response per row used
 * @param trials successes + failures per row for {@code cbind}, else null
 * @param levels the factor's levels (first = 0), else null
 */
record Response(double[] y, double[] trials, List<String> levels) {

    static Response of(Variable v, DesignBuilder b) {
        if (v.basis() instanceof Basis.Trials t) {
            double[] s = b.evaluate(new Variable(RDeparse.of(v.expr()), v.expr()));
            double[] f = b.evaluate(new Variable(RDeparse.of(t.failures()), t.failures()));
            double[] y = new double[s.length];
            double[] n = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                if (s[i] < 0 || f[i] < 0) {
                    throw new MlemUserException("data row " + (b.row(i) + 1) + ": response '" + v.label() + "' has "
                            + (s[i] < 0 ? "successes " + s[i] : "failures " + f[i])
                            + "; counts must be >= 0, fix the cell");
                }
                n[i] = s[i] + f[i];
                y[i] = n[i] > 0 ? s[i] / n[i] : 0;
            }
            return new Response(y, n, null);
        }
        if (b.isFactor(v)) {
            Factor f = b.factor(v);
            double[] y = new double[f.codes().length];
            for (int i = 0; i < y.length; i++) {
                y[i] = f.codes()[i] > 0 ? 1 : 0;
            }
            return new Response(y, null, f.levels());
        }
        return new Response(b.evaluate(v), null, null);
    }
}
