package org.mlem.hmm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Tolerances;

/**
 * Agreement with an independent log-space Baum–Welch written in numpy
 * ({@code tools/reference/hmm_reference.py}; hmmlearn is not packaged for Debian bookworm and no
 * R HMM package is installed). Same data, same starting parameters, tolerance 0: parameters and
 * the whole log-likelihood trace after 1 and after 50 iterations agree to 1e-8 relative
 * ({@link Tolerances#EXTERNAL}, floor 1e-6 for probabilities near 0).
 */
class ReferenceAgreementTest {
    private static final double FLOOR = 1e-6;

    @ParameterizedTest
    @ValueSource(strings = {"gaussian_full", "gaussian_diag_known", "categorical", "poisson", "bernoulli"})
    void oneAndFiftyIterationsAgree(String name) {
        JsonNode doc = Fixtures.json("hmm/" + name + ".json");
        String kind = doc.get("emission").asText();
        SequenceData data = data(doc);
        HiddenMarkovModel init = model(kind, doc.get("init"));
        for (String run : List.of("oneIteration", "fiftyIterations")) {
            int iterations = run.equals("oneIteration") ? 1 : 50;
            HiddenMarkovEstimator est = new HiddenMarkovEstimator(init.states(), init.emissions().spec(),
                    new EmOptions(iterations, 0, 1, 1), new HmmInit.Given(init), Set.of());
            MixtureFit<HiddenMarkovModel> fit = est.fit(data, 0);
            JsonNode expected = doc.get(run);
            assertClose(name + " " + run + " trace", fit.trace(), doubles(expected.get("trace")));
            assertClose(name + " " + run + " parameters", flatten(kind, fit.model()),
                    flatten(kind, model(kind, expected.get("params"))));
        }
    }

    static SequenceData data(JsonNode doc) {
        JsonNode rows = doc.get("rows");
        int n = rows.size();
        int d = rows.get(0).size();
        double[] v = new double[n * d];
        int[] known = new int[n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                v[i * d + a] = rows.get(i).get(a).asDouble();
            }
            known[i] = doc.get("knownStates").get(i).asInt();
        }
        int[] lengths = new int[doc.get("lengths").size()];
        for (int s = 0; s < lengths.length; s++) {
            lengths[s] = doc.get("lengths").get(s).asInt();
        }
        return SequenceData.of(DataMatrix.of(v, n, d, null), lengths).withKnownStates(known);
    }

    static HiddenMarkovModel model(String kind, JsonNode p) {
        JsonNode e = p.get("emissions");
        Emission emission = switch (kind) {
            case "gaussian-full" -> GaussianEmission.full(matrix(e.get("means")), cube(e.get("covariances")));
            case "gaussian-diag" -> GaussianEmission.diagonal(matrix(e.get("means")), matrix(e.get("covariances")));
            case "categorical" -> CategoricalEmission.of(matrix(e.get("probabilities")));
            case "poisson" -> FamilyEmission.of(Families.poisson(), column(doubles(e.get("lambda"))));
            case "bernoulli" -> FamilyEmission.of(Families.bernoulli(), column(doubles(e.get("prob"))));
            default -> throw new IllegalArgumentException(kind);
        };
        return HiddenMarkovModel.of(doubles(p.get("start")), matrix(p.get("transitions")), emission);
    }

    /** Every parameter of the model in a fixed order. */
    static double[] flatten(String kind, HiddenMarkovModel m) {
        List<Double> out = new ArrayList<>();
        for (double v : m.startProbabilities()) {
            out.add(v);
        }
        for (double[] row : m.transitionMatrix()) {
            for (double v : row) {
                out.add(v);
            }
        }
        for (int j = 0; j < m.states(); j++) {
            if (m.emissions() instanceof GaussianEmission g) {
                for (double v : g.means()[j]) {
                    out.add(v);
                }
                for (double[] row : g.covariance(j)) {
                    for (double v : row) {
                        out.add(v);
                    }
                }
            } else if (m.emissions() instanceof CategoricalEmission c) {
                for (double v : c.probabilities()[j]) {
                    out.add(v);
                }
            } else {
                for (double v : ((FamilyEmission) m.emissions()).distribution(j).parameterValues()) {
                    out.add(v);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static void assertClose(String what, double[] actual, double[] expected) {
        assertThat(actual).as(what + " length").hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(Tolerances.relativeError(actual[i], expected[i], FLOOR))
                    .as("%s [%d]: %s vs %s", what, i, actual[i], expected[i]).isLessThan(Tolerances.EXTERNAL);
        }
    }

    static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    static double[][] matrix(JsonNode a) {
        double[][] m = new double[a.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = doubles(a.get(i));
        }
        return m;
    }

    private static double[][][] cube(JsonNode a) {
        double[][][] c = new double[a.size()][][];
        for (int i = 0; i < c.length; i++) {
            c[i] = matrix(a.get(i));
        }
        return c;
    }

    private static double[][] column(double[] v) {
        double[][] c = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            c[i][0] = v[i];
        }
        return c;
    }
}
