package org.mlem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mlem.MlemUserException;
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

    /** The file's {@code model} field ("gmm", "mixture", "regmix", ...), or "" when it has none. */
    static String kind(Path file) {
        return ModelJson.readTree(file).path("model").asText("");
    }

    static ProductMixture mixture(Path file) {
        JsonNode root = ModelJson.readTree(file);
        return MixtureJson.from(root, file.toString());
    }

    static RegmixJson regmix(Path file) {
        return RegmixJson.from(ModelJson.readTree(file), file.toString());
    }

    /**
     * {@code model} itself when it is a regular file (or missing, for the usual error); otherwise
     * (a pipe such as {@code <(mlem fit ... --json)}, which can be read only once, while a command
     * reads its model file more than once: its kind, then the model) a temporary copy of its bytes.
     */
    static Path readable(Path model) {
        if (model == null || Files.isRegularFile(model) || !Files.exists(model)) {
            return model;
        }
        try {
            Path copy = Files.createTempFile("mlem-model", ".json");
            copy.toFile().deleteOnExit();
            Files.write(copy, Files.readAllBytes(model));
            return copy;
        } catch (IOException e) {
            throw new MlemUserException("cannot read the model file: " + e.getMessage(), model.toString(), -1, -1);
        }
    }
}
