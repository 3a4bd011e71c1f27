package org.mlem.cli.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;
import org.mlem.data.DataMatrix;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.SequenceData;

/**
 * The picture of a fitted hidden Markov model ({@code mlem fit hmm --plot FILE.png}): on the left
 * the series against the step (the row of the data, sequences one after another, the line broken
 * between them), one panel for each of up to {@link #MAX_PANELS} columns, every step coloured by
 * its Viterbi state; on the right the log-likelihood per EM iteration. Of more than
 * {@link #MAX_STEPS} steps the first {@link #MAX_STEPS} are drawn. Drawing is headless.
 */
public final class HmmPlot {
    static final int MAX_PANELS = 3;
    static final int MAX_STEPS = 20_000;
    /** Sequence boundaries are marked by dashed lines when there are at most this many. */
    static final int MAX_BOUNDARIES = 50;

    private HmmPlot() {}

    /**
     * Writes the picture to {@code png}, replacing any file there.
     *
     * @param data the sequences the model was fitted to
     * @param model the fitted model (its Viterbi path colours the steps)
     * @param trace total log-likelihood after each iteration, {@code trace[0]} at the start
     */
    public static void write(Path png, SequenceData data, HiddenMarkovModel model, double[] trace) {
        PanelImage.useHeadless();
        PanelImage.requireWritable(png);
        int[] states = model.viterbi(data).states();
        PanelImage.write(png, seriesChart(data, states, model.states()), GmmPlot.traceChart(trace));
    }

    static JFreeChart seriesChart(SequenceData data, int[] states, int k) {
        DataMatrix x = data.matrix();
        int n = Math.min(x.rows(), MAX_STEPS);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(PlotStyle.axis("step (row, sequences in file order)"));
        combined.setGap(8);
        for (int a = 0; a < Math.min(x.cols(), MAX_PANELS); a++) {
            combined.add(panel(data, states, k, a, n));
        }
        LegendItemCollection legend = new LegendItemCollection();
        for (int j = 0; j < k; j++) {
            legend.add(PlotStyle.markerItem("state " + j, PlotStyle.dot(10), PlotStyle.component(j)));
        }
        combined.setFixedLegendItems(legend);
        combined.setBackgroundPaint(Color.WHITE);
        String subtitle = String.format(Locale.ROOT, "%s%,d steps in %,d sequence%s, coloured by the Viterbi state",
                n < x.rows() ? "the first " + String.format(Locale.ROOT, "%,d", n) + " of " : "", x.rows(), data.sequences(),
                data.sequences() == 1 ? "" : "s");
        return PlotStyle.chart("Hidden Markov model, K = " + k + " states", subtitle, combined);
    }

    private static XYPlot panel(SequenceData data, int[] states, int k, int column, int n) {
        DataMatrix x = data.matrix();
        // the line: one point per step, NaN between sequences so the line breaks there
        int gaps = data.sequenceOf(n - 1);
        double[][] line = new double[2][n + gaps];
        java.util.List<Double> boundaries = new java.util.ArrayList<>();
        int p = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && data.sequenceOf(i) != data.sequenceOf(i - 1)) {
                if (gaps <= MAX_BOUNDARIES) {
                    boundaries.add(i - 0.5);
                }
                line[0][p] = i - 0.5;
                line[1][p++] = Double.NaN;
            }
            line[0][p] = i;
            line[1][p++] = x.get(i, column);
        }
        DefaultXYDataset lines = new DefaultXYDataset();
        lines.addSeries("series", line);
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        lineRenderer.setSeriesPaint(0, new Color(0xB0, 0xB0, 0xB0));
        lineRenderer.setSeriesStroke(0, PlotStyle.THIN);

        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
            counts[states[i]]++;
        }
        double[][][] byState = new double[k][][];
        for (int j = 0; j < k; j++) {
            byState[j] = new double[2][counts[j]];
        }
        int[] fill = new int[k];
        for (int i = 0; i < n; i++) {
            int j = states[i];
            byState[j][0][fill[j]] = i;
            byState[j][1][fill[j]++] = x.get(i, column);
        }
        DefaultXYDataset points = new DefaultXYDataset();
        XYLineAndShapeRenderer pointRenderer = new XYLineAndShapeRenderer(false, true);
        pointRenderer.setDrawOutlines(false);
        for (int j = 0; j < k; j++) {
            points.addSeries("state " + j, byState[j]);
            pointRenderer.setSeriesPaint(j, PlotStyle.component(j));
            pointRenderer.setSeriesShape(j, PlotStyle.dot(n > 2000 ? 3.5 : 5.5));
        }
        XYPlot plot = PlotStyle.plot(PlotStyle.axis("step"), PlotStyle.axis(x.columns().get(column)));
        plot.setDataset(0, lines);
        plot.setRenderer(0, lineRenderer);
        plot.setDataset(1, points);
        plot.setRenderer(1, pointRenderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        for (double b : boundaries) {
            plot.addDomainMarker(new ValueMarker(b, PlotStyle.FRAME, PlotStyle.THIN_DASHED));
        }
        return plot;
    }
}
