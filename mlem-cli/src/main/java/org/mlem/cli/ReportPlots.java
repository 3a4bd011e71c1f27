package org.mlem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.mlem.cli.plot.GmmPlot;
import org.mlem.cli.plot.MixturePlot;
import org.mlem.cli.plot.MvnPlot;
import org.mlem.cli.plot.TmixPlot;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Frame;
import org.mlem.model.FittedGmm;
import org.mlem.model.FittedMixture;
import org.mlem.model.FittedModel;
import org.mlem.model.FittedMvn;
import org.mlem.model.FittedTmix;
import org.mlem.model.Rows;

/** {@code mlem report}'s picture of a model file with its data: the fit command's plot, for the matrix models. */
final class ReportPlots {
    private ReportPlots() {}

    /** Draws {@code model} over the rows of {@code file} into {@code png}; false for a kind drawn only by its fit. */
    static boolean draw(FittedModel model, JsonNode root, String file, InputOptions input, Terminal terminal, Path png) {
        if (!(model instanceof FittedGmm || model instanceof FittedTmix || model instanceof FittedMixture
                || model instanceof FittedMvn)) {
            return false;
        }
        DataMatrix x;
        try (ModelData rows = ModelData.open(model.input(), file, input, terminal, false)) {
            Frame frame = rows.frames().iterator().next();
            x = Rows.matrix(frame, ((org.mlem.model.RowInput.Columns) model.input()).names());
        }
        JsonNode t = root.path("trace");
        double[] trace = new double[t.size()];
        for (int i = 0; i < trace.length; i++) {
            trace[i] = t.get(i).asDouble(Double.NaN);
        }
        if (model instanceof FittedGmm g) {
            GmmPlot.write(png, x, g.mixture(), trace);
        } else if (model instanceof FittedTmix m) {
            TmixPlot.write(png, x, m.mixture(), trace);
        } else if (model instanceof FittedMixture m) {
            MixturePlot.write(png, x, m.mixture(), trace);
        } else {
            MvnPlot.write(png, x, ((FittedMvn) model).parameters(), x.cols() == 1 ? new int[] {0} : new int[] {0, 1}, trace);
        }
        return true;
    }
}
