package org.mlem.cli.plot;

import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * The entropy plot of merging components (Baudry et al. 2010; mclust's {@code entPlot}): left, the
 * entropy of the clustering against the number of clusters K; right, the entropy each merge
 * removed, against K. An elbow on the left (a tall bar on the right) marks a merge of
 * clusters that were really one.
 */
public final class EntropyPlot {
    private EntropyPlot() {}

    /** @param entropies the entropy of K = 1..G clusters, index K − 1 */
    public static void write(Path png, double[] entropies) {
        PanelImage.useHeadless();
        PanelImage.requireWritable(png);
        int g = entropies.length;
        double[][] left = new double[2][g];
        double[][] right = new double[2][Math.max(g - 1, 0)];
        for (int k = 1; k <= g; k++) {
            left[0][k - 1] = k;
            left[1][k - 1] = entropies[k - 1];
            if (k < g) {
                right[0][k - 1] = k;
                right[1][k - 1] = entropies[k] - entropies[k - 1];
            }
        }
        PanelImage.write(png, chart("Entropy of the clustering", "entropy", left),
                chart("Entropy removed by the merge down to K", "difference in entropy", right));
    }

    private static JFreeChart chart(String title, String yLabel, double[][] xy) {
        DefaultXYDataset data = new DefaultXYDataset();
        data.addSeries(yLabel, xy);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, PlotStyle.component(0));
        renderer.setSeriesStroke(0, PlotStyle.SOLID);
        renderer.setSeriesShape(0, PlotStyle.dot(9));
        NumberAxis x = PlotStyle.axis("number of clusters K");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot plot = PlotStyle.plot(x, PlotStyle.axis(yLabel));
        plot.setDataset(data);
        plot.setRenderer(renderer);
        return PlotStyle.chart(title, "merging components by entropy (Baudry et al. 2010)", plot);
    }
}
