package org.mlem.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.tmix.TMixture;

/**
 * Mixtures of multivariate t distributions as JSON: {@code model} ("tmix"), {@code k},
 * {@code weights} [k], {@code means} [k][d] (the locations), {@code scales} [k][d][d] (the scale
 * matrices Σ, not the covariances ν/(ν−2) Σ) and {@code df} [k] (degrees of freedom ν).
 */
public final class TMixtureJson {
    private TMixtureJson() {}

    /** The mixture's parameters as a JSON object. */
    public static ObjectNode node(TMixture m) {
        int k = m.components();
        double[][] means = new double[k][];
        double[][][] scales = new double[k][][];
        for (int j = 0; j < k; j++) {
            means[j] = m.mean(j);
            scales[j] = m.scale(j);
        }
        ObjectNode node = ModelJson.mapper().createObjectNode();
        node.put("model", "tmix");
        node.put("k", k);
        node.set("weights", ModelJson.mapper().valueToTree(m.weights()));
        node.set("means", ModelJson.mapper().valueToTree(means));
        node.set("scales", ModelJson.mapper().valueToTree(scales));
        node.set("df", ModelJson.mapper().valueToTree(m.degreesOfFreedom()));
        return node;
    }

    /** Reads a t-mixture model file. */
    public static TMixtureFile read(Path file) {
        return from(ModelJson.readTree(file), file.toString());
    }

    /**
     * A t mixture from a parsed model file. Required: {@code model} = "tmix", {@code k},
     * {@code weights}, {@code means}, {@code scales}, {@code df}; optional: {@code columns}.
     */
    public static TMixtureFile from(JsonNode root, String source) {
        JsonFields f = new JsonFields(root, source);
        f.requireModel("tmix", "a t-mixture");
        int k = f.positiveInt("k");
        double[] weights = (double[]) f.numbers("weights", k);
        double[][] means = f.rows("means", k);
        int d = means[0].length;
        double[][][] scales = (double[][][]) f.numbers("scales", k, d, d);
        double[] df = (double[]) f.numbers("df", k);
        List<String> columns = f.has("columns") ? f.strings("columns", d) : null;
        try {
            return new TMixtureFile(TMixture.of(weights, means, scales, df), columns);
        } catch (MlemUserException e) {
            throw new MlemUserException(e.getMessage(), source, -1, -1);
        }
    }
}
