package org.mlem.cli.plot;

import java.nio.file.Path;
import java.util.List;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.FullCovariances;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;

/** Sample mixtures and fits for the plot tests, and a main that writes them to a folder for viewing. */
final class PlotGallery {
    private PlotGallery() {}

    /** Two 1-D components, well separated. */
    static GaussianMixture oneD() {
        return GaussianMixture.of(new double[] {0.35, 0.65}, new double[][] {{-2}, {1.5}},
                FullCovariances.of(new double[][][] {{{0.36}}, {{1.0}}}));
    }

    /** Three 2-D components, one strongly correlated (ρ = 0.9, major axis at 45°). */
    static GaussianMixture twoD() {
        return GaussianMixture.of(new double[] {0.4, 0.35, 0.25}, new double[][] {{0, 0}, {6, 1}, {2, 6}},
                FullCovariances.of(new double[][][] {
                    {{2.0, 1.8}, {1.8, 2.0}},
                    {{1.0, -0.3}, {-0.3, 0.5}},
                    {{0.4, 0}, {0, 1.5}}}));
    }

    /** Three 4-D components. */
    static GaussianMixture fourD() {
        double[][] eye = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
        double[][] corr = {{2, 0.8, 0, 0}, {0.8, 1, 0.3, 0}, {0, 0.3, 1, 0}, {0, 0, 0, 0.5}};
        return GaussianMixture.of(new double[] {0.3, 0.3, 0.4}, new double[][] {{0, 0, 0, 0}, {5, 3, 0, 1}, {-2, 4, 4, -1}},
                FullCovariances.of(new double[][][] {eye, corr, eye}));
    }

    static MixtureFit<GaussianMixture> fit(GaussianMixture truth, int n, long seed) {
        DataMatrix data = truth.sample(n, seed, null).data();
        return GaussianMixtureEstimator.of(truth.components()).fit(data, seed);
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
        GaussianMixture[] truths = {oneD(), twoD(), fourD()};
        String[] names = {"gmm-d1.png", "gmm-d2.png", "gmm-d4.png"};
        for (int t = 0; t < truths.length; t++) {
            DataMatrix data = truths[t].sample(n, 7 + t, null).data();
            MixtureFit<GaussianMixture> fit = GaussianMixtureEstimator.of(truths[t].components()).fit(data, 11);
            GmmPlot.write(dir.resolve(names[t]), data, fit.model(), fit.trace());
        }
        demo(dir.resolve("demo.png"), n);
    }

    static void demo(Path png, int n) {
        GaussianMixture truth = GaussianMixture.of(new double[] {0.4, 0.6}, new double[][] {{-1}, {2}},
                FullCovariances.of(new double[][][] {{{0.8}}, {{1.2}}}));
        GaussianMixture.Sample s = truth.sample(n, 3, List.of("x"));
        DataMatrix labelled = s.data().withLabels(s.components());
        GaussianMixture mle = GaussianMixtureEstimator.of(2).fit(labelled, 1).model();
        MixtureFit<GaussianMixture> em = GaussianMixtureEstimator.of(2).fit(s.data(), 1);
        GaussianMixture bad = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{5}, {6}},
                FullCovariances.of(new double[][][] {{{0.05}}, {{0.05}}}));
        MixtureFit<GaussianMixture> badFit = GaussianMixtureEstimator.of(2)
                .withInit(new GmmInit.Given(bad)).withEm(EmOptions.DEFAULTS.withMaxIterations(8)).fit(s.data(), 5);
        double[] x = GmmPlot.column(s.data(), 0);
        DemoPlot.write(png, x, s.components(), mle, em.model(), badFit.model(), em.trace(), badFit.trace());
    }
}
