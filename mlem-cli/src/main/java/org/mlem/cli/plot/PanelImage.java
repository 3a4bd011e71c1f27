package org.mlem.cli.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.mlem.MlemUserException;
import org.mlem.io.AtomicFile;

/**
 * Two charts side by side in one PNG of {@link #WIDTH}×{@link #HEIGHT} pixels: the model on the
 * left (wider), the log-likelihood trace on the right. Rendering is headless: no window opens and
 * no display is needed.
 */
final class PanelImage {
    static final int WIDTH = 1400;
    static final int HEIGHT = 600;
    static final int LEFT_WIDTH = 780;

    private PanelImage() {}

    /** Asks AWT for headless mode; effective when called before the first AWT class loads. */
    static void useHeadless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** The two charts drawn into one image. */
    static BufferedImage render(JFreeChart left, JFreeChart right) {
        useHeadless();
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            left.draw(g, new Rectangle2D.Double(0, 0, LEFT_WIDTH, HEIGHT));
            right.draw(g, new Rectangle2D.Double(LEFT_WIDTH, 0, WIDTH - LEFT_WIDTH, HEIGHT));
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Writes the two charts to {@code png}, replacing any file there once the picture is complete.
     *
     * @throws MlemUserException when the directory does not exist, the path is a directory, or the
     *     file cannot be written
     */
    static void write(Path png, JFreeChart left, JFreeChart right) {
        requireWritable(png);
        writePng(png, render(left, right));
    }

    /** Writes {@code image} as a PNG file, all or nothing ({@link AtomicFile}). */
    static void writePng(Path png, BufferedImage image) {
        AtomicFile.write(png, "the plot", out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        });
    }

    /** Checks the place before any drawing, so a mistyped path fails fast with a clear message. */
    static Path requireWritable(Path png) {
        if (png == null) {
            throw new MlemUserException("no path given for the plot; name a .png file");
        }
        Path absolute = png.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new MlemUserException("cannot write the plot to " + png + ": the directory " + dir
                    + " does not exist; create it or choose another path");
        }
        if (Files.isDirectory(absolute)) {
            throw new MlemUserException("cannot write the plot to " + png + ": it is a directory; name a .png file");
        }
        return absolute;
    }
}
