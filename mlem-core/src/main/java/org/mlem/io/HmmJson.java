package org.mlem.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.dist.Families;
import org.mlem.dist.UnivariateFamily;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.hmm.CategoricalEmission;
import org.mlem.hmm.Emission;
import org.mlem.hmm.FamilyEmission;
import org.mlem.hmm.GaussianEmission;
import org.mlem.hmm.HiddenMarkovModel;

/**
 * Hidden Markov models as JSON in the command-line contract's field names: {@code model}
 * ("hmm"), {@code states} K, {@code emission} (gaussian, categorical or a family's name),
 * {@code covariance} (gaussian only: full or diag), {@code startProbabilities} [K],
 * {@code transitionMatrix} [K][K] (row = from) and {@code emissions} [K] of {parameter: value}.
 * A state's parameters are named as R names them: gaussian in one dimension {@code mean},
 * {@code sd}; beyond, {@code means} [d] and {@code covariances} [d][d] (diag: zero off the
 * diagonal); categorical {@code prob} [M] over codes 0..M-1; a family its own names
 * ({@code lambda}, {@code prob}, {@code shape} and {@code rate}, ...).
 */
public final class HmmJson {
    private HmmJson() {}

    /** The model's parameters as a JSON object. */
    public static ObjectNode node(HiddenMarkovModel m) {
        ObjectNode node = ModelJson.mapper().createObjectNode();
        Emission e = m.emissions();
        node.put("model", "hmm");
        node.put("states", m.states());
        node.put("emission", e.spec().name());
        if (e instanceof GaussianEmission g) {
            node.put("covariance", g.structure().id());
        }
        node.set("startProbabilities", ModelJson.mapper().valueToTree(m.startProbabilities()));
        node.set("transitionMatrix", ModelJson.mapper().valueToTree(m.transitionMatrix()));
        ArrayNode states = node.putArray("emissions");
        for (int j = 0; j < m.states(); j++) {
            states.add(stateNode(e, j));
        }
        return node;
    }

    private static ObjectNode stateNode(Emission e, int j) {
        ObjectNode s = ModelJson.mapper().createObjectNode();
        if (e instanceof GaussianEmission g && g.dimension() > 1) {
            s.set("means", ModelJson.mapper().valueToTree(g.means()[j]));
            s.set("covariances", ModelJson.mapper().valueToTree(g.covariance(j)));
            return s;
        }
        for (Map.Entry<String, Object> p : e.parameters(j).entrySet()) {
            s.set(p.getKey(), ModelJson.mapper().valueToTree(p.getValue()));
        }
        return s;
    }

    /** Reads an HMM model file. */
    public static HmmFile read(Path file) {
        return from(ModelJson.readTree(file), file.toString());
    }

    /**
     * An HMM from a parsed model file. Required: {@code model} = "hmm", {@code states},
     * {@code emission}, {@code startProbabilities}, {@code transitionMatrix}, {@code emissions};
     * optional: {@code covariance} (gaussian; full when absent), {@code columns},
     * {@code sequenceColumn}.
     */
    public static HmmFile from(JsonNode root, String source) {
        JsonFields f = new JsonFields(root, source);
        f.requireModel("hmm", "a hidden Markov model");
        int k = f.positiveInt("states");
        double[] start = (double[]) f.numbers("startProbabilities", k);
        double[][] trans = (double[][]) f.numbers("transitionMatrix", k, k);
        Emission emissions = emissions(f, k);
        List<String> columns = f.has("columns") ? f.strings("columns", emissions.dimension()) : null;
        String sequence = f.has("sequenceColumn") ? f.text("sequenceColumn") : null;
        try {
            return new HmmFile(HiddenMarkovModel.of(start, trans, emissions), columns, sequence);
        } catch (MlemUserException e) {
            throw new MlemUserException(e.getMessage(), source, -1, -1);
        }
    }

    private static Emission emissions(JsonFields f, int k) {
        String name = f.text("emission");
        f.requireArray("emissions", k);
        try {
            if (name.equalsIgnoreCase("gaussian")) {
                return gaussian(f, k, f.has("covariance") ? CovarianceStructure.parse(f.text("covariance")) : CovarianceStructure.FULL);
            }
            if (name.equalsIgnoreCase("categorical")) {
                double[][] p = new double[k][];
                for (int j = 0; j < k; j++) {
                    p[j] = (double[]) f.element("emissions", j).numbers("prob", -1);
                }
                return CategoricalEmission.of(p);
            }
            UnivariateFamily family = Families.byName(name);
            double[][] p = new double[k][family.parameterNames().size()];
            for (int j = 0; j < k; j++) {
                JsonFields s = f.element("emissions", j);
                for (int a = 0; a < p[j].length; a++) {
                    p[j][a] = s.number(family.parameterNames().get(a));
                }
            }
            return FamilyEmission.of(family, p);
        } catch (MlemUserException e) {
            throw e.source() != null && !e.source().isEmpty() ? e : new MlemUserException(e.getMessage(), f.source(), -1, -1);
        }
    }

    private static Emission gaussian(JsonFields f, int k, CovarianceStructure structure) {
        double[][] means = new double[k][];
        double[][][] covariances = new double[k][][];
        for (int j = 0; j < k; j++) {
            JsonFields s = f.element("emissions", j);
            if (s.has("sd")) {
                means[j] = new double[] {s.number("mean")};
                double sd = s.number("sd");
                covariances[j] = new double[][] {{sd * sd}};
            } else {
                means[j] = (double[]) s.numbers("means", -1);
                covariances[j] = (double[][]) s.numbers("covariances", means[j].length, means[j].length);
            }
            if (means[j].length != means[0].length) {
                throw f.error("emissions[" + j + "].means", "has " + means[j].length + " values but emissions[0]'s have "
                        + means[0].length + "; give every state's mean " + means[0].length + " values");
            }
        }
        if (structure == CovarianceStructure.FULL) {
            try {
                return GaussianEmission.full(means, covariances);
            } catch (IllegalArgumentException e) {
                // the covariance constructor rejects an asymmetric or misshapen matrix
                throw f.error("emissions[].covariances", "is not valid: " + e.getMessage()
                        + "; covariances must be symmetric positive definite");
            }
        }
        if (structure != CovarianceStructure.DIAG) {
            throw f.error("covariance", "is '" + structure.id() + "'; HMM Gaussian emissions are full or diag");
        }
        double[][] variances = new double[k][];
        for (int j = 0; j < k; j++) {
            int d = means[j].length;
            variances[j] = new double[d];
            for (int a = 0; a < d; a++) {
                variances[j][a] = covariances[j][a][a];
                for (int b = 0; b < d; b++) {
                    if (a != b && covariances[j][a][b] != 0) {
                        throw f.error("emissions[" + j + "].covariances", "has a non-zero value off the diagonal, but the "
                                + "covariance is diag; set it to 0 or make the covariance full");
                    }
                }
            }
        }
        return GaussianEmission.diagonal(means, variances);
    }
}
