package org.mlem.cli.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.GaussianMixture;

/**
 * The picture of {@code mlem demo}: one-dimensional data drawn from a known mixture, fitted three
 * ways. Left, the histogram stacked by true component with the density of the MLE with labels
 * known (solid), of EM with labels hidden (dashed) and of EM from a bad start (dotted). Right, the
 * log-likelihood per iteration of both EM runs, with the MLE's log-likelihood on the same data as a
 * reference line. A 1400×600 PNG, drawn headless.
 */
public final class DemoPlot {
    static final Color MLE_COLOR = Color.BLACK;
    static final Color EM_COLOR = new Color(0x00, 0x5A, 0x9C);
    static final Color BAD_COLOR = new Color(0xC0, 0x39, 0x2B);

    private DemoPlot() {}

    /**
     * Writes the demonstration picture to {@code png}, replacing any file there.
     *
     * @param png the file to write; its directory must exist
     * @param x the sample (finite values)
     * @param trueLabels the component each value was drawn from, 0 ≤ label &lt; {@code mle.components()}
     * @param mle the closed-form fit with labels known
     * @param em EM's fit with labels hidden
     * @param badStart EM's fit from a poor starting point
     * @param emTrace log-likelihood after each iteration of EM ({@code [0]} at the start), or null
     * @param badTrace the same for EM from the bad start, or null
     * @throws MlemUserException when the file cannot be written
     */
    public static void write(Path png, double[] x, int[] trueLabels, GaussianMixture mle, GaussianMixture em,
            GaussianMixture badStart, double[] emTrace, double[] badTrace) {
        PanelImage.useHeadless();
        PanelImage.requireWritable(png);
        requireValid(x, trueLabels, mle, em, badStart);
        DataMatrix data = DataMatrix.of(x, x.length, 1, List.of("x"));
        double llMle = mle.logLikelihood(data);
        double llEm = em.logLikelihood(data);
        double llBad = badStart.logLikelihood(data);

        Bins bins = Bins.freedmanDiaconis(x);
        double[] g = DensityPanel.grid(bins);
        List<DensityPanel.Curve> curves = List.of(
                new DensityPanel.Curve(label("MLE, labels known", llMle), DensityPanel.mixtureDensity(mle, g), MLE_COLOR,
                        PlotStyle.THICK),
                new DensityPanel.Curve(label("EM, labels hidden", llEm), DensityPanel.mixtureDensity(em, g), EM_COLOR,
                        PlotStyle.DASHED),
                new DensityPanel.Curve(label("EM from a bad start", llBad), DensityPanel.mixtureDensity(badStart, g),
                        BAD_COLOR, PlotStyle.DOTTED));
        JFreeChart left = DensityPanel.stacked("Mixture densities: MLE versus EM",
                String.format(Locale.ROOT, "n = %d, histogram stacked by the true component", x.length), "x", x,
                trueLabels, mle.components(), curves, g, bins);

        int last = Math.max(length(emTrace), length(badTrace)) - 1;
        double[] reference = new double[Math.max(last, 1) + 1];
        Arrays.fill(reference, llMle);
        JFreeChart right = TracePanel.of("Log-likelihood by EM iteration", "thin line: log L of the MLE with labels known",
                List.of(new TracePanel.Trace("EM, labels hidden", emTrace, EM_COLOR, PlotStyle.DASHED),
                        new TracePanel.Trace("EM from a bad start", badTrace, BAD_COLOR, PlotStyle.DOTTED),
                        new TracePanel.Trace("MLE, labels known", reference, MLE_COLOR, PlotStyle.THIN, false)));
        PanelImage.write(png, left, right);
    }

    private static String label(String what, double logLikelihood) {
        return String.format(Locale.ROOT, "%s (log L = %.2f)", what, logLikelihood);
    }

    private static int length(double[] trace) {
        return trace == null ? 0 : trace.length;
    }

    private static void requireValid(double[] x, int[] labels, GaussianMixture... models) {
        if (x == null || labels == null || x.length == 0 || x.length != labels.length) {
            throw new IllegalArgumentException("x and trueLabels must be non-empty and of equal length");
        }
        for (GaussianMixture m : models) {
            if (m == null || m.dimension() != 1) {
                throw new IllegalArgumentException("the demonstration's mixtures must be one-dimensional");
            }
        }
        int k = models[0].components();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new MlemUserException("value " + (i + 1) + " of the demonstration sample is not finite");
            }
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + (i + 1) + " is outside 0.." + (k - 1));
            }
        }
    }
}
