package org.mlem.cli.report;

import java.util.List;
import java.util.Locale;

/**
 * A small line chart as inline SVG (no script, no external resource): one polyline and its points
 * per series, axes with the end values. Used for the report's convergence trace and for the
 * criterion against k of a selection; non-finite values are left out.
 */
final class SvgChart {
    static final int WIDTH = 640;
    static final int HEIGHT = 300;
    private static final int LEFT = 90;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 45;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    /** One line: {@code y[i]} at {@code x[i]}. */
    record Series(String name, double[] x, double[] y) {}

    private SvgChart() {}

    /** The chart as an {@code <svg>} element; {@code label} is its accessible name. */
    static String of(String label, String xLabel, String yLabel, List<Series> series) {
        double[] xr = range(series, true);
        double[] yr = range(series, false);
        // a flat trace would otherwise be stretched over its last bits of rounding
        double least = Math.max(1e-6, 1e-5 * Math.max(Math.abs(yr[0]), Math.abs(yr[1])));
        if (yr[1] - yr[0] < least) {
            double mid = 0.5 * (yr[0] + yr[1]);
            yr = new double[] {mid - least / 2, mid + least / 2};
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg class=\"chart\" role=\"img\" aria-label=\"%s\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">%n", Html.escape(label), WIDTH, HEIGHT, WIDTH, HEIGHT));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fff\" stroke=\"#999\"/>%n",
                LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        axisText(sb, xr, yr, xLabel, yLabel);
        for (int s = 0; s < series.size(); s++) {
            line(sb, series.get(s), xr, yr, COLOURS[s % COLOURS.length]);
        }
        if (series.size() > 1) {
            for (int s = 0; s < series.size(); s++) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\" font-size=\"12\" "
                        + "text-anchor=\"end\">%s</text>%n", WIDTH - RIGHT - 8, TOP + 16 + 14 * s, COLOURS[s % COLOURS.length], Html.escape(series.get(s).name())));
            }
        }
        return sb.append("</svg>\n").toString();
    }

    private static void axisText(StringBuilder sb, double[] xr, double[] yr, String xLabel, String yLabel) {
        int bottom = HEIGHT - BOTTOM;
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"start\">%s</text>%n",
                LEFT, bottom + 15, Html.number(xr[0])));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
                WIDTH - RIGHT, bottom + 15, Html.number(xr[1])));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, bottom + 35, Html.escape(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
                LEFT - 4, bottom, Html.number(yr[0])));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
                LEFT - 4, TOP + 10, Html.number(yr[1])));
        sb.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 14 %d)\">%s</text>%n", (TOP + bottom) / 2, (TOP + bottom) / 2, Html.escape(yLabel)));
    }

    private static void line(StringBuilder sb, Series s, double[] xr, double[] yr, String colour) {
        StringBuilder points = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < s.y().length; i++) {
            if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
                continue;
            }
            double px = LEFT + scale(s.x()[i], xr) * (WIDTH - LEFT - RIGHT);
            double py = HEIGHT - BOTTOM - scale(s.y()[i], yr) * (HEIGHT - TOP - BOTTOM);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            if (s.y().length <= 60) {
                dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", px, py, colour));
            }
        }
        sb.append(String.format(Locale.ROOT, "<polyline class=\"series\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                + "points=\"%s\"><title>%s</title></polyline>%n", colour, points.toString().strip(), Html.escape(s.name())));
        sb.append(dots).append('\n');
    }

    /** The position of {@code v} in {@code r}, 0..1 (the middle when the range is a point). */
    private static double scale(double v, double[] r) {
        return r[1] > r[0] ? (v - r[0]) / (r[1] - r[0]) : 0.5;
    }

    private static double[] range(List<Series> series, boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.y().length; i++) {
                double v = x ? s.x()[i] : s.y()[i];
                if (Double.isFinite(v) && Double.isFinite(x ? s.y()[i] : s.x()[i])) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
    }
}
