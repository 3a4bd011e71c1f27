package org.mlem.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.mlem.MlemUserException;

/**
 * The model file's format: a top-level {@code formatVersion} (an integer, {@link #VERSION} now)
 * and no timings. A file without the field predates it and is read as version 1; a file of a
 * newer version is refused, since its fields may mean what this mlem does not know.
 */
public final class ModelFormat {
    /** The version this mlem writes and the newest it reads. */
    public static final int VERSION = 1;
    /** The field holding the version. */
    public static final String FIELD = "formatVersion";
    /** The field holding wall-clock timings, left out of model files so that two runs compare equal. */
    public static final String TIMINGS = "seconds";

    private ModelFormat() {}

    /**
     * The model file for a fit's JSON: {@code formatVersion} first, then every field of
     * {@code result} but the timings, in order.
     */
    public static ObjectNode fileOf(ObjectNode result) {
        ObjectNode file = ModelJson.mapper().createObjectNode();
        file.put(FIELD, VERSION);
        for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals(FIELD) && !e.getKey().equals(TIMINGS)) {
                file.set(e.getKey(), e.getValue());
            }
        }
        return file;
    }

    /** The file's version (1 when it has none); a newer or malformed version is a user error at {@code source}. */
    public static int check(JsonNode root, String source) {
        JsonNode v = root.get(FIELD);
        if (v == null) {
            return 1;
        }
        if (!v.isIntegralNumber() || v.asLong() < 1) {
            throw new MlemUserException("field '" + FIELD + "' must be a whole number from 1, found " + v
                    + "; write the file again with mlem ... --out", source, -1, -1);
        }
        if (v.asLong() > VERSION) {
            throw new MlemUserException("the model file has format version " + v.asLong() + " but this mlem reads "
                    + "version " + VERSION + " and older; upgrade mlem, or write the file with this one", source, -1, -1);
        }
        return v.asInt();
    }
}
