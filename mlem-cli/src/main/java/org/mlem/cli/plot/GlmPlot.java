package org.mlem.cli.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * The picture of a GLM fit ({@code mlem fit glm --plot FILE.png}), 1400×600, the first two of R's
 * {@code plot.glm}: deviance residuals against fitted means with the zero line (left), and the
 * normal Q-Q plot of the deviance residuals (right; their scale is not 1 unless the dispersion is).
 */
public final class GlmPlot {
    private GlmPlot() {}

    /**
     * @param fitted the fitted means, one per row used
     * @param residuals the deviance residuals of those rows
     */
    public static void write(Path png, double[] fitted, double[] residuals, String family, String link, String formula) {
        PanelImage.useHeadless();
        PanelImage.requireWritable(png);
        double[] span = XyPanel.range(fitted);
        String subtitle = formula + "  (" + family + " family, " + link + " link, n = " + fitted.length + ")";
        JFreeChart left = XyPanel.of("Residuals vs fitted", subtitle, "fitted mean", "deviance residual", null,
                List.of(XyPanel.Series.line("zero", span, new double[] {0, 0}, Color.GRAY, PlotStyle.THIN_DASHED),
                        XyPanel.Series.points("rows", fitted, residuals)));
        PanelImage.write(png, left, NormalQq.chart(residuals, "deviance residual"));
    }
}
