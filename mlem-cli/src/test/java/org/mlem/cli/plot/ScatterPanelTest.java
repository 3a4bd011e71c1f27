package org.mlem.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.GaussianMixture;

class ScatterPanelTest {

    /**
     * Oracle: the palette. Around each mean of three well-separated components (but outside the
     * mean's black cross) the drawn pixels have that component's hue, and the three hues differ.
     */
    @Test
    void eachComponentIsDrawnInItsOwnColour() {
        PanelImage.useHeadless();
        GaussianMixture model = PlotGallery.twoD();
        DataMatrix data = model.sample(1500, 5, null).data();
        JFreeChart chart = ScatterPanel.of(data, model, Projection.columns(data), "colours");
        BufferedImage image = new BufferedImage(780, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.draw(g, new Rectangle2D.Double(0, 0, 780, 600), info);
        g.dispose();
        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYPlot plot = chart.getXYPlot();

        double[] hues = new double[model.components()];
        for (int j = 0; j < model.components(); j++) {
            double[] m = model.mean(j);
            double px = plot.getDomainAxis().valueToJava2D(m[0], area, plot.getDomainAxisEdge());
            double py = plot.getRangeAxis().valueToJava2D(m[1], area, plot.getRangeAxisEdge());
            hues[j] = Pixels.medianHue(image, px, py, 10, 18);
            assertThat(Pixels.hueDistance(hues[j], Pixels.hue(PlotStyle.component(j)))).as("component %d", j)
                    .isLessThan(0.02);
        }
        for (int a = 0; a < hues.length; a++) {
            for (int b = a + 1; b < hues.length; b++) {
                assertThat(Pixels.hueDistance(hues[a], hues[b])).isGreaterThan(0.05);
            }
        }
    }

    /** Oracle: pairwise comparison; the first 30 component colours are all different. */
    @Test
    void paletteColoursAreDistinct() {
        Set<Integer> seen = new HashSet<>();
        for (int j = 0; j < 30; j++) {
            assertThat(seen.add(PlotStyle.component(j).getRGB())).as("colour %d", j).isTrue();
        }
    }

    /**
     * Oracle: selection sampling takes exactly m distinct rows in increasing order, the same ones
     * for the same seed; their mean index is (n−1)/2 within 5 standard errors n/√(12m).
     */
    @Test
    void subsampleIsDeterministicSortedAndUniform() {
        int n = 100_000;
        int m = ScatterPanel.MAX_POINTS;
        int[] a = ScatterPanel.subsample(n, m, ScatterPanel.SUBSAMPLE_SEED);
        int[] b = ScatterPanel.subsample(n, m, ScatterPanel.SUBSAMPLE_SEED);
        assertThat(a).hasSize(m).isEqualTo(b);
        double sum = 0;
        for (int i = 0; i < m; i++) {
            if (i > 0) {
                assertThat(a[i]).isGreaterThan(a[i - 1]);
            }
            sum += a[i];
        }
        assertThat(a[0]).isGreaterThanOrEqualTo(0);
        assertThat(a[m - 1]).isLessThan(n);
        assertThat(sum / m).isCloseTo((n - 1) / 2.0, within(5 * n / Math.sqrt(12.0 * m)));
        assertThat(ScatterPanel.subsample(10, m, 1)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
}
