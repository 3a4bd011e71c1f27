package org.mlem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.io.ModelJson;
import org.mlem.model.ModelKind;
import org.mlem.model.ModelKinds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlem report MODEL.json [DATA.csv] --out FILE.html}: the page {@code --report} writes, from
 * a model file or a fit's saved JSON ({@code --json}, a selection's too). With the data, the
 * matrix models, an HMM, a regression mixture, a distribution, a GLM and an nls fit are drawn as
 * their fit command draws them ({@link ReportPlots}).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit gmm --k 2 --out gmm.json examples/faithful.csv",
                "  ./mlem report gmm.json examples/faithful.csv --out gmm.html",
                "  ./mlem report gmm.json --out gmm.html --tidy gmm-tidy.csv"},
        header = "Write an HTML report (and a tidy table) of a model file.", versionProvider = Version.class,
        description = "Write one self-contained HTML page of a fitted model (mlem fit ... --out, or a fit's or "
                + "selection's --json saved to a file): summary, estimates, convergence trace, starts, warnings and "
                + "what reproduces it. With DATA (the rows it was fitted to), a gmm, tmix, mixture, mvn, hmm, regmix, "
                + "distribution, glm, nls, zeroinfl or hurdle model is drawn too, as its fit's --report draws it (a glm's and an nls "
                + "model's fitted values and residuals are recomputed from the file on DATA). The page needs no network.")
public final class ReportCommand implements Callable<Integer> {
    /** The fits' JSON results that no model kind reads back but a report can show. */
    private static final Set<String> RESULTS = Set.of("survreg", "zeroinfl", "hurdle", "turnbull", "select");

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @OutputPaths.Reads
    @Parameters(index = "0", paramLabel = "MODEL.json", description = "A model file or a fit's saved JSON result.")
    Path model;

    @OutputPaths.Reads
    @Parameters(index = "1", arity = "0..1", paramLabel = "DATA",
            description = "The CSV file the model was fitted to (.gz allowed; - for standard input): drawn with the model.")
    String data;

    @OutputPaths.Writes
    @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "Write the HTML page to this file.")
    Path out;

    @OutputPaths.Writes
    @Option(names = "--tidy", paramLabel = "FILE.csv", description = "Also write the parameters as broom's tidy CSV table.")
    Path tidy;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        String source = model.toString();
        JsonNode root = ModelJson.readTree(model);
        String kind = root.path("model").asText("");
        boolean known = ModelKinds.ALL.stream().map(ModelKind::name).anyMatch(kind::equals);
        if (!known && !RESULTS.contains(kind)) {
            throw new MlemUserException("not a model file: field 'model' is " + (kind.isEmpty() ? "missing" : "'" + kind + "'")
                    + "; give a file written by mlem fit ... --out (or --json)", source, -1, -1);
        }
        Path png = null;
        try {
            if (known) {
                // a concomitant model's picture is drawn from its components at their mean weights
                var fitted = ModelKinds.read(root.has("concomitant")
                        ? ((com.fasterxml.jackson.databind.node.ObjectNode) root.deepCopy()).without("concomitant") : root,
                        source);
                if (data != null) {
                    png = Files.createTempFile("mlem-report-", ".png");
                    if (!ReportPlots.draw(fitted, root, data, input, terminal, png)) {
                        terminal.err().println("mlem: report: a " + kind + " model is drawn only by its fit command's "
                                + "--report; the page has no picture");
                    }
                }
            } else if (!root.path("logLikelihood").isNumber() && !root.path("candidates").isArray()) {
                throw new MlemUserException("not a model file: a '" + kind + "' result without its logLikelihood",
                        source, -1, -1);
            }
            ReportOptions.write(root, kind.equals("select") ? null : root, png, tidy, out, spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch file for the report's picture", e);
        } finally {
            if (png != null) {
                png.toFile().delete();
            }
        }
        return 0;
    }
}
