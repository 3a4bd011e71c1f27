package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A model kind's JSON: reads a parsed model file (once) and writes the model's parameters in the
 * fields of the CLI contract, so that reading what was written gives the same model, bit for bit.
 */
public interface ModelCodec<M extends FittedModel> {
    /** The model of a parsed file; a user error naming the field when it is not valid. */
    M read(JsonNode root, String source);

    /** The model's fields (parameters and the columns it reads; no fit diagnostics). */
    ObjectNode write(M model);
}
