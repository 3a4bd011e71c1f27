package org.mlem.cli.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.mlem.dist.Distribution;
import org.mlem.dist.FittedDistribution;

/**
 * The picture of a distribution fit ({@code mlem fit dist --plot FILE.png}), 1400×600: on the left
 * the data with the fitted model (a density-scaled histogram under the fitted density, or for a
 * discrete family the observed proportion of each value as bars with the fitted probabilities as
 * dots); on the right the Q-Q plot, sorted data against the fitted distribution's quantiles at
 * (i − ½)/n, with the line y = x. The Q-Q plot ignores weights.
 */
public final class DistPlot {
    private static final Color BAR = new Color(0xCF, 0xCF, 0xCF);

    private DistPlot() {}

    /**
     * Writes the picture.
     *
     * @param x the values fitted (category codes for a categorical fit)
     * @param w their weights, or null
     * @param column the column's name, for the axis
     * @param categories the categories' names for a text column, or null
     */
    public static void write(Path png, double[] x, double[] w, String column, FittedDistribution fit,
            List<String> categories) {
        PanelImage.useHeadless();
        PanelImage.requireWritable(png);
        Distribution d = fit.distribution();
        boolean discrete = d.family().isDiscrete();
        JFreeChart left = discrete ? massChart(x, w, column, fit, categories) : densityChart(x, w, column, fit);
        PanelImage.write(png, left, qqChart(x, column, d, discrete));
    }

    private static String describe(FittedDistribution fit) {
        StringBuilder sb = new StringBuilder(fit.distribution().family().name()).append('(');
        String sep = "";
        for (Map.Entry<String, Double> e : fit.estimates().entrySet()) {
            sb.append(sep).append(e.getKey()).append(" = ").append(String.format(Locale.ROOT, "%.4g", e.getValue()));
            sep = ", ";
        }
        return sb.append(')').toString();
    }

    private static JFreeChart densityChart(double[] x, double[] w, String column, FittedDistribution fit) {
        Bins bins = Bins.freedmanDiaconis(x);
        double[] g = DensityPanel.grid(bins);
        double[] y = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            y[i] = Math.exp(fit.distribution().logDensity(g[i]));
        }
        List<DensityPanel.Curve> curves = List.of(
                new DensityPanel.Curve("fitted density: " + describe(fit), y, Color.BLACK, PlotStyle.THICK));
        String subtitle = String.format(Locale.ROOT, "histogram of %s (n = %d, %d bins), log L = %.6g", column, x.length,
                bins.count(), fit.logLikelihood());
        return DensityPanel.histogram("Fitted " + fit.distribution().family().name() + " distribution", subtitle, column,
                x, w, bins, g, curves);
    }

    private static JFreeChart massChart(double[] x, double[] w, String column, FittedDistribution fit,
            List<String> categories) {
        double[] range = XyPanel.range(x);
        int lo = (int) range[0];
        int hi = (int) range[1];
        int m = hi - lo + 1;
        double[] k = new double[m];
        double[] observed = new double[m];
        double[] fitted = new double[m];
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double wi = w == null ? 1 : w[i];
            observed[(int) x[i] - lo] += wi;
            total += wi;
        }
        for (int j = 0; j < m; j++) {
            k[j] = lo + j;
            observed[j] /= total;
            fitted[j] = Math.exp(fit.distribution().logDensity(k[j]));
        }
        String axis = categories == null ? column
                : column + " (category " + (categories.size() <= 6 ? codes(categories) : "codes 0.." + (categories.size() - 1)) + ")";
        List<XyPanel.Series> series = new ArrayList<>();
        series.add(new XyPanel.Series("fitted probability: " + describe(fit), k, fitted, Color.BLACK,
                m <= 60 ? null : PlotStyle.SOLID, m <= 60 ? PlotStyle.dot(10) : null));
        JFreeChart chart = XyPanel.of("Fitted " + fit.distribution().family().name() + " distribution",
                String.format(Locale.ROOT, "observed proportions of %s (n = %d), log L = %.6g", column, x.length,
                        fit.logLikelihood()),
                axis, "probability", new XyPanel.Bars("observed proportion", k, observed, 0.8, BAR), series);
        chart.getXYPlot().getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return chart;
    }

    private static String codes(List<String> categories) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < categories.size(); j++) {
            sb.append(j == 0 ? "" : ", ").append(j).append(" = ").append(categories.get(j));
        }
        return sb.toString();
    }

    private static JFreeChart qqChart(double[] x, String column, Distribution d, boolean discrete) {
        double[] s = Quantiles.sorted(x);
        int[] idx = Quantiles.drawnOrderStatistics(s.length);
        double[] theory = new double[idx.length];
        double[] data = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            theory[i] = Quantiles.of(d, discrete, (idx[i] + 0.5) / s.length);
            data[i] = s[idx[i]];
        }
        double[] r = XyPanel.range(theory, data);
        return XyPanel.of("Q-Q plot", "sorted " + column + " against the fitted quantiles at (i - 1/2)/n",
                "fitted " + d.family().name() + " quantile", column + " (sorted)", null,
                List.of(XyPanel.Series.line("y = x", r, r, Color.GRAY, PlotStyle.THIN_DASHED),
                        XyPanel.Series.points("data", theory, data)));
    }
}
