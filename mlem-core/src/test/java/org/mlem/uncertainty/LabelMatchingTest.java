package org.mlem.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.testkit.Mixtures;

/** The Hungarian assignment against brute force over all permutations, and label switching undone. */
class LabelMatchingTest {

    /** Oracle: brute force over all k! assignments; the least total cost agrees to 1e-12, for k = 1..7. */
    @Test
    void hungarianFindsTheCheapestAssignment() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int k = 1; k <= 7; k++) {
            for (int trial = 0; trial < 30; trial++) {
                double[][] cost = new double[k][k];
                for (double[] row : cost) {
                    for (int j = 0; j < k; j++) {
                        row[j] = trial % 3 == 0 ? rng.nextInt(4) : rng.nextDouble() * 10 - 3; // ties and negatives too
                    }
                }
                int[] a = LabelMatching.assign(cost);
                assertThat(a).as("a permutation").containsExactlyInAnyOrder(identity(k));
                assertThat(total(cost, a)).isCloseTo(bruteForce(cost), within(1e-12));
            }
        }
    }

    /** A mixture with its components permuted is matched back: the order is the inverse permutation. */
    @Test
    void matchUndoesAPermutation() {
        for (CovarianceStructure s : CovarianceStructure.values()) {
            GaussianMixture m = Mixtures.wellSeparated(4, 3, s, 8);
            GmmParameters layout = GmmParameters.of(m, null);
            int[] perm = {2, 0, 3, 1};
            GaussianMixture permuted = layout.fromFree(layout.dropLastWeight(layout.values(m, perm)));
            int[] order = LabelMatching.match(m, permuted);
            for (int j = 0; j < 4; j++) {
                assertThat(perm[order[j]]).isEqualTo(j);
            }
            assertThat(layout.values(permuted, order)).containsExactly(layout.values(m), within(1e-14)); // weights renormalised
        }
    }

    private static double bruteForce(double[][] cost) {
        return permute(cost, identity(cost.length), 0);
    }

    private static double permute(double[][] cost, int[] p, int from) {
        if (from == p.length) {
            return total(cost, p);
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = from; i < p.length; i++) {
            swap(p, from, i);
            best = Math.min(best, permute(cost, p, from + 1));
            swap(p, from, i);
        }
        return best;
    }

    private static void swap(int[] p, int a, int b) {
        int t = p[a];
        p[a] = p[b];
        p[b] = t;
    }

    private static double total(double[][] cost, int[] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += cost[i][a[i]];
        }
        return s;
    }

    private static int[] identity(int k) {
        int[] p = new int[k];
        for (int i = 0; i < k; i++) {
            p[i] = i;
        }
        return p;
    }
}
