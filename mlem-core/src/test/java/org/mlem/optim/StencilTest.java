package org.mlem.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Stencil#batched}: a rule run on its points evaluated in one call gives the rule's bits on
 * the function point by point (oracle: the same rule unbatched), and a rule whose points depend on
 * the values is refused.
 */
class StencilTest {
    private static double rosenbrock(double[] t) {
        return -(100 * Math.pow(t[1] - t[0] * t[0], 2) + Math.pow(1 - t[0], 2)) + Math.sin(3 * t[0] * t[1]);
    }

    /** A log-likelihood that counts its calls of {@code values}. */
    private static final class Counted implements LogLikelihood {
        int batches;
        int points;

        @Override
        public double value(double[] theta) {
            return rosenbrock(theta);
        }

        @Override
        public double[] values(double[][] thetas) {
            batches++;
            points += thetas.length;
            return LogLikelihood.super.values(thetas);
        }
    }

    @Test
    void aBatchedHessianIsTheUnbatchedBitsInOneCall() {
        double[] x = {0.7, -1.3};
        Transform[] domains = {Parameter.free("a", 0).transform(), Parameter.free("b", 0).transform()};
        double[][] plain = FiniteDifferences.hessian(StencilTest::rosenbrock, x, domains);
        Counted f = new Counted();
        double[][] batched = Stencil.batched(f, g -> FiniteDifferences.hessian(g, x, domains));
        assertThat(batched).isEqualTo(plain);
        assertThat(f.batches).isEqualTo(1);
        assertThat(f.points).isEqualTo(1 + 2 * 2 + 4);
    }

    @Test
    void mleWithADifferenceGradientTakesOneBatchAnEvaluation() {
        LogLikelihood plain = StencilTest::rosenbrock;
        Counted f = new Counted();
        List<Parameter> ps = List.of(Parameter.free("a", -0.5), Parameter.free("b", 0.8));
        MleFit a = MaximumLikelihood.of(ps, plain).fit();
        MleFit b = MaximumLikelihood.of(ps, f).fit();
        assertThat(b.estimates()).isEqualTo(a.estimates());
        assertThat(b.logLikelihood()).isEqualTo(a.logLikelihood());
        // each L-BFGS evaluation is ℓ and its 4-point central-difference gradient in one batch
        assertThat(f.points).isEqualTo(5 * (f.batches - 1) + 9);
    }

    @Test
    void aRuleWhosePointsDependOnTheValuesIsRefused() {
        assertThatThrownBy(() -> Stencil.batched(new Counted(), g -> g.value(new double[] {g.value(new double[] {1, 1}), 0})))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("depend on the values");
    }
}
