package org.mlem.cli;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.mlem.data.CsvColumn;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.io.AtomicFile;

/**
 * Writes a table's rows with the modelled columns taken from an imputed matrix: every column of
 * the file in its order, observed cells as read, missing modelled cells replaced; other missing
 * cells stay empty. The file appears whole or not at all ({@link AtomicFile}).
 */
final class Imputed {
    private Imputed() {}

    static void write(Path target, CsvTable table, List<String> columns, int[] rows, DataMatrix imputed) {
        List<String> names = table.names();
        String eol = System.lineSeparator();
        AtomicFile.write(target, "the imputed data", stream -> {
            Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            out.write(CsvNumbers.header(names) + eol);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < rows.length; i++) {
                line.setLength(0);
                for (int c = 0; c < names.size(); c++) {
                    line.append(c > 0 ? "," : "").append(cell(table.column(names.get(c)), rows[i], columns, imputed, i));
                }
                out.write(line.append(eol).toString());
            }
            out.flush();
        });
    }

    private static String cell(CsvColumn column, int row, List<String> columns, DataMatrix imputed, int i) {
        int a = columns.indexOf(column.name());
        if (a >= 0) {
            return CsvNumbers.format(imputed.get(i, a));
        }
        if (column instanceof CsvColumn.Text t) {
            return t.values()[row] == null ? "" : CsvNumbers.field(t.values()[row]);
        }
        double v = ((CsvColumn.Numeric) column).get(row);
        return Double.isNaN(v) ? "" : CsvNumbers.format(v);
    }
}
