package org.mlem.cli.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.mlem.expr.Formula;
import org.mlem.nls.NlsFit;

/**
 * The picture of a nonlinear regression ({@code mlem fit nls --plot FILE.png}), 1400×600. With one
 * predictor column: the data and the fitted curve over the predictor's range (left), residuals
 * against fitted values (right). With several: residuals against fitted values (left) and their
 * normal Q-Q plot (right).
 */
public final class NlsPlot {
    private static final int GRID = 400;

    private NlsPlot() {}

    /** Draws {@code fit} of {@code formula} over {@code columns} (the data columns it read, by name, over the rows used). */
    public static void write(Path png, Formula formula, NlsFit fit, Map<String, double[]> columns) {
        Map<String, Double> estimates = new LinkedHashMap<>();
        for (String p : fit.parameterNames()) {
            estimates.put(p, fit.estimate(p));
        }
        write(png, formula, estimates, fit.fitted(), fit.residuals(), columns);
    }

    /**
     * Draws a fit given by its estimates and its values at the rows used (a model file's, for
     * {@code mlem report}).
     *
     * @param formula the fitted formula
     * @param estimates the parameters' estimates, in the fit's order
     * @param fittedValues the right-hand side at each row used
     * @param rawResiduals the left-hand side less the right at each row (unweighted)
     * @param columns the data columns the formula reads, by name, over the rows used
     */
    public static void write(Path png, Formula formula, Map<String, Double> estimates, double[] fittedValues,
            double[] rawResiduals, Map<String, double[]> columns) {
        PanelImage.useHeadless();
        PanelImage.requireWritable(png);
        List<String> predictors = new ArrayList<>();
        for (String v : formula.rhs().variables()) {
            if (columns.containsKey(v)) {
                predictors.add(v);
            }
        }
        double[] fitted = gaps(fittedValues);
        double[] residuals = gaps(rawResiduals);
        JFreeChart residualChart = residualsVsFitted(fitted, residuals, formula);
        if (predictors.size() == 1) {
            PanelImage.write(png, curve(formula, estimates, columns, predictors.get(0)), residualChart);
        } else {
            PanelImage.write(png, residualChart, NormalQq.chart(java.util.Arrays.stream(residuals).filter(Double::isFinite).toArray(), "residual"));
        }
    }

    /** A copy with every non-finite value NaN, which the charts leave out (a pole of the curve, an overflow). */
    private static double[] gaps(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    private static JFreeChart residualsVsFitted(double[] fitted, double[] residuals, Formula formula) {
        double[] span = XyPanel.range(fitted);
        return XyPanel.of("Residuals vs fitted", formula + "  (n = " + fitted.length + ")", "fitted value", "residual", null,
                List.of(XyPanel.Series.line("zero", span, new double[] {0, 0}, Color.GRAY, PlotStyle.THIN_DASHED),
                        XyPanel.Series.points("rows", fitted, residuals)));
    }

    private static JFreeChart curve(Formula formula, Map<String, Double> estimates, Map<String, double[]> columns,
            String x) {
        double[] xs = columns.get(x);
        double[] y = formula.lhs().evaluateColumns(columns);
        double[] r = XyPanel.range(xs);
        double[] g = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            g[i] = r[0] + (r[1] - r[0]) * i / (GRID - 1);
        }
        Map<String, double[]> at = new HashMap<>();
        at.put(x, g);
        StringBuilder params = new StringBuilder();
        for (Map.Entry<String, Double> p : estimates.entrySet()) {
            at.put(p.getKey(), new double[] {p.getValue()});
            params.append(params.length() == 0 ? "" : ", ").append(p.getKey()).append(" = ")
                    .append(String.format(java.util.Locale.ROOT, "%.4g", p.getValue()));
        }
        double[] curve = gaps(formula.rhs().evaluateColumns(at));
        if (curve.length != g.length) {
            double c = curve[0];
            curve = new double[g.length];
            java.util.Arrays.fill(curve, c);
        }
        return XyPanel.of("Fitted curve", formula.toString(), x, formula.lhs().toString(), null,
                List.of(XyPanel.Series.points("data", xs, y),
                        XyPanel.Series.line("fit: " + params, g, curve, Color.BLACK, PlotStyle.THICK)));
    }
}
