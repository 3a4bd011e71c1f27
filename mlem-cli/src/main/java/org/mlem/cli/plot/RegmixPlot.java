package org.mlem.cli.plot;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * The picture of a mixture of regressions on one predictor ({@code mlem fit regmix --plot}):
 * left, the rows as points coloured by their most probable component with each component's fitted
 * mean curve {@code g⁻¹(x'β_j)} in the same colour; right, the log-likelihood per EM iteration.
 */
public final class RegmixPlot {
    private RegmixPlot() {}

    /**
     * The data and curves to draw.
     *
     * @param x the predictor of each row
     * @param y the response of each row (a proportion for the binomial with trials)
     * @param labels each row's most probable component
     * @param grid predictor values at which the curves are evaluated, increasing
     * @param curves per component, its fitted mean at each grid value
     * @param legends per component, its legend text
     */
    public record Picture(String title, String xName, String yName, double[] x, double[] y, int[] labels, double[] grid,
            double[][] curves, List<String> legends) {}

    /** Writes the picture to {@code png}, replacing any file there. */
    public static void write(Path png, Picture p, double[] trace) {
        PanelImage.useHeadless();
        PanelImage.requireWritable(png);
        PanelImage.write(png, chart(p), GmmPlot.traceChart(trace));
    }

    static JFreeChart chart(Picture p) {
        int k = p.curves().length;
        int[] rows = ScatterPanel.subsample(p.x().length, ScatterPanel.MAX_POINTS, ScatterPanel.SUBSAMPLE_SEED);
        DefaultXYDataset points = new DefaultXYDataset();
        XYLineAndShapeRenderer pointRenderer = new XYLineAndShapeRenderer(false, true);
        pointRenderer.setDrawOutlines(false);
        DefaultXYDataset lines = new DefaultXYDataset();
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        lineRenderer.setDrawSeriesLineAsPath(true);
        for (int j = 0; j < k; j++) {
            int count = 0;
            for (int i : rows) {
                count += p.labels()[i] == j ? 1 : 0;
            }
            double[][] xy = new double[2][count];
            int c = 0;
            for (int i : rows) {
                if (p.labels()[i] == j) {
                    xy[0][c] = p.x()[i];
                    xy[1][c++] = p.y()[i];
                }
            }
            points.addSeries(String.format(Locale.ROOT, "rows most probably from %s (%d)", Legends.component(j), count), xy);
            pointRenderer.setSeriesPaint(j, PlotStyle.withAlpha(PlotStyle.component(j), rows.length > 2000 ? 0.35 : 0.7));
            pointRenderer.setSeriesShape(j, PlotStyle.dot(rows.length > 5000 ? 4 : 6));
            lines.addSeries(p.legends().get(j), new double[][] {p.grid(), p.curves()[j]});
            lineRenderer.setSeriesPaint(j, PlotStyle.component(j));
            lineRenderer.setSeriesStroke(j, PlotStyle.THICK);
        }
        XYPlot plot = PlotStyle.plot(PlotStyle.axis(p.xName()), PlotStyle.axis(p.yName()));
        plot.setDataset(0, points);
        plot.setRenderer(0, pointRenderer);
        plot.setDataset(1, lines);
        plot.setRenderer(1, lineRenderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        ((NumberAxis) plot.getDomainAxis()).setRange(p.grid()[0], p.grid()[p.grid().length - 1]);
        return PlotStyle.chart(p.title(), "points coloured by most probable component; lines: each component's fitted mean",
                plot);
    }
}
