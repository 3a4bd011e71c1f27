package org.mlem.cli.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Pixel reading for the plot tests. */
final class Pixels {
    private Pixels() {}

    /** Fraction of pixels in columns [from, to) that are not white. */
    static double inkFraction(BufferedImage image, int from, int to) {
        long ink = 0;
        for (int x = from; x < to; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    ink++;
                }
            }
        }
        return ink / (double) ((to - from) * (long) image.getHeight());
    }

    /** HSB hue in [0, 1) of a colour. */
    static float hue(Color c) {
        return Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null)[0];
    }

    /**
     * The median hue of the saturated pixels (saturation above 0.25) in the ring of radii
     * [inner, outer] around (cx, cy), or NaN when there are none. Blending a colour with white
     * (transparency, anti-aliasing) or scaling it darker keeps its hue, so the median hue names
     * the colour drawn there.
     */
    static double medianHue(BufferedImage image, double cx, double cy, int inner, int outer) {
        List<Float> hues = new ArrayList<>();
        for (int dx = -outer; dx <= outer; dx++) {
            for (int dy = -outer; dy <= outer; dy++) {
                double r = Math.hypot(dx, dy);
                int x = (int) Math.round(cx) + dx;
                int y = (int) Math.round(cy) + dy;
                if (r < inner || r > outer || x < 0 || y < 0 || x >= image.getWidth() || y >= image.getHeight()) {
                    continue;
                }
                Color c = new Color(image.getRGB(x, y));
                float[] hsb = Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
                if (hsb[1] > 0.25f) {
                    hues.add(hsb[0]);
                }
            }
        }
        if (hues.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(hues);
        return hues.get(hues.size() / 2);
    }

    /** Distance between two hues on the colour circle. */
    static double hueDistance(double a, double b) {
        double d = Math.abs(a - b) % 1.0;
        return Math.min(d, 1 - d);
    }
}
