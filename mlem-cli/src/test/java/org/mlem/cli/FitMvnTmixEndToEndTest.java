package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.data.DataMatrix;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.io.ModelJson;
import org.mlem.missing.MvnFit;
import org.mlem.missing.MvnMissingEstimator;
import org.mlem.testkit.Fixtures;
import org.mlem.tmix.TMixture;
import org.mlem.tmix.TMixtureEstimator;

/**
 * {@code fit mvn} on R's airquality (44 real NAs), {@code fit tmix} on Old Faithful with five
 * outliers, and {@code fit gmm --missing em}. Oracle: the library's fit on the same data (read by
 * the test kit's independent CSV reader); the CLI only reads and writes, so they agree to 1e-12
 * relative.
 */
class FitMvnTmixEndToEndTest {
    @TempDir
    Path dir;

    private String fixture(String name) throws IOException {
        return copyFixture(dir, name);
    }

    /** The test kit's data file {@code name} copied into {@code dir}; its path. */
    static String copyFixture(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/data/" + name)) {
            Files.copy(in, p);
        }
        return p.toString();
    }


    /** Agreement to 1e-12 relative (absolute below 1). */
    static void close(double got, double want) {
        assertThat(got).isCloseTo(want, within(1e-12 * Math.max(1, Math.abs(want))));
    }

    @Test
    void mvnEqualsTheCoreFitOnAirquality() throws IOException {
        String csv = fixture("airquality.csv");
        JsonNode j = json(Cli.run("fit", "mvn", "--json", csv));
        MvnFit lib = MvnMissingEstimator.defaults().fit(Fixtures.csv("data/airquality.csv"));
        assertThat(j.get("model").asText()).isEqualTo("mvn");
        assertThat(j.get("n").asInt()).isEqualTo(153);
        assertThat(j.get("missingCells").asLong()).isEqualTo(lib.missingCells()).isEqualTo(44);
        assertThat(j.get("nParameters").asInt()).isEqualTo(4 + 10);
        assertThat(j.get("iterations").asInt()).isEqualTo(lib.iterations());
        close(j.get("logLikelihood").asDouble(), lib.logLikelihood());
        close(j.get("aic").asDouble(), lib.aic());
        for (int a = 0; a < 4; a++) {
            close(j.get("mean").get(a).asDouble(), lib.parameters().mean()[a]);
            for (int b = 0; b < 4; b++) {
                close(j.get("covariance").get(a).get(b).asDouble(), lib.parameters().covariance()[a][b]);
            }
        }
        // SQUAREM reaches the same maximum (1e-8 relative: both stop at tolerance 1e-10 per row)
        JsonNode fast = json(Cli.run("fit", "mvn", "--acceleration", "squarem", "--json", csv));
        assertThat(fast.get("logLikelihood").asDouble()).isCloseTo(lib.logLikelihood(), within(1e-8 * Math.abs(lib.logLikelihood())));
        assertThat(fast.get("acceleration").asText()).isEqualTo("squarem");
    }

    @Test
    void imputeKeepsObservedCellsAndFillsTheConditionalMeans() throws IOException {
        String csv = fixture("airquality.csv");
        Path out = dir.resolve("filled.csv");
        Cli.Run r = Cli.run("fit", "mvn", "--impute", out.toString(), csv);
        assertThat(r.status()).as(r.err()).isZero();
        DataMatrix original = Fixtures.csv("data/airquality.csv");
        MvnFit lib = MvnMissingEstimator.defaults().fit(original);
        DataMatrix expected = MvnMissingEstimator.impute(lib.parameters(), original);
        String[] lines = Files.readString(out).split("\\R");
        assertThat(lines[0]).isEqualTo("Ozone,Solar.R,Wind,Temp");
        assertThat(lines).hasSize(154);
        int filled = 0;
        for (int i = 0; i < 153; i++) {
            String[] f = lines[i + 1].split(",");
            for (int a = 0; a < 4; a++) {
                double v = Double.parseDouble(f[a]);
                if (Double.isNaN(original.get(i, a))) {
                    filled++;
                    close(v, expected.get(i, a));
                } else {
                    assertThat(v).isEqualTo(original.get(i, a)); // observed cells exactly as read
                }
            }
        }
        assertThat(filled).isEqualTo(44);
    }

    @Test
    void tmixEqualsTheLibraryFitAndPredictScoreAndInitAcceptItsFile() throws IOException {
        String csv = fixture("faithful_outliers.csv");
        Path model = dir.resolve("t.json");
        JsonNode j = json(Cli.run("fit", "tmix", "--k", "2", "--out", model.toString(), "--json", csv));
        MixtureFit<TMixture> lib = TMixtureEstimator.of(2).fit(Fixtures.csv("data/faithful_outliers.csv"), 0);
        TMixture m = lib.model();
        assertThat(j.get("model").asText()).isEqualTo("tmix");
        assertThat(j.get("k").asInt()).isEqualTo(2);
        assertThat(j.get("nParameters").asInt()).isEqualTo(1 + 4 + 6 + 2);
        close(j.get("logLikelihood").asDouble(), lib.logLikelihood());
        for (int c = 0; c < 2; c++) {
            close(j.get("weights").get(c).asDouble(), m.weights()[c]);
            close(j.get("df").get(c).asDouble(), m.degreesOfFreedom()[c]);
            for (int a = 0; a < 2; a++) {
                close(j.get("means").get(c).get(a).asDouble(), m.mean(c)[a]);
                for (int b = 0; b < 2; b++) {
                    close(j.get("scales").get(c).get(a).get(b).asDouble(), m.scale(c)[a][b]);
                }
            }
        }
        Cli.Run score = Cli.run("score", "--total", model.toString(), csv);
        assertThat(Double.parseDouble(score.out().strip())).isCloseTo(lib.logLikelihood(), within(1e-9));
        String[] predict = Cli.run("predict", model.toString(), csv).out().split("\\R");
        assertThat(predict[0]).isEqualTo("label,p0,p1");
        assertThat(predict).hasSize(278);
        for (int i = 1; i < predict.length; i++) {
            String[] f = predict[i].split(",");
            double p0 = Double.parseDouble(f[1]);
            double p1 = Double.parseDouble(f[2]);
            assertThat(p0 + p1).isCloseTo(1, within(1e-12));
            assertThat(Integer.parseInt(f[0])).isEqualTo(p1 > p0 ? 1 : 0);
        }
        JsonNode again = json(Cli.run("fit", "tmix", "--init", model.toString(), "--json", csv));
        assertThat(again.get("trace").get(0).asDouble()).isCloseTo(lib.logLikelihood(), within(1e-9));
        JsonNode fixedDf = json(Cli.run("fit", "tmix", "--k", "2", "--df", "4", "--json", csv));
        assertThat(fixedDf.get("df").toString()).isEqualTo("[4.0,4.0]");
        assertThat(fixedDf.get("nParameters").asInt()).isEqualTo(11);
    }

    @Test
    void gmmMissingEmEqualsTheLibraryAndFixedMeansStay() throws IOException {
        String csv = fixture("airquality.csv");
        Path model = dir.resolve("g.json");
        JsonNode j = json(Cli.run("fit", "gmm", "--k", "2", "--missing", "em", "--out", model.toString(), "--json", csv));
        MixtureFit<GaussianMixture> lib = GaussianMixtureEstimator.of(2).withMissingEm(true)
                .fit(Fixtures.csv("data/airquality.csv"), 0);
        assertThat(j.get("n").asInt()).isEqualTo(153);
        assertThat(j.get("missing").asText()).isEqualTo("em");
        close(j.get("logLikelihood").asDouble(), lib.logLikelihood());
        close(j.get("means").get(1).get(0).asDouble(), lib.model().means()[1][0]);
        JsonNode held = json(Cli.run("fit", "gmm", "--init", model.toString(), "--missing", "em", "--fixed", "means",
                "--acceleration", "squarem", "--json", csv));
        // held fixed: the means are the start's, bit for bit
        assertThat(held.get("means")).isEqualTo(j.get("means"));
        assertThat(held.get("fixed").toString()).isEqualTo("[\"means\"]");
        assertThat(Set.of("none", "squarem")).contains(held.get("acceleration").asText());
    }
}
