package org.mlem.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.mlem.MlemUserException;

/** Reads typed fields from a model file's JSON, each failure a user error naming the file and the field. */
final class JsonFields {
    private final JsonNode root;
    private final String source;
    private final String prefix;

    JsonFields(JsonNode root, String source) {
        this(root, source, "");
    }

    private JsonFields(JsonNode root, String source, String prefix) {
        this.root = root;
        this.source = source;
        this.prefix = prefix;
    }

    MlemUserException error(String field, String problem) {
        return new MlemUserException("field '" + prefix + field + "' " + problem, source, -1, -1);
    }

    /** The object {@code field[index]}, its fields named {@code field[index].name} in errors. */
    JsonFields element(String field, int index) {
        JsonNode n = required(field);
        JsonNode e = n.isArray() ? n.get(index) : null;
        if (e == null || !e.isObject()) {
            throw error(field + "[" + index + "]", "must be an object {...}, found " + (e == null ? "nothing" : brief(e)));
        }
        return new JsonFields(e, source, prefix + field + "[" + index + "].");
    }

    /** The object {@code field}, its fields named {@code field.name} in errors. */
    JsonFields object(String field) {
        JsonNode e = required(field);
        if (!e.isObject()) {
            throw error(field, "must be an object {...}, found " + brief(e));
        }
        return new JsonFields(e, source, prefix + field + ".");
    }

    /** Checks that {@code field} holds {@code model}, naming {@code what} the command needs otherwise. */
    void requireModel(String model, String what) {
        String found = text("model");
        if (!found.equals(model)) {
            throw error("model", "is '" + found + "' but " + what + " model file (\"" + model + "\") is needed here");
        }
    }

    /** Checks that {@code field} is an array of {@code size} elements. */
    void requireArray(String field, int size) {
        JsonNode n = required(field);
        if (!n.isArray() || n.size() != size) {
            throw error(field, "must be an array of " + size + ", found " + brief(n));
        }
    }

    /** A finite number. */
    double number(String field) {
        JsonNode n = required(field);
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw error(field, "must be a finite number, found " + brief(n));
        }
        return n.asDouble();
    }

    /** An object {@code field} of finite numbers {name: value}, in the file's order; at least one. */
    java.util.LinkedHashMap<String, Double> namedNumbers(String field) {
        JsonNode n = required(field);
        if (!n.isObject() || n.size() == 0) {
            throw error(field, "must be an object {term: value}, found " + brief(n));
        }
        java.util.LinkedHashMap<String, Double> out = new java.util.LinkedHashMap<>();
        n.fields().forEachRemaining(e -> {
            if (!e.getValue().isNumber() || !Double.isFinite(e.getValue().asDouble())) {
                throw error(field + "." + e.getKey(), "must be a finite number, found " + brief(e.getValue()));
            }
            out.put(e.getKey(), e.getValue().asDouble());
        });
        return out;
    }

    /** The source file, for errors about the whole model. */
    String source() {
        return source;
    }

    JsonNode required(String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw error(field, "is missing; a model file needs it (write one with mlem fit ... --out FILE.json)");
        }
        return n;
    }

    boolean has(String field) {
        JsonNode n = root.get(field);
        return n != null && !n.isNull();
    }

    String text(String field) {
        JsonNode n = required(field);
        if (!n.isTextual()) {
            throw error(field, "must be a string, found " + n);
        }
        return n.asText();
    }

    int positiveInt(String field) {
        JsonNode n = required(field);
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
            throw error(field, "must be a whole number >= 1, found " + n);
        }
        return n.asInt();
    }

    List<String> strings(String field, int expected) {
        JsonNode n = required(field);
        if (!n.isArray() || (expected >= 0 && n.size() != expected)) {
            throw error(field, "must be an array of " + (expected >= 0 ? expected + " " : "") + "strings, found " + brief(n));
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw error(field, "must hold strings, found " + e);
            }
            out.add(e.asText());
        }
        return out;
    }

    /**
     * A nested array of numbers with the given lengths per level ({@code -1}: any, but equal
     * across siblings), as double[], double[][] or double[][][].
     */
    /** {@code field} as {@code rows} rows of one common length (the first row's), else a one-line error naming the row. */
    double[][] rows(String field, int rows) {
        double[][] m = (double[][]) numbers(field, rows, -1);
        for (int j = 1; j < m.length; j++) {
            if (m[j].length != m[0].length) {
                throw error(field + "[" + j + "]", "has " + m[j].length + " values but " + field + "[0] has " + m[0].length
                        + "; give every row " + m[0].length + " values");
            }
        }
        return m;
    }

    Object numbers(String field, int... shape) {
        return numbers(required(field), field, shape, 0);
    }

    private Object numbers(JsonNode n, String path, int[] shape, int level) {
        int want = shape[level];
        if (!n.isArray() || (want >= 0 && n.size() != want) || n.size() == 0) {
            throw error(path, "must be an array of " + (want >= 0 ? String.valueOf(want) : "one or more")
                    + (level == shape.length - 1 ? " numbers" : " arrays") + ", found " + brief(n));
        }
        if (level == shape.length - 1) {
            double[] v = new double[n.size()];
            for (int i = 0; i < v.length; i++) {
                JsonNode e = n.get(i);
                if (!e.isNumber() || !Double.isFinite(e.asDouble())) {
                    throw error(path + "[" + i + "]", "must be a finite number, found " + e);
                }
                v[i] = e.asDouble();
            }
            return v;
        }
        Object[] parts = level == shape.length - 2 ? new double[n.size()][] : new double[n.size()][][];
        for (int i = 0; i < n.size(); i++) {
            parts[i] = numbers(n.get(i), path + "[" + i + "]", shape, level + 1);
        }
        return parts;
    }

    private static String brief(JsonNode n) {
        String s = n.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
