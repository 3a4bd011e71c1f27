package org.mlem.nls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The fast path (fused row blocks, blocked QR, compressed MINPACK problem) against the plain
 * reference path ({@code -Dmlem.nls.reference=true}: node-by-node columns, the n×p Jacobian and its
 * Householder QR). Oracle: the reference path's fit of the same problem; both stop at the same
 * minimum by the relative-offset criterion (1e-10), so they agree to the precision that criterion
 * pins the estimate to: parameters within 1e-9 standard errors (Lanczos1, whose standard
 * errors are rounding noise: 1e-9 relative) and RSS within 1e-10 relative on
 * every NIST StRD problem and start (their distance to NIST's certified values is checked by {@link NistNlsTest}), and to 1e-12
 * relative on a well-conditioned 100,000-row problem. Also: the same bits on one thread as on all.
 */
class NlsFastPathTest {

    @Test
    void nistProblemsAgreeWithTheReferencePath() {
        List<String> worst = new ArrayList<>();
        double maxSe = 0;
        double maxRelative = 0;
        for (String name : NistNlsTest.MODELS.keySet()) {
            NistProblem problem = NistProblem.load(name);
            for (Map<String, Double> start : List.of(problem.start1(), problem.start2())) {
                NlsEstimator est = NlsEstimator.of(NistNlsTest.MODELS.get(name), start);
                NlsFit fast = est.fit(problem.columns(), null, false);
                NlsFit ref = est.fit(problem.columns(), null, true);
                assertThat(fast.converged()).as(name).isEqualTo(ref.converged());
                for (String b : start.keySet()) {
                    double diff = Math.abs(fast.estimate(b) - ref.estimate(b));
                    maxRelative = Math.max(maxRelative, diff / Math.abs(ref.estimate(b)));
                    // Lanczos1's standard errors are themselves rounding noise: relative to the value
                    double inSe = diff / (name.equals("Lanczos1") ? Math.abs(ref.estimate(b)) : ref.standardError(b));
                    if (inSe > maxSe) {
                        maxSe = inSe;
                        worst.add(name + " " + b + " " + inSe);
                    }
                }
                // Lanczos1's RSS (~1e-25) is rounding noise of y (see NistNlsTest): its parameters only
                double rssTolerance = name.equals("Lanczos1") ? 1 : 1e-10;
                assertThat(fast.residualSumOfSquares()).as(name).isCloseTo(ref.residualSumOfSquares(),
                        Offset.offset(rssTolerance * ref.residualSumOfSquares()));
            }
        }
        System.out.println("NlsFastPathTest: largest NIST parameter difference " + worst.get(worst.size() - 1)
                + " standard errors; largest relative " + maxRelative);
        assertThat(maxSe).as("largest parameter difference in standard errors: %s", worst).isLessThan(1e-9);
    }

    @Test
    void hundredThousandRowsAgreeWithTheReferencePathAndWeightedAreTheSameBitsOnOneThread() throws Exception {
        int n = 100_000;
        SplittableRandom rng = new SplittableRandom(20261207);
        double[] conc = new double[n];
        double[] rate = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            conc[i] = 0.02 + 1.98 * rng.nextDouble();
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            rate[i] = 200 * conc[i] / (0.1 + conc[i])
                    + 5 * Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
            w[i] = 0.5 + rng.nextDouble();
        }
        Map<String, double[]> cols = Map.of("conc", conc, "rate", rate);
        NlsEstimator est = NlsEstimator.of("rate ~ Vm*conc/(K+conc)", Map.of("Vm", 150.0, "K", 0.2));
        NlsFit fast = est.fit(cols, null, false);
        NlsFit ref = est.fit(cols, null, true);
        for (String b : List.of("Vm", "K")) {
            assertThat(fast.estimate(b)).isCloseTo(ref.estimate(b),
                    Offset.offset(1e-12 * Math.abs(ref.estimate(b))));
            assertThat(fast.standardError(b)).isCloseTo(ref.standardError(b),
                    Offset.offset(1e-10 * ref.standardError(b)));
        }
        assertThat(fast.logLikelihood()).isCloseTo(ref.logLikelihood(),
                Offset.offset(1e-12 * Math.abs(ref.logLikelihood())));
        NlsFit weighted = est.fit(cols, w, false);
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            NlsFit single = one.submit(() -> est.fit(cols, w, false)).get();
            assertThat(single.estimates()).isEqualTo(weighted.estimates());
            assertThat(single.covariance()).isEqualTo(weighted.covariance());
            assertThat(single.residualSumOfSquares()).isEqualTo(weighted.residualSumOfSquares());
            assertThat(single.iterations()).isEqualTo(weighted.iterations());
        } finally {
            one.shutdown();
        }
    }
}
