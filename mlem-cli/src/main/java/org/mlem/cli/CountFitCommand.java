package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.count.CountDistribution;
import org.mlem.count.CountEstimator;
import org.mlem.count.CountFit;
import org.mlem.count.CountFormula;
import org.mlem.count.CountModelKind;
import org.mlem.count.CountOptions;
import org.mlem.count.VuongComparison;
import org.mlem.data.CsvColumn;
import org.mlem.data.CsvTable;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.formula.ModelFormula;
import org.mlem.formula.Term;
import org.mlem.formula.Variable;
import org.mlem.io.CountJson;
import org.mlem.io.GlmJson;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code mlem fit zeroinfl} and {@code mlem fit hurdle} share: a two-part formula
 * {@code "y ~ count terms | zero terms"}, {@code --dist}, a CSV file; the fit, the plain count model
 * and Vuong's test of one against the other, printed or as JSON.
 */
abstract class CountFitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dist", paramLabel = "D", defaultValue = "poisson",
            description = "The count distribution: poisson or negbin (theta estimated) (default: ${DEFAULT-VALUE}).")
    String dist;

    @Option(names = "--em", description = "Start from Lambert's EM for the zero-inflated Poisson (as pscl's EM = TRUE), "
            + "then Newton on the full likelihood; zeroinfl only.")
    boolean em;

    @Option(names = "--weights", paramLabel = "COLUMN",
            description = "Prior weights (pscl's weights =), finite and >= 0: each row's term in the likelihood of the fit "
                    + "and of the plain count model is multiplied by its weight; Vuong's test takes each row once, as pscl's.")
    String weights;

    @Parameters(paramLabel = "\"y ~ x1 + x2 | z1\"",
            description = "R formula as pscl's: count terms, then after | the zero part's terms (1 for an intercept "
                    + "alone); without | both parts take the count terms. Text columns are factors.")
    String formula;

    @Mixin
    FileFitArgs io;

    abstract CountModelKind kind();

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        CountDistribution distribution = CountDistribution.byName(dist);
        CountFormula two = CountFormula.parse(formula);
        long t0 = System.nanoTime();
        CsvTable table = io.read(terminal);
        List<ModelFormula> parts = two.parts(table.names());
        List<String> used = usedColumns(parts, table);
        int[] rows = FrameInput.completeRows(table, used, io.input.dropMissing, terminal);
        Frame frame = FrameInput.frame(table, used, textColumns(used, table), rows);
        CountFormula.Designs d;
        try {
            d = two.designs(frame, DesignSpec.DEFAULTS.withWeights(weights == null ? null : table.column(weights).name()));
        } catch (MlemUserException e) {
            throw FrameInput.atLine(e, table, rows);
        }
        double readSeconds = (System.nanoTime() - t0) * 1e-9;

        long t1 = System.nanoTime();
        CountFit fit;
        CountFit plain;
        double[] w = weights == null ? null : d.countDesign().weights();
        try {
            fit = new CountEstimator(kind(), distribution, CountOptions.DEFAULTS.withEmStart(em)).fit(d.y(), d.x(), d.countTerms(), d.z(),
                    d.zeroTerms(), w);
            plain = new CountEstimator(CountModelKind.PLAIN, distribution, CountOptions.DEFAULTS).fit(d.y(), d.x(),
                    d.countTerms(), null, List.of(), w);
        } catch (MlemUserException e) {
            throw responseAtLine(e, table, rows, parts.get(0), weights);
        }
        VuongComparison vuong = VuongComparison.of(fit.rowLogLikelihoods(), fit.nCoefficients(), plain.rowLogLikelihoods(),
                plain.nCoefficients());
        double fitSeconds = (System.nanoTime() - t1) * 1e-9;

        java.nio.file.Path png = io.output.plotFile();
        if (png != null) {
            CountPicture.of(fit, d).write(png, fit.kind(), fit.distribution().label(), formula, fit.logLikelihood(),
                    parts.get(0).response().label());
        }
        double seconds = readSeconds + fitSeconds;
        io.output.emit(() -> {
            ObjectNode json = CountJson.of(fit, plain, vuong, formula, used, readSeconds, fitSeconds);
            // what predict, score and sample read back (FittedCount): the fitted levels and pscl's max(y)
            json.put("maxCount", (int) java.util.Arrays.stream(d.y()).max().orElse(0));
            GlmJson.extras(json, null, null, FrameInput.levels(frame, textColumns(used, table)));
            return json;
        }, () -> CountSummary.of(fit, plain, vuong, formula,
                table.source() + (weights == null ? "" : ", weights = " + weights), seconds), terminal); // pscl's call
        return 0;
    }

    /** A core "data row N: the count (or weight) ..." error placed at the response's (or weights') cell in the file. */
    private static MlemUserException responseAtLine(MlemUserException e, CsvTable table, int[] rows, ModelFormula count,
            String weights) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^data row (\\d+): (.*)$").matcher(e.getMessage());
        if (!m.matches()) {
            return e;
        }
        boolean weight = m.group(2).startsWith("the weight ");
        String column = weight ? table.column(weights).name() : count.response().columns().iterator().next();
        return table.errorAt(column, rows[Integer.parseInt(m.group(1)) - 1],
                (weight ? "weights '" : "response '") + column + "': " + m.group(2));
    }

    /** The columns both formulas read; a name not in the file is an error listing the columns. */
    private List<String> usedColumns(List<ModelFormula> parts, CsvTable table) {
        Set<String> used = new LinkedHashSet<>(parts.get(0).response().columns());
        for (ModelFormula f : parts) {
            for (Term t : f.terms()) {
                t.variables().forEach(v -> used.addAll(v.columns()));
            }
        }
        if (weights != null) {
            if (!table.names().contains(weights)) {
                throw new MlemUserException("--weights names column '" + weights + "', which is not in the file; the columns are "
                        + String.join(", ", table.names()), table.source(), -1, -1);
            }
            used.add(table.column(weights).name());
        }
        for (String c : used) {
            if (!table.names().contains(c)) {
                throw new MlemUserException("the formula '" + formula + "' names column '" + c + "', which is not in the file; "
                        + "the columns are " + String.join(", ", table.names()), table.source(), -1, -1);
            }
        }
        return new ArrayList<>(used);
    }

    /** Text columns among {@code used}: the factors (treatment contrasts, sorted levels, the first the baseline). */
    private static Set<String> textColumns(List<String> used, CsvTable table) {
        Set<String> text = new LinkedHashSet<>();
        for (String c : used) {
            if (table.column(c) instanceof CsvColumn.Text t) {
                if (t.mostlyNumeric()) {
                    table.requireNumeric(List.of(c), " (then --drop-missing drops its row)", "fix the cell");
                }
                text.add(c);
            }
        }
        return text;
    }
}
