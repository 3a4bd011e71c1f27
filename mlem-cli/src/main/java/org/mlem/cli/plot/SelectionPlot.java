package org.mlem.cli.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;
import org.mlem.select.Candidate;

/**
 * BIC against k, one line per variant (covariance structure), the best candidate ringed: the
 * picture mclust users know from {@code plot(mclustBIC(...))}, except that mlem's BIC is
 * {@code −2 log L + p ln n} and lower is better (mclust plots the negative, higher is better).
 * Failed candidates leave a gap. One 900×600 PNG.
 */
public final class SelectionPlot {
    static final int WIDTH = 900;
    static final int HEIGHT = 600;

    private SelectionPlot() {}

    public static void write(Path png, List<? extends Candidate<?>> candidates, int best) {
        PanelImage.useHeadless();
        PanelImage.requireWritable(png);
        PanelImage.writePng(png, chart(candidates, best).createBufferedImage(WIDTH, HEIGHT));
    }

    static JFreeChart chart(List<? extends Candidate<?>> candidates, int best) {
        Map<String, List<double[]>> byVariant = new LinkedHashMap<>();
        for (Candidate<?> c : candidates) {
            byVariant.computeIfAbsent(c.variant(), v -> new ArrayList<>()).add(new double[] {c.k(), c.bic()});
        }
        DefaultXYDataset lines = new DefaultXYDataset();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int s = 0;
        for (Map.Entry<String, List<double[]>> e : byVariant.entrySet()) {
            List<double[]> pts = e.getValue();
            double[][] xy = new double[2][pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                xy[0][i] = pts.get(i)[0];
                xy[1][i] = Double.isFinite(pts.get(i)[1]) ? pts.get(i)[1] : Double.NaN;
            }
            lines.addSeries(e.getKey(), xy);
            renderer.setSeriesPaint(s, PlotStyle.component(s));
            renderer.setSeriesStroke(s, PlotStyle.SOLID);
            renderer.setSeriesShape(s, PlotStyle.dot(9));
            s++;
        }
        String subtitle = "no candidate succeeded";
        DefaultXYDataset ring = new DefaultXYDataset();
        XYLineAndShapeRenderer ringRenderer = new XYLineAndShapeRenderer(false, true);
        if (best >= 0) {
            Candidate<?> b = candidates.get(best);
            subtitle = String.format(Locale.ROOT, "best: k = %d, %s covariance, BIC %.6g (lower is better)", b.k(), b.variant(),
                    b.bic());
            ring.addSeries("best", new double[][] {{b.k()}, {b.bic()}});
            ringRenderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-11, -11, 22, 22));
            ringRenderer.setSeriesPaint(0, Color.BLACK);
            ringRenderer.setUseFillPaint(true);
            ringRenderer.setSeriesFillPaint(0, new Color(0, 0, 0, 0));
            ringRenderer.setDrawOutlines(true);
            ringRenderer.setUseOutlinePaint(true);
            ringRenderer.setSeriesOutlinePaint(0, Color.BLACK);
            ringRenderer.setSeriesOutlineStroke(0, PlotStyle.SOLID);
        }
        NumberAxis x = PlotStyle.axis("number of components k");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = PlotStyle.axis("BIC = −2 log L + p ln n (lower is better; mclust shows −BIC)");
        XYPlot plot = PlotStyle.plot(x, y);
        plot.setDataset(0, ring);
        plot.setRenderer(0, ringRenderer);
        plot.setDataset(1, lines);
        plot.setRenderer(1, renderer);
        return PlotStyle.chart("BIC by number of components and covariance structure", subtitle, plot);
    }
}
