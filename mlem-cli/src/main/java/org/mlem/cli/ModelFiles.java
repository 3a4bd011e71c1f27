package org.mlem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.mlem.io.MixtureJson;
import org.mlem.io.ModelJson;
import org.mlem.io.RegmixJson;
import org.mlem.mixture.ProductMixture;

/** Model files by kind: the {@code model} field says which reader applies. */
final class ModelFiles {
    private ModelFiles() {}

    /** Whether {@code --init} names a built-in start (kmeans++ or random) rather than a file. */
    static boolean isBuiltInStart(String init) {
        return init.equalsIgnoreCase(CoreDefaults.KMEANS_PLUS_PLUS) || init.equalsIgnoreCase("random");
    }

    /** Whether {@code --init} names a model file. */
    static boolean isFile(String init) {
        return !isBuiltInStart(init);
    }

    static ProductMixture mixture(Path file) {
        JsonNode root = ModelJson.readTree(file);
        return MixtureJson.from(root, file.toString());
    }

    static RegmixJson regmix(Path file) {
        return RegmixJson.from(ModelJson.readTree(file), file.toString());
    }
}
