package org.mlem.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mlem.MlemUserException;
import org.mlem.cli.plot.Legends;
import org.mlem.cli.plot.RegmixPlot;
import org.mlem.formula.BasisCoefs;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.formula.ModelFormula;
import org.mlem.formula.Term;
import org.mlem.formula.Variable;
import org.mlem.io.RegmixJson;
import org.mlem.model.LatentClasses;
import org.mlem.regmix.RegmixScores;
import org.mlem.regmix.RegressionMixture;

/**
 * What {@code fit regmix --plot} draws: the rows and each component's fitted mean over a grid of
 * the one predictor, evaluated through the model's own formula (so {@code I(x^2)} or
 * {@code log(x)} terms bend the curve as they should).
 */
final class RegmixPicture {
    static final int GRID_POINTS = 300;

    private RegmixPicture() {}

    /** The one predictor column of the formula; a user error when there are none or several. */
    static String predictor(String formula, List<String> columns) {
        ModelFormula f = ModelFormula.parse(formula, columns);
        Set<String> used = new LinkedHashSet<>();
        for (Term t : f.terms()) {
            for (Variable v : t.variables()) {
                used.addAll(v.columns());
            }
        }
        if (used.size() != 1) {
            throw new MlemUserException("--plot draws a regression on one predictor, but '" + formula + "' uses "
                    + (used.isEmpty() ? "none" : String.join(", ", used)) + "; leave out --plot");
        }
        return used.iterator().next();
    }

    static RegmixPlot.Picture of(RegmixJson model, Frame frame, boolean dropMissing) {
        RegressionMixture m = model.mixture();
        String x = predictor(model.formula(), frame.names());
        if (!frame.isNumeric(x)) {
            throw new MlemUserException("--plot needs a numeric predictor, but '" + x + "' is text; leave out --plot");
        }
        RegmixScores scoring = RegmixScores.of(m, model.formula(), model.trials(), frame, dropMissing, model.levels(),
                model.bases());
        Design d = scoring.design();
        int[] source = d.sourceRows();
        double[] all = frame.numeric(x);
        double[] xs = new double[source.length];
        double[] ys = d.response();
        double[] trials = model.trials() == null ? null : frame.numeric(model.trials());
        for (int i = 0; i < source.length; i++) {
            xs[i] = all[source[i]];
            if (trials != null) {
                ys[i] /= trials[source[i]];
            }
        }
        // a spline's fitted basis stops at its boundary knots (the fitted range): no padding then
        boolean splines = model.bases().values().stream().anyMatch(b -> b instanceof BasisCoefs.Knots);
        double[] grid = grid(xs, splines ? 0 : 0.03);
        double[][] curves = curves(model, frame, x, grid);
        List<String> legends = new ArrayList<>();
        for (int j = 0; j < m.components(); j++) {
            StringBuilder sb = new StringBuilder(Legends.componentWeight(j, m.weights()[j]));
            m.coefficientMap(j).forEach((term, b) -> sb.append(String.format(Locale.ROOT, ", %s %.4g", term, b)));
            if (m.hasSd()) {
                sb.append(String.format(Locale.ROOT, ", sd %.3g", m.sd(j)));
            }
            legends.add(sb.toString());
        }
        String response = model.formula().substring(0, model.formula().indexOf('~')).strip();
        String title = String.format(Locale.ROOT, "Mixture of %d %s regressions: %s", m.components(), m.family().name(),
                model.formula());
        return new RegmixPlot.Picture(title, x, trials == null ? response : response + " / " + model.trials(), xs, ys,
                LatentClasses.argmax(scoring.probabilities()), grid, curves, legends);
    }

    /** {@link #GRID_POINTS} evenly spaced over the range of x, each end widened by {@code widen} of it. */
    private static double[] grid(double[] xs, double widen) {
        double lo = Arrays.stream(xs).min().orElse(0);
        double hi = Arrays.stream(xs).max().orElse(1);
        double pad = widen * (hi - lo);
        double[] g = new double[GRID_POINTS];
        for (int i = 0; i < g.length; i++) {
            g[i] = Math.min(hi + pad, lo - pad + (hi - lo + 2 * pad) * i / (g.length - 1));
        }
        g[g.length - 1] = hi + pad;
        return g;
    }

    /** Each component's mean g⁻¹(x'β_j) at the grid, through the formula's design on a frame of grid rows. */
    private static double[][] curves(RegmixJson model, Frame frame, String x, double[] grid) {
        RegressionMixture m = model.mixture();
        Frame.Builder b = Frame.builder();
        b.numeric(x, grid);
        String response = ModelFormula.parse(model.formula(), frame.names()).response().columns().iterator().next();
        if (!response.equals(x)) {
            b.numeric(response, new double[grid.length]);
        }
        Design d = Design.build(model.formula(), b.build(), DesignSpec.DEFAULTS.withBases(model.bases())); // the fit's poly/ns, not the grid's
        double[][] curves = new double[m.components()][grid.length];
        for (int j = 0; j < m.components(); j++) {
            double[] beta = m.coefficients(j);
            for (int i = 0; i < grid.length; i++) {
                double eta = 0;
                for (int t = 0; t < beta.length; t++) {
                    eta += d.get(i, t) * beta[t];
                }
                curves[j][i] = m.link().inverse(eta);
            }
        }
        return curves;
    }
}
