package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * One kind of model file: its {@code model} field, the Java type its codec reads, and the codec.
 * The commands it serves follow from the faces the type implements ({@link Capability#of}).
 *
 * @param name the {@code model} field
 * @param what a few words for messages ("generalised linear model")
 * @param type the model's type
 * @param codec reads and writes the file
 */
public record ModelKind<M extends FittedModel>(String name, String what, Class<M> type, ModelCodec<M> codec) {

    /** The commands this kind serves. */
    public Set<Capability> capabilities() {
        return Capability.of(type);
    }

    /** The model of a parsed file of this kind. */
    public M read(JsonNode root, String source) {
        return codec.read(root, source);
    }

    /** The fields of a model of this kind. */
    public ObjectNode write(FittedModel model) {
        return codec.write(type.cast(model));
    }
}
