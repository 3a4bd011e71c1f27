package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.mlem.data.CsvTable;
import org.mlem.dist.Distribution;
import org.mlem.dist.FittedDistribution;
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
        c.rowArgs.censoring.check();
        Truncation truncation = c.rowArgs.truncation.truncation();
        long t0 = System.nanoTime();
        CsvTable table = c.io.read(terminal);
        CensoringArgs.Rows read = c.rowArgs.read(table, () -> c.columnName(table), c.column, c.io.input.dropMissing,
                terminal);
        int[] rows = read.rows();
        List<String> columns = read.columns();
        CensoredSample sample = read.sample();
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
        Path png = c.io.output.plotFile();
        if (png != null) {
            write(png, result, String.join(",", columns), table.source());
        }
        c.io.output.emit(() -> modelNode(result, rows.length, columns, readSeconds, fitSeconds),
                () -> DistSummary.of(result.fit(), String.join(",", columns), table.source(), rows.length,
                null, seconds) + censoringLine(result.sample(), truncation, fam.isDiscrete()), terminal);
        return 0;
    }

    /**
     * The censored fit's model file: {@code fit dist}'s distribution node with {@code converged},
     * {@code censoring} (rows by kind) and {@code truncation} ({@code below}, {@code above}; null where open).
     */
    static ObjectNode modelNode(CensoredFit.Result result, int rows, List<String> columns, double readSeconds,
            double fitSeconds) {
        ObjectNode json = FitDistCommand.modelNode(result.fit(), rows, columns, readSeconds, fitSeconds);
        json.put("converged", result.converged());
        CensoringArgs.addCounts(json, result.sample());
        ObjectNode trunc = json.putObject("truncation");
        FitJson.number(trunc, "below", result.truncation().below());
        FitJson.number(trunc, "above", result.truncation().above());
        return json;
    }

    /**
     * The picture of a censored fit ({@link CensoredPicture}): the rows' Kaplan–Meier or Turnbull
     * curve with the fitted (truncated) survival function.
     */
    static CensoredPicture picture(CensoredFit.Result result) {
        Distribution d = result.fit().distribution();
        Truncation t = result.truncation();
        return CensoredPicture.of(CensoredFit.likelihoodRows(d.family(), result.sample()), t,
                d.family().supportFault(-1) != null, x -> t.survival(d, x));
    }

    private static void write(Path png, CensoredFit.Result result, String column, String source) {
        FittedDistribution fit = result.fit();
        String family = fit.distribution().family().name();
        StringBuilder params = new StringBuilder();
        fit.estimates().forEach((k, v) -> params.append(params.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(CsvNumbers.brief(v)));
        String subtitle = String.format(Locale.ROOT, "%s of %s  (%s %s; n = %d, log L = %.6g)", column, source, family,
                params, result.sample().rows(), fit.logLikelihood());
        Truncation t = result.truncation();
        String fitted = "fitted " + family + (!t.truncates() ? ""
                : t.above() == Double.POSITIVE_INFINITY ? ", truncated below " + CsvNumbers.brief(t.below())
                : t.below() == Double.NEGATIVE_INFINITY ? ", truncated above " + CsvNumbers.brief(t.above())
                : ", truncated to [" + CsvNumbers.brief(t.below()) + ", " + CsvNumbers.brief(t.above()) + "]");
        picture(result).write(png, "Censored " + family + " fit: observed and fitted survival", subtitle, column, fitted);
    }

    /** The summary's censoring and truncation lines; {@code counts}: the truncation range is A &lt; x ≤ B. */
    static String censoringLine(CensoredSample sample, Truncation t, boolean counts) {
        StringBuilder sb = new StringBuilder(CensoringArgs.countsLine(sample));
        if (t.truncates()) {
            sb.append(String.format(Locale.ROOT, "truncation      %s%s, %s]%n", counts ? "(" : "[", CsvNumbers.brief(t.below()),
                    CsvNumbers.brief(t.above())));
        }
        return sb.toString();
    }
}
