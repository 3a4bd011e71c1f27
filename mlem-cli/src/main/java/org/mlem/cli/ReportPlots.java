package org.mlem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlem.cli.plot.DistPlot;
import org.mlem.cli.plot.GlmPlot;
import org.mlem.cli.plot.MvnPlot;
import org.mlem.cli.plot.NlsPlot;
import org.mlem.cli.plot.TmixPlot;
import org.mlem.data.DataMatrix;
import org.mlem.dist.FittedDistribution;
import org.mlem.expr.Formula;
import org.mlem.formula.Frame;
import org.mlem.model.FittedDist;
import org.mlem.model.FittedCount;
import org.mlem.model.FittedGlm;
import org.mlem.model.FittedGmm;
import org.mlem.model.FittedMixture;
import org.mlem.model.FittedModel;
import org.mlem.model.FittedMvn;
import org.mlem.model.FittedNls;
import org.mlem.model.FittedRegmix;
import org.mlem.model.FittedTmix;
import org.mlem.model.RowInput;
import org.mlem.model.Rows;
import org.mlem.model.SequenceModel;

/**
 * {@code mlem report}'s picture of a model file with its data: the picture its fit command's
 * {@code --plot} (and so {@code --report}) draws, by the same plot code: gmm, tmix, mixture, mvn,
 * hmm, regmix, distribution, glm, nls, zeroinfl and hurdle files (a mixture or distribution fitted to
 * censored or truncated rows only by its fit: the file does not name the censoring columns). A
 * GLM's and an nls fit's pictures need the fit's
 * values at its rows (fitted means, deviance or raw residuals), which the file does not hold: they
 * are recomputed from the stored formula, bases, levels and estimates on the data, as the fit
 * computed them ({@link FittedGlm#residuals}).
 */
final class ReportPlots {
    private ReportPlots() {}

    /** Draws {@code model} over the rows of {@code file} into {@code png}; false for a kind drawn only by its fit. */
    static boolean draw(FittedModel model, JsonNode root, String file, InputOptions input, Terminal terminal, Path png) {
        double[] trace = trace(root);
        if (model instanceof SequenceModel m) {
            Plots.hmm(png, HmmData.load(m, file, null, input, terminal).input().data(), m.hmm(), trace);
            return true;
        }
        if (model instanceof FittedGlm m) {
            try (ModelData rows = ModelData.open(m.input(), file, input, terminal, true)) {
                FittedGlm.Residuals r = rows.apply(m::residuals, rows.frames().iterator().next());
                GlmPlot.write(png, r.fitted(), r.deviance(), root.path("family").asText(m.file().family().name()),
                        root.path("link").asText(m.file().link().rName()), m.file().formula());
            }
            return true;
        }
        if (model instanceof FittedNls m) {
            nls(m, root, file, input, terminal, png);
            return true;
        }
        if (model instanceof FittedCount m) {
            try (ModelData rows = ModelData.open(m.input(), file, input, terminal, true)) {
                CountPicture.of(rows.apply(m::frequencies, rows.frames().iterator().next())).write(png,
                        m.file().model().kind(), m.file().model().distribution().label(), m.file().formula(),
                        root.path("logLikelihood").asDouble(Double.NaN), m.input().response().get(0));
            }
            return true;
        }
        if (model instanceof FittedRegmix m) {
            try (ModelData rows = ModelData.open(m.input(), file, input, terminal, true)) {
                Plots.regmix(png, m.file(), rows.frames().iterator().next(), input.dropMissing, trace);
            }
            return true;
        }
        boolean matrix = model instanceof FittedGmm || model instanceof FittedTmix
                || model instanceof FittedMixture && !censored(root) || model instanceof FittedMvn
                || model instanceof FittedDist d && d.file().categories() == null && !censored(root)
                        && !d.file().truncation().truncates();
        if (!matrix) {
            return false;
        }
        DataMatrix x;
        try (ModelData rows = ModelData.open(model.input(), file, input, terminal, false)) {
            Frame frame = rows.frames().iterator().next();
            x = Rows.matrix(frame, ((RowInput.Columns) model.input()).names());
        }
        if (model instanceof FittedGmm g) {
            Plots.gmm(png, completeRows(x), g.mixture(), trace); // as fit gmm --missing em draws: its complete rows
        } else if (model instanceof FittedTmix m) {
            TmixPlot.write(png, completeRows(x), m.mixture(), trace);
        } else if (model instanceof FittedMixture m) {
            Plots.mixture(png, x, m.mixture(), trace);
        } else if (model instanceof FittedDist d) {
            FittedDistribution fit = new FittedDistribution(d.distribution(), d.logLikelihood(Rows.frame(x)), x.rows(),
                    d.nParameters(), new double[0][], Double.NaN); // the picture needs no standard errors
            DistPlot.write(png, x.values(), null, d.file().column(), fit, null);
        } else {
            MvnPlot.write(png, x, ((FittedMvn) model).parameters(), x.cols() == 1 ? new int[] {0} : new int[] {0, 1}, trace);
        }
        return true;
    }

    /** Whether the file's {@code censoring} counts a censored row (its picture needs the censoring columns). */
    private static boolean censored(JsonNode root) {
        JsonNode c = root.path("censoring");
        return c.path("left").asInt(0) + c.path("right").asInt(0) + c.path("interval").asInt(0) > 0;
    }

    /**
     * An nls file drawn as {@code fit nls --plot} draws its fit: the rows complete in every column
     * the fit read (its {@code columns}, the weights' among them), the right-hand side at the
     * stored estimates and the raw residuals, computed as the fit computes them.
     */
    private static void nls(FittedNls m, JsonNode root, String file, InputOptions input, Terminal terminal, Path png) {
        RowInput.Table read = m.input();
        if (root.path("columns").isArray()) {
            List<String> columns = new ArrayList<>(read.columns());
            root.path("columns").forEach(c -> {
                if (!columns.contains(c.asText())) {
                    columns.add(c.asText());
                }
            });
            read = new RowInput.Table(columns, read.response());
        }
        Formula formula = Formula.parse(m.file().formula());
        try (ModelData rows = ModelData.open(read, file, input, terminal, true)) {
            Frame frame = rows.frames().iterator().next();
            double[] fitted = rows.apply(f -> m.predict(f).columns().get(0), frame); // checks the columns are numeric
            Map<String, double[]> columns = new HashMap<>();
            for (String c : m.input().columns()) {
                columns.put(c, frame.numeric(c));
            }
            double[] residuals = formula.lhs().evaluateColumns(columns);
            for (int i = 0; i < residuals.length; i++) {
                residuals[i] -= fitted[i];
            }
            NlsPlot.write(png, formula, m.file().parameters(), fitted, residuals, columns);
        }
    }

    /** The file's {@code trace}, empty when it has none. */
    private static double[] trace(JsonNode root) {
        JsonNode t = root.path("trace");
        double[] trace = new double[t.size()];
        for (int i = 0; i < trace.length; i++) {
            trace[i] = t.get(i).asDouble(Double.NaN);
        }
        return trace;
    }

    /** The rows of {@code x} with no missing cell. */
    private static DataMatrix completeRows(DataMatrix x) {
        int d = x.cols();
        double[] v = new double[x.rows() * d];
        int n = 0;
        for (int i = 0; i < x.rows(); i++) {
            double[] row = x.row(i);
            if (java.util.Arrays.stream(row).noneMatch(Double::isNaN)) {
                System.arraycopy(row, 0, v, n++ * d, d);
            }
        }
        return n == x.rows() ? x : DataMatrix.of(java.util.Arrays.copyOf(v, n * d), n, d, x.columns());
    }
}
