package org.mlem.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.MixtureFit;
import org.mlem.io.ModelFormat;
import org.mlem.io.ModelJson;
import org.mlem.io.SelectJson;

/**
 * A Spark model's {@code mixture.json}: exactly the file {@code mlem fit gmm --out} writes (mlem-core's
 * {@link ModelJson}, {@link ModelFormat}): {@code formatVersion}, the fit's common fields less the timings when the
 * model has a summary, then {@code model},
 * {@code k}, {@code covariance}, {@code weights}, {@code means} and {@code covariances} in
 * scikit-learn's shapes. So {@code mlem} reads what Spark saves, and Spark loads {@code --out} files.
 */
final class MixtureJson {
    private MixtureJson() {}

    static void write(org.mlem.gmm.GaussianMixture m, MixtureFit<org.mlem.gmm.GaussianMixture> fit,
            List<DegenerateComponent> degenerate, OutputStream out) throws IOException {
        ObjectNode node = fit == null ? ModelJson.mapper().createObjectNode()
                : ModelJson.fitNode("gmm", fit, DataMatrix.defaultNames(m.dimension()), 0);
        node.setAll(ModelJson.gmmNode(m));
        if (degenerate != null) {
            node.set("degenerateComponents", SelectJson.degenerateArray(degenerate));
        }
        out.write(ModelJson.toJson(ModelFormat.fileOf(node)).getBytes(StandardCharsets.UTF_8));
    }

    static org.mlem.gmm.GaussianMixture read(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = ModelJson.mapper().readTree(in);
        } catch (JsonProcessingException e) {
            throw new MlemUserException("not valid JSON: " + e.getOriginalMessage(), source, -1, -1);
        }
        if (root != null && root.isObject()) {
            ModelFormat.check(root, source);
        }
        return ModelJson.gmmFrom(root, source).mixture();
    }
}
