package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.hipparchus.special.Erf;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.formula.ModelFormula;
import org.mlem.formula.Term;
import org.mlem.io.FitJson;
import org.mlem.io.GlmJson;
import org.mlem.io.SurvregJson;
import org.mlem.survival.AftDistribution;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.RowException;
import org.mlem.survival.SurvivalFit;
import org.mlem.survival.SurvivalFormula;

/**
 * What {@code fit survreg} and {@code fit tobit} share: read the formula's columns into a frame, fit,
 * place a bad row at its line, and write the JSON ({@code model}: {@code survreg}) and survreg's summary.
 */
final class SurvivalRun {
    private SurvivalRun() {
    }

    /**
     * @param extraColumns columns the formula's design does not name (the event column)
     * @param designFormula the formula whose columns the design reads
     * @param rowsOf the design and responses on the frame
     * @param dist the distribution fitted
     * @param tobitBounds {left, right} of a Tobit model (its {@code --plot} draws CDFs), null for survreg
     */
    static SurvivalFit fitAndEmit(FileFitArgs io, String weights,
            String formulaText, List<String> extraColumns, String designFormula,
            Function<Frame, SurvivalFormula.Rows> rowsOf, AftDistribution dist, double[] tobitBounds,
            Terminal terminal, Map<String, Object> fields) {
        long t0 = System.nanoTime();
        CsvTable table = io.read(terminal);
        ModelFormula parsed = ModelFormula.parse(designFormula, table.names());
        Set<String> used = new LinkedHashSet<>(parsed.response().columns());
        used.addAll(extraColumns);
        for (Term t : parsed.terms()) {
            t.variables().forEach(v -> used.addAll(v.columns()));
        }
        for (String c : used) {
            if (!table.names().contains(c)) {
                throw new MlemUserException("the formula '" + formulaText + "' names column '" + c + "', which is not in"
                        + " the file; the columns are " + String.join(", ", table.names()), table.source(), -1, -1);
            }
        }
        if (weights != null) {
            used.add(table.column(weights).name());
        }
        List<String> columns = new ArrayList<>(used);
        Set<String> factors = FitGlmCommand.factorColumns(parsed, table, Set.of());
        int[] rows = FrameInput.completeRows(table, columns, io.input.dropMissing, terminal);
        Frame frame = FrameInput.frame(table, columns, factors, rows);
        double readSeconds = (System.nanoTime() - t0) * 1e-9;
        long t1 = System.nanoTime();
        SurvivalFit fit;
        SurvivalFormula.Rows fitted;
        try {
            fitted = rowsOf.apply(frame);
            fit = SurvivalFormula.fit(fitted, dist);
        } catch (RowException e) {
            throw table.errorAt(columns.get(0), rows[e.row()], e.problem());
        } catch (MlemUserException e) {
            throw FrameInput.atLine(e, table, rows);
        }
        double fitSeconds = (System.nanoTime() - t1) * 1e-9;
        java.nio.file.Path png = io.output.plotFile();
        if (png != null) {
            SurvivalPicture.of(fit, fitted, tobitBounds).write(png, fit, formulaText, columns.get(0));
        }
        io.output.emit(() -> {
            ObjectNode json = FitJson.survreg(fit, formulaText, columns, readSeconds, fitSeconds);
            // what predict, score and sample read back (FittedSurvreg): the fitted levels, weights and event codes
            String event = extraColumns.isEmpty() ? null : extraColumns.get(0);
            if (event != null) {
                json.put("eventCodes", CensoredSample.oneTwoCoding(frame.numeric(event)) ? SurvregJson.ONE_TWO
                        : SurvregJson.ZERO_ONE);
            }
            GlmJson.extras(json, weights == null ? null : table.column(weights).name(), null,
                    FrameInput.levels(frame, factors));
            fields.forEach((k, v) -> {
                if (v instanceof Double d) {
                    FitJson.number(json, k, d);
                } else {
                    json.put(k, String.valueOf(v));
                }
            });
            return json;
        }, () -> summary(fit, formulaText, table.source(), readSeconds + fitSeconds), terminal);
        return fit;
    }

    /** survreg's summary: the coefficients with z tests (Log(scale) last), the scale, log-likelihood, AIC, counts. */
    static String summary(SurvivalFit fit, String formula, String source, double seconds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Parametric survival regression (%s), fitted by maximum likelihood to %s (%d rows)%n%s%n%n",
                fit.distribution().rName(), source, fit.rows(), formula));
        CoefficientTable table = new CoefficientTable("z");
        Map<String, Double> se = fit.standardErrors();
        Map<String, Double> b = fit.coefficientMap();
        for (Map.Entry<String, Double> e : se.entrySet()) {
            double est = b.containsKey(e.getKey()) ? b.get(e.getKey()) : Math.log(fit.scale());
            double z = est / e.getValue();
            table.row(e.getKey(), est, e.getValue(), z, Erf.erfc(Math.abs(z) / Math.sqrt(2)));
        }
        sb.append(table.render()).append(System.lineSeparator());
        int[] c = fit.censoring();
        TextTable facts = new TextTable().leftAligned()
                .row("scale", fit.distribution().fixedScale() ? "1 (fixed)" : CsvNumbers.brief(fit.scale()))
                .row("log-likelihood", CsvNumbers.brief(fit.logLikelihood()))
                .row("parameters", String.valueOf(fit.nParameters()))
                .row("AIC", CsvNumbers.brief(fit.aic()))
                .row("BIC", CsvNumbers.brief(fit.bic()))
                .row("censoring", String.format(Locale.ROOT, "%d exact, %d left-censored, %d right-censored", c[0], c[1],
                        c[2]))
                .row("iterations", fit.iterations() + (fit.converged() ? " (converged)" : " (NOT converged)"))
                .row("time", String.format(Locale.ROOT, "%.3f s", seconds));
        return sb.append(facts.render()).toString();
    }
}
