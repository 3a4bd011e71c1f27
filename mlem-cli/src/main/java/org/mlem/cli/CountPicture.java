package org.mlem.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.mlem.cli.plot.CountPlot;
import org.mlem.count.CountFit;
import org.mlem.count.CountFormula;
import org.mlem.count.CountModel;
import org.mlem.count.CountModelKind;

/**
 * What {@code fit zeroinfl|hurdle --plot} (and {@code mlem report} of such a file with its data)
 * draws: each count's observed frequency against the fit's expected frequency
 * ({@link CountModel#expectedFrequencies}), 0 to the largest count fitted.
 *
 * @param observed the rows holding each count 0..max
 * @param expected Σ_i P(Y_i = k) for k &lt; max, Σ_i P(Y_i ≥ max) at max
 */
record CountPicture(double[] observed, double[] expected) {

    /** The frequencies of the rows of {@code d} under {@code fit}. */
    static CountPicture of(CountFit fit, CountFormula.Designs d) {
        return of(new CountModel(fit.kind(), fit.distribution(), fit.countCoefficients(), fit.zeroCoefficients(),
                fit.theta()), d);
    }

    /** The frequencies of the rows of {@code d} under {@code model}. */
    static CountPicture of(CountModel model, CountFormula.Designs d) {
        return of(model.frequencies(d.y(), d.x(), d.z()));
    }

    /** From {observed, expected}. */
    static CountPicture of(double[][] frequencies) {
        return new CountPicture(frequencies[0], frequencies[1]);
    }

    /** Draws it, titled by the model's kind and distribution, the formula, n and the log-likelihood. */
    void write(Path png, CountModelKind kind, String dist, String formula, double logLikelihood, String response) {
        String what = kind == CountModelKind.ZEROINFL ? "Zero-inflated" : "Hurdle";
        int n = (int) java.util.Arrays.stream(observed).sum();
        String subtitle = String.format(Locale.ROOT, "%s  (%s, n = %d, log L = %.6g)", formula, dist, n, logLikelihood);
        CountPlot.write(png, observed, expected, what + " count regression: observed and expected counts", subtitle,
                response);
    }
}
