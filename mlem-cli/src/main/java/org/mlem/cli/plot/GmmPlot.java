package org.mlem.cli.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jfree.chart.JFreeChart;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.GaussianMixture;

/**
 * The picture of a fitted Gaussian mixture ({@code mlem fit gmm --plot FILE.png}): a 1400×600 PNG
 * with the data and the model on the left and the log-likelihood per EM iteration on the right.
 *
 * <ul>
 *   <li>d = 1: a density-scaled histogram, each weighted component density
 *       {@code π_j N(x | μ_j, σ_j²)} and the mixture density;
 *   <li>d = 2: the points coloured by most probable component, each component's 1σ and 2σ
 *       ellipses and its mean;
 *   <li>d ≥ 3: the same on the data's two leading principal axes, means projected as
 *       {@code Vᵀ(μ − m)} and covariances as {@code Vᵀ Σ V}.
 * </ul>
 *
 * Of more than 20,000 rows a fixed random subsample of 20,000 is drawn (the same every time).
 * Drawing is headless.
 */
public final class GmmPlot {
    private GmmPlot() {}

    /**
     * Writes the picture to {@code png}, replacing any file there.
     *
     * @param png the file to write; its directory must exist
     * @param data the rows the model was fitted to (their weights shape the histogram and the
     *     principal axes); {@code model.dimension()} finite columns
     * @param model the fitted mixture
     * @param trace total log-likelihood after each iteration, {@code trace[0]} at the start
     *     ({@link org.mlem.em.MixtureFit#trace()}); null or empty draws an empty trace panel
     * @throws MlemUserException when the data do not match the model or the file cannot be
     *     written (a missing directory, say)
     */
    public static void write(Path png, DataMatrix data, GaussianMixture model, double[] trace) {
        PanelImage.useHeadless();
        PanelImage.requireWritable(png);
        PanelImage.write(png, modelChart(data, model), traceChart(trace));
    }

    /** The left panel, chosen by the model's dimension. */
    static JFreeChart modelChart(DataMatrix data, GaussianMixture model) {
        requireMatch(data, model == null ? -1 : model.dimension());
        return mixtureChart(data, "Gaussian mixture, k = " + model.components(),
                () -> DensityPanel.gmm(column(data, 0), data.weights(), data.columns().get(0), model),
                ScatterPanel.Components.of(model), null);
    }

    /**
     * The left panel of a mixture of elliptical components: {@code oneD} for one column, the
     * scatter with the components' contours for two, and the scatter on the data's two leading
     * principal axes beyond; {@code note}, when not null, ends the scatter's subtitle.
     */
    static JFreeChart mixtureChart(DataMatrix data, String title, Supplier<JFreeChart> oneD,
            ScatterPanel.Components components, String note) {
        return switch (data.cols()) {
            case 1 -> oneD.get();
            case 2 -> ScatterPanel.of(data, components, Projection.columns(data), title, note);
            default -> ScatterPanel.of(data, components, Projection.principal(data), title
                    + " (d = " + data.cols() + ", two leading principal axes)", note);
        };
    }

    static JFreeChart traceChart(double[] trace) {
        String subtitle = null;
        if (trace != null && trace.length > 0) {
            subtitle = String.format(Locale.ROOT, "log L = %.6g after %d iteration%s", trace[trace.length - 1],
                    trace.length - 1, trace.length == 2 ? "" : "s");
        }
        return TracePanel.of("Log-likelihood by EM iteration", subtitle,
                List.of(new TracePanel.Trace("EM", trace, Color.BLACK, PlotStyle.SOLID)));
    }

    /** Data that a model of {@code dimension} can be drawn over: rows, that many columns, every cell finite. */
    static void requireMatch(DataMatrix data, int dimension) {
        if (data == null || dimension < 0) {
            throw new IllegalArgumentException("data and model are required");
        }
        if (data.rows() == 0) {
            throw new MlemUserException("no rows to plot; the data set is empty");
        }
        if (data.cols() != dimension) {
            throw new MlemUserException("the data have " + data.cols() + " columns but the model has dimension "
                    + dimension + "; plot the columns the model was fitted to");
        }
        data.requireFinite("a plot");
    }

    static double[] column(DataMatrix data, int a) {
        double[] x = new double[data.rows()];
        for (int i = 0; i < x.length; i++) {
            x[i] = data.get(i, a);
        }
        return x;
    }
}
