package org.mlem.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.mlem.MlemUserException;
import org.mlem.gmm.CovarianceStructure;

/**
 * A Gaussian mixture as JSON in scikit-learn's shapes: {@code model: "gmm"}, {@code covariance},
 * {@code k}, {@code d}, {@code weights} (k), {@code means} (k×d) and {@code covariances}
 * ({@code [k][d][d]} full, {@code [d][d]} tied, {@code [k][d]} diag, {@code [k]} spherical).
 * Temporary: to be replaced by mlem-core's model JSON (org.mlem.io) when it lands, so that the
 * {@code mlem} command reads these files.
 */
final class MixtureJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MixtureJson() {}

    static void write(org.mlem.gmm.GaussianMixture m, OutputStream out) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", "gmm");
        root.put("covariance", m.structure().id());
        root.put("k", m.components());
        root.put("d", m.dimension());
        root.set("weights", JSON.valueToTree(m.weights()));
        root.set("means", JSON.valueToTree(m.means()));
        root.set("covariances", JSON.valueToTree(m.covariances().toShape()));
        JSON.writerWithDefaultPrettyPrinter().writeValue(out, root);
    }

    static org.mlem.gmm.GaussianMixture read(InputStream in, String source) throws IOException {
        JsonNode root = JSON.readTree(in);
        if (root == null || !"gmm".equals(root.path("model").asText())) {
            throw new MlemUserException("not a Gaussian mixture model file (expected \"model\": \"gmm\")", source, -1, -1);
        }
        CovarianceStructure s = CovarianceStructure.parse(root.path("covariance").asText());
        int k = root.path("k").asInt();
        int d = root.path("d").asInt();
        double[] weights = JSON.treeToValue(root.get("weights"), double[].class);
        double[][] means = JSON.treeToValue(root.get("means"), double[][].class);
        Object shape = JSON.treeToValue(root.get("covariances"), s.shapeType());
        return org.mlem.gmm.GaussianMixture.of(weights, means, s.fromShape(shape, k, d));
    }
}
