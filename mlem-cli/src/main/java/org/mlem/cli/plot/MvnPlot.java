package org.mlem.cli.plot;

import java.awt.Color;
import java.awt.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.DefaultXYDataset;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.missing.MvnMissingEstimator;
import org.mlem.missing.MvnParameters;

/**
 * The picture of a multivariate normal fitted by EM over missing cells ({@code mlem fit mvn --plot
 * FILE.png}): a 1400×600 PNG, the data and the normal on the left, the log-likelihood per EM
 * iteration on the right.
 *
 * <p>For two plotted columns a and b: each row whose cells in a and b are both observed is a dot
 * where it is; each row missing a or b is drawn in another colour and marker at its conditional
 * mean imputation {@code E[x_M | x_O]} under the fitted normal (given all of the row's observed
 * cells); the normal's marginal for (a, b) is drawn as its 1σ and 2σ ellipses and its mean. For one
 * column: the histogram of the observed cells with the fitted normal density. Of more than 20,000
 * rows a fixed random subsample of 20,000 is drawn.
 */
public final class MvnPlot {
    private static final Color OBSERVED = PlotStyle.component(0);
    private static final Color IMPUTED = PlotStyle.component(1);
    private static final Shape IMPUTED_MARK = ShapeUtils.createDiamond(3.6f);

    private MvnPlot() {}

    /**
     * Writes the picture to {@code png}, replacing any file there.
     *
     * @param data the rows the normal was fitted to, NaN for a missing cell
     * @param model the fitted normal, of dimension {@code data.cols()}
     * @param shown the 0-based indices of the one or two columns to draw
     * @param trace total log-likelihood after each iteration ({@code trace[0]} at the start), or null
     * @throws MlemUserException when the data do not match the model or the file cannot be written
     */
    public static void write(Path png, DataMatrix data, MvnParameters model, int[] shown, double[] trace) {
        PanelImage.useHeadless();
        PanelImage.requireWritable(png);
        if (data.cols() != model.dimension()) {
            throw new MlemUserException("the data have " + data.cols() + " columns but the normal has dimension "
                    + model.dimension() + "; plot the columns it was fitted to");
        }
        if (shown.length < 1 || shown.length > 2) {
            throw new IllegalArgumentException("one or two columns are drawn, got " + shown.length);
        }
        JFreeChart left = shown.length == 1 ? histogram(data, model, shown[0]) : scatter(data, model, shown[0], shown[1]);
        PanelImage.write(png, left, GmmPlot.traceChart(trace));
    }

    /** The observed cells of column a with the fitted normal's marginal density N(μ_a, Σ_aa). */
    static JFreeChart histogram(DataMatrix data, MvnParameters model, int a) {
        double[] x = observed(data, a);
        if (x.length == 0) {
            throw new MlemUserException("column '" + data.columns().get(a) + "' has no observed cell to plot");
        }
        String column = data.columns().get(a);
        double mu = model.mean()[a];
        double sd = Math.sqrt(model.covariance()[a][a]);
        Bins bins = Bins.freedmanDiaconis(x);
        double[] g = DensityPanel.grid(bins);
        double[] y = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            double z = (g[i] - mu) / sd;
            y[i] = Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
        }
        String subtitle = String.format(Locale.ROOT, "histogram of the %d observed cells of %s (%d missing), %d bins",
                x.length, column, data.rows() - x.length, bins.count());
        return DensityPanel.histogram("Multivariate normal (EM over missing cells)", subtitle, column, x, null, bins, g,
                List.of(new DensityPanel.Curve(String.format(Locale.ROOT, "fitted normal: mean %.4g, sd %.4g", mu, sd), y,
                        Color.BLACK, PlotStyle.THICK)));
    }

    private static double[] observed(DataMatrix data, int a) {
        return IntStream.range(0, data.rows()).mapToDouble(i -> data.get(i, a))
                .filter(v -> !Double.isNaN(v)).toArray();
    }

    /** Complete rows and imputed rows in columns a and b, with the normal's marginal ellipses. */
    static JFreeChart scatter(DataMatrix data, MvnParameters model, int a, int b) {
        DataMatrix filled = MvnMissingEstimator.impute(model, data);
        int[] rows = ScatterPanel.subsample(data.rows(), ScatterPanel.MAX_POINTS, ScatterPanel.SUBSAMPLE_SEED);
        int imputed = 0;
        for (int i : rows) {
            imputed += isMissing(data, i, a, b) ? 1 : 0;
        }
        double[][] complete = new double[2][rows.length - imputed];
        double[][] filledIn = new double[2][imputed];
        int c = 0;
        int f = 0;
        for (int i : rows) {
            double[][] into = isMissing(data, i, a, b) ? filledIn : complete;
            int at = into == filledIn ? f++ : c++;
            into[0][at] = filled.get(i, a);
            into[1][at] = filled.get(i, b);
        }
        String ca = data.columns().get(a);
        String cb = data.columns().get(b);

        DefaultXYDataset points = new DefaultXYDataset();
        points.addSeries("complete", complete);
        points.addSeries("imputed", filledIn);
        XYLineAndShapeRenderer pointRenderer = new XYLineAndShapeRenderer(false, true);
        pointRenderer.setDrawOutlines(false);
        double alpha = ScatterPanel.pointAlpha(rows.length);
        Shape dot = PlotStyle.dot(rows.length > 5000 ? 4 : 5.5);
        pointRenderer.setSeriesPaint(0, PlotStyle.withAlpha(OBSERVED, alpha));
        pointRenderer.setSeriesShape(0, dot);
        pointRenderer.setSeriesPaint(1, PlotStyle.withAlpha(IMPUTED, Math.min(1, alpha + 0.2)));
        pointRenderer.setSeriesShape(1, IMPUTED_MARK);

        double[] mu = model.mean();
        double[][] cov = model.covariance();
        double[] centre = {mu[a], mu[b]};
        DefaultXYDataset ellipses = new DefaultXYDataset();
        XYLineAndShapeRenderer ellipseRenderer = ScatterPanel.ellipseRenderer();
        ScatterPanel.addEllipses(ellipses, ellipseRenderer, "normal", centre,
                new double[][] {{cov[a][a], cov[a][b]}, {cov[b][a], cov[b][b]}}, Color.BLACK);
        DefaultXYDataset means = new DefaultXYDataset();
        means.addSeries("mean", new double[][] {{centre[0]}, {centre[1]}});

        XYPlot plot = PlotStyle.plot(PlotStyle.axis(ca), PlotStyle.axis(cb));
        ScatterPanel.layers(plot, points, pointRenderer, ellipses, ellipseRenderer, means);
        LegendItemCollection items = new LegendItemCollection();
        items.add(PlotStyle.markerItem(String.format(Locale.ROOT, "both observed (%,d)", complete[0].length),
                PlotStyle.dot(10), OBSERVED));
        items.add(PlotStyle.markerItem(String.format(Locale.ROOT, "a cell missing: at its conditional mean (%,d)", filledIn[0].length), ShapeUtils.createDiamond(6f), IMPUTED));
        ScatterPanel.addMarkAndContours(items, "mean", "σ");
        plot.setFixedLegendItems(items);

        String shownNote = rows.length == data.rows() ? String.format(Locale.ROOT, "n = %,d", data.rows())
                : String.format(Locale.ROOT, "%,d of n = %,d rows (a fixed random subsample)", rows.length, data.rows());
        String subtitle = shownNote + "; imputed cells are E[missing | observed] under the fit; ellipses of its ("
                + ca + ", " + cb + ") marginal";
        return PlotStyle.chart("Multivariate normal (EM over missing cells)", subtitle, plot);
    }

    private static boolean isMissing(DataMatrix data, int i, int a, int b) {
        return Double.isNaN(data.get(i, a)) || Double.isNaN(data.get(i, b));
    }
}
