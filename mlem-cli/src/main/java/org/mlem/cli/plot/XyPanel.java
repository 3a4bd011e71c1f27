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

    /**
     * Bars centred at {@code x}, each {@code width} wide, from {@code bottom} (null: from 0) up to
     * {@code y}; a bottom lets a bar hang (a hanging rootogram's).
     */
    record Bars(String name, double[] x, double[] y, double width, Color color, double[] bottom) {
        Bars(String name, double[] x, double[] y, double width, Color color) {
            this(name, x, y, width, color, null);
        }
    }

    private XyPanel() {}

    static JFreeChart of(String title, String subtitle, String xLabel, String yLabel, Bars bars, List<Series> series) {
        NumberAxis xAxis = PlotStyle.axis(xLabel);
        NumberAxis yAxis = PlotStyle.axis(yLabel);
        XYPlot plot = PlotStyle.plot(xAxis, yAxis);
        int index = 0;
        if (bars != null) {
            XYBarRenderer r = new XYBarRenderer();
            r.setBarPainter(new StandardXYBarPainter());
            r.setShadowVisible(false);
            r.setDrawBarOutline(true);
            r.setDefaultOutlinePaint(Color.WHITE);
            r.setDefaultOutlineStroke(new BasicStroke(0.6f));
            r.setSeriesPaint(0, bars.color());
            plot.setDataset(index, barData(bars, r));
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

    /** The bars' dataset; hanging bars span their y interval. */
    private static org.jfree.data.xy.IntervalXYDataset barData(Bars bars, XYBarRenderer r) {
        if (bars.bottom() == null) {
            DefaultXYDataset d = new DefaultXYDataset();
            d.addSeries(bars.name(), new double[][] {bars.x(), bars.y()});
            return new XYBarDataset(d, bars.width());
        }
        org.jfree.data.xy.XYIntervalSeries s = new org.jfree.data.xy.XYIntervalSeries(bars.name());
        double half = bars.width() / 2;
        for (int i = 0; i < bars.x().length; i++) {
            double lo = Math.min(bars.bottom()[i], bars.y()[i]);
            double hi = Math.max(bars.bottom()[i], bars.y()[i]);
            s.add(bars.x()[i], bars.x()[i] - half, bars.x()[i] + half, hi, lo, hi);
        }
        r.setUseYInterval(true);
        org.jfree.data.xy.XYIntervalSeriesCollection c = new org.jfree.data.xy.XYIntervalSeriesCollection();
        c.addSeries(s);
        return c;
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
