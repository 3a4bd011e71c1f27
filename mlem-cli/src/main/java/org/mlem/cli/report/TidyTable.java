package org.mlem.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.mlem.cli.CsvNumbers;
import org.mlem.io.AtomicFile;

/**
 * A fit's parameters as broom's {@code tidy()} writes them: one row per parameter, the columns
 * {@code term}, {@code component} (or {@code state} for a hidden Markov model), {@code estimate},
 * {@code std.error}, {@code conf.low}, {@code conf.high}, {@code statistic}, {@code p.value} —
 * each only when the fit has it for some row. A cell a row lacks is {@code NA}, which R, pandas
 * and mlem's reader take as missing. Numbers are written in Java's shortest form that reads back
 * to the same double.
 *
 * @param groupName what a row's group is called: {@code state} or {@code component}
 * @param rows the parameters
 */
public record TidyTable(String groupName, List<TidyRow> rows) {
    /** A column: its name and a row's cell, given how numbers are written (null when absent). */
    private record Column(String name, Function<TidyRow, Object> value) {
        String cell(TidyRow r, DoubleFunction<String> number) {
            Object v = value.apply(r);
            return v instanceof Double d ? (Double.isNaN(d) ? null : number.apply(d)) : (String) v;
        }
    }

    public TidyTable {
        rows = List.copyOf(rows);
    }

    /** The table of a fit's JSON result or model file. */
    public static TidyTable of(JsonNode result) {
        return new TidyTable(result.path("model").asText("").equals("hmm") ? "state" : "component", TidyRows.of(result));
    }

    /** The header: the columns some row has a value in ({@code term} and {@code estimate} always). */
    public List<String> columns() {
        return present().stream().map(Column::name).toList();
    }

    /** Each row's cells in the order of {@link #columns()}, numbers written by {@code number}, null when absent. */
    public List<List<String>> cells(DoubleFunction<String> number) {
        List<Column> cols = present();
        List<List<String>> out = new ArrayList<>();
        for (TidyRow r : rows) {
            List<String> line = new ArrayList<>();
            cols.forEach(c -> line.add(c.cell(r, number)));
            out.add(line);
        }
        return out;
    }

    private List<Column> present() {
        List<Column> all = List.of(new Column("term", TidyRow::term), new Column(groupName, TidyRow::group),
                number("estimate", TidyRow::estimate), number("std.error", TidyRow::stdError),
                number("conf.low", TidyRow::confLow), number("conf.high", TidyRow::confHigh),
                number("statistic", TidyRow::statistic), number("p.value", TidyRow::pValue));
        List<Column> kept = new ArrayList<>();
        for (Column c : all) {
            boolean always = c.name().equals("term") || c.name().equals("estimate");
            if (always || rows.stream().anyMatch(r -> c.cell(r, Double::toString) != null)) {
                kept.add(c);
            }
        }
        return kept;
    }

    private static Column number(String name, ToDoubleFunction<TidyRow> value) {
        return new Column(name, r -> value.applyAsDouble(r));
    }

    /** The table as CSV text: a header, then one line per row, {@code NA} for an absent cell. */
    public String csv() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", columns())).append('\n');
        for (List<String> line : cells(Double::toString)) {
            sb.append(String.join(",", line.stream().map(v -> v == null ? "NA" : CsvNumbers.field(v)).toList())).append('\n');
        }
        return sb.toString();
    }

    /** Writes {@link #csv()} to {@code file}, all or nothing. */
    public void write(Path file) {
        AtomicFile.writeString(file, "the tidy table", csv());
    }
}
