package org.mlem.cli;

import java.nio.file.Path;
import org.mlem.cli.plot.DemoPlot;
import org.mlem.cli.plot.GmmPlot;
import org.mlem.cli.plot.MixturePlot;
import org.mlem.cli.plot.RegmixPlot;
import org.mlem.formula.Frame;
import org.mlem.io.RegmixJson;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.GaussianMixture;
import org.mlem.mixture.ProductMixture;

/** The commands' way to the plotting package (headless PNGs drawn with JFreeChart). */
final class Plots {
    private Plots() {}

    static void gmm(Path png, DataMatrix data, GaussianMixture model, double[] trace) {
        GmmPlot.write(png, data, model, trace);
    }

    static void hmm(Path png, org.mlem.hmm.SequenceData data, org.mlem.hmm.HiddenMarkovModel model, double[] trace) {
        org.mlem.cli.plot.HmmPlot.write(png, data, model, trace);
    }

    static void demo(Path png, double[] data, int[] trueLabels, GaussianMixture mle, GaussianMixture em,
            GaussianMixture badStart, double[] emTrace, double[] badTrace) {
        DemoPlot.write(png, data, trueLabels, mle, em, badStart, emTrace, badTrace);
    }

    static void mixture(Path png, DataMatrix data, ProductMixture model, double[] trace) {
        MixturePlot.write(png, data, model, trace);
    }

    static void regmix(Path png, RegmixJson model, Frame frame, boolean dropMissing, double[] trace) {
        RegmixPlot.write(png, RegmixPicture.of(model, frame, dropMissing), trace);
    }
}
