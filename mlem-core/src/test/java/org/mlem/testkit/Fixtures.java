package org.mlem.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Frame;

/** Reads the committed reference fixtures under {@code src/test/resources/fixtures}. */
public final class Fixtures {
    private Fixtures() {}

    public static final ObjectMapper JSON = new ObjectMapper();

    /** A JSON fixture, by path below {@code fixtures/}. */
    public static JsonNode json(String path) {
        try (InputStream in = open(path)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The numeric columns of {@code m} as a formula frame, under their names. */
    public static Frame frame(DataMatrix m) {
        List<Object> cols = new ArrayList<>();
        for (int j = 0; j < m.cols(); j++) {
            double[] c = new double[m.rows()];
            for (int i = 0; i < m.rows(); i++) {
                c[i] = m.get(i, j);
            }
            cols.add(c);
        }
        return Frame.of(m.columns(), cols);
    }

    /** A numeric CSV fixture with a header row, by path below {@code fixtures/}; empty or NA cells are NaN. */
    public static DataMatrix csv(String path) {
        try (InputStream in = open(path)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
            List<String> names = Arrays.asList(lines[0].replace("\"", "").split(","));
            List<double[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    rows.add(Arrays.stream(lines[i].split(",", -1)).mapToDouble(Fixtures::cell).toArray());
                }
            }
            double[] flat = new double[rows.size() * names.size()];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(rows.get(i), 0, flat, i * names.size(), names.size());
            }
            return DataMatrix.of(flat, rows.size(), names.size(), names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cell's value; empty and NA are missing (NaN). */
    private static double cell(String s) {
        return s.isEmpty() || s.equals("NA") ? Double.NaN : Double.parseDouble(s);
    }

    private static InputStream open(String path) {
        InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path);
        if (in == null) {
            throw new IllegalArgumentException("no fixture " + path);
        }
        return in;
    }
}
