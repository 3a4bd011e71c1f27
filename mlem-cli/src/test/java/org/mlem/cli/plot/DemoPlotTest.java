package org.mlem.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.MlemUserException;
import org.mlem.gmm.GaussianMixture;

class DemoPlotTest {
    @TempDir
    Path dir;

    /** Oracle: the PNG decoder; 1400×600 with ink in both panels. */
    @Test
    void writesTheDemonstrationPicture() throws IOException {
        Path png = dir.resolve("demo.png");
        PlotGallery.demo(png, 400);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(image.getHeight()).isEqualTo(600);
        assertThat(Pixels.inkFraction(image, 0, PanelImage.LEFT_WIDTH)).isGreaterThan(0.05);
        assertThat(Pixels.inkFraction(image, PanelImage.LEFT_WIDTH, PanelImage.WIDTH)).isGreaterThan(0.01);
    }

    @Test
    void aMissingDirectoryIsAUserError() {
        GaussianMixture m = PlotGallery.oneD();
        Path png = dir.resolve("absent").resolve("demo.png");
        assertThatThrownBy(() -> DemoPlot.write(png, new double[] {1, 2}, new int[] {0, 1}, m, m, m, null, null))
                .isInstanceOf(MlemUserException.class)
                .hasMessageContaining("absent")
                .hasMessageContaining("does not exist");
    }

    @Test
    void labelsMustMatchTheSample() {
        GaussianMixture m = PlotGallery.oneD();
        assertThatThrownBy(() -> DemoPlot.write(dir.resolve("d.png"), new double[] {1, 2}, new int[] {0}, m, m, m,
                null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoPlot.write(dir.resolve("d.png"), new double[] {1, 2}, new int[] {0, 2}, m, m, m,
                null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside 0..1");
    }
}
