package org.mlem.cli.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code fit survreg|tobit --plot}: one 900×600 panel, the data's nonparametric curve as a step
 * function (Kaplan–Meier or Turnbull for survreg, the empirical CDF of the censored response for a
 * Tobit model) and the fitted model's marginal curve over the same axis (the mean over the rows of
 * each row's fitted curve) as a line.
 */
public final class SurvivalPlot {
    private static final Color STEP = new Color(0x55, 0x55, 0x55);
    private static final Color FITTED = new Color(0x00, 0x72, 0xB2);

    private SurvivalPlot() {
    }

    /**
     * Writes the picture.
     *
     * @param start the x where the step curve begins, at {@code startValue}
     * @param stepX the step curve's jump points, increasing
     * @param stepY its value from each jump on
     * @param end the x where the step curve ends
     */
    public static void write(Path png, String title, String subtitle, String xLabel, String yLabel, String stepName,
            double start, double startValue, double[] stepX, double[] stepY, double end, String fittedName,
            double[] fittedX, double[] fittedY) {
        PanelImage.useHeadless();
        PanelImage.requireWritable(png);
        int m = stepX.length;
        double[] x = new double[2 * m + 2];
        double[] y = new double[2 * m + 2];
        x[0] = start;
        y[0] = startValue;
        double last = startValue;
        for (int j = 0; j < m; j++) {
            x[2 * j + 1] = stepX[j];
            y[2 * j + 1] = last;
            x[2 * j + 2] = stepX[j];
            y[2 * j + 2] = stepY[j];
            last = stepY[j];
        }
        x[2 * m + 1] = Math.max(end, m == 0 ? start : stepX[m - 1]);
        y[2 * m + 1] = last;
        var chart = XyPanel.of(title, subtitle, xLabel, yLabel, null,
                List.of(XyPanel.Series.line(stepName, x, y, STEP, PlotStyle.SOLID),
                        XyPanel.Series.line(fittedName, fittedX, fittedY, FITTED, PlotStyle.SOLID)));
        PanelImage.writePng(png, chart.createBufferedImage(SelectionPlot.WIDTH, SelectionPlot.HEIGHT));
    }
}
