package org.mlem.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.mlem.MlemUserException;
import org.mlem.formula.Frame;

/**
 * The columns a formula reads, as mlem's {@link Frame}: numeric columns as numbers (null as a
 * missing cell), string columns as text (factors). Row numbers in mlem-core's messages
 * ({@code data row N}, 1-based in a partition) are turned into the Dataset's.
 */
final class GlmRows implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern DATA_ROW = Pattern.compile("data row (\\d+)");

    private final String[] names;
    private final boolean[] text;

    private GlmRows(String[] names, boolean[] text) {
        this.names = names;
        this.text = text;
    }

    /** The columns {@code names} of {@code schema}; each must be numeric or a string. */
    static GlmRows of(StructType schema, List<String> names, String formula) {
        boolean[] text = new boolean[names.size()];
        for (int i = 0; i < text.length; i++) {
            String c = names.get(i);
            if (!java.util.Arrays.asList(schema.fieldNames()).contains(c)) {
                throw new MlemUserException("the formula '" + formula + "' (or a weight or offset column) names column '"
                        + c + "', which is not in the Dataset; its columns are " + String.join(", ", schema.fieldNames()));
            }
            DataType t = schema.apply(c).dataType();
            if (!(t instanceof NumericType) && !t.equals(DataTypes.StringType)) {
                throw new MlemUserException("column '" + c + "' has type " + t.simpleString() + "; a GLM reads numeric"
                        + " columns and string columns (factors): cast it to one of them");
            }
            text[i] = t.equals(DataTypes.StringType);
        }
        return new GlmRows(names.toArray(String[]::new), text);
    }

    /** The names of the string columns. */
    List<String> textColumns() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (text[i]) {
                out.add(names[i]);
            }
        }
        return out;
    }

    /** The columns read, in order. */
    String[] names() {
        return names.clone();
    }

    /** The cells of rows of {@code dataset.select(names())}: String, Double or null per column. */
    List<Object[]> cells(Iterator<Row> rows) {
        List<Object[]> cells = new ArrayList<>();
        rows.forEachRemaining(r -> cells.add(cells(r, 0)));
        return cells;
    }

    /** The cells of one row whose {@code names()} columns start at index {@code offset}. */
    Object[] cells(Row r, int offset) {
        Object[] v = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            int c = offset + i;
            v[i] = r.isNullAt(c) ? null : text[i] ? r.get(c).toString() : ((Number) r.get(c)).doubleValue();
        }
        return v;
    }

    /** A frame of rows given as cells (String, Double or null per column). */
    Frame frame(List<Object[]> cells) {
        Frame.Builder b = Frame.builder();
        for (int i = 0; i < names.length; i++) {
            int c = i;
            if (text[i]) {
                b.text(names[i], cells.stream().map(v -> (String) v[c]).toArray(String[]::new));
            } else {
                b.numeric(names[i], cells.stream().mapToDouble(v -> v[c] == null ? Double.NaN : (Double) v[c]).toArray());
            }
        }
        return b.build();
    }

    /** A fault on an executor: mlem's message with its partition-local data row, if it names one (else -1). */
    record Fault(long localRow, String message) implements Serializable {
        static Fault of(MlemUserException e) {
            Matcher m = DATA_ROW.matcher(e.getMessage());
            return new Fault(m.find() ? Long.parseLong(m.group(1)) - 1 : -1, e.getMessage());
        }

        /** The message with the row numbered in the Dataset's order, given the rows of earlier partitions. */
        String message(long before) {
            if (localRow < 0) {
                return message;
            }
            return DATA_ROW.matcher(message).replaceFirst("row " + (before + localRow + 1));
        }
    }
}
