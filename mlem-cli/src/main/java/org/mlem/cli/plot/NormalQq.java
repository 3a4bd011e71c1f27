package org.mlem.cli.plot;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;

/** The normal Q-Q plot of residuals, with R's {@code qqline} through the quartiles. */
final class NormalQq {
    private NormalQq() {}

    static JFreeChart chart(double[] residuals, String what) {
        double[] s = Quantiles.sorted(residuals);
        int[] idx = Quantiles.drawnOrderStatistics(s.length);
        double[] theory = new double[idx.length];
        double[] data = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            theory[i] = Quantiles.normal((idx[i] + 0.5) / s.length);
            data[i] = s[idx[i]];
        }
        double q1 = quartile(s, 0.25);
        double q3 = quartile(s, 0.75);
        double z = Quantiles.normal(0.75);
        double slope = (q3 - q1) / (2 * z);
        double mid = 0.5 * (q1 + q3);
        double[] xr = XyPanel.range(theory);
        double[] line = {mid + slope * xr[0], mid + slope * xr[1]};
        return XyPanel.of("Normal Q-Q", "sorted " + what + "s against standard normal quantiles at (i - 1/2)/n",
                "standard normal quantile", what + " (sorted)", null,
                List.of(XyPanel.Series.line("line through the quartiles", xr, line, Color.GRAY, PlotStyle.THIN_DASHED),
                        XyPanel.Series.points("rows", theory, data)));
    }

    private static double quartile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int i = (int) Math.floor(h);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (h - i) * (sorted[j] - sorted[i]);
    }
}
