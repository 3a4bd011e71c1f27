package org.mlem.cli.plot;

import java.awt.Color;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * The log-likelihood after each EM iteration: {@code trace[t]} against t, t = 0 being the start.
 */
final class TracePanel {
    /** Traces longer than this are drawn without point markers. */
    private static final int MARKER_LIMIT = 60;
    /** How far below the later values (in multiples of their span) a start may lie before it is cut off. */
    static final double ZOOM_FACTOR = 3;

    /** One trace to draw; {@code values} may be null or empty (nothing drawn). */
    record Trace(String name, double[] values, Color color, Stroke stroke, boolean markers) {
        Trace(String name, double[] values, Color color, Stroke stroke) {
            this(name, values, color, stroke, true);
        }
    }

    private TracePanel() {}

    /** The traces on one chart; non-finite entries are skipped. */
    static JFreeChart of(String title, String subtitle, List<Trace> traces) {
        DefaultXYDataset data = new DefaultXYDataset();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setLegendLine(new Line2D.Double(-16, 0, 16, 0));
        renderer.setDrawOutlines(false);
        renderer.setDrawSeriesLineAsPath(true);
        int series = 0;
        for (Trace t : traces) {
            double[][] xy = finitePoints(t.values());
            if (xy[0].length == 0) {
                continue;
            }
            data.addSeries(t.name(), xy);
            renderer.setSeriesPaint(series, t.color());
            renderer.setSeriesStroke(series, t.stroke());
            renderer.setSeriesShape(series, PlotStyle.dot(6));
            renderer.setSeriesShapesVisible(series, t.markers() && xy[0].length <= MARKER_LIMIT);
            series++;
        }
        NumberAxis xAxis = PlotStyle.axis("iteration");
        xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis yAxis = PlotStyle.axis("log-likelihood");
        // A flat trace would otherwise be stretched over a range far below its printed precision.
        yAxis.setAutoRangeMinimumSize(Math.max(1e-6, 1e-5 * largestMagnitude(traces)));
        XYPlot plot = PlotStyle.plot(xAxis, yAxis);
        plot.setDataset(data);
        plot.setRenderer(renderer);
        plot.setNoDataMessage("no iterations recorded");
        double[] range = zoomedRange(traces);
        if (range != null) {
            yAxis.setRange(range[0], range[1]);
            String cut = String.format(Locale.ROOT, "start at log L = %.4g is below the axis", range[2]);
            subtitle = subtitle == null ? cut : subtitle + "; " + cut;
        }
        JFreeChart chart = PlotStyle.chart(title, subtitle, plot);
        chart.getLegend().setVisible(series > 1);
        return chart;
    }

    /**
     * A y range that leaves out the starting values (t = 0) when one of them lies more than
     * {@link #ZOOM_FACTOR} times the span of all later values below them, so that a poor start
     * does not flatten every later iteration into one line: {@code {lower, upper, lowest start}},
     * or null when no start is that far off.
     */
    static double[] zoomedRange(List<Trace> traces) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double start = Double.POSITIVE_INFINITY;
        for (Trace t : traces) {
            double[] v = t.values();
            if (v == null || v.length < 2) {
                continue;
            }
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    continue;
                }
                if (i == 0) {
                    start = Math.min(start, v[i]);
                } else {
                    lo = Math.min(lo, v[i]);
                    hi = Math.max(hi, v[i]);
                }
            }
        }
        if (!(lo <= hi) || !(start < lo)) {
            return null;
        }
        double span = Math.max(hi - lo, 1e-9 * Math.max(1, Math.abs(hi)));
        if (lo - start <= ZOOM_FACTOR * span) {
            return null;
        }
        return new double[] {lo - 0.1 * span, hi + 0.05 * span, start};
    }

    private static double largestMagnitude(List<Trace> traces) {
        double m = 0;
        for (Trace t : traces) {
            if (t.values() != null) {
                for (double v : t.values()) {
                    if (Double.isFinite(v)) {
                        m = Math.max(m, Math.abs(v));
                    }
                }
            }
        }
        return m;
    }

    private static double[][] finitePoints(double[] values) {
        if (values == null) {
            return new double[2][0];
        }
        double[] xs = new double[values.length];
        double[] ys = new double[values.length];
        int m = 0;
        for (int t = 0; t < values.length; t++) {
            if (Double.isFinite(values[t])) {
                xs[m] = t;
                ys[m] = values[t];
                m++;
            }
        }
        return new double[][] {Arrays.copyOf(xs, m), Arrays.copyOf(ys, m)};
    }
}
