package org.mlem.glm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mlem.formula.Frame;

/** Reads the R fixtures written by tools/reference/glm.R. */
final class Fixtures {
    private Fixtures() {
    }

    static JsonNode json(String name) throws IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/r/glm/" + name + ".json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    /** A JSON array of strings as a list. */
    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(t -> out.add(t.asText()));
        return out;
    }

    /** A CSV fixture (header, no quotes) as a frame: a column is numeric when every cell parses. */
    static Frame csv(String name, Set<String> forceText) throws IOException {
        List<String> lines;
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/r/glm/" + name + ".csv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        String[] header = lines.get(0).split(",", -1);
        int n = lines.size() - 1;
        String[][] cells = new String[header.length][n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",", -1);
            for (int j = 0; j < header.length; j++) {
                cells[j][i] = f[j];
            }
        }
        List<String> names = new ArrayList<>();
        List<Object> cols = new ArrayList<>();
        for (int j = 0; j < header.length; j++) {
            names.add(header[j]);
            double[] d = forceText.contains(header[j]) ? null : numbers(cells[j]);
            cols.add(d != null ? d : cells[j]);
        }
        return Frame.of(names, cols);
    }

    private static double[] numbers(String[] cells) {
        double[] d = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            try {
                d[i] = Double.parseDouble(cells[i]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return d;
    }
}
