package org.mlem.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mlem.data.CsvColumn;
import org.mlem.data.CsvFormat;
import org.mlem.data.CsvReader;
import org.mlem.data.CsvTable;
import org.mlem.formula.Frame;

/** mlem-core's committed fixtures (from its test-jar) as files the command line can read. */
final class Resources {
    private Resources() {}

    /** Copies classpath resource {@code name} (e.g. {@code /fixtures/r/glm/mtcars.csv}) into {@code dir}. */
    static String copy(Path dir, String name) {
        try (InputStream in = Resources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            Path p = dir.resolve(name.substring(name.lastIndexOf('/') + 1));
            Files.write(p, in.readAllBytes());
            return p.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV file as a formula frame the way a library user builds one: numeric columns as numbers, text as text. */
    static Frame frame(String file) {
        CsvTable t = CsvReader.read(file, CsvFormat.DEFAULT);
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (String n : t.names()) {
            names.add(n);
            CsvColumn c = t.column(n);
            values.add(c instanceof CsvColumn.Text text ? text.values() : t.numeric(n, t.allRows().rows()));
        }
        return Frame.of(names, values);
    }
}
