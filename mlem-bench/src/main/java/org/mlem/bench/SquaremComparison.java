package org.mlem.bench;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;
import org.mlem.hmm.EmissionSpec;
import org.mlem.hmm.FamilyEmission;
import org.mlem.hmm.GaussianEmission;
import org.mlem.hmm.HiddenMarkovEstimator;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.HmmInit;
import org.mlem.hmm.SequenceData;

/**
 * Plain EM against SQUAREM on the same problems from the same starts: iterations (plain EM's EM
 * maps; SQUAREM's accepted points, the E-steps of rejected extrapolations not counted, see
 * {@code org.mlem.em.Squarem}), wall seconds and the final log-likelihood, each fit run to the same tolerance on the mean
 * per-row log-likelihood. Run: {@code java -cp mlem-bench/target/benchmarks.jar
 * org.mlem.bench.SquaremComparison [tolerance]} (default 1e-8).
 */
public final class SquaremComparison {
    private SquaremComparison() {}

    public static void main(String[] args) {
        double tol = args.length > 0 ? Double.parseDouble(args[0]) : 1e-8;
        EmOptions plain = EmOptions.SKLEARN.withTolerance(tol).withMaxIterations(100_000).withThreads(2);
        System.out.printf(Locale.ROOT, "%-34s %8s %9s %8s %9s %12s%n", "problem", "EM it", "EM s", "SQ it", "SQ s",
                "Δ mean ll");
        for (CovarianceStructure s : new CovarianceStructure[] {CovarianceStructure.FULL, CovarianceStructure.DIAG}) {
            DataMatrix x = overlappingBlobs(100_000, 5, 4, 7);
            GaussianMixture start = GaussianMixtureEstimator.of(4).withCovariance(s)
                    .withEm(plain.withMaxIterations(1)).fit(x, 1).model();
            Function<EmOptions, MixtureFit<GaussianMixture>> fit = o -> GaussianMixtureEstimator.of(4).withCovariance(s)
                    .withInit(new GmmInit.Given(start)).withEm(o).fit(x, 0);
            row("gmm n=1e5 d=5 k=4 " + s, fit.apply(plain), fit.apply(plain.withAcceleration(Acceleration.SQUAREM)));
        }
        for (String emission : new String[] {"gaussian", "poisson"}) {
            HiddenMarkovModel truth = hmmTruth(emission);
            SequenceData data = truth.sample(new int[] {20_000, 20_000, 10_000}, 3).sequences();
            EmissionSpec spec = EmissionSpec.byName(emission, emission.equals("gaussian") ? "full" : null);
            HiddenMarkovModel start = HiddenMarkovEstimator.of(3, spec).withEm(plain.withMaxIterations(1)).fit(data, 2)
                    .model();
            Function<EmOptions, MixtureFit<HiddenMarkovModel>> fit = o -> HiddenMarkovEstimator.of(3, spec)
                    .withInit(new HmmInit.Given(start)).withEm(o).fit(data, 0);
            row("hmm T=50,000 K=3 " + emission, fit.apply(plain), fit.apply(plain.withAcceleration(Acceleration.SQUAREM)));
        }
    }

    private static void row(String name, MixtureFit<?> em, MixtureFit<?> sq) {
        System.out.printf(Locale.ROOT, "%-34s %8d %9.3f %8d %9.3f %12.2e%n", name, em.iterations(), em.fitSeconds(),
                sq.iterations(), sq.fitSeconds(), sq.meanLogLikelihood() - em.meanLogLikelihood());
    }

    /** Four 5-D blobs whose centres are 1.5 standard deviations apart: slow, overlapping EM. */
    static DataMatrix overlappingBlobs(int n, int d, int k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(k);
            for (int a = 0; a < d; a++) {
                v[i * d + a] = 1.5 * c * ((a + c) % 2 == 0 ? 1 : -1) + rng.nextGaussian() * (1 + 0.2 * a);
            }
        }
        return DataMatrix.of(v, n, d, null);
    }

    /** Three sticky states whose emissions overlap. */
    static HiddenMarkovModel hmmTruth(String emission) {
        double[] start = {0.5, 0.3, 0.2};
        double[][] trans = {{0.95, 0.03, 0.02}, {0.04, 0.92, 0.04}, {0.05, 0.05, 0.90}};
        return HiddenMarkovModel.of(start, trans, emission.equals("gaussian")
                ? GaussianEmission.full(new double[][] {{0, 0}, {1, 0.5}, {-0.5, 1.2}},
                        new double[][][] {{{1, 0.3}, {0.3, 1}}, {{0.8, 0}, {0, 0.9}}, {{1.2, -0.2}, {-0.2, 1}}})
                : FamilyEmission.of(Families.poisson(), new double[][] {{2}, {3}, {4.5}}));
    }
}
