package org.mlem.uncertainty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.hmm.Emission;
import org.mlem.hmm.FamilyEmission;
import org.mlem.hmm.GaussianEmission;
import org.mlem.hmm.HiddenMarkovEstimator;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.HmmInit;
import org.mlem.hmm.SequenceData;

/**
 * The bootstrap of a hidden Markov model, whose units are sequences. Reported layout:
 * {@code start[j]}, {@code transition[a][b]} (row a = from), then each state's emission
 * parameters by R's names, {@code mean[j]}, {@code sd[j]} in one dimension,
 * {@code mean[j][column]} and {@code covariance[j][a,b]} beyond, {@code prob[j][category]},
 * {@code lambda[j]}, ...; states numbered from 0 and matched to the fitted ones by their emission
 * parameters and start probabilities.
 *
 * <p>The observed information is {@link HmmInformation}'s (Lystig and Hughes' recursions), in this layout.
 */
public final class HmmUncertainty {
    private HmmUncertainty() {}

    /** Reported names of models shaped like {@code m} on data with {@code columns}. */
    public static List<String> names(HiddenMarkovModel m, List<String> columns) {
        int k = m.states();
        List<String> cols = columns == null ? DataMatrix.defaultNames(m.dimension()) : columns;
        List<String> names = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            names.add("start[" + j + "]");
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                names.add("transition[" + a + "][" + b + "]");
            }
        }
        for (int j = 0; j < k; j++) {
            for (Map.Entry<String, Object> e : m.emissions().parameters(j).entrySet()) {
                String base = e.getKey() + "[" + j + "]";
                if (e.getValue() instanceof double[] v) {
                    for (int a = 0; a < v.length; a++) {
                        names.add(base + "[" + (v.length == cols.size() ? cols.get(a) : String.valueOf(a)) + "]");
                    }
                } else if (e.getValue() instanceof double[][] v) {
                    for (int a = 0; a < v.length; a++) {
                        for (int b = a; b < v.length; b++) {
                            names.add(base + "[" + cols.get(a) + "," + cols.get(b) + "]");
                        }
                    }
                } else {
                    names.add(base);
                }
            }
        }
        return List.copyOf(names);
    }

    private static double[] emission(HiddenMarkovModel m, int j) {
        List<Double> v = new ArrayList<>();
        for (Object o : m.emissions().parameters(j).values()) {
            if (o instanceof double[] a) {
                for (double x : a) {
                    v.add(x);
                }
            } else if (o instanceof double[][] a) {
                for (int r = 0; r < a.length; r++) {
                    for (int c = r; c < a.length; c++) {
                        v.add(a[r][c]);
                    }
                }
            } else {
                v.add(((Number) o).doubleValue());
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** {@code m}'s parameters, reported state j being {@code m}'s {@code order[j]}. */
    public static double[] values(HiddenMarkovModel m, int[] order) {
        int k = m.states();
        double[] start = m.startProbabilities();
        double[][] trans = m.transitionMatrix();
        List<Double> v = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            v.add(start[order[j]]);
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                v.add(trans[order[a]][order[b]]);
            }
        }
        for (int j = 0; j < k; j++) {
            for (double x : emission(m, order[j])) {
                v.add(x);
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The model shaped like {@code like} with the free parameters θ of {@link HmmInformation}'s
     * layout (start probabilities but the last, each transition row but its last, then each
     * state's emission parameters as {@link #names} lists them).
     */
    public static HiddenMarkovModel fromFree(HiddenMarkovModel like, double[] theta) {
        int k = like.states();
        double[] start = ComponentBlocks.weights(theta, k);
        double[][] trans = new double[k][];
        for (int i = 0; i < k; i++) {
            trans[i] = ComponentBlocks.weights(java.util.Arrays.copyOfRange(theta, k - 1 + i * (k - 1), k - 1 + (i + 1) * (k - 1)), k);
        }
        int o = k - 1 + k * (k - 1);
        int s = (theta.length - o) / k;
        double[][] em = new double[k][];
        for (int j = 0; j < k; j++) {
            em[j] = java.util.Arrays.copyOfRange(theta, o + j * s, o + (j + 1) * s);
        }
        return HiddenMarkovModel.of(start, trans, emissionFromFree(like.emissions(), em));
    }

    private static Emission emissionFromFree(Emission like, double[][] em) {
        int k = em.length;
        if (like instanceof FamilyEmission f) {
            return FamilyEmission.of(f.distribution(0).family(), em);
        }
        int d = like.dimension();
        double[][] means = new double[k][];
        double[][][] cov = new double[k][d][d];
        for (int j = 0; j < k; j++) {
            means[j] = java.util.Arrays.copyOf(em[j], d);
            if (d == 1) {
                cov[j][0][0] = em[j][1] * em[j][1];
                continue;
            }
            for (int a = 0, e = d; a < d; a++) {
                for (int b = a; b < d; b++, e++) {
                    cov[j][a][b] = em[j][e];
                    cov[j][b][a] = em[j][e];
                }
            }
        }
        return GaussianEmission.full(means, cov);
    }

    static int[] match(HiddenMarkovModel fitted, HiddenMarkovModel replicate) {
        int k = fitted.states();
        double[][] f = new double[k][];
        double[][] r = new double[k][];
        for (int j = 0; j < k; j++) {
            f[j] = emission(fitted, j);
            r[j] = emission(replicate, j);
        }
        return LabelMatching.byFeatures(fitted.startProbabilities(), f, replicate.startProbabilities(), r);
    }

    /**
     * The bootstrap of a hidden Markov model: sequences resampled (their weights as multinomial
     * counts), or simulated from the fit with the observed lengths (and weights); each replicate
     * runs {@code estimator}'s Baum–Welch from the fitted model, one start, one thread.
     */
    public static BootstrapModel<SequenceData, HiddenMarkovModel> bootstrap(HiddenMarkovEstimator estimator) {
        EmOptions em = estimator.em().withRestarts(1).withThreads(1);
        return new BootstrapModel<>() {
            @Override
            public List<String> parameterNames(HiddenMarkovModel fitted, SequenceData data) {
                return names(fitted, data.matrix().columns());
            }

            @Override
            public HiddenMarkovModel refit(HiddenMarkovModel fitted, SequenceData data, long seed) {
                return estimator.withInit(new HmmInit.Given(fitted)).withEm(em).fit(data, seed).model();
            }

            @Override
            public double[] matchedParameters(HiddenMarkovModel fitted, HiddenMarkovModel replicate) {
                return values(replicate, match(fitted, replicate));
            }

            @Override
            public int units(SequenceData data) {
                return data.sequences();
            }

            @Override
            public boolean hasWeights(SequenceData data) {
                return data.matrix().hasWeights();
            }

            @Override
            public double unitWeight(SequenceData data, int u) {
                return data.sequenceWeight(u);
            }

            @Override
            public String cannotResample(SequenceData data) {
                return data.sequences() > 1 ? null : "the non-parametric bootstrap of a hidden Markov model resamples "
                        + "whole sequences, and the data are one sequence; use --bootstrap-kind parametric (or give "
                        + "several sequences with --sequence)";
            }

            @Override
            public SequenceData reweighted(SequenceData data, double[] counts) {
                return SequenceData.of(data.matrix().withWeights(rowWeights(data, counts)), data.lengths());
            }

            @Override
            public SequenceData simulate(HiddenMarkovModel model, SequenceData data, int draws, long seed) {
                DataMatrix x = model.sample(data.lengths(), seed).sequences().matrix();
                DataMatrix named = DataMatrix.of(x.values(), x.rows(), x.cols(), data.matrix().columns())
                        .withWeights(data.matrix().weights());
                return SequenceData.of(named, data.lengths());
            }
        };
    }

    private static double[] rowWeights(SequenceData data, double[] perSequence) {
        double[] w = new double[data.rows()];
        for (int s = 0; s < data.sequences(); s++) {
            int start = data.sequenceStart(s);
            for (int i = 0; i < data.length(s); i++) {
                w[start + i] = perSequence[s];
            }
        }
        return w;
    }
}
