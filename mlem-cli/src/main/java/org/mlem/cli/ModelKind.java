package org.mlem.cli;

import java.nio.file.Path;
import org.mlem.MlemUserException;
import org.mlem.io.ModelJson;

/** Which model a model file holds: its {@code model} field. */
final class ModelKind {
    private ModelKind() {}

    /** The file's {@code model} field ("gmm", "hmm", "tmix", ...). */
    static String of(Path file) {
        var node = ModelJson.readTree(file).get("model");
        if (node == null || !node.isTextual()) {
            throw new MlemUserException("field 'model' is missing or not a string; a model file names its model "
                    + "(write one with mlem fit ... --out FILE.json)", file.toString(), -1, -1);
        }
        return node.asText();
    }

    /** Throws a user error with {@code otherwise} unless the file holds a {@code kind} model. */
    static void require(Path file, String kind, String otherwise) {
        String found = of(file);
        if (!found.equals(kind)) {
            throw new MlemUserException("the model is '" + found + "'; " + otherwise, file.toString(), -1, -1);
        }
    }
}
