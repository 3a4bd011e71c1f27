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
        c.censoring.check();
        if (c.io.output.plot != null) {
            throw new MlemUserException("--plot is not drawn for censored or truncated fits yet (fit turnbull --plot"
                    + " draws the nonparametric estimate); leave it out");
        }
        long t0 = System.nanoTime();
        CsvTable table = c.io.read(terminal);
        List<String> columns = c.censoring.valueColumns(table,
                c.censoring.status == null && c.censoring.interval == null ? c.columnName(table) : c.column,
                c.weights == null ? List.of() : List.of(c.weights));
        List<String> required = new ArrayList<>(c.censoring.required(table, columns));
        if (c.weights != null) {
            required.add(table.column(c.weights).name());
        }
        int[] rows = FrameInput.completeRows(table, required, c.io.input.dropMissing, terminal);
        double[] w = c.weights == null ? null : WeightColumn.read(table, c.weights, rows);
        Truncation truncation = new Truncation(c.truncateBelow == null ? Double.NEGATIVE_INFINITY : c.truncateBelow,
                c.truncateAbove == null ? Double.POSITIVE_INFINITY : c.truncateAbove);
        CensoredSample sample = c.censoring.read(table, columns, rows, w);
        double readSeconds = (System.nanoTime() - t0) * 1e-9;
        long t1 = System.nanoTime();
        CensoredFit.Result result;
        try {
            result = CensoredFit.fit(fam, sample, truncation);
        } catch (RowException e) {
            throw table.errorAt(columns.get(0), rows[e.row()], e.problem());
        }
        double fitSeconds = (System.nanoTime() - t1) * 1e-9;
        double seconds = readSeconds + fitSeconds;
        c.io.output.emit(() -> {
            ObjectNode json = FitDistCommand.modelNode(result.fit(), rows.length, columns, readSeconds, fitSeconds);
            json.put("converged", result.converged());
            CensoringArgs.addCounts(json, result.sample());
            ObjectNode trunc = json.putObject("truncation");
            FitJson.number(trunc, "below", truncation.below());
            FitJson.number(trunc, "above", truncation.above());
            return json;
        }, () -> DistSummary.of(result.fit(), String.join(",", columns), table.source(), rows.length,
                null, seconds) + censoringLine(result.sample(), truncation), terminal);
        return 0;
    }

    private static String censoringLine(CensoredSample sample, Truncation t) {
        StringBuilder sb = new StringBuilder(CensoringArgs.countsLine(sample));
        if (t.truncates()) {
            sb.append(String.format(Locale.ROOT, "truncation      [%s, %s]%n", CsvNumbers.brief(t.below()),
                    CsvNumbers.brief(t.above())));
        }
        return sb.toString();
    }
}
