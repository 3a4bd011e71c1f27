package org.mlem.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.XYBarDataset;

/**
 * A general x–y chart in the house style: optional bars (drawn first), then series of points and
 * lines. Used for Q-Q plots, residuals against fitted values, a fitted curve over its data and
 * observed against fitted probabilities of a discrete distribution.
 */
final class XyPanel {
    /** Semi-transparent points, so that overplotting shows as density. */
    static final Color POINTS = new Color(0x00, 0x72, 0xB2, 150);

    /**
     * One series: a legend name, its coordinates, a colour, and a stroke for a line through the points
     * (null: points only, drawn as {@code marker}).
     */
    record Series(String name, double[] x, double[] y, Color color, Stroke line, Shape marker) {
        static Series points(String name, double[] x, double[] y) {
            return new Series(name, x, y, POINTS, null, PlotStyle.dot(6));
        }

        static Series line(String name, double[] x, double[] y, Color color, Stroke stroke) {
            return new Series(name, x, y, color, stroke, null);
        }
    }

    /** Bars of height {@code y} centred at {@code x}, each {@code width} wide. */
    record Bars(String name, double[] x, double[] y, double width, Color color) {}

    private XyPanel() {}

    static JFreeChart of(String title, String subtitle, String xLabel, String yLabel, Bars bars, List<Series> series) {
        NumberAxis xAxis = PlotStyle.axis(xLabel);
        NumberAxis yAxis = PlotStyle.axis(yLabel);
        XYPlot plot = PlotStyle.plot(xAxis, yAxis);
        int index = 0;
        if (bars != null) {
            DefaultXYDataset d = new DefaultXYDataset();
            d.addSeries(bars.name(), new double[][] {bars.x(), bars.y()});
            XYBarRenderer r = new XYBarRenderer();
            r.setBarPainter(new StandardXYBarPainter());
            r.setShadowVisible(false);
            r.setDrawBarOutline(true);
            r.setDefaultOutlinePaint(Color.WHITE);
            r.setDefaultOutlineStroke(new BasicStroke(0.6f));
            r.setSeriesPaint(0, bars.color());
            plot.setDataset(index, new XYBarDataset(d, bars.width()));
            plot.setRenderer(index++, r);
            yAxis.setAutoRangeIncludesZero(true);
        }
        for (Series s : series) {
            DefaultXYDataset d = new DefaultXYDataset();
            d.addSeries(s.name(), new double[][] {s.x(), s.y()});
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(s.line() != null, s.marker() != null);
            r.setSeriesPaint(0, s.color());
            if (s.line() != null) {
                r.setSeriesStroke(0, s.line());
                r.setDrawSeriesLineAsPath(true);
                r.setLegendLine(new Line2D.Double(-16, 0, 16, 0));
            }
            if (s.marker() != null) {
                r.setSeriesShape(0, s.marker());
            }
            plot.setDataset(index, d);
            plot.setRenderer(index++, r);
        }
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        return PlotStyle.chart(title, subtitle, plot);
    }

    /** The range [min, max] of the finite values of the given arrays. */
    static double[] range(double[]... arrays) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] a : arrays) {
            for (double v : a) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1}; // nothing finite: an empty panel, not a crash
    }
}
