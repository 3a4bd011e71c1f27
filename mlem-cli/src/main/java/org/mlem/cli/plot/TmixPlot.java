package org.mlem.cli.plot;

import java.nio.file.Path;
import java.util.Locale;
import org.hipparchus.special.Gamma;
import org.jfree.chart.JFreeChart;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.tmix.TMixture;

/**
 * The picture of a fitted mixture of multivariate t distributions ({@code mlem fit tmix --plot
 * FILE.png}), laid out as {@link GmmPlot}'s: a 1400×600 PNG with the data and the model on the left
 * and the log-likelihood per EM iteration on the right.
 *
 * <ul>
 *   <li>d = 1: a density-scaled histogram, each weighted component density
 *       {@code π_j t_ν(x | μ_j, σ_j)} (σ_j² the 1×1 scale matrix) and the mixture density;
 *   <li>d = 2: the points coloured by most probable component, each component's 1- and 2-unit
 *       contours of its scale matrix Σ_j (whose covariance is {@code ν/(ν−2) Σ_j}) and its location;
 *   <li>d ≥ 3: the same on the data's two leading principal axes.
 * </ul>
 */
public final class TmixPlot {
    private TmixPlot() {}

    /**
     * Writes the picture to {@code png}, replacing any file there.
     *
     * @param data the rows the model was fitted to, {@code model.dimension()} finite columns
     * @param trace total log-likelihood after each iteration, {@code trace[0]} at the start; null
     *     or empty draws an empty trace panel
     * @throws MlemUserException when the data do not match the model or the file cannot be written
     */
    public static void write(Path png, DataMatrix data, TMixture model, double[] trace) {
        PanelImage.useHeadless();
        PanelImage.requireWritable(png);
        PanelImage.write(png, modelChart(data, model), GmmPlot.traceChart(trace));
    }

    static JFreeChart modelChart(DataMatrix data, TMixture model) {
        GmmPlot.requireMatch(data, model == null ? -1 : model.dimension());
        int k = model.components();
        double[] w = model.weights();
        double[] nu = model.degreesOfFreedom();
        String title = "Mixture of t distributions, k = " + k;
        double[][] centres = new double[k][];
        double[][][] scales = new double[k][][];
        for (int j = 0; j < k; j++) {
            centres[j] = model.mean(j);
            scales[j] = model.scale(j);
        }
        ScatterPanel.Components components = new ScatterPanel.Components(w, centres, scales, "σ of Σ", model::predict);
        return GmmPlot.mixtureChart(data, title,
                () -> DensityPanel.mixture(title, GmmPlot.column(data, 0), data.weights(), data.columns().get(0), k,
                        j -> Legends.componentWeight(j, w[j]) + String.format(Locale.ROOT, ", μ = %.4g, σ = %.4g, ν = %.3g",
                                centres[j][0], Math.sqrt(scales[j][0][0]), nu[j]),
                        (j, x) -> w[j] * studentT(x, centres[j][0], Math.sqrt(scales[j][0][0]), nu[j])),
                components, "contours of each scale matrix Σ (covariance ν/(ν−2) Σ)");
    }

    /**
     * The density of the location–scale Student t at x:
     * {@code Γ((ν+1)/2) / (Γ(ν/2) √(νπ) σ) · (1 + z²/ν)^{−(ν+1)/2}}, z = (x − μ)/σ, in log space.
     */
    static double studentT(double x, double mu, double sigma, double nu) {
        double z = (x - mu) / sigma;
        double log = Gamma.logGamma((nu + 1) / 2) - Gamma.logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI) - Math.log(sigma)
                - 0.5 * (nu + 1) * Math.log1p(z * z / nu);
        return Math.exp(log);
    }
}
