package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import javax.imageio.ImageIO;
import org.hipparchus.distribution.multivariate.MultivariateNormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.data.DataMatrix;
import org.mlem.em.MixtureFit;
import org.mlem.io.ModelJson;
import org.mlem.io.TMixtureJson;
import org.mlem.missing.MvnFit;
import org.mlem.missing.MvnMissingEstimator;
import org.mlem.testkit.Fixtures;
import org.mlem.tmix.TMixture;
import org.mlem.tmix.TMixtureEstimator;
import org.mlem.tmix.TMixtureParameter;

/**
 * {@code fit tmix --plot/--fixed}, {@code fit mvn --plot}, {@code sample} of a t mixture and
 * {@code score} of a multivariate normal, through {@link Main#run} with temporary files. Oracles:
 * the PNG decoder (size, ink in both panels); the library's fit, sample and E-step on the same data
 * (read by the test kit's own CSV reader), which the CLI only reads and writes; and Hipparchus'
 * multivariate normal density for the per-row scores.
 */
class TmixMvnGapsEndToEndTest {
    @TempDir
    Path dir;

    private String fixture(String name) throws IOException {
        return FitMvnTmixEndToEndTest.copyFixture(dir, name);
    }


    private static void close(double got, double want) {
        FitMvnTmixEndToEndTest.close(got, want);
    }

    /** The PNG decodes to 1400×600 with ink in the model panel (left 780 px) and the trace panel. */
    private static void assertPicture(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(image.getHeight()).isEqualTo(600);
        assertThat(ink(image, 0, 780)).isGreaterThan(0.02);
        assertThat(ink(image, 780, 1400)).isGreaterThan(0.01);
    }

    private static double ink(BufferedImage image, int from, int to) {
        long n = 0;
        for (int x = from; x < to; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                n += (image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF ? 1 : 0;
            }
        }
        return n / (double) ((to - from) * image.getHeight());
    }

    @Test
    void tmixPlotDrawsTheFitWithoutChangingIt() throws IOException {
        String csv = fixture("faithful_outliers.csv");
        Path png = dir.resolve("t.png");
        JsonNode j = json(Cli.run("fit", "tmix", "--k", "2", "--plot", png.toString(), "--json", csv));
        assertPicture(png);
        MixtureFit<TMixture> lib = TMixtureEstimator.of(2).fit(Fixtures.csv("data/faithful_outliers.csv"), 0);
        close(j.get("logLikelihood").asDouble(), lib.logLikelihood());
        Path one = dir.resolve("t1.png");
        Cli.Run r = Cli.run("fit", "tmix", "--k", "2", "--columns", "waiting", "--plot", one.toString(), csv);
        assertThat(r.status()).as(r.err()).isZero();
        assertPicture(one);
    }

    @Test
    void mvnPlotDrawsTwoChosenColumnsOrOne() throws IOException {
        String csv = fixture("airquality.csv");
        Path png = dir.resolve("m.png");
        JsonNode j = json(Cli.run("fit", "mvn", "--plot", png.toString(), "--json", csv));
        assertPicture(png);
        MvnFit lib = MvnMissingEstimator.defaults().fit(Fixtures.csv("data/airquality.csv"));
        close(j.get("logLikelihood").asDouble(), lib.logLikelihood());
        Path chosen = dir.resolve("m2.png");
        assertThat(Cli.run("fit", "mvn", "--plot", chosen.toString(), "--plot-columns", "Wind,Ozone", csv).status()).isZero();
        assertPicture(chosen);
        Path one = dir.resolve("m1.png");
        assertThat(Cli.run("fit", "mvn", "--plot", one.toString(), "--plot-columns", "Temp", csv).status()).isZero();
        assertPicture(one);
        Cli.Run bad = Cli.run("fit", "mvn", "--plot", dir.resolve("x.png").toString(), "--plot-columns", "Wind,Day", csv);
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("'Day' is not a modelled column").contains("Ozone, Solar.R, Wind, Temp");
        assertThat(Files.exists(dir.resolve("x.png"))).isFalse();
    }

    @Test
    void tmixFixedGroupsKeepTheInitValuesAndEqualTheLibrary() throws IOException {
        String csv = fixture("faithful_outliers.csv");
        Path start = dir.resolve("start.json");
        assertThat(Cli.run("fit", "tmix", "--k", "2", "--max-iter", "2", "--out", start.toString(), csv).status()).isZero();
        JsonNode init = ModelJson.mapper().readTree(start.toFile());
        JsonNode j = json(Cli.run("fit", "tmix", "--init", start.toString(), "--fixed", "means,df", "--json", csv));
        // held: the numbers are the start's, bit for bit (JSON prints doubles in shortest round-trip form)
        assertThat(j.get("means")).isEqualTo(init.get("means"));
        assertThat(j.get("df")).isEqualTo(init.get("df"));
        assertThat(j.get("weights")).isNotEqualTo(init.get("weights"));
        assertThat(j.get("fixed").toString()).isEqualTo("[\"means\",\"df\"]");
        assertThat(j.get("nParameters").asInt()).isEqualTo(13 - 4 - 2);
        MixtureFit<TMixture> lib = TMixtureEstimator.of(2).withFixed(EnumSet.of(TMixtureParameter.MEANS, TMixtureParameter.DF))
                .fit(Fixtures.csv("data/faithful_outliers.csv"), TMixtureJson.read(start).mixture());
        close(j.get("logLikelihood").asDouble(), lib.logLikelihood());
        close(j.get("scales").get(1).get(0).get(1).asDouble(), lib.model().scale(1)[0][1]);

        Cli.Run noInit = Cli.run("fit", "tmix", "--k", "2", "--fixed", "weights", csv);
        assertThat(noInit.status()).isEqualTo(2);
        assertThat(noInit.err()).contains("--fixed weights needs the values to hold").contains("--init FILE.json");
        Cli.Run bogus = Cli.run("fit", "tmix", "--init", start.toString(), "--fixed", "nu", csv);
        assertThat(bogus.status()).isEqualTo(2);
        assertThat(bogus.err()).contains("--fixed 'nu' is not a parameter group").contains("weights, means, scales or df");
    }

    @Test
    void sampleOfATMixtureIsTheLibrarysDraw() throws IOException {
        String csv = fixture("faithful_outliers.csv");
        Path model = dir.resolve("t.json");
        assertThat(Cli.run("fit", "tmix", "--k", "2", "--out", model.toString(), csv).status()).isZero();
        Cli.Run r = Cli.run("sample", model.toString(), "--n", "200", "--seed", "7", "--component");
        assertThat(r.status()).as(r.err()).isZero();
        TMixture.Sample want = TMixtureJson.read(model).mixture().sample(200, 7, List.of("eruptions", "waiting"));
        String[] lines = r.out().split("\\R");
        assertThat(lines[0]).isEqualTo("eruptions,waiting,component");
        assertThat(lines).hasSize(201);
        int[] comps = want.components();
        for (int i = 0; i < 200; i++) {
            String[] f = lines[i + 1].split(",");
            assertThat(Double.parseDouble(f[0])).isEqualTo(want.data().get(i, 0));
            assertThat(Double.parseDouble(f[1])).isEqualTo(want.data().get(i, 1));
            assertThat(Integer.parseInt(f[2])).isEqualTo(comps[i]);
        }
        Cli.Run lengths = Cli.run("sample", model.toString(), "--lengths", "3,4");
        assertThat(lengths.status()).isEqualTo(2);
        assertThat(lengths.err()).contains("--lengths is for hidden Markov models");
    }

    /**
     * Per-row scores: rows with missing cells score their observed cells' marginal density
     * (Hipparchus' MultivariateNormalDistribution on the observed sub-vector, 1e-10 relative); the
     * total is the fit's observed-data log-likelihood (1e-10 relative).
     */
    @Test
    void scoreOfAnMvnIsEachRowsObservedDataLogLikelihood() throws IOException {
        String csv = fixture("airquality.csv");
        Path model = dir.resolve("m.json");
        JsonNode fit = json(Cli.run("fit", "mvn", "--out", model.toString(), "--json", csv));
        Cli.Run r = Cli.run("score", model.toString(), csv);
        assertThat(r.status()).as(r.err()).isZero();
        String[] lines = r.out().split("\\R");
        assertThat(lines[0]).isEqualTo("logLikelihood");
        assertThat(lines).hasSize(154);
        DataMatrix x = Fixtures.csv("data/airquality.csv");
        double[] mean = ModelJson.mapper().convertValue(fit.get("mean"), double[].class);
        double[][] cov = ModelJson.mapper().convertValue(fit.get("covariance"), double[][].class);
        double total = 0;
        int partial = 0;
        for (int i = 0; i < 153; i++) {
            double got = Double.parseDouble(lines[i + 1]);
            total += got;
            int row = i;
            int[] seen = java.util.stream.IntStream.range(0, 4).filter(a -> !Double.isNaN(x.get(row, a))).toArray();
            partial += seen.length < 4 ? 1 : 0;
            double[] mu = new double[seen.length];
            double[][] s = new double[seen.length][seen.length];
            double[] v = new double[seen.length];
            for (int p = 0; p < seen.length; p++) {
                mu[p] = mean[seen[p]];
                v[p] = x.get(i, seen[p]);
                for (int q = 0; q < seen.length; q++) {
                    s[p][q] = cov[seen[p]][seen[q]];
                }
            }
            double want = Math.log(new MultivariateNormalDistribution(mu, s).density(v));
            assertThat(got).as("row %d", i + 1).isCloseTo(want, within(1e-10 * Math.abs(want)));
        }
        assertThat(partial).isEqualTo(42);
        double ll = fit.get("logLikelihood").asDouble();
        assertThat(total).isCloseTo(ll, within(1e-10 * Math.abs(ll)));
        assertThat(r.err()).contains("total log-likelihood").contains("over 153 rows");
        Cli.Run totalOnly = Cli.run("score", "--total", model.toString(), csv);
        assertThat(Double.parseDouble(totalOnly.out().strip())).isCloseTo(ll, within(1e-10 * Math.abs(ll)));
    }
}
