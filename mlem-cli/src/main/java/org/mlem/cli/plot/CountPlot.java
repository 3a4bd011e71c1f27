package org.mlem.cli.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;

/**
 * The picture of a zero-inflated or hurdle fit ({@code mlem fit zeroinfl|hurdle --plot FILE.png}),
 * 1400×600: on the left the observed frequency of each count 0..max as bars with the expected
 * frequency Σ_i P(Y_i = k) from the fit as dots (the last, max, being Σ_i P(Y_i ≥ max), so both sum
 * to n); on the right Kleiber and Zeileis's hanging rootogram: the bar of √observed hangs from the
 * curve of √expected, so a bar ending above the zero line is a count the model expects more of, one
 * below it a count the model expects too few of.
 */
public final class CountPlot {
    private static final Color BAR = new Color(0xCF, 0xCF, 0xCF);

    private CountPlot() {}

    /**
     * Writes the picture.
     *
     * @param observed the rows holding each count 0..max (length max + 1)
     * @param expected the expected frequencies of the same counts, the last of max or more
     * @param title e.g. "Zero-inflated poisson regression"
     * @param subtitle e.g. the formula and n
     * @param response the count's column, for the axis
     */
    public static void write(Path png, double[] observed, double[] expected, String title, String subtitle,
            String response) {
        PanelImage.useHeadless();
        PanelImage.requireWritable(png);
        int m = observed.length;
        double[] k = new double[m];
        double[] rootExpected = new double[m];
        double[] hangs = new double[m];
        for (int j = 0; j < m; j++) {
            k[j] = j;
            rootExpected[j] = Math.sqrt(expected[j]);
            hangs[j] = rootExpected[j] - Math.sqrt(observed[j]);
        }
        boolean dots = m <= 60;
        JFreeChart left = XyPanel.of(title, subtitle, response + " (the last: " + (m - 1) + " or more expected)",
                "rows", new XyPanel.Bars("observed frequency", k, observed, 0.8, BAR),
                List.of(new XyPanel.Series("expected frequency, sum over rows of P(y = k)", k, expected, Color.BLACK,
                        dots ? null : PlotStyle.SOLID, dots ? PlotStyle.dot(10) : null)));
        double[] span = {-0.5, m - 0.5};
        JFreeChart right = XyPanel.of("Hanging rootogram", "sqrt(observed) hanging from sqrt(expected)", response,
                "sqrt(frequency)", new XyPanel.Bars("sqrt(observed frequency)", k, rootExpected, 0.8, BAR, hangs),
                List.of(XyPanel.Series.line("zero", span, new double[] {0, 0}, Color.GRAY, PlotStyle.THIN_DASHED),
                        new XyPanel.Series("sqrt(expected frequency)", k, rootExpected, Color.BLACK, PlotStyle.SOLID,
                                dots ? PlotStyle.dot(6) : null)));
        for (JFreeChart c : List.of(left, right)) {
            c.getXYPlot().getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        PanelImage.write(png, left, right);
    }
}
