package org.mlem.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.MlemUserException;
import org.mlem.dist.Families;
import org.mlem.expr.Formula;
import org.mlem.nls.NlsEstimator;
import org.mlem.nls.NlsFit;

/** The pictures of dist, glm and nls fits: the PNG decoder reads 1400×600 and both panels carry ink. */
class OneShotPlotTest {
    @TempDir
    Path dir;

    private static void assertBothPanelsDrawn(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(PanelImage.WIDTH);
        assertThat(image.getHeight()).isEqualTo(PanelImage.HEIGHT);
        assertThat(Pixels.inkFraction(image, 0, PanelImage.LEFT_WIDTH)).isGreaterThan(0.02);
        assertThat(Pixels.inkFraction(image, PanelImage.LEFT_WIDTH, PanelImage.WIDTH)).isGreaterThan(0.02);
    }

    @Test
    void distributionDensityMassAndCategories() throws IOException {
        SplittableRandom rng = new SplittableRandom(3);
        double[] x = Families.gamma().of(3, 2).sample(500, rng);
        Path a = dir.resolve("gamma.png");
        DistPlot.write(a, x, null, "x", Families.gamma().fit(x), null);
        assertBothPanelsDrawn(a);
        double[] k = Families.poisson().of(4).sample(300, rng);
        Path b = dir.resolve("poisson.png");
        DistPlot.write(b, k, null, "k", Families.poisson().fit(k), null);
        assertBothPanelsDrawn(b);
        double[] c = {0, 1, 1, 2, 2, 2};
        Path d = dir.resolve("cat.png");
        DistPlot.write(d, c, null, "colour", Families.categorical().fit(c), List.of("blue", "green", "red"));
        assertBothPanelsDrawn(d);
    }

    @Test
    void glmResidualsAndQq() throws IOException {
        SplittableRandom rng = new SplittableRandom(5);
        double[] fitted = new double[200];
        double[] residuals = new double[200];
        for (int i = 0; i < 200; i++) {
            fitted[i] = rng.nextDouble(1, 10);
            residuals[i] = rng.nextDouble(-2, 2);
        }
        Path png = dir.resolve("glm.png");
        GlmPlot.write(png, fitted, residuals, "poisson", "log", "y ~ x");
        assertBothPanelsDrawn(png);
    }

    @Test
    void nlsWithOneAndWithTwoPredictors() throws IOException {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        double[] z = {0, 1, 0, 1, 0, 1, 0, 1};
        double[] y = {2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1};
        Map<String, double[]> cols = new HashMap<>(Map.of("x", x, "y", y));
        Formula one = Formula.parse("y ~ a*x^b");
        NlsFit f1 = NlsEstimator.of("y ~ a*x^b", Map.of("a", 1.0, "b", 1.0)).fit(cols, null);
        Path p1 = dir.resolve("nls1.png");
        NlsPlot.write(p1, one, f1, cols);
        assertBothPanelsDrawn(p1);
        cols.put("z", z);
        Formula two = Formula.parse("y ~ a*x + c*z");
        NlsFit f2 = NlsEstimator.of("y ~ a*x + c*z", Map.of("a", 1.0, "c", 0.0)).fit(cols, null);
        Path p2 = dir.resolve("nls2.png");
        NlsPlot.write(p2, two, f2, cols);
        assertBothPanelsDrawn(p2);
    }

    @Test
    void aMissingDirectoryIsAUserError() {
        Path png = dir.resolve("nowhere").resolve("x.png");
        assertThatThrownBy(() -> GlmPlot.write(png, new double[] {1}, new double[] {0}, "gaussian", "identity", "y ~ 1"))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("does not exist");
    }
}
