package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.cli.plot.GlmPlot;
import org.mlem.data.CsvColumn;
import org.mlem.data.CsvTable;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.formula.ModelFormula;
import org.mlem.formula.Term;
import org.mlem.formula.Variable;
import org.mlem.glm.Anova;
import org.mlem.glm.ConfidenceIntervals;
import org.mlem.glm.Family;
import org.mlem.glm.GlmEstimator;
import org.mlem.glm.GlmFit;
import org.mlem.glm.GlmOptions;
import org.mlem.glm.Link;
import org.mlem.glm.Sandwich;
import org.mlem.io.FitJson;
import org.mlem.io.GlmJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlem fit glm}: a generalised linear model by maximum likelihood (IRLS), as R's {@code glm} and {@code glm.nb}. */
@Command(name = "glm", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit glm --family binomial --formula \"am ~ hp + wt\" examples/mtcars.csv",
                "  ./mlem fit glm --family poisson --formula \"breaks ~ wool + tension\" \\",
                "      --levels tension=L,M,H examples/warpbreaks.csv",
                "  ./mlem fit glm --family gaussian --formula \"mpg ~ wt * cyl_f\" --json \\",
                "      examples/mtcars.csv",
                "  ./mlem fit glm --family binomial --formula \"am ~ hp + wt\" \\",
                "      --confint profile --level 0.9 examples/mtcars.csv"},
        header = "A generalised linear model by maximum likelihood (as R's glm, MASS::glm.nb).",
        description = "Fit a generalised linear model given by an R formula to a CSV file by iteratively reweighted "
                + "least squares (Fisher scoring), printing R's summary(). Text columns in the formula are factors "
                + "(treatment contrasts, first level the baseline, levels sorted unless --levels orders them).")
public final class FitGlmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--family", required = true, paramLabel = "F",
            description = "gaussian, binomial (0/1, yes/no or TRUE/FALSE, cbind(successes, failures), or proportions "
                    + "with --weights trials), poisson, gamma, inverse.gaussian, negbin (theta estimated, as glm.nb), "
                    + "negbin:THETA (theta fixed, as negative.binomial(THETA)), tweedie:P (variance power P, as "
                    + "statmod's tweedie; log or identity link), quasipoisson or quasibinomial (dispersion: Pearson "
                    + "chi-squared / df).")
    String family;

    @Option(names = "--link", paramLabel = "L",
            description = "identity, log, logit, probit, cloglog, inverse, sqrt (poisson, negbin) or 1/mu^2 "
                    + "(inverse.gaussian) (default: the family's canonical link; log for negbin and tweedie).")
    String link;

    @Option(names = "--formula", required = true, paramLabel = "\"y ~ x1 + x2\"",
            description = "R model formula: + adds, - removes, a:b interaction, a*b both and their interaction, "
                    + "- 1 or + 0 no intercept, log() exp() sqrt() I() transforms, . every other column, factor(x), "
                    + "poly(x, d) (orthogonal) or poly(x, d, raw = TRUE), ns(x, df) and bs(x, df) (R's splines), "
                    + "offset(expr) (added to --offset); response cbind(successes, failures) or a factor for binomial.")
    String formula;

    @Option(names = "--levels", paramLabel = "COLUMN=A,B,C",
            description = "The level order of a factor (the first is the baseline); repeat for several. A numeric "
                    + "column named here is treated as a factor.")
    List<String> levels;

    @Option(names = "--weights", paramLabel = "COLUMN",
            description = "Prior weights (R's weights=): for binomial proportions, the number of trials.")
    String weights;

    @Option(names = "--offset", paramLabel = "COLUMN",
            description = "A column added to the linear predictor with coefficient 1 (e.g. log exposure).")
    String offset;

    @Option(names = "--max-iter", paramLabel = "M",
            description = "Most Fisher scoring iterations (and theta alternations for negbin) (default: ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(names = "--epsilon", paramLabel = "E",
            description = "Converged when |deviance change| / (|deviance| + 0.1) < E, as glm.control (default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--standard-errors", paramLabel = "hc0|hc1|hc2|hc3",
            description = "Also report sandwich (heteroskedasticity-consistent) standard errors of this type, as "
                    + "R's sandwich::vcovHC(fit, type = \"HC3\"); the model-based ones stay in standardErrors.")
    String standardErrors;

    @Option(names = "--anova",
            description = "Also print the analysis of deviance, terms added in formula order with each one's "
                    + "likelihood-ratio (chi-squared) test, as R's anova(fit, test = \"Chisq\").")
    boolean anova;

    @Option(names = "--confint", paramLabel = "wald|profile",
            description = "The kind of confidenceIntervals: wald (estimate -/+ z se, R's confint.default; the default) "
                    + "or profile (profile likelihood, as R's confint(fit) with MASS); the JSON's interval says which.")
    String confint;

    @Option(names = "--level", paramLabel = "L", defaultValue = "0.95",
            description = "Confidence level of the intervals (default: ${DEFAULT-VALUE}).")
    double level;

    @Mixin
    FileFitArgs io;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        Family fam = Family.byName(family.trim().toLowerCase(Locale.ROOT));
        GlmEstimator estimator = new GlmEstimator(fam, link == null ? null : Link.byName(link.trim().toLowerCase(Locale.ROOT)),
                new GlmOptions(Checks.atLeast("--max-iter", maxIter, 1), epsilon));
        Map<String, List<String>> order = levelOrders();
        Sandwich.Type sandwich = standardErrors == null ? null : Sandwich.Type.byName(standardErrors);
        ConfidenceIntervals.Kind intervalKind = confint == null ? ConfidenceIntervals.Kind.WALD
                : ConfidenceIntervals.Kind.byName(confint);

        long t0 = System.nanoTime();
        CsvTable table = io.read(terminal);
        ModelFormula parsed = ModelFormula.parse(formula, table.names());
        List<String> used = usedColumns(parsed, table);
        Set<String> factors = factorColumns(parsed, table, order.keySet());
        // one pass over the cells: the numeric columns apart, each one's missing and too-large cells noted,
        // which the frame and the design then read instead of scanning the cells again
        table.splitColumns();
        int[] rows = FrameInput.completeRows(table, used, io.input.dropMissing, terminal);
        Frame frame = FrameInput.frame(table, used, factors, rows);
        DesignSpec designSpec = DesignSpec.DEFAULTS.withWeights(weights).withOffset(offset);
        for (Map.Entry<String, List<String>> e : order.entrySet()) {
            designSpec = designSpec.withLevels(e.getKey(), e.getValue());
        }
        Design design;
        try {
            design = Design.build(parsed, frame, designSpec);
            estimator.checkResponseKind(design);
            checkResponse(fam, design, table, rows);
        } catch (MlemUserException e) {
            throw FrameInput.atLine(e, table, rows);
        }
        double readSeconds = (System.nanoTime() - t0) * 1e-9;

        long t1 = System.nanoTime();
        GlmFit fit;
        try {
            fit = estimator.fit(design);
        } catch (MlemUserException e) {
            throw FrameInput.atLine(e, table, rows);
        }
        double fitSeconds = (System.nanoTime() - t1) * 1e-9;

        double[] robust = sandwich == null ? null : Sandwich.covariance(design, fit,
                fam instanceof Family.NegativeBinomial ? new Family.NegativeBinomial(fit.theta()) : fam, estimator.link(),
                sandwich);
        List<Anova.Row> deviance = anova ? Anova.sequential(estimator, design, fit) : null;
        // always: it also checks --level (Wald's are cheap; profile ones are asked for only with --confint)
        List<ConfidenceIntervals.Interval> intervals = ConfidenceIntervals.of(intervalKind, estimator, design, fit, level);
        // the JSON result only when something writes it: a printed summary never loads Jackson
        java.util.function.Supplier<ObjectNode> result = () -> {
            ObjectNode json = FitJson.glm(fit, used, readSeconds, fitSeconds);
            if (robust != null) {
                FitJson.glmSandwich(json, design.columnNames(), sandwich, robust);
            }
            if (deviance != null) {
                FitJson.glmAnova(json, deviance);
            }
            FitJson.glmIntervals(json, intervalKind, level, intervals);
            GlmJson.fitFields(json, Arrays.stream(design.weights()).sum(), design.responseLevels(),
                    weights == null ? null : table.column(weights).name(), offset == null ? null : table.column(offset).name(),
                    fittedLevels(factors, frame, design, order));
            json.put("responseTotal", org.mlem.glm.NestedAnova.responseTotal(design));
            GlmJson.bases(json, design.bases());
            return json;
        };
        Path png = io.output.plotFile();
        if (png != null) {
            GlmPlot.write(png, fit.fittedValues(), GlmSummary.devianceResiduals(fit, design), fit.family(),
                    fit.link(), fit.formula());
        }
        if (io.output.json) {
            fit.warnings().forEach(w -> terminal.err().println("mlem: fit glm: warning: " + w));
        }
        double seconds = readSeconds + fitSeconds;
        io.output.emit(result, () -> GlmSummary.of(fit, GlmSummary.devianceResiduals(fit, design), table.source(), seconds)
                + (robust == null ? "" : sandwichText(design, sandwich, robust))
                + (deviance == null ? "" : anovaText(deviance)) + intervalsText(intervalKind, intervals), terminal);
        return 0;
    }

    /** The summary's table of intervals when --confint is given, else nothing. */
    private String intervalsText(ConfidenceIntervals.Kind kind, List<ConfidenceIntervals.Interval> rows) {
        if (confint == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%n%s confidence intervals (%s%%, as R's %s):%n"
                + "  %-20s %12s %12s%n", kind == ConfidenceIntervals.Kind.PROFILE ? "Profile-likelihood" : "Wald",
                CsvNumbers.format(100 * level), kind == ConfidenceIntervals.Kind.PROFILE ? "confint with MASS"
                        : "confint.default", "", "lower", "upper"));
        for (ConfidenceIntervals.Interval r : rows) {
            text.append(String.format(Locale.ROOT, "  %-20s %12s %12s%n", r.term(), end(r.lower()), end(r.upper())));
        }
        return text.toString();
    }

    private static String end(double v) {
        return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** The summary's analysis of deviance table. */
    private static String anovaText(List<Anova.Row> rows) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%nAnalysis of Deviance Table (terms added "
                + "sequentially, first to last)%n%-20s %4s %12s %9s %12s %10s%n", "", "Df", "Deviance", "Resid. Df",
                "Resid. Dev", "Pr(>Chi)"));
        for (Anova.Row r : rows) {
            text.append(String.format(Locale.ROOT, "%-20s %4s %12s %9d %12s %10s%n", r.term() == null ? "NULL" : r.term(),
                    Double.isNaN(r.df()) ? "" : CsvNumbers.format(r.df()),
                    Double.isNaN(r.deviance()) ? "" : String.format(Locale.ROOT, "%.4f", r.deviance()), r.residualDf(),
                    String.format(Locale.ROOT, "%.4f", r.residualDeviance()),
                    Double.isNaN(r.pValue()) ? "" : String.format(Locale.ROOT, "%.4g", r.pValue())));
        }
        return text.toString();
    }

    /** The summary's sandwich standard errors. */
    private static String sandwichText(Design design, Sandwich.Type type, double[] v) {
        int p = design.columns();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%nSandwich standard errors (%s, as "
                + "sandwich::vcovHC):%n", type.name()));
        for (int j = 0; j < p; j++) {
            text.append(String.format(Locale.ROOT, "  %-20s %.6g%n", design.columnNames().get(j), Math.sqrt(v[j * p + j])));
        }
        return text.toString();
    }

    private Map<String, List<String>> levelOrders() {
        Map<String, List<String>> m = new HashMap<>();
        for (String spec : levels == null ? List.<String>of() : levels) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new MlemUserException("--levels '" + spec + "' must look like COLUMN=A,B,C (the first level is the baseline)");
            }
            List<String> values = Arrays.stream(spec.substring(eq + 1).split(",", -1)).map(String::trim).toList();
            if (values.contains("") || new LinkedHashSet<>(values).size() != values.size()) {
                throw new MlemUserException("--levels '" + spec + "' has an empty or repeated level; name each level once");
            }
            m.put(spec.substring(0, eq).trim(), values);
        }
        return m;
    }

    /** Each factor's levels in the rows fitted, baseline first (the --levels order, else sorted), as the design took them. */
    private static Map<String, List<String>> fittedLevels(Set<String> factors, Frame frame, Design design,
            Map<String, List<String>> order) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (String f : factors) {
            String[] values = frame.text(f);
            Set<String> used = new java.util.TreeSet<>();
            for (int r : design.sourceRows()) {
                used.add(values[r]);
            }
            List<String> levels = new ArrayList<>(order.getOrDefault(f, new ArrayList<>(used)));
            levels.retainAll(used);
            out.put(f, levels);
        }
        return out;
    }

    /** The columns the formula, weights and offset read; a name not in the file is an error listing the columns. */
    private List<String> usedColumns(ModelFormula parsed, CsvTable table) {
        Set<String> used = new LinkedHashSet<>(parsed.response().columns());
        for (Term t : parsed.terms()) {
            t.variables().forEach(v -> used.addAll(v.columns()));
        }
        parsed.offsets().forEach(v -> used.addAll(v.columns()));
        for (String c : used) {
            if (!table.names().contains(c)) {
                throw new MlemUserException("the formula '" + formula + "' names column '" + c + "', which is not in the file; "
                        + "the columns are " + String.join(", ", table.names()), table.source(), -1, -1);
            }
        }
        if (weights != null) {
            used.add(table.column(weights).name());
        }
        if (offset != null) {
            used.add(table.column(offset).name());
        }
        return new ArrayList<>(used);
    }

    /**
     * Plain-column terms whose column is text, or named in --levels: the factors. A column mostly
     * of numbers with a stray text cell is an error at that cell, not a factor of every number
     * seen, unless --levels names it.
     */
    static Set<String> factorColumns(ModelFormula parsed, CsvTable table, Set<String> ordered) {
        Set<String> factors = new LinkedHashSet<>();
        List<Variable> variables = new ArrayList<>(List.of(parsed.response()));
        parsed.terms().forEach(t -> variables.addAll(t.variables()));
        for (Variable v : variables) {
            if (v.isFactorCall() || v == parsed.response() && v.isColumn()) {
                String name = v.columns().iterator().next();
                if (table.names().contains(name) && table.column(name) instanceof CsvColumn.Text text
                        && !text.mostlyNumeric()) {
                    factors.add(name); // factor(x) of a text column, or a yes/no response
                }
            }
        }
        for (Term t : parsed.terms()) {
            for (Variable v : t.variables()) {
                if (!v.isColumn()) {
                    continue;
                }
                String name = v.label();
                if (table.column(name) instanceof CsvColumn.Text text && text.mostlyNumeric() && !ordered.contains(name)) {
                    table.requireNumeric(List.of(name), " (then --drop-missing drops its row)",
                            "make the column a factor with --levels " + name + "=A,B,...");
                }
                if (table.column(name) instanceof CsvColumn.Text || ordered.contains(name)) {
                    factors.add(name);
                }
            }
        }
        for (String c : ordered) {
            if (!factors.contains(c)) {
                throw new MlemUserException("--levels names column '" + c + "', which is not a term of the formula '"
                        + parsed.text() + "'; name a factor the formula uses");
            }
        }
        return factors;
    }

    /**
     * The first response the family cannot take, as an error at its cell: counts must be whole
     * numbers >= 0; without --weights a binomial response must be 0 or 1.
     */
    private void checkResponse(Family fam, Design design, CsvTable table, int[] rows) {
        Variable response = design.formula().response();
        String column = response.columns().iterator().next();
        double[] y = design.response();
        double[] wt = design.weights();
        int[] source = design.sourceRows();
        for (int i = 0; i < y.length; i++) {
            String problem = null;
            if (wt[i] > 0 && !fam.validResponse(y[i], wt[i])) {
                problem = "the " + fam.name() + " family needs " + fam.responseRequirement();
            } else if (fam.base() instanceof Family.Counts && y[i] != Math.rint(y[i])) {
                problem = "the " + fam.name() + " family needs a whole-number count >= 0";
            } else if (fam.base() instanceof Family.Binomial && weights == null && !design.trialsResponse()
                    && y[i] != 0 && y[i] != 1) {
                problem = "the binomial family needs 0 or 1 (or proportions with --weights giving the trials)";
            }
            if (problem != null) {
                throw table.errorAt(column, rows[source[i]], "response '" + response.label() + "' is "
                        + CsvNumbers.format(y[i]) + " but " + problem + "; fix the cell, or choose another --family");
            }
        }
    }
}
