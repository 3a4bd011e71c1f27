package org.mlem.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.DefaultXYDataset;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.GaussianMixture;

/**
 * Points coloured by their most probable component, each component's 1- and 2-sigma ellipses and
 * its mean, all in the two coordinates of a {@link Projection}.
 */
final class ScatterPanel {
    /** At most this many points are drawn; more are subsampled. */
    static final int MAX_POINTS = 20_000;
    /** Seed of the subsample, fixed so that the same data give the same picture. */
    static final long SUBSAMPLE_SEED = 0x6d6c656dL;
    private static final int ELLIPSE_POINTS = 180;
    private static final Shape MEAN_MARK = ShapeUtils.createDiagonalCross(6f, 1.6f);

    private ScatterPanel() {}

    /**
     * {@code min(n, max)} row indices in increasing order, chosen uniformly without replacement by
     * selection sampling (Knuth's Algorithm S) with a generator seeded by {@code seed}.
     */
    static int[] subsample(int n, int max, long seed) {
        int m = Math.min(n, max);
        int[] picked = new int[m];
        if (m == n) {
            for (int i = 0; i < n; i++) {
                picked[i] = i;
            }
            return picked;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int chosen = 0;
        for (int i = 0; i < n && chosen < m; i++) {
            if ((n - i) * rng.nextDouble() < m - chosen) {
                picked[chosen++] = i;
            }
        }
        return picked;
    }

    /**
     * What the scatter draws of a mixture of elliptical components.
     *
     * @param weights π (k)
     * @param centres each component's centre (k × d)
     * @param shapes the matrices whose 1- and 2-sigma contours are drawn (k × d × d): covariances,
     *     or a t component's scale matrix
     * @param contour the legend's name of the contours' unit ("σ", or "σ of Σ")
     * @param predict each row's most probable component
     */
    record Components(double[] weights, double[][] centres, double[][][] shapes, String contour,
            Function<DataMatrix, int[]> predict) {

        /** A Gaussian mixture's weights, means and covariances. */
        static Components of(GaussianMixture m) {
            double[][][] cov = new double[m.components()][][];
            for (int j = 0; j < cov.length; j++) {
                cov[j] = m.covariance(j);
            }
            return new Components(m.weights(), m.means(), cov, "σ", m::predict);
        }

        int k() {
            return weights.length;
        }
    }

    /** The chart of {@code data} under {@code model}, in the coordinates of {@code projection}. */
    static JFreeChart of(DataMatrix data, GaussianMixture model, Projection projection, String title) {
        return of(data, Components.of(model), projection, title, null);
    }

    /**
     * The chart of {@code data} under the components {@code c}, in the coordinates of
     * {@code projection}; {@code note}, when not null, ends the subtitle.
     */
    static JFreeChart of(DataMatrix data, Components c, Projection projection, String title, String note) {
        int k = c.k();
        int[] rows = subsample(data.rows(), MAX_POINTS, SUBSAMPLE_SEED);
        DataMatrix shown = rowsOf(data, rows);
        int[] labels = c.predict().apply(shown);

        DefaultXYDataset points = new DefaultXYDataset();
        XYLineAndShapeRenderer pointRenderer = new XYLineAndShapeRenderer(false, true);
        pointRenderer.setDrawOutlines(false);
        double alpha = pointAlpha(rows.length);
        double[][][] byComponent = split(shown, labels, k, projection);
        for (int j = 0; j < k; j++) {
            points.addSeries("points " + j, byComponent[j]);
            pointRenderer.setSeriesPaint(j, PlotStyle.withAlpha(PlotStyle.component(j), alpha));
            pointRenderer.setSeriesShape(j, PlotStyle.dot(rows.length > 5000 ? 4 : 5.5));
        }

        DefaultXYDataset ellipses = new DefaultXYDataset();
        XYLineAndShapeRenderer ellipseRenderer = ellipseRenderer();
        double[][] meanXY = new double[2][k];
        for (int j = 0; j < k; j++) {
            double[] m = projection.project(c.centres()[j]);
            meanXY[0][j] = m[0];
            meanXY[1][j] = m[1];
            addEllipses(ellipses, ellipseRenderer, "ellipse " + j, m, projection.projectCovariance(c.shapes()[j]),
                    PlotStyle.component(j).darker());
        }
        DefaultXYDataset means = new DefaultXYDataset();
        means.addSeries("means", meanXY);

        XYPlot plot = PlotStyle.plot(PlotStyle.axis(projection.label(0)), PlotStyle.axis(projection.label(1)));
        layers(plot, points, pointRenderer, ellipses, ellipseRenderer, means);
        LegendItemCollection items = new LegendItemCollection();
        double[] w = c.weights();
        for (int j = 0; j < k; j++) {
            items.add(PlotStyle.markerItem(Legends.component(j) + String.format(Locale.ROOT, " (π = %.3g)", w[j]),
                    PlotStyle.dot(10), PlotStyle.component(j)));
        }
        addMarkAndContours(items, "mean", c.contour());
        plot.setFixedLegendItems(items);

        String subtitle = (rows.length == data.rows()
                ? String.format(Locale.ROOT, "n = %,d, coloured by most probable component", data.rows())
                : String.format(Locale.ROOT, "%,d of n = %,d points (a fixed random subsample), coloured by most probable component",
                        rows.length, data.rows())) + (note == null ? "" : "; " + note);
        return PlotStyle.chart(title, subtitle, plot);
    }

    /** Opacity of the points: more transparent the more points there are. */
    static double pointAlpha(int shown) {
        return Math.max(0.15, Math.min(0.7, 0.7 * Math.sqrt(2000.0 / shown)));
    }

    /** A renderer of closed contour lines, one path per series. */
    static XYLineAndShapeRenderer ellipseRenderer() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        return r;
    }

    /**
     * Adds the 1-sigma (solid) and 2-sigma (dashed) contours of the 2×2 matrix {@code cov} about
     * {@code centre} as two series named {@code key + " 1"} and {@code key + " 2"}.
     */
    static void addEllipses(DefaultXYDataset into, XYLineAndShapeRenderer renderer, String key, double[] centre,
            double[][] cov, Color color) {
        Ellipse e = Ellipse.of(cov);
        for (int s = 1; s <= 2; s++) {
            int series = into.getSeriesCount();
            into.addSeries(key + " " + s, e.points(centre[0], centre[1], s, ELLIPSE_POINTS));
            renderer.setSeriesPaint(series, color);
            renderer.setSeriesStroke(series, s == 1 ? PlotStyle.SOLID : PlotStyle.THIN_DASHED);
        }
    }

    /**
     * Points, then contours, then the centres' black crosses (dataset 2), drawn in that order.
     * Each dataset's series are drawn by its renderer.
     */
    static void layers(XYPlot plot, DefaultXYDataset points, XYLineAndShapeRenderer pointRenderer,
            DefaultXYDataset ellipses, XYLineAndShapeRenderer ellipseRenderer, DefaultXYDataset centres) {
        XYLineAndShapeRenderer meanRenderer = new XYLineAndShapeRenderer(false, true);
        meanRenderer.setSeriesShape(0, MEAN_MARK);
        meanRenderer.setUseFillPaint(true);
        meanRenderer.setSeriesFillPaint(0, Color.BLACK);
        meanRenderer.setUseOutlinePaint(true);
        meanRenderer.setSeriesOutlinePaint(0, Color.WHITE);
        meanRenderer.setSeriesOutlineStroke(0, new BasicStroke(1.2f));
        plot.setRenderer(0, pointRenderer);
        plot.setDataset(0, points);
        plot.setRenderer(1, ellipseRenderer);
        plot.setDataset(1, ellipses);
        plot.setRenderer(2, meanRenderer);
        plot.setDataset(2, centres);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    }

    /** Legend entries for the centre's cross and the 1- and 2-unit contours ({@code unit}: "σ", say). */
    static void addMarkAndContours(LegendItemCollection items, String mark, String unit) {
        items.add(PlotStyle.markerItem(mark, MEAN_MARK, Color.BLACK));
        items.add(PlotStyle.lineItem("1" + unit, Color.DARK_GRAY, PlotStyle.SOLID));
        items.add(PlotStyle.lineItem("2" + unit, Color.DARK_GRAY, PlotStyle.THIN_DASHED));
    }

    static DataMatrix rowsOf(DataMatrix data, int[] rows) {
        if (rows.length == data.rows()) {
            return data;
        }
        int d = data.cols();
        double[] values = new double[rows.length * d];
        for (int r = 0; r < rows.length; r++) {
            for (int a = 0; a < d; a++) {
                values[r * d + a] = data.get(rows[r], a);
            }
        }
        return DataMatrix.of(values, rows.length, d, data.columns());
    }

    /** Projected coordinates grouped by label: {@code [j] = {xs, ys}}. */
    private static double[][][] split(DataMatrix shown, int[] labels, int k, Projection projection) {
        int[] counts = new int[k];
        for (int l : labels) {
            counts[l]++;
        }
        double[][][] out = new double[k][][];
        for (int j = 0; j < k; j++) {
            out[j] = new double[2][counts[j]];
        }
        int[] fill = new int[k];
        for (int i = 0; i < labels.length; i++) {
            double[] p = projection.project(shown.row(i));
            int j = labels[i];
            out[j][0][fill[j]] = p[0];
            out[j][1][fill[j]] = p[1];
            fill[j]++;
        }
        return out;
    }
}
