package org.mlem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.glm.NestedAnova;
import org.mlem.io.FitJson;
import org.mlem.io.GlmJson;
import org.mlem.io.ModelJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mlem anova}: the analysis of deviance between nested GLMs fitted separately, as R's {@code anova(m0, m1)}. */
@Command(name = "anova", mixinStandardHelpOptions = true, versionProvider = Version.class,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit glm --family poisson --formula \"breaks ~ wool\" \\",
                "      --out small.json examples/warpbreaks.csv",
                "  ./mlem fit glm --family poisson --formula \"breaks ~ wool + tension\" \\",
                "      --out big.json examples/warpbreaks.csv",
                "  ./mlem anova small.json big.json",
                "  ./mlem anova --test F --json small.json big.json"},
        header = "Compare nested GLMs fitted separately (as R's anova(m0, m1, test = ...)).",
        description = "From two or more 'fit glm --out' files of the same data, response, family and link, each "
                + "model's residual df and deviance and, from the second on, the change from the model before and "
                + "its test: Chisq (likelihood ratio, also LRT) or F, with the dispersion of the model with the "
                + "fewest residual df as the scale. Models that are not nested (the terms of the one with more "
                + "residual df a subset of the other's) or not fitted to the same data are refused.")
public final class AnovaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--test", paramLabel = "Chisq|LRT|F", defaultValue = "Chisq",
            description = "The test of each change (default: ${DEFAULT-VALUE}; F for quasi, gaussian and Gamma fits, "
                    + "whose dispersion is estimated).")
    String test;

    @Option(names = "--json", description = "Print the table as JSON instead of text.")
    boolean json;

    @Parameters(arity = "2..*", paramLabel = "MODEL.json",
            description = "Model files written by 'fit glm --out', smallest first (as R, any order is allowed).")
    List<Path> files;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        NestedAnova.Test kind = NestedAnova.Test.byName(test);
        List<NestedAnova.Model> models = new ArrayList<>();
        List<String> formulas = new ArrayList<>();
        for (Path f : files) {
            JsonNode root = ModelJson.readTree(f);
            models.add(GlmJson.anovaModel(root, f.toString()));
            formulas.add(root.path("formula").asText());
        }
        List<NestedAnova.Row> rows = NestedAnova.table(models, kind);
        if (json) {
            terminal.out().print(ModelJson.toJson(json(rows, kind, formulas)));
        } else {
            terminal.out().print(text(rows, kind, formulas));
        }
        return 0;
    }

    private static ObjectNode json(List<NestedAnova.Row> rows, NestedAnova.Test kind, List<String> formulas) {
        ObjectNode node = ModelJson.mapper().createObjectNode();
        node.put("model", "anova");
        node.put("test", kind == NestedAnova.Test.F ? "F" : "Chisq");
        ArrayNode models = node.putArray("models");
        for (int i = 0; i < rows.size(); i++) {
            NestedAnova.Row r = rows.get(i);
            ObjectNode o = models.addObject();
            o.put("formula", formulas.get(i));
            o.put("residualDf", r.residualDf());
            FitJson.number(o, "residualDeviance", r.residualDeviance());
            FitJson.number(o, "df", r.df());
            FitJson.number(o, "deviance", r.deviance());
            FitJson.number(o, "statistic", r.statistic());
            FitJson.number(o, "pValue", r.pValue());
        }
        return node;
    }

    /** R's print of the table: the models, then Resid. Df, Resid. Dev, Df, Deviance and the test's columns. */
    private static String text(List<NestedAnova.Row> rows, NestedAnova.Test kind, List<String> formulas) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Analysis of Deviance Table%n%n"));
        for (int i = 0; i < formulas.size(); i++) {
            sb.append(String.format(Locale.ROOT, "Model %d: %s%n", i + 1, formulas.get(i)));
        }
        boolean f = kind == NestedAnova.Test.F;
        TextTable t = new TextTable().row("", f ? new String[] {"Resid. Df", "Resid. Dev", "Df", "Deviance", "F", "Pr(>F)"}
                : new String[] {"Resid. Df", "Resid. Dev", "Df", "Deviance", "Pr(>Chi)"});
        for (int i = 0; i < rows.size(); i++) {
            NestedAnova.Row r = rows.get(i);
            List<String> cells = new ArrayList<>(List.of(String.valueOf(r.residualDf()), fixed(r.residualDeviance()),
                    Double.isNaN(r.df()) ? "" : CsvNumbers.format(r.df()), fixed(r.deviance())));
            if (f) {
                cells.add(Double.isNaN(r.statistic()) ? "" : String.format(Locale.ROOT, "%.4f", r.statistic()));
            }
            cells.add(Double.isNaN(r.pValue()) ? "" : String.format(Locale.ROOT, "%.4g", r.pValue()));
            t.row(String.valueOf(i + 1), cells.toArray(String[]::new));
        }
        return sb.append(t.render()).toString();
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
