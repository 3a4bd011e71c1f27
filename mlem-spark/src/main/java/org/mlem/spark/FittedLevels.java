package org.mlem.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;

/**
 * The factor levels a fitted model codes new rows with (a model file's {@code levels}, a gating's),
 * checked on the driver before a {@code transform}'s rows are scored: a level the fit never saw
 * stops it in one line naming the row (1-based, in the Dataset's order), the column, the value and
 * the model's levels, the words {@code mlem score} and {@code predict} use (mlem-core's
 * {@link Design#unseenLevel}), rather than failing a task on an executor when the rows are scored.
 * One Spark job reading the factor columns only.
 */
final class FittedLevels {
    private FittedLevels() {}

    /** One partition's rows and its first row holding an unseen level (-1: none), with the column and value. */
    private record Seen(int partition, long rows, long first, String column, String value) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Checks every string column of {@code df} that {@code levels} names (columns absent or of other
     * types are left to the scoring); a null cell is not a level and is left to it too.
     *
     * @throws MlemUserException for the first row, in the Dataset's order, with a level not in its column's list
     */
    static void check(Dataset<?> df, Map<String, List<String>> levels) {
        List<String> columns = new ArrayList<>();
        for (String c : df.columns()) {
            if (levels.containsKey(c) && df.schema().apply(c).dataType().equals(DataTypes.StringType)) {
                columns.add(c);
            }
        }
        if (columns.isEmpty()) {
            return;
        }
        String[] names = columns.toArray(String[]::new);
        List<HashSet<String>> known = new ArrayList<>();
        for (String c : names) {
            known.add(new HashSet<>(levels.get(c)));
        }
        Dataset<Row> selected = df.toDF().select(names[0], java.util.Arrays.copyOfRange(names, 1, names.length));
        List<Seen> seen = new ArrayList<>(selected.javaRDD().mapPartitionsWithIndex((p, it) -> {
            long n = 0;
            Seen first = null;
            while (it.hasNext()) {
                Row r = it.next();
                for (int c = 0; first == null && c < names.length; c++) {
                    if (!r.isNullAt(c) && !known.get(c).contains(r.getString(c))) {
                        first = new Seen(p, 0, n, names[c], r.getString(c));
                    }
                }
                n++;
            }
            return List.of(first == null ? new Seen(p, n, -1, null, null)
                    : new Seen(p, n, first.first(), first.column(), first.value())).iterator();
        }, true).collect());
        seen.sort(java.util.Comparator.comparingInt(Seen::partition));
        long before = 0;
        for (Seen s : seen) {
            if (s.first() >= 0) {
                throw new MlemUserException("row " + (before + s.first() + 1) + ": "
                        + Design.unseenLevel(s.column(), s.value(), levels.get(s.column())));
            }
            before += s.rows();
        }
    }
}
