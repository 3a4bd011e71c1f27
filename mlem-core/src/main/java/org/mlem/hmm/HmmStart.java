package org.mlem.hmm;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmOptions;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;
import org.mlem.uncertainty.LabelMatching;

/** The parameters one Baum–Welch start begins from ({@link HmmInit}). */
final class HmmStart {
    private HmmStart() {}

    /** Relative size of the seeded perturbation of uniform start and transition probabilities. */
    static final double PERTURBATION = 0.1;

    /**
     * The start of draw {@code draw} ({@link org.mlem.em.Restarts.Initialiser}): draw 0 as
     * {@link HmmInit} describes; with the k-means start, later draws alternate k-means++ seeding
     * without Lloyd iterations (odd draws) and random posteriors (even draws), each with transition
     * rows and start probabilities drawn uniformly on the simplex, since k-means' clusters of a short
     * series come out the same from almost any seeding.
     */
    static HiddenMarkovModel initial(HiddenMarkovEstimator est, EmissionSpec spec, SequenceData data, SplittableRandom rng,
            BlockReducer reducer, int draw) {
        int k = est.states();
        if (est.init() instanceof HmmInit.Given given) {
            HiddenMarkovModel start = given.start();
            if (start.states() != k) {
                throw new MlemUserException("the starting model has " + start.states() + " states but the fit asks for " + k);
            }
            spec.requireCompatible(start.emissions(), data.cols());
            return start;
        }
        boolean explore = draw > 0 && est.init() instanceof HmmInit.KMeans;
        boolean random = est.init() instanceof HmmInit.Random || explore;
        boolean randomPosteriors = est.init() instanceof HmmInit.Random || explore && draw % 2 == 0;
        double[] posteriors = !spec.clusterable() ? valueTiltedPosteriors(data.matrix(), k, rng)
                : randomPosteriors ? randomPosteriors(data.rows(), k, rng)
                : clusterPosteriors(data.matrix(), k, explore ? 0 : ((HmmInit.KMeans) est.init()).iterations(), rng,
                        reducer.threads());
        posteriors = alignWithKnownStates(posteriors, data.matrix(), k);
        Emission emission = emissionsFrom(spec, data, k, posteriors, reducer);
        double[] start = new double[k];
        double[] trans = new double[k * k];
        for (int i = 0; i <= k; i++) {
            double[] row = i == 0 ? start : trans;
            int off = i == 0 ? 0 : (i - 1) * k;
            for (int j = 0; j < k; j++) {
                row[off + j] = random ? -Math.log(1 - rng.nextDouble()) : 1 + PERTURBATION * rng.nextDouble();
            }
            double s = Sums.sum(row, off, off + k);
            for (int j = 0; j < k; j++) {
                row[off + j] /= s;
            }
        }
        return new HiddenMarkovModel(start, trans, emission);
    }

    /**
     * Renumbers the start's clusters so that they agree best with the known states: cluster c
     * becomes state z for the assignment maximising the posterior mass of the rows known to be in
     * z (the Hungarian algorithm). Without it, a few known states would start EM with their states
     * swapped against the clusters, a start EM often cannot recover from.
     */
    static double[] alignWithKnownStates(double[] posteriors, DataMatrix x, int k) {
        if (!x.hasLabels()) {
            return posteriors;
        }
        double[][] cost = new double[k][k];
        boolean any = false;
        for (int i = 0; i < x.rows(); i++) {
            int z = x.label(i);
            if (z >= 0) {
                any = true;
                for (int c = 0; c < k; c++) {
                    cost[z][c] -= posteriors[i * k + c];
                }
            }
        }
        if (!any) {
            return posteriors;
        }
        int[] clusterOf = LabelMatching.assign(cost); // state z takes cluster clusterOf[z]
        double[] aligned = new double[posteriors.length];
        for (int i = 0; i < x.rows(); i++) {
            for (int z = 0; z < k; z++) {
                aligned[i * k + z] = posteriors[i * k + clusterOf[z]];
            }
        }
        return aligned;
    }

    /** The emission M-step from per-row posteriors (rows × K), a known state overriding its row. */
    private static Emission emissionsFrom(EmissionSpec spec, SequenceData data, int k, double[] posteriors,
            BlockReducer reducer) {
        int d = data.cols();
        double[] shift = new double[k * d];
        double[] mean = columnMeans(data.matrix());
        for (int j = 0; j < k; j++) {
            System.arraycopy(mean, 0, shift, j * d, d);
        }
        return reducer.reduce(data, () -> new Holder(spec.emptyStats(k, d, shift)), (block, into) -> {
            double[] post = new double[block.rows() * k];
            for (int i = 0; i < block.rows(); i++) {
                int z = block.label(i);
                if (z >= 0) {
                    post[i * k + z] = 1.0;
                } else {
                    System.arraycopy(posteriors, (block.start() + i) * k, post, i * k, k);
                }
            }
            into.stats.accumulate(block, post);
            return 0.0;
        }).stats().stats.maximize();
    }

    /** Emission statistics as driver statistics. */
    private record Holder(EmissionStats stats) implements org.mlem.em.Stats<Holder> {
        @Override
        public void merge(Holder other) {
            stats.merge(other.stats);
        }
    }

    /** Uniform random weights per row, normalised; drawn sequentially so independent of threads. */
    private static double[] randomPosteriors(int n, int k, SplittableRandom rng) {
        double[] p = new double[n * k];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                p[i * k + j] = rng.nextDouble();
                s += p[i * k + j];
            }
            for (int j = 0; j < k; j++) {
                p[i * k + j] /= s;
            }
        }
        return p;
    }

    /**
     * For categories and 0/1 data: posteriors ∝ a random weight per (state, distinct value),
     * exponential draws made in order of first appearance. Unlike per-row random posteriors, which
     * average out to the same emissions in every state, this tilts each state towards different
     * values, so EM does not start at the symmetric point.
     */
    private static double[] valueTiltedPosteriors(DataMatrix x, int k, SplittableRandom rng) {
        java.util.Map<Double, double[]> tilt = new java.util.HashMap<>();
        double[] p = new double[x.rows() * k];
        for (int i = 0; i < x.rows(); i++) {
            double[] w = tilt.computeIfAbsent(x.get(i, 0), v -> {
                double[] draw = new double[k];
                for (int j = 0; j < k; j++) {
                    draw[j] = -Math.log(1 - rng.nextDouble()) + 1e-3;
                }
                return draw;
            });
            double s = Sums.sum(w, 0, k);
            for (int j = 0; j < k; j++) {
                p[i * k + j] = w[j] / s;
            }
        }
        return p;
    }

    /**
     * One-hot posteriors from the Gaussian mixture's k-means start (k-means++ and Lloyd
     * iterations, then one diagonal EM step) on the fit's threads (the mixture's result does not
     * depend on their number): clusters of the rows as states.
     */
    private static double[] clusterPosteriors(DataMatrix x, int k, int iterations, SplittableRandom rng, int threads) {
        DataMatrix plain = DataMatrix.of(x.values(), x.rows(), x.cols(), x.columns());
        if (distinctRows(plain, k) < k) {
            throw new MlemUserException(k + " states but fewer than " + k + " distinct rows; use fewer states");
        }
        GaussianMixtureEstimator gmm = GaussianMixtureEstimator.of(k).withCovariance(CovarianceStructure.DIAG)
                .withInit(new GmmInit.KMeansPlusPlus(iterations)).withEm(new EmOptions(1, 0, 1, threads));
        int[] labels = gmm.fit(plain, rng.nextLong()).model().predict(plain);
        double[] p = new double[x.rows() * k];
        for (int i = 0; i < labels.length; i++) {
            p[i * k + labels[i]] = 1.0;
        }
        return p;
    }

    private static int distinctRows(DataMatrix x, int limit) {
        Set<List<Double>> seen = new HashSet<>();
        for (int i = 0; i < x.rows() && seen.size() < limit; i++) {
            seen.add(java.util.Arrays.stream(x.row(i)).boxed().toList());
        }
        return seen.size();
    }

    private static double[] columnMeans(DataMatrix x) {
        double[] m = new double[x.cols()];
        for (int i = 0; i < x.rows(); i++) {
            for (int a = 0; a < m.length; a++) {
                m[a] += x.get(i, a) / x.rows();
            }
        }
        return m;
    }
}
