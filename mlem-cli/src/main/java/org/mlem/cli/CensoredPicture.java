package org.mlem.cli;

import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import org.mlem.cli.plot.SurvivalPlot;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.Truncation;

/**
 * What {@code fit dist} and {@code fit mixture} draw with {@code --status}, {@code --interval} or
 * truncation: the data's survival curve ({@link SurvivalSteps}: Kaplan–Meier, or Turnbull's estimate
 * when a row is left- or interval-censored) with the fitted survival function on the same axes, as
 * fitdistrplus's {@code plotdistcens} sets the fitted cdf against Turnbull's. Under truncation the
 * rows' censoring intervals are first clipped to the truncation range (as the likelihood clips
 * them), so the data's curve estimates the truncated distribution, and the fitted curve is the
 * truncated one, {@link Truncation#survival}.
 *
 * @param stepX the data curve's jump points, increasing
 * @param stepY S from each jump on (1 before the first)
 * @param fittedX the fitted curve's grid, from 0 (a family of positive values) or below the smallest
 *     finite bound, to above the largest
 * @param fittedY the fitted survival at the grid
 * @param nonparametric the data curve's name
 */
record CensoredPicture(double[] stepX, double[] stepY, double[] fittedX, double[] fittedY, String nonparametric) {
    private static final int GRID = 400;

    /**
     * The curves of {@code rows} (before clipping) and the fitted {@code survival} (already truncated
     * by {@code t}); {@code fromZero} starts the axis at 0.
     */
    static CensoredPicture of(CensoredSample rows, Truncation t, boolean fromZero, DoubleUnaryOperator survival) {
        CensoredSample y = t.clip(rows);
        SurvivalSteps steps = SurvivalSteps.of(y);
        double[] range = SurvivalSteps.axis(y, fromZero);
        double[] gx = new double[GRID + 1];
        double[] gy = new double[GRID + 1];
        for (int g = 0; g <= GRID; g++) {
            gx[g] = range[0] + (range[1] - range[0]) * g / GRID;
            gy[g] = survival.applyAsDouble(gx[g]);
        }
        return new CensoredPicture(steps.x(), steps.survival(), gx, gy, steps.name());
    }

    /** Draws it on one panel. */
    void write(Path png, String title, String subtitle, String xLabel, String fittedName) {
        SurvivalPlot.write(png, title, subtitle, xLabel, "S(t) = P(T > t)", nonparametric, fittedX[0], 1, stepX, stepY,
                fittedX[fittedX.length - 1], fittedName, fittedX, fittedY);
    }
}
