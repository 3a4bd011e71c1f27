package org.mlem.gmm.da;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;

/**
 * Cross-validated error of a discriminant model as mclust's {@code cvMclustDA}: each fold's rows
 * are predicted by the model refitted to the other rows with the same structure (EDDA's model;
 * MclustDA's G and model per class) and the priors of the full fit. The error and the Brier score
 * ({@code Σ_c (1[y = c] − p_c)² / 2} per row, mclust's {@code BrierScore}) are averaged over the
 * folds weighted by their sizes; their standard errors are mclust's.
 *
 * @param error the misclassification rate (mclust's {@code ce})
 * @param errorSe its standard error ({@code se.ce})
 * @param brier the Brier score
 * @param brierSe its standard error
 * @param classification each row's class predicted while it was left out
 * @param probabilities each row's class probabilities while it was left out
 * @param folds the fold of each row
 */
public record CrossValidation(double error, double errorSe, double brier, double brierSe, int[] classification,
        double[][] probabilities, int[] folds) {

    /** mclust's default, ten folds. */
    public static final int DEFAULT_FOLDS = 10;

    /**
     * Runs cross-validation of {@code fit} (made by {@code estimator} from {@code x} and
     * {@code classOf}) over {@code folds} (0..K-1 per row, K ≥ 2).
     */
    public static CrossValidation run(DiscriminantEstimator estimator, DiscriminantEstimator.Fit fit, DataMatrix x,
            int[] classOf, int[] folds, long seed, DiscriminantEstimator.ClassStarts starts) {
        int k = checkFolds(folds, x.rows());
        GaussianDiscriminant full = fit.model();
        int n = x.rows();
        int[] predicted = new int[n];
        double[][] prob = new double[n][];
        double[] foldError = new double[k];
        double[] foldBrier = new double[k];
        int[] size = new int[k];
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int f = 0; f < k; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                (folds[i] == f ? test : train).add(i);
            }
            DataMatrix xt = rows(x, train);
            int[] yt = train.stream().mapToInt(i -> classOf[i]).toArray();
            GaussianDiscriminant model = estimator.refit(full, xt, yt, seeds.nextLong(), starts, f).model()
                    .withPriors(full.priors());
            double[][] p = model.predictProba(rows(x, test));
            int[] y = test.stream().mapToInt(i -> classOf[i]).toArray();
            int[] z = org.mlem.model.LatentClasses.argmax(p);
            size[f] = test.size();
            for (int t = 0; t < test.size(); t++) {
                predicted[test.get(t)] = z[t];
                prob[test.get(t)] = p[t];
            }
            double[] s = errorAndBrier(p, y);
            foldError[f] = s[0];
            foldBrier[f] = s[1];
        }
        Summary sum = Summary.of(foldError, foldBrier, size);
        return new CrossValidation(sum.error(), sum.errorSe(), sum.brier(), sum.brierSe(), predicted, prob, folds.clone());
    }

    /**
     * The cross-validated error and Brier score from each fold's (averaged over its rows), weighted
     * by the folds' sizes, with mclust's standard errors: what {@link #run} reports, for folds
     * predicted anywhere (a cluster's).
     */
    public record Summary(double error, double errorSe, double brier, double brierSe) {
        /** From each fold's error rate, Brier score and number of rows. */
        public static Summary of(double[] foldError, double[] foldBrier, int[] size) {
            double[] ce = weighted(foldError, size);
            double[] brier = weighted(foldBrier, size);
            return new Summary(ce[0], ce[1], brier[0], brier[1]);
        }
    }

    /** The seed of each fold's refit (MclustDA's class starts), in fold order, as {@link #run} draws them. */
    public static long[] foldSeeds(long seed, int folds) {
        SplittableRandom seeds = new SplittableRandom(seed);
        long[] out = new long[folds];
        for (int f = 0; f < folds; f++) {
            out[f] = seeds.nextLong();
        }
        return out;
    }

    /**
     * The share of rows whose most probable class (ties to the first) is not {@code y} and the Brier
     * score, mclust's {@code BrierScore}: the mean over rows of Σ_c (1[y = c] − p_c)² / 2.
     *
     * @param p class probabilities, one row of C per row
     * @param y the true classes
     */
    public static double[] errorAndBrier(double[][] p, int[] y) {
        double[] s = errorAndBrierSums(p, y);
        return new double[] {s[0] / y.length, s[1] / y.length};
    }

    /**
     * {@link #errorAndBrier}'s sums before the division by the number of rows: the rows misclassified
     * and Σ_i Σ_c (1[y = c] − p_c)² / 2, which add over rows held anywhere.
     */
    public static double[] errorAndBrierSums(double[][] p, int[] y) {
        int[] z = org.mlem.model.LatentClasses.argmax(p);
        double wrong = 0;
        double brier = 0;
        for (int i = 0; i < y.length; i++) {
            wrong += z[i] == y[i] ? 0 : 1;
            for (int c = 0; c < p[i].length; c++) {
                double r = (c == y[i] ? 1 : 0) - p[i][c];
                brier += r * r / 2;
            }
        }
        return new double[] {wrong, brier};
    }

    /**
     * Stratified folds: each class's rows shuffled by a generator seeded by {@code seed}, then dealt
     * to the folds in turn (classes in order, continuing where the last left off), so every fold
     * holds each class's rows within one.
     */
    public static int[] balancedFolds(int[] classOf, int classes, int k, long seed) {
        if (k < 2 || k > classOf.length) {
            throw new MlemUserException("--cv-folds " + k + ": give between 2 and the number of rows (" + classOf.length + ")");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] folds = new int[classOf.length];
        int next = 0;
        for (int c = 0; c < classes; c++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < classOf.length; i++) {
                if (classOf[i] == c) {
                    rows.add(i);
                }
            }
            for (int j = rows.size() - 1; j > 0; j--) { // Fisher–Yates
                int r = rng.nextInt(j + 1);
                Integer t = rows.get(j);
                rows.set(j, rows.get(r));
                rows.set(r, t);
            }
            for (int i : rows) {
                folds[i] = next;
                next = (next + 1) % k;
            }
        }
        return folds;
    }

    /** The size-weighted mean and mclust's standard error of per-fold values. */
    private static double[] weighted(double[] v, int[] size) {
        int k = v.length;
        double total = 0;
        double mean = 0;
        for (int f = 0; f < k; f++) {
            total += size[f];
            mean += v[f] * size[f];
        }
        mean /= total;
        double ss = 0;
        for (int f = 0; f < k; f++) {
            ss += (v[f] - mean) * (v[f] - mean) * size[f];
        }
        double se = Math.sqrt(ss / (total * (k - 1) / k) / k);
        return new double[] {mean, se};
    }

    /**
     * The number of folds K of {@code folds} (one 0..K-1 per row, every fold used, K ≥ 2); else one
     * line naming the problem.
     */
    public static int checkFolds(int[] folds, int n) {
        if (folds.length != n) {
            throw new IllegalArgumentException(folds.length + " folds for " + n + " rows");
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (folds[i] < 0) {
                throw new MlemUserException("row " + (i + 1) + " has no fold; give every row a fold 0..K-1");
            }
            k = Math.max(k, folds[i] + 1);
        }
        boolean[] seen = new boolean[k];
        for (int f : folds) {
            seen[f] = true;
        }
        for (int f = 0; f < k; f++) {
            if (!seen[f]) {
                throw new MlemUserException("fold " + f + " has no rows; number the folds 0..K-1 without gaps");
            }
        }
        if (k < 2) {
            throw new MlemUserException("one fold only; cross-validation needs at least two");
        }
        return k;
    }

    private static DataMatrix rows(DataMatrix x, List<Integer> idx) {
        int d = x.cols();
        double[] v = new double[idx.size() * d];
        for (int r = 0; r < idx.size(); r++) {
            for (int a = 0; a < d; a++) {
                v[r * d + a] = x.get(idx.get(r), a);
            }
        }
        return DataMatrix.of(v, idx.size(), d, x.columns());
    }
}
