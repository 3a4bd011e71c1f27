package org.mlem.hmm;

import java.util.SplittableRandom;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.testkit.Mixtures;

/** Seeded HMMs for tests. */
final class Hmms {
    private Hmms() {}

    /** A probability row drawn uniformly on the simplex, no entry below 0.02 after mixing. */
    static double[] simplex(int k, SplittableRandom rng) {
        double[] p = new double[k];
        double s = 0;
        for (int j = 0; j < k; j++) {
            p[j] = -Math.log(1 - rng.nextDouble()) + 0.05;
            s += p[j];
        }
        for (int j = 0; j < k; j++) {
            p[j] /= s;
        }
        return p;
    }

    static double[][] stochastic(int k, SplittableRandom rng, double stay) {
        double[][] a = new double[k][];
        for (int i = 0; i < k; i++) {
            a[i] = simplex(k, rng);
            for (int j = 0; j < k; j++) {
                a[i][j] = (1 - stay) * a[i][j] + (i == j ? stay : 0);
            }
        }
        return a;
    }

    /** Gaussian emissions with means 4 apart per state in d dimensions. */
    static GaussianEmission gaussian(int k, int d, CovarianceStructure structure, SplittableRandom rng) {
        double[][] means = new double[k][d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                means[j][a] = 4.0 * j * (a % 2 == 0 ? 1 : -1) + rng.nextDouble();
            }
        }
        if (structure == CovarianceStructure.FULL) {
            double[][][] c = new double[k][][];
            for (int j = 0; j < k; j++) {
                c[j] = Mixtures.randomSpd(d, rng);
            }
            return GaussianEmission.full(means, c);
        }
        double[][] v = new double[k][d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                v[j][a] = 0.5 + rng.nextDouble();
            }
        }
        return GaussianEmission.diagonal(means, v);
    }

    static HiddenMarkovModel model(Emission e, SplittableRandom rng, double stay) {
        int k = e.states();
        return HiddenMarkovModel.of(simplex(k, rng), stochastic(k, rng, stay), e);
    }
}
