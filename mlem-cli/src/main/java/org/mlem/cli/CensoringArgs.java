package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.RowException;
import picocli.CommandLine.Option;

/**
 * {@code --status} and {@code --interval}: censored rows, read alike by {@code fit dist} and
 * {@code fit mixture} (Surv's event codes, fitdistcens's two bound columns); a bad row is placed
 * at its line of the file.
 */
final class CensoringArgs {
    @Option(names = "--status", paramLabel = "COLUMN", description = "Censoring status of each value, as "
            + "survival's Surv codes it: 1 = observed exactly (the event), 0 = right-censored (the true value is "
            + "larger; for a count family, the value or more); or, when the codes are 1 and 2, survival's 2 = event, "
            + "1 = censored.")
    String status;

    @Option(names = "--interval", paramLabel = "LO,HI", split = ",", description = "Two columns bounding each "
            + "value, as fitdistrplus::fitdistcens takes them: equal = exact, LO missing (empty or NA) = "
            + "left-censored at HI, HI missing = right-censored at LO, else interval-censored in (LO, HI]; for a "
            + "count family the bounds are whole numbers and inclusive, LO <= X <= HI.")
    List<String> interval;

    /** Whether either option was given. */
    boolean given() {
        return status != null || interval != null;
    }

    /** Refuses both options together and an {@code --interval} of other than two columns. */
    void check() {
        if (status != null && interval != null) {
            throw new MlemUserException("give --status (a value column and its event codes) or --interval LO,HI"
                    + " (two bound columns), not both");
        }
        if (interval != null && interval.size() != 2) {
            throw new MlemUserException("--interval takes two columns, LO,HI; got " + String.join(",", interval));
        }
    }

    /**
     * The columns the values come from: {@code --interval}'s two, or the value column: {@code column}
     * when given, else (with {@code --status}) the file's one column besides the status and
     * {@code others}.
     */
    List<String> valueColumns(CsvTable table, String column, List<String> others) {
        if (interval != null) {
            return List.of(table.column(interval.get(0)).name(), table.column(interval.get(1)).name());
        }
        if (column != null) {
            return List.of(table.column(column).name());
        }
        List<String> rest = new ArrayList<>(table.names());
        rest.remove(status);
        rest.removeAll(others);
        if (rest.size() != 1) {
            throw new MlemUserException("the file has columns " + String.join(", ", table.names())
                    + "; choose the value column that --status describes with --column", table.source(), -1, -1);
        }
        return rest;
    }

    /**
     * The columns every used row must have: the value and status columns (an interval's bounds may
     * be missing: an open end).
     */
    List<String> required(CsvTable table, List<String> valueColumns) {
        List<String> required = new ArrayList<>();
        if (interval == null) {
            required.addAll(valueColumns);
            if (status != null) {
                required.add(table.column(status).name());
            }
        }
        return required;
    }

    /**
     * The rows a censored fit uses.
     *
     * @param rows each row's index in the table
     * @param columns the value columns: one, or {@code --interval}'s two
     * @param sample the rows' bounds and weights
     */
    record Rows(int[] rows, List<String> columns, CensoredSample sample) {
    }

    /**
     * Reads the rows of the value columns ({@link #valueColumns}; {@code others} are not values) complete
     * in every column they need, with the frequency weights of {@code weights} (a column, or null).
     */
    Rows readRows(CsvTable table, String column, List<String> others, String weights, boolean dropMissing,
            Terminal terminal) {
        List<String> columns = valueColumns(table, column, others);
        List<String> needed = new ArrayList<>(required(table, columns));
        if (weights != null) {
            needed.add(table.column(weights).name());
        }
        int[] rows = FrameInput.completeRows(table, needed, dropMissing, terminal);
        double[] w = weights == null ? null : WeightColumn.read(table, weights, rows);
        return new Rows(rows, columns, read(table, columns, rows, w));
    }

    /** The rows as a censored sample (exact values when neither option was given). */
    CensoredSample read(CsvTable table, List<String> valueColumns, int[] rows, double[] weights) {
        String blame = status != null ? table.column(status).name() : valueColumns.get(0);
        try {
            if (interval != null) {
                return CensoredSample.ofIntervals(table.numeric(valueColumns.get(0), rows),
                        table.numeric(valueColumns.get(1), rows), weights);
            }
            if (status != null) {
                return CensoredSample.ofStatus(table.numeric(valueColumns.get(0), rows), table.numeric(blame, rows),
                        weights);
            }
            return CensoredSample.exact(table.numeric(valueColumns.get(0), rows), weights);
        } catch (RowException e) {
            throw table.errorAt(blame, rows[e.row()], e.problem());
        }
    }

    /** Adds {@code censoring}: the rows by kind (exact, left, right, interval). */
    static void addCounts(ObjectNode json, CensoredSample sample) {
        ObjectNode censoring = json.putObject("censoring");
        int[] counts = sample.counts();
        for (CensoredSample.Kind k : CensoredSample.Kind.values()) {
            censoring.put(k.name().toLowerCase(Locale.ROOT), counts[k.ordinal()]);
        }
    }

    /** The summary's censoring line. */
    static String countsLine(CensoredSample sample) {
        int[] counts = sample.counts();
        return String.format(Locale.ROOT, "censoring       %d exact, %d left-censored, %d right-censored, %d interval-censored%n",
                counts[0], counts[1], counts[2], counts[3]);
    }
}
