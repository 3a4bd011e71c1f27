package org.mlem.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Oracle: {@link CompiledExpr}, the node-by-node column evaluator. The fused block program must
 * give the same bits for a model and all its derivatives (shared subexpressions, parameter-only
 * subtrees as scalars, every operator and function, blocks that do not divide the rows).
 */
class RowProgramTest {

    @Test
    void sameBitsAsTheNodeByNodeEvaluator() {
        String[] models = {
            "b1*exp(-b2*x) + b3*exp(-(x-b4)^2/b5^2) + abs(b6)*sin(x/b6) - sqrt(b1)*cos(z)",
            "(b1 + b2*x + b3*x^2) / (1 + b4*x + b5*x^2) + atan(b6/(x-z)) - log(x)*b6 + tan(b2)",
            "b1 * (b2+x)^(-1/b3) + b4^x + -b5*z + 2^b6 + sign(z)*b1"};
        List<String> params = List.of("b1", "b2", "b3", "b4", "b5", "b6");
        List<String> slots = new ArrayList<>(params);
        slots.add("x");
        slots.add("z");
        int n = 1000;
        SplittableRandom rng = new SplittableRandom(7);
        double[] x = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.1 + 3 * rng.nextDouble();
            z[i] = rng.nextDouble() - 0.5;
        }
        double[] theta = {1.5, 0.7, 2.5, 1.2, 0.9, 0.4};
        for (String text : models) {
            Expr model = Expr.parse(text);
            List<Expr> exprs = new ArrayList<>(List.of(model));
            for (String b : params) {
                exprs.add(model.derivative(b));
            }
            double[][] cols = new double[slots.size()][];
            for (int j = 0; j < params.size(); j++) {
                cols[j] = new double[] {theta[j]};
            }
            cols[6] = x;
            cols[7] = z;
            RowProgram program = RowProgram.compile(exprs, slots, params.size());
            RowProgram.Frame frame = program.frame(96);
            for (int e = 0; e < exprs.size(); e++) {
                double[] expected = exprs.get(e).compile(slots).evaluate(cols);
                double[] got = new double[n];
                for (int from = 0; from < n; from += 96) {
                    int len = Math.min(96, n - from);
                    frame.run(theta, cols, from, len);
                    System.arraycopy(frame.values(e), 0, got, from, len);
                }
                for (int i = 0; i < n; i++) {
                    double want = expected.length == 1 ? expected[0] : expected[i];
                    assertThat(Double.doubleToLongBits(got[i])).as("%s row %d", exprs.get(e), i)
                            .isEqualTo(Double.doubleToLongBits(want));
                }
            }
        }
    }
}
