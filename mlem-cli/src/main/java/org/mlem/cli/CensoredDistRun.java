package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.dist.UnivariateFamily;
import org.mlem.io.FitJson;
import org.mlem.survival.CensoredFit;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.RowException;
import org.mlem.survival.Truncation;

/**
 * {@code fit dist} with {@code --status}, {@code --interval} or truncation: reads the bounds, places
 * a bad row at its line of the file, fits by {@link CensoredFit} and adds {@code censoring} and
 * {@code truncation} to the distribution's JSON.
 */
final class CensoredDistRun {
    private CensoredDistRun() {
    }

    static Integer run(FitDistCommand c, UnivariateFamily fam, Terminal terminal) {
        if (c.status != null && c.interval != null) {
            throw new MlemUserException("give --status (a value column and its event codes) or --interval LO,HI"
                    + " (two bound columns), not both");
        }
        if (c.interval != null && c.interval.size() != 2) {
            throw new MlemUserException("--interval takes two columns, LO,HI; got " + String.join(",", c.interval));
        }
        if (c.io.output.plot != null) {
            throw new MlemUserException("--plot is not drawn for censored or truncated fits yet (fit turnbull --plot"
                    + " draws the nonparametric estimate); leave it out");
        }
        long t0 = System.nanoTime();
        CsvTable table = c.io.read(terminal);
        List<String> columns = new ArrayList<>();
        List<String> required = new ArrayList<>();
        if (c.interval != null) {
            columns.add(table.column(c.interval.get(0)).name());
            columns.add(table.column(c.interval.get(1)).name());
        } else {
            columns.add(c.status == null ? c.columnName(table) : valueColumn(c, table));
            required.addAll(columns);
            if (c.status != null) {
                required.add(table.column(c.status).name());
            }
        }
        if (c.weights != null) {
            required.add(table.column(c.weights).name());
        }
        int[] rows = FrameInput.completeRows(table, required, c.io.input.dropMissing, terminal);
        double[] w = c.weights == null ? null : WeightColumn.read(table, c.weights, rows);
        Truncation truncation = new Truncation(c.truncateBelow == null ? Double.NEGATIVE_INFINITY : c.truncateBelow,
                c.truncateAbove == null ? Double.POSITIVE_INFINITY : c.truncateAbove);
        String blame = c.status != null ? table.column(c.status).name() : columns.get(0);
        CensoredFit.Result result;
        double readSeconds;
        long t1;
        try {
            CensoredSample sample;
            if (c.interval != null) {
                sample = CensoredSample.ofIntervals(table.numeric(columns.get(0), rows),
                        table.numeric(columns.get(1), rows), w);
            } else if (c.status != null) {
                sample = CensoredSample.ofStatus(table.numeric(columns.get(0), rows),
                        table.numeric(table.column(c.status).name(), rows), w);
            } else {
                sample = CensoredSample.exact(table.numeric(columns.get(0), rows), w);
            }
            readSeconds = (System.nanoTime() - t0) * 1e-9;
            blame = columns.get(0);
            t1 = System.nanoTime();
            result = CensoredFit.fit(fam, sample, truncation);
        } catch (RowException e) {
            throw table.errorAt(blame, rows[e.row()], e.problem());
        }
        double fitSeconds = (System.nanoTime() - t1) * 1e-9;
        ObjectNode json = FitDistCommand.modelNode(result.fit(), rows.length, columns, readSeconds, fitSeconds);
        json.put("converged", result.converged());
        ObjectNode censoring = json.putObject("censoring");
        int[] counts = result.sample().counts();
        for (CensoredSample.Kind k : CensoredSample.Kind.values()) {
            censoring.put(k.name().toLowerCase(Locale.ROOT), counts[k.ordinal()]);
        }
        ObjectNode trunc = json.putObject("truncation");
        FitJson.number(trunc, "below", truncation.below());
        FitJson.number(trunc, "above", truncation.above());
        double seconds = readSeconds + fitSeconds;
        c.io.output.emit(json, () -> DistSummary.of(result.fit(), String.join(",", columns), table.source(), rows.length,
                null, seconds) + censoringLine(counts, truncation), terminal);
        return 0;
    }

    private static String valueColumn(FitDistCommand c, CsvTable table) {
        if (c.column == null) {
            List<String> others = new ArrayList<>(table.names());
            others.remove(c.status);
            others.remove(c.weights);
            if (others.size() != 1) {
                throw new MlemUserException("the file has columns " + String.join(", ", table.names())
                        + "; choose the value column that --status describes with --column", table.source(), -1, -1);
            }
            return others.get(0);
        }
        return table.column(c.column).name();
    }

    private static String censoringLine(int[] counts, Truncation t) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "censoring       %d exact, %d left-censored, %d right-censored, %d interval-censored%n",
                counts[0], counts[1], counts[2], counts[3]));
        if (t.truncates()) {
            sb.append(String.format(Locale.ROOT, "truncation      [%s, %s]%n", CsvNumbers.brief(t.below()),
                    CsvNumbers.brief(t.above())));
        }
        return sb.toString();
    }
}
