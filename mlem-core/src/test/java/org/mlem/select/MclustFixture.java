package org.mlem.select;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.testkit.Fixtures;

/** One mclust fit from fixtures/select/mclust_bic.json (written by tools/reference/select_mclust.R). */
record MclustFixture(JsonNode node) {

    static List<MclustFixture> all() {
        List<MclustFixture> out = new ArrayList<>();
        Fixtures.json("select/mclust_bic.json").get("fits").forEach(f -> out.add(new MclustFixture(f)));
        return out;
    }

    String dataset() {
        return node.get("dataset").asText();
    }

    DataMatrix data() {
        return Fixtures.csv("data/" + dataset() + ".csv");
    }

    CovarianceStructure structure() {
        return CovarianceStructure.parse(node.get("structure").asText());
    }

    int k() {
        return node.get("k").asInt();
    }

    double value(String field) {
        return node.get(field).asDouble();
    }

    /** mclust's fitted parameters as a mixture in mlem's matching structure. */
    GaussianMixture mixture() {
        int k = k();
        double[] w = new double[k];
        double[][] means = new double[k][];
        double[][][] sigma = new double[k][][];
        for (int j = 0; j < k; j++) {
            w[j] = node.get("weights").get(j).asDouble();
            means[j] = vector(node.get("means").get(j));
            JsonNode s = node.get("sigma").get(j);
            sigma[j] = new double[s.size()][];
            for (int a = 0; a < s.size(); a++) {
                sigma[j][a] = vector(s.get(a));
            }
        }
        int d = means[0].length;
        Object shape = switch (structure().storage()) {
            case FULL -> sigma;
            case TIED -> sigma[0];
            case DIAG -> diagonals(sigma);
            default -> {
                double[] v = new double[k];
                for (int j = 0; j < k; j++) {
                    v[j] = sigma[j][0][0];
                }
                yield v;
            }
        };
        return GaussianMixture.of(w, means, structure().fromShape(shape, k, d));
    }

    private static double[][] diagonals(double[][][] sigma) {
        double[][] v = new double[sigma.length][sigma[0].length];
        for (int j = 0; j < sigma.length; j++) {
            for (int a = 0; a < v[j].length; a++) {
                v[j][a] = sigma[j][a][a];
            }
        }
        return v;
    }

    private static double[] vector(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    @Override
    public String toString() {
        return dataset() + " " + node.get("model").asText() + " k=" + k();
    }
}
