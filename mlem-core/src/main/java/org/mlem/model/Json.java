package org.mlem.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Small helpers for the codecs. */
final class Json {
    private Json() {}

    /** {@code values} as an array under {@code field}, unless null. */
    static void strings(ObjectNode node, String field, List<String> values) {
        if (values != null) {
            ArrayNode a = node.putArray(field);
            values.forEach(a::add);
        }
    }

    /** The strings of an array field, or null when absent. */
    static List<String> strings(com.fasterxml.jackson.databind.JsonNode root, String field) {
        var n = root.get(field);
        if (n == null || !n.isArray()) {
            return null;
        }
        List<String> out = new java.util.ArrayList<>();
        n.forEach(e -> out.add(e.asText()));
        return out;
    }
}
