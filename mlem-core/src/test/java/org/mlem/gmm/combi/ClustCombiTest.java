package org.mlem.gmm.combi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.testkit.Fixtures;

/**
 * Agreement with R's mclust 6.0 {@code clustCombi} on Baudry et al.'s examples ex4.1 and ex4.2
 * (fixtures/combi/clustcombi.json, tools/reference/mclust_combi.R), from mclust's posteriors z:
 * every merged pair and every classification equal, the entropies 1e-8 relative (floor 1: near-zero
 * entropies are sums of rounding). mlem's {@link GaussianMixture} at mclust's fitted EEV parameters
 * gives those posteriors (mclust's estep at the parameters) to 1e-9 and the same merges. Law: the entropy never rises as clusters merge.
 */
class ClustCombiTest {
    private static final JsonNode FIXTURE = Fixtures.json("combi/clustcombi.json");

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        FIXTURE.get("cases").forEach(c -> out.add(Arguments.of(c.get("dataset").asText(), c)));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mergesAsMclust(String dataset, JsonNode c) {
        DataMatrix x = Fixtures.csv("combi/" + dataset + ".csv");
        double[][] mine = posteriors(c, x);
        double[][] z = new double[mine.length][];
        for (int i = 0; i < z.length; i++) {
            z[i] = doubles(c.get("z").get(i));
            for (int j = 0; j < z[i].length; j++) {
                assertThat(mine[i][j]).isCloseTo(z[i][j], within(1e-9));
            }
        }
        ClustCombi combi = ClustCombi.of(z);
        ClustCombi fromMlem = ClustCombi.of(mine);
        for (JsonNode s : c.get("steps")) {
            ClustCombi.Step step = combi.at(s.get("clusters").asInt());
            if (s.get("merged").isNull()) {
                assertThat(step.merged()).isNull();
            } else {
                assertThat(step.merged()).containsExactly(s.get("merged").get(0).asInt() - 1, s.get("merged").get(1).asInt() - 1);
                assertThat(fromMlem.at(step.clusters()).merged()).isEqualTo(step.merged());
            }
            double want = s.get("entropy").asDouble();
            assertThat(step.entropy()).as("entropy at K=%d", step.clusters()).isCloseTo(want, within(1e-8 * Math.max(want, 1)));
            int[] cl = step.classification();
            for (int i = 0; i < cl.length; i++) {
                assertThat(cl[i] + 1).isEqualTo(s.get("classification").get(i).asInt());
            }
        }
    }

    @Test
    void entropyNeverRisesAsClustersMerge() {
        JsonNode c = FIXTURE.get("cases").get(1);
        double[] e = ClustCombi.of(posteriors(c, Fixtures.csv("combi/ex4_2.csv"))).entropies();
        for (int k = 1; k < e.length; k++) {
            assertThat(e[k - 1]).isLessThanOrEqualTo(e[k]);
        }
        assertThat(e[0]).isCloseTo(0.0, within(1e-12)); // one cluster: every posterior is 1 (to rounding)
    }

    private static double[][] posteriors(JsonNode c, DataMatrix x) {
        int g = c.get("G").asInt();
        double[] w = new double[g];
        double[][] means = new double[g][];
        double[][][] sigma = new double[g][][];
        for (int j = 0; j < g; j++) {
            w[j] = c.get("weights").get(j).asDouble();
            means[j] = doubles(c.get("means").get(j));
            JsonNode s = c.get("sigma").get(j);
            sigma[j] = new double[s.size()][];
            for (int a = 0; a < s.size(); a++) {
                sigma[j][a] = doubles(s.get(a));
            }
        }
        CovarianceStructure model = CovarianceStructure.parse(c.get("model").asText(), x.cols());
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        for (int j = 0; j < g; j++) {
            w[j] /= sum;
        }
        return GaussianMixture.of(w, means, model.fromShape(sigma, g, x.cols())).predictProba(x);
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }
}
