package org.mlem.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The one look every mlem plot shares: white background, light grid, sans-serif fonts sized for
 * a 1400×600 image, and a colour per mixture component (Okabe and Ito's colour-blind-safe
 * palette first, then evenly spread hues).
 */
final class PlotStyle {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    static final Color FRAME = new Color(0x88, 0x88, 0x88);

    static final Stroke THIN = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke SOLID = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke THICK = new BasicStroke(3.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke DASHED = new BasicStroke(2.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {9f, 6f}, 0f);
    static final Stroke DOTTED = new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
            new float[] {0.5f, 6f}, 0f);
    static final Stroke THIN_DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {6f, 4f}, 0f);

    /** Okabe–Ito without its yellow (too pale on white), then three more distinct colours. */
    private static final Color[] PALETTE = {
        new Color(0x00, 0x72, 0xB2), // blue
        new Color(0xD5, 0x5E, 0x00), // vermillion
        new Color(0x00, 0x9E, 0x73), // bluish green
        new Color(0xCC, 0x79, 0xA7), // reddish purple
        new Color(0xE6, 0x9F, 0x00), // orange
        new Color(0x56, 0xB4, 0xE9), // sky blue
        new Color(0x8C, 0x56, 0x4B), // brown
        new Color(0x7F, 0x7F, 0x7F), // grey
        new Color(0xBC, 0xBD, 0x22), // olive
    };

    private PlotStyle() {}

    /** The colour of component {@code j} (0-based); beyond the palette, hues a golden angle apart. */
    static Color component(int j) {
        if (j < PALETTE.length) {
            return PALETTE[j];
        }
        float hue = (float) ((j - PALETTE.length) * 0.381966 % 1.0);
        return Color.getHSBColor(hue, 0.75f, 0.75f);
    }

    /** {@code c} with opacity {@code alpha} in [0, 1]. */
    static Color withAlpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * alpha));
    }

    /** A numeric axis in the house fonts that does not force zero into its range. */
    static NumberAxis axis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setLabelFont(LABEL);
        axis.setTickLabelFont(TICK);
        axis.setAutoRangeIncludesZero(false);
        axis.setAxisLinePaint(FRAME);
        axis.setTickMarkPaint(FRAME);
        return axis;
    }

    /** An empty XY plot on white with a light grid; datasets and renderers are added by the caller. */
    static XYPlot plot(NumberAxis x, NumberAxis y) {
        XYPlot plot = new XYPlot(null, x, y, null);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlinePaint(FRAME);
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
        plot.setNoDataMessageFont(LABEL);
        return plot;
    }

    /** A chart around {@code plot} with a title, an optional subtitle and a legend below. */
    static JFreeChart chart(String title, String subtitle, XYPlot plot) {
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(8, 8, 8, 12));
        if (subtitle != null) {
            TextTitle sub = new TextTitle(subtitle, SUBTITLE);
            sub.setPaint(Color.DARK_GRAY);
            chart.addSubtitle(sub);
        }
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(LEGEND);
        legend.setFrame(BlockBorder.NONE);
        legend.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** A legend entry drawn as a line in {@code stroke}. */
    static LegendItem lineItem(String label, Color color, Stroke stroke) {
        Shape line = new Line2D.Double(-12, 0, 12, 0);
        LegendItem item = new LegendItem(label, null, null, null, line, stroke, color);
        item.setLabelFont(LEGEND);
        return item;
    }

    /** A legend entry drawn as a filled marker. */
    static LegendItem markerItem(String label, Shape shape, Color color) {
        LegendItem item = new LegendItem(label, null, null, null, shape, color);
        item.setLabelFont(LEGEND);
        return item;
    }

    /** A filled circle of the given diameter centred on the origin. */
    static Shape dot(double diameter) {
        return new Ellipse2D.Double(-diameter / 2, -diameter / 2, diameter, diameter);
    }
}
