package org.mlem.cli.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.XYBarDataset;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Distribution;
import org.mlem.mixture.ComponentPart;
import org.mlem.mixture.ProductMixture;

/**
 * The picture of a mixture of any families ({@code mlem fit mixture --plot FILE.png}), the model
 * on the left and the log-likelihood per EM iteration on the right:
 *
 * <ul>
 *   <li>one column of a continuous family: a density-scaled histogram with each weighted
 *       component density {@code π_j f_j(x)} and the mixture density;
 *   <li>one column of a discrete family: the relative frequency of each value as bars, with each
 *       weighted component mass {@code π_j p_j(x)} and the mixture mass as points joined by lines;
 *   <li>several columns: every component's parameters side by side as grouped bars (one group
 *       per parameter, one colour per component).
 * </ul>
 */
public final class MixturePlot {
    /** Count data with more distinct values than this are drawn as a histogram. */
    static final int MAX_COUNT_BARS = 200;

    private MixturePlot() {}

    /** Writes the picture to {@code png}, replacing any file there. */
    public static void write(Path png, DataMatrix data, ProductMixture model, double[] trace) {
        PanelImage.useHeadless();
        PanelImage.requireWritable(png);
        PanelImage.write(png, modelChart(data, model), GmmPlot.traceChart(trace));
    }

    static JFreeChart modelChart(DataMatrix data, ProductMixture model) {
        if (data.cols() != model.dimension()) {
            throw new MlemUserException("the data have " + data.cols() + " columns but the model has " + model.dimension());
        }
        if (model.dimension() == 1 && model.component(0).parts().get(0) instanceof ComponentPart.UnivariatePart u) {
            double[] x = GmmPlot.column(data, 0);
            double span = max(x) - min(x);
            if (u.distribution().family().isDiscrete() && span <= MAX_COUNT_BARS) {
                return counts(x, data.hasWeights() ? data.weights() : null, data.columns().get(0), model);
            }
            return density(x, data.hasWeights() ? data.weights() : null, data.columns().get(0), model);
        }
        return parameterBars(model);
    }

    private static Distribution distribution(ProductMixture m, int j) {
        return ((ComponentPart.UnivariatePart) m.component(j).parts().get(0)).distribution();
    }

    private static String title(ProductMixture m) {
        return "Mixture of " + m.family() + ", k = " + m.k();
    }

    private static String legend(ProductMixture m, int j) {
        StringBuilder sb = new StringBuilder(Legends.componentWeight(j, m.weights()[j]));
        distribution(m, j).parameters().forEach((name, v) -> sb.append(String.format(Locale.ROOT, ", %s = %.4g", name, v)));
        return sb.toString();
    }

    /** {@code π_j f_j(x)} at each point of {@code g}. */
    static double[] weighted(ProductMixture m, int j, double[] g) {
        Distribution d = distribution(m, j);
        double w = m.weights()[j];
        double[] y = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            y[i] = w * Math.exp(d.logDensity(g[i]));
        }
        return y;
    }

    private static List<DensityPanel.Curve> curves(ProductMixture m, double[] g) {
        List<DensityPanel.Curve> curves = new ArrayList<>();
        double[] total = new double[g.length];
        for (int j = 0; j < m.k(); j++) {
            double[] y = weighted(m, j, g);
            for (int i = 0; i < g.length; i++) {
                total[i] += y[i];
            }
            curves.add(new DensityPanel.Curve(legend(m, j), y, PlotStyle.component(j), PlotStyle.SOLID));
        }
        curves.add(new DensityPanel.Curve("mixture", total, Color.BLACK, PlotStyle.THICK));
        return curves;
    }

    private static JFreeChart density(double[] x, double[] w, String column, ProductMixture m) {
        Bins bins = Bins.freedmanDiaconis(x);
        double[] g = DensityPanel.grid(bins);
        String subtitle = String.format(Locale.ROOT, "histogram of %s (n = %d, %d bins) and weighted component densities",
                column, x.length, bins.count());
        return DensityPanel.histogram(title(m), subtitle, column, x, w, bins, g, curves(m, g));
    }

    private static JFreeChart counts(double[] x, double[] w, String column, ProductMixture m) {
        Map<Double, Double> freq = new TreeMap<>();
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double wi = w == null ? 1 : w[i];
            freq.merge(x[i], wi, Double::sum);
            total += wi;
        }
        int lo = (int) min(x);
        int hi = (int) max(x);
        double[] values = new double[hi - lo + 1];
        double[] share = new double[values.length];
        for (int v = lo; v <= hi; v++) {
            values[v - lo] = v;
            share[v - lo] = freq.getOrDefault((double) v, 0.0) / total;
        }
        DefaultXYDataset barData = new DefaultXYDataset();
        barData.addSeries("data: share of rows", new double[][] {values, share});
        XYBarRenderer bars = new XYBarRenderer();
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(0xCF, 0xCF, 0xCF));

        DefaultXYDataset masses = new DefaultXYDataset();
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, values.length <= 60);
        List<DensityPanel.Curve> curves = curves(m, values);
        for (int s = 0; s < curves.size(); s++) {
            DensityPanel.Curve c = curves.get(s);
            masses.addSeries(c.name(), new double[][] {values, c.y()});
            lines.setSeriesPaint(s, c.color());
            lines.setSeriesStroke(s, c.stroke());
            lines.setSeriesShape(s, PlotStyle.dot(7));
        }
        NumberAxis xAxis = PlotStyle.axis(column);
        NumberAxis yAxis = PlotStyle.axis("probability");
        yAxis.setAutoRangeIncludesZero(true);
        XYPlot plot = PlotStyle.plot(xAxis, yAxis);
        plot.setDataset(0, masses);
        plot.setRenderer(0, lines);
        plot.setDataset(1, new XYBarDataset(barData, 0.8));
        plot.setRenderer(1, bars);
        xAxis.setRange(lo - 0.6, hi + 0.6);
        String subtitle = String.format(Locale.ROOT, "share of each value of %s (n = %d) and weighted component masses",
                column, x.length);
        return PlotStyle.chart(title(m), subtitle, plot);
    }

    private static JFreeChart parameterBars(ProductMixture m) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Map<String, double[]> values = parameterValues(m);
        Map<String, String> labels = new java.util.HashMap<>();
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            double largest = 0;
            for (double v : e.getValue()) {
                largest = Math.max(largest, Math.abs(v));
            }
            for (int j = 0; j < m.k(); j++) {
                String series = Legends.component(j) + String.format(Locale.ROOT, " (π = %.3g)", m.weights()[j]);
                double v = e.getValue()[j];
                data.addValue(largest == 0 ? 0 : v / largest, series, e.getKey());
                labels.put(series + "|" + e.getKey(), String.format(Locale.ROOT, "%.3g", v));
            }
        }
        CategoryAxis xAxis = new CategoryAxis("parameter");
        xAxis.setLabelFont(PlotStyle.LABEL);
        xAxis.setTickLabelFont(PlotStyle.TICK);
        xAxis.setMaximumCategoryLabelLines(3);
        NumberAxis yAxis = PlotStyle.axis("value ÷ largest |value| of that parameter (bar labels: the value)");
        yAxis.setAutoRangeIncludesZero(true);
        BarRenderer renderer = new BarRenderer();
        renderer.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardCategoryItemLabelGenerator() {
            @Override
            public String generateLabel(org.jfree.data.category.CategoryDataset d, int row, int column) {
                return labels.get(d.getRowKey(row) + "|" + d.getColumnKey(column));
            }
        });
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(PlotStyle.TICK);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        for (int j = 0; j < m.k(); j++) {
            renderer.setSeriesPaint(j, PlotStyle.component(j));
        }
        CategoryPlot plot = new CategoryPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(PlotStyle.GRID);
        plot.setOutlinePaint(PlotStyle.FRAME);
        JFreeChart chart = new JFreeChart(title(m), PlotStyle.TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(PlotStyle.LEGEND);
        chart.addSubtitle(new org.jfree.chart.title.TextTitle("each component's parameters (R's names), by column, scaled to the largest component",
                PlotStyle.SUBTITLE));
        return chart;
    }

    /** Parameter label ("lambda", or "age: mean") → its value in each component, in the model's order. */
    public static Map<String, double[]> parameterValues(ProductMixture m) {
        Map<String, double[]> out = new java.util.LinkedHashMap<>();
        List<Map<String, Object>> comps = m.componentParameters();
        for (int j = 0; j < comps.size(); j++) {
            for (Map.Entry<String, Object> e : comps.get(j).entrySet()) {
                if (e.getValue() instanceof Map<?, ?> inner) {
                    for (Map.Entry<?, ?> p : inner.entrySet()) {
                        out.computeIfAbsent(e.getKey() + ": " + p.getKey(), x -> new double[comps.size()])[j] =
                                ((Number) p.getValue()).doubleValue();
                    }
                } else {
                    out.computeIfAbsent(e.getKey(), x -> new double[comps.size()])[j] = ((Number) e.getValue()).doubleValue();
                }
            }
        }
        return out;
    }

    private static double min(double[] x) {
        double v = Double.POSITIVE_INFINITY;
        for (double d : x) {
            v = Math.min(v, d);
        }
        return v;
    }

    private static double max(double[] x) {
        double v = Double.NEGATIVE_INFINITY;
        for (double d : x) {
            v = Math.max(v, d);
        }
        return v;
    }
}
