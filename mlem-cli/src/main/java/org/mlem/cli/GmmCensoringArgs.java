package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.BoxProbability;
import org.mlem.gmm.CensoredCells;
import picocli.CommandLine.Option;

/**
 * {@code fit gmm}'s censored cells (detection limits): {@code --censored-below COL=LIMIT},
 * {@code --censored-above COL=LIMIT} (a number, or a column of per-row limits) and
 * {@code --censored-interval COL=LO,HI} (two columns bounding a row's cell), read into
 * {@link CensoredCells}; a contradictory cell is a user error at its line of the file.
 */
final class GmmCensoringArgs {
    @Option(names = "--censored-below", paramLabel = "COL=LIMIT", description = "Left-censoring (a detection limit): "
            + "cells of COL at or below LIMIT are known only to be <= LIMIT (AER::tobit's left). LIMIT is a number or a "
            + "column of per-row limits (an empty limit cell: no limit in that row). Repeat for more columns.")
    List<String> below;

    @Option(names = "--censored-above", paramLabel = "COL=LIMIT", description = "Right-censoring: cells of COL at or "
            + "above LIMIT are known only to be >= LIMIT (a number or a column of per-row limits). Repeatable.")
    List<String> above;

    @Option(names = "--censored-interval", paramLabel = "COL=LO,HI", description = "Interval censoring: in a row where "
            + "columns LO and HI both hold a number, COL's cell is known only to lie in (LO, HI] (its own value, a "
            + "placeholder, must lie in [LO, HI]); rows with both empty are exact. Repeatable.")
    List<String> interval;

    @Option(names = "--censored-cdf-error", paramLabel = "REL", description = "With four or more correlated censored "
            + "cells a row (a covariance with correlations), their box probability is Genz's quasi-Monte Carlo, run "
            + "until the row's likelihood is within REL relative (each component's box to REL over its posterior's "
            + "share, at most 1e-2; default 1e-6; in (0, 0.1]). Two and "
            + "three cells are exact.")
    Double cdfError;

    /** How box probabilities of correlated censored cells are computed (core's defaults, or --censored-cdf-error). */
    BoxProbability box() {
        return cdfError == null ? BoxProbability.DEFAULTS : BoxProbability.DEFAULTS.withRelativeError(cdfError);
    }

    /** Whether any censoring option was given. */
    boolean given() {
        return below != null || above != null || interval != null;
    }

    /**
     * Refuses in one line the first option of {@code others} (name, given) that censored cells do
     * not combine with, and {@code --censored-cdf-error} without censoring.
     */
    void refuse(List<java.util.Map.Entry<String, Boolean>> others) {
        if (!given()) {
            if (cdfError != null) {
                throw new MlemUserException("--censored-cdf-error sets the precision of censored cells' probabilities; "
                        + "give --censored-below, --censored-above or --censored-interval, or drop it");
            }
            return;
        }
        for (java.util.Map.Entry<String, Boolean> e : others) {
            if (e.getValue()) {
                throw new MlemUserException("--censored-below/--censored-above/--censored-interval do not "
                        + "combine with " + e.getKey() + " yet; drop " + e.getKey()
                        + switch (e.getKey()) {
                            case "--missing em" -> " (use --drop-missing for rows with empty cells)";
                            case "--bootstrap-kind parametric" -> " (the non-parametric bootstrap, the default, resamples"
                                    + " rows with their censoring; --standard-errors louis also gives standard errors)";
                            default -> "";
                        });
            }
        }
    }

    /** The columns that hold limits or bounds (kept out of the model's columns). */
    List<String> limitColumns(CsvTable table) {
        List<String> out = new ArrayList<>();
        for (Spec s : specs(table)) {
            out.addAll(s.limitColumns());
        }
        return out;
    }

    /** The options as given, for the JSON ({@code censoring.options}). */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        add(out, "--censored-below ", below);
        add(out, "--censored-above ", above);
        add(out, "--censored-interval ", interval);
        if (cdfError != null) {
            out.add("--censored-cdf-error " + cdfError);
        }
        return out;
    }

    private static void add(List<String> out, String flag, List<String> values) {
        if (values != null) {
            values.forEach(v -> out.add(flag + v));
        }
    }

    /**
     * The censored cells of {@code data} (the file's {@code rows} of {@code columns}).
     *
     * @throws MlemUserException for a column that is not modelled, a limit that is neither a number
     *     nor a column, a lower bound above its upper, a value outside its own interval, or a cell
     *     censored two ways
     */
    CensoredCells read(CsvTable table, List<String> columns, int[] rows, DataMatrix data) {
        int n = rows.length;
        int d = columns.size();
        double[] lo = new double[n * d];
        double[] hi = new double[n * d];
        Arrays.fill(lo, Double.NaN);
        Arrays.fill(hi, Double.NaN);
        for (Spec s : specs(table)) {
            int a = columns.indexOf(s.column());
            if (a < 0) {
                throw new MlemUserException(s.flag() + " " + s.text() + ": column '" + s.column() + "' is not one the "
                        + "model uses (" + String.join(", ", columns) + "); add it to --columns or drop the option");
            }
            double[] first = s.values(table, 0, rows);
            double[] second = s.values(table, 1, rows);
            for (int i = 0; i < n; i++) {
                double v = data.get(i, a);
                double l = Double.NEGATIVE_INFINITY;
                double u = Double.POSITIVE_INFINITY;
                if (s.kind() == Kind.BELOW && v <= first[i]) {
                    u = first[i];
                } else if (s.kind() == Kind.ABOVE && v >= first[i]) {
                    l = first[i];
                } else if (s.kind() == Kind.INTERVAL && !(Double.isNaN(first[i]) && Double.isNaN(second[i]))) {
                    if (Double.isNaN(first[i]) || Double.isNaN(second[i])) {
                        throw table.errorAt(s.column(), rows[i], s.flag() + " " + s.text() + ": this row has one bound "
                                + "of the two; give both LO and HI (an open end is --censored-below/--censored-above)");
                    }
                    if (first[i] > second[i]) {
                        throw table.errorAt(s.column(), rows[i], s.flag() + " " + s.text() + ": lower bound " + first[i]
                                + " exceeds upper bound " + second[i] + "; swap or fix them");
                    }
                    if (v < first[i] || v > second[i]) {
                        throw table.errorAt(s.column(), rows[i], "value " + v + " of '" + s.column() + "' lies outside its "
                                + "own censoring interval [" + first[i] + ", " + second[i] + "]; fix the value or the bounds");
                    }
                    if (first[i] == second[i]) {
                        continue; // equal bounds: an exact value
                    }
                    l = first[i];
                    u = second[i];
                } else {
                    continue;
                }
                int c = i * d + a;
                if (!Double.isNaN(lo[c])) {
                    throw table.errorAt(s.column(), rows[i], "the cell of '" + s.column() + "' is censored by two options ("
                            + bounds(lo[c], hi[c]) + " and " + bounds(l, u) + "); a cell is censored one way: fix the "
                            + "limits so they do not overlap");
                }
                lo[c] = l;
                hi[c] = u;
            }
        }
        return new CensoredCells(n, d, lo, hi);
    }

    private static String bounds(double l, double u) {
        return l == Double.NEGATIVE_INFINITY ? "<= " + u : u == Double.POSITIVE_INFINITY ? ">= " + l
                : "in (" + l + ", " + u + "]";
    }

    /** Adds {@code censoring}: the censored cells by kind and the options that made them. */
    void addTo(ObjectNode json, CensoredCells cells) {
        if (cells == null) {
            return;
        }
        ObjectNode node = json.putObject("censoring");
        int[] counts = cells.counts();
        node.put("left", counts[0]);
        node.put("right", counts[1]);
        node.put("interval", counts[2]);
        describe().forEach(node.withArray("options")::add);
    }

    /** The summary's line. */
    static String summary(CensoredCells cells) {
        if (cells == null) {
            return "";
        }
        int[] c = cells.counts();
        return String.format(Locale.ROOT, "censored cells  %d left-censored, %d right-censored, %d interval-censored%n",
                c[0], c[1], c[2]);
    }

    private enum Kind { BELOW, ABOVE, INTERVAL }

    /** One option's COL and its limit(s): numbers, or column names (limitColumns). */
    private record Spec(String flag, String text, Kind kind, String column, List<String> limits, List<Double> numbers) {
        List<String> limitColumns() {
            List<String> out = new ArrayList<>();
            for (int q = 0; q < limits.size(); q++) {
                if (numbers.get(q) == null) {
                    out.add(limits.get(q));
                }
            }
            return out;
        }

        /** Limit q at each row (NaN where a limit column's cell is empty). */
        double[] values(CsvTable table, int q, int[] rows) {
            if (q >= limits.size()) {
                return null;
            }
            if (numbers.get(q) != null) {
                double[] v = new double[rows.length];
                Arrays.fill(v, numbers.get(q));
                return v;
            }
            return table.numeric(limits.get(q), rows);
        }
    }

    private List<Spec> specs(CsvTable table) {
        List<Spec> out = new ArrayList<>();
        parse(out, table, "--censored-below", Kind.BELOW, below);
        parse(out, table, "--censored-above", Kind.ABOVE, above);
        parse(out, table, "--censored-interval", Kind.INTERVAL, interval);
        return out;
    }

    private static void parse(List<Spec> out, CsvTable table, String flag, Kind kind, List<String> values) {
        if (values == null) {
            return;
        }
        for (String text : values) {
            int eq = text.indexOf('=');
            String form = kind == Kind.INTERVAL ? "COL=LO,HI (two columns)" : "COL=LIMIT (a number or a column)";
            if (eq <= 0 || eq == text.length() - 1) {
                throw new MlemUserException(flag + " '" + text + "' is not " + form + "; write it as " + form);
            }
            String column = columnOf(table, flag, text, text.substring(0, eq).strip());
            List<String> limits = List.of(text.substring(eq + 1).split(",", -1));
            if (limits.size() != (kind == Kind.INTERVAL ? 2 : 1)) {
                throw new MlemUserException(flag + " '" + text + "' is not " + form + "; write it as " + form);
            }
            List<String> names = new ArrayList<>();
            List<Double> numbers = new ArrayList<>();
            for (String limit : limits) {
                String l = limit.strip();
                Double number = kind == Kind.INTERVAL ? null : number(l);
                if (number != null && !Double.isFinite(number)) {
                    throw new MlemUserException(flag + " '" + text + "': the limit must be a finite number or a column");
                }
                names.add(number == null ? columnOf(table, flag, text, l) : l);
                numbers.add(number);
            }
            out.add(new Spec(flag, text, kind, column, names, numbers));
        }
    }

    private static String columnOf(CsvTable table, String flag, String text, String name) {
        if (!table.names().contains(name)) {
            throw new MlemUserException(flag + " '" + text + "': no column '" + name + "'; the columns are "
                    + String.join(", ", table.names()), table.source(), -1, -1);
        }
        return name;
    }

    private static Double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
