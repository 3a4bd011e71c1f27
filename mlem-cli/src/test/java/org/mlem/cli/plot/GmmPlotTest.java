package org.mlem.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.GaussianMixture;

class GmmPlotTest {
    @TempDir
    Path dir;

    private static GaussianMixture truth(int d) {
        return switch (d) {
            case 1 -> PlotGallery.oneD();
            case 2 -> PlotGallery.twoD();
            default -> PlotGallery.fourD();
        };
    }

    /** Oracle: the PNG decoder; the image is 1400×600 and both panels carry ink (not all white). */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void writesAPngOfTheExpectedSizeWithBothPanelsDrawn(int d) throws IOException {
        MixtureFit<GaussianMixture> fit = PlotGallery.fit(truth(d), 600, 42);
        DataMatrix data = truth(d).sample(600, 42, null).data();
        Path png = dir.resolve("gmm-" + d + ".png");

        GmmPlot.write(png, data, fit.model(), fit.trace());

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(PanelImage.WIDTH).isEqualTo(1400);
        assertThat(image.getHeight()).isEqualTo(PanelImage.HEIGHT).isEqualTo(600);
        assertThat(Pixels.inkFraction(image, 0, PanelImage.LEFT_WIDTH)).isGreaterThan(0.02);
        assertThat(Pixels.inkFraction(image, PanelImage.LEFT_WIDTH, PanelImage.WIDTH)).isGreaterThan(0.01);
    }

    /** Oracle: a missing trace is allowed and still gives a full-size image. */
    @Test
    void drawsWithoutATrace() throws IOException {
        DataMatrix data = PlotGallery.twoD().sample(300, 1, null).data();
        Path png = dir.resolve("no-trace.png");
        GmmPlot.write(png, data, PlotGallery.twoD(), null);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(1400);
    }

    @Test
    void aPathInAMissingDirectoryIsAUserError() {
        DataMatrix data = PlotGallery.oneD().sample(50, 1, null).data();
        Path png = dir.resolve("no-such-dir").resolve("plot.png");
        assertThatThrownBy(() -> GmmPlot.write(png, data, PlotGallery.oneD(), new double[] {-1, 0}))
                .isInstanceOf(MlemUserException.class)
                .hasMessageContaining("cannot write the plot to " + png)
                .hasMessageContaining("no-such-dir")
                .hasMessageContaining("does not exist");
        assertThat(Files.exists(png)).isFalse();
    }

    @Test
    void aDirectoryAsThePathIsAUserError() {
        DataMatrix data = PlotGallery.oneD().sample(50, 1, null).data();
        assertThatThrownBy(() -> GmmPlot.write(dir, data, PlotGallery.oneD(), null))
                .isInstanceOf(MlemUserException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void dataOfAnotherDimensionIsAUserError() {
        DataMatrix data = PlotGallery.twoD().sample(50, 1, null).data();
        assertThatThrownBy(() -> GmmPlot.write(dir.resolve("x.png"), data, PlotGallery.oneD(), null))
                .isInstanceOf(MlemUserException.class)
                .hasMessageContaining("2 columns but the model has dimension 1");
    }

    @Test
    void missingValuesAreAUserError() {
        DataMatrix data = DataMatrix.of(new double[] {1, Double.NaN, 3}, 3, 1, null);
        assertThatThrownBy(() -> GmmPlot.write(dir.resolve("x.png"), data, PlotGallery.oneD(), null))
                .isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 2, column 'x1' is missing");
    }
}
