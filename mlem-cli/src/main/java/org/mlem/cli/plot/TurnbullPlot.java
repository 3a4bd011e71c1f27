package org.mlem.cli.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * {@code fit turnbull --plot}: the estimated survival curve as a step function (left; inside an
 * innermost interval the estimate does not say where the mass lies, so the curve is drawn straight
 * across it) and each innermost interval's mass at its ends (right).
 */
public final class TurnbullPlot {
    private TurnbullPlot() {
    }

    public static void write(Path png, double[] lower, double[] upper, double[] mass, String source) {
        PanelImage.useHeadless();
        PanelImage.requireWritable(png);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < mass.length; j++) {
            for (double v : new double[] {lower[j], upper[j]}) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double pad = hi > lo ? 0.05 * (hi - lo) : 1;
        double start = lo - pad;
        double end = hi + pad;
        List<Double> xs = new ArrayList<>(List.of(start));
        List<Double> ys = new ArrayList<>(List.of(1.0));
        double s = 1;
        double[] midX = new double[mass.length];
        for (int j = 0; j < mass.length; j++) {
            double a = Math.max(lower[j], start);
            double b = Math.min(upper[j], end);
            xs.add(a);
            ys.add(s);
            s -= mass[j];
            xs.add(b);
            ys.add(Math.max(s, 0));
            midX[j] = (a + b) / 2;
        }
        xs.add(end);
        ys.add(Math.max(s, 0));
        double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
        String subtitle = source + "  (" + mass.length + " innermost intervals)";
        JFreeChart left = XyPanel.of("Turnbull estimate of S(t)", subtitle, "t", "S(t) = P(T > t)", null,
                List.of(XyPanel.Series.line("S(t)", x, y, new Color(0x00, 0x72, 0xB2), PlotStyle.SOLID)));
        JFreeChart right = XyPanel.of("Mass of each innermost interval", "at the interval's middle", "t", "mass", null,
                List.of(XyPanel.Series.points("mass", midX, mass)));
        PanelImage.write(png, left, right);
    }
}
