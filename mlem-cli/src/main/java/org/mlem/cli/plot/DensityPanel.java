package org.mlem.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.XYSeries;
import org.mlem.gmm.GaussianMixture;

/**
 * One-dimensional data as a density-scaled histogram with mixture densities drawn over it.
 */
final class DensityPanel {
    static final int GRID_POINTS = 400;
    private static final Color BAR = new Color(0xCF, 0xCF, 0xCF);

    /** A density curve to draw: its legend name, its values on the grid, and how to draw it. */
    record Curve(String name, double[] y, Color color, Stroke stroke) {}

    private DensityPanel() {}

    /** {@link #GRID_POINTS} evenly spaced points over the bins widened by 5% of their span each side. */
    static double[] grid(Bins bins) {
        double pad = 0.05 * (bins.hi() - bins.lo());
        double from = bins.lo() - pad;
        double step = (bins.hi() + pad - from) / (GRID_POINTS - 1);
        double[] g = new double[GRID_POINTS];
        for (int i = 0; i < GRID_POINTS; i++) {
            g[i] = from + i * step;
        }
        return g;
    }

    /** {@code π_j N(x | μ_j, σ_j²)} at each grid point, for a one-dimensional mixture. */
    static double[] componentDensity(GaussianMixture m, int j, double[] grid) {
        double[] y = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            y[i] = weightedNormal(m, j, grid[i]);
        }
        return y;
    }

    /** {@code π_j N(x | μ_j, σ_j²)} of a one-dimensional mixture at x. */
    static double weightedNormal(GaussianMixture m, int j, double x) {
        double sd = Math.sqrt(m.covariance(j)[0][0]);
        double z = (x - m.mean(j)[0]) / sd;
        return m.weights()[j] * Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
    }

    /** {@code Σ_j π_j N(x | μ_j, σ_j²)} at each grid point. */
    static double[] mixtureDensity(GaussianMixture m, double[] grid) {
        double[] y = new double[grid.length];
        for (int j = 0; j < m.components(); j++) {
            double[] c = componentDensity(m, j, grid);
            for (int i = 0; i < grid.length; i++) {
                y[i] += c[i];
            }
        }
        return y;
    }

    /** The weighted density {@code π_j f_j(x)} of component j of a one-dimensional mixture. */
    interface WeightedDensity {
        double at(int j, double x);
    }

    /**
     * The histogram of {@code x} (weights {@code w}, or null) with each weighted component density
     * in its colour and the mixture density as a thick black line.
     */
    static JFreeChart gmm(double[] x, double[] w, String column, GaussianMixture model) {
        return mixture("Gaussian mixture, k = " + model.components(), x, w, column, model.components(),
                j -> Legends.componentWeight(j, model.weights()[j]) + String.format(Locale.ROOT, ", μ = %.4g, σ = %.4g",
                        model.mean(j)[0], Math.sqrt(model.covariance(j)[0][0])),
                (j, v) -> weightedNormal(model, j, v));
    }

    /**
     * The histogram of {@code x} (weights {@code w}, or null) with each of k weighted component
     * densities in its colour (legend {@code name.apply(j)}) and their sum, the mixture density, as
     * a thick black line.
     */
    static JFreeChart mixture(String title, double[] x, double[] w, String column, int k, IntFunction<String> name,
            WeightedDensity density) {
        Bins bins = Bins.freedmanDiaconis(x);
        double[] g = grid(bins);
        List<Curve> curves = new ArrayList<>();
        double[] total = new double[g.length];
        for (int j = 0; j < k; j++) {
            double[] y = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                y[i] = density.at(j, g[i]);
                total[i] += y[i];
            }
            curves.add(new Curve(name.apply(j), y, PlotStyle.component(j), PlotStyle.SOLID));
        }
        curves.add(new Curve("mixture density", total, Color.BLACK, PlotStyle.THICK));
        String subtitle = String.format(Locale.ROOT, "histogram of %s (n = %d, %d bins) and weighted component densities",
                column, x.length, bins.count());
        return histogram(title, subtitle, column, x, w, bins, g, curves);
    }

    /**
     * The density-scaled histogram of {@code x} (weights {@code w}, or null) in {@code bins} with
     * the given curves, evaluated on grid {@code g}, drawn over it.
     */
    static JFreeChart histogram(String title, String subtitle, String column, double[] x, double[] w, Bins bins,
            double[] g, List<Curve> curves) {
        double total = w == null ? x.length : sum(w);
        DefaultTableXYDataset bars = new DefaultTableXYDataset();
        bars.addSeries(series("data", bins, bins.density(x, w, i -> true, total)));
        bars.setIntervalWidth(bins.width());
        XYBarRenderer barRenderer = new XYBarRenderer();
        barRenderer.setSeriesPaint(0, BAR);
        return chart(title, subtitle, column, bars, barRenderer, g, curves);
    }

    /**
     * The histogram of {@code x} stacked by true label (each class's bars scaled by the whole
     * sample's size, so the stack is the sample's density) with the given density curves.
     */
    static JFreeChart stacked(String title, String subtitle, String column, double[] x, int[] labels, int classes,
            List<Curve> curvesOnGrid, double[] g, Bins bins) {
        DefaultTableXYDataset bars = new DefaultTableXYDataset();
        StackedXYBarRenderer renderer = new StackedXYBarRenderer(0.0);
        for (int c = 0; c < classes; c++) {
            final int cls = c;
            bars.addSeries(series("true " + Legends.component(c), bins, bins.density(x, null, i -> labels[i] == cls, x.length)));
            renderer.setSeriesPaint(c, tint(PlotStyle.component(c)));
        }
        bars.setIntervalWidth(bins.width());
        return chart(title, subtitle, column, bars, renderer, g, curvesOnGrid);
    }

    private static JFreeChart chart(String title, String subtitle, String column, DefaultTableXYDataset bars,
            XYBarRenderer barRenderer, double[] g, List<Curve> curves) {
        barRenderer.setBarPainter(new StandardXYBarPainter());
        barRenderer.setShadowVisible(false);
        barRenderer.setDrawBarOutline(true);
        barRenderer.setDefaultOutlinePaint(Color.WHITE);
        barRenderer.setDefaultOutlineStroke(new BasicStroke(0.6f));
        barRenderer.setMargin(0.0);

        DefaultXYDataset lines = new DefaultXYDataset();
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        lineRenderer.setDrawSeriesLineAsPath(true);
        lineRenderer.setLegendLine(new Line2D.Double(-16, 0, 16, 0));
        for (int s = 0; s < curves.size(); s++) {
            Curve c = curves.get(s);
            lines.addSeries(c.name(), new double[][] {g, c.y()});
            lineRenderer.setSeriesPaint(s, c.color());
            lineRenderer.setSeriesStroke(s, c.stroke());
        }

        NumberAxis xAxis = PlotStyle.axis(column);
        NumberAxis yAxis = PlotStyle.axis("density");
        yAxis.setAutoRangeIncludesZero(true);
        XYPlot plot = PlotStyle.plot(xAxis, yAxis);
        plot.setRenderer(0, barRenderer);
        plot.setDataset(0, bars);
        plot.setRenderer(1, lineRenderer);
        plot.setDataset(1, lines);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        xAxis.setRange(g[0], g[g.length - 1]);
        return PlotStyle.chart(title, subtitle, plot);
    }

    private static XYSeries series(String name, Bins bins, double[] density) {
        XYSeries s = new XYSeries(name, false, false);
        for (int b = 0; b < bins.count(); b++) {
            s.add(bins.center(b), density[b], false);
        }
        return s;
    }

    /** A light version of {@code c} for bars behind lines. */
    private static Color tint(Color c) {
        return new Color(mix(c.getRed()), mix(c.getGreen()), mix(c.getBlue()));
    }

    private static int mix(int channel) {
        return (int) Math.round(0.45 * channel + 0.55 * 255);
    }

    static double sum(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v;
        }
        return s;
    }
}
