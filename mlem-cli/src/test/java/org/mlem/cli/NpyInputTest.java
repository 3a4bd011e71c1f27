package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.io.ModelJson;

/**
 * {@code mlem convert} and {@code .npy} input to {@code fit gmm}, {@code predict} and {@code score}.
 * Oracle: the same commands on the CSV file. The .npy holds the same doubles and a fit streams the
 * same blocks from the same start, so results must be equal exactly (tolerance 0).
 */
class NpyInputTest {
    @TempDir
    Path dir;

    private String csv;
    private String npy;

    @BeforeEach
    void convert() throws IOException {
        GaussianMixture truth = GaussianMixture.of(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {4, 1}},
                CovarianceStructure.DIAG.fromShape(new double[][] {{1, 1}, {0.5, 2}}, 2, 2));
        DataMatrix x = truth.sample(3000, 5, List.of("a", "b")).data();
        StringBuilder sb = new StringBuilder("name,a,b\n");
        for (int i = 0; i < x.rows(); i++) {
            sb.append('r').append(i).append(',').append(x.get(i, 0)).append(',').append(x.get(i, 1)).append('\n');
        }
        csv = dir.resolve("d.csv").toString();
        Files.writeString(Path.of(csv), sb);
        npy = dir.resolve("d.npy").toString();
        Cli.Run r = Cli.run("convert", "--columns", "a,b", csv, npy);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith(npy + ": 3000 rows x 2 columns (a, b)");
    }

    @Test
    void fitScoreAndPredictFromNpyEqualThemFromCsv() throws IOException {
        Path model = dir.resolve("m.json");
        JsonNode fromCsv = json(Cli.run("fit", "gmm", "--k", "2", "--json", "--out", model.toString(), csv));
        JsonNode fromNpy = json(Cli.run("fit", "gmm", "--k", "2", "--json", npy));
        assertThat(fromNpy.get("logLikelihood").asDouble()).isEqualTo(fromCsv.get("logLikelihood").asDouble());
        assertThat(fromNpy.get("means")).isEqualTo(fromCsv.get("means"));
        assertThat(fromNpy.get("columns").toString()).isEqualTo("[\"x1\",\"x2\"]");
        assertThat(Cli.run("score", "--total", model.toString(), npy).out())
                .isEqualTo(Cli.run("score", "--total", model.toString(), csv).out());
        assertThat(Cli.run("predict", model.toString(), npy).out())
                .isEqualTo(Cli.run("predict", model.toString(), csv).out());
    }

    /**
     * Oracle: the double-precision fit. Storing the data as float rounds each value by at most
     * 2^-24 relative; on these rows the final log-likelihood moves by less than 1e-6 relative.
     */
    @Test
    void singlePrecisionStorageChangesTheLogLikelihoodByLessThanAMillionth() throws IOException {
        double d = json(Cli.run("fit", "gmm", "--k", "2", "--json", npy)).get("logLikelihood").asDouble();
        double f = json(Cli.run("fit", "gmm", "--k", "2", "--json", "--precision", "float", npy)).get("logLikelihood")
                .asDouble();
        double fromCsv = json(Cli.run("fit", "gmm", "--k", "2", "--json", "--precision", "float", csv))
                .get("logLikelihood").asDouble();
        assertThat(Math.abs(f - d) / Math.abs(d)).isLessThan(1e-6);
        assertThat(fromCsv).isEqualTo(f);
        Cli.Run bad = Cli.run("fit", "gmm", "--k", "2", "--precision", "half", npy);
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.errLines()).hasSize(1);
    }

    @Test
    void csvOnlyOptionsOnNpyAreOneLineErrors() {
        String model = dir.resolve("m.json").toString();
        assertThat(Cli.run("fit", "gmm", "--k", "2", "--out", model, npy).status()).isZero();
        for (String[] args : new String[][] {{"fit", "gmm", "--k", "2", "--columns", "a", npy},
                {"fit", "gmm", "--k", "2", "--weights", "a", npy}, {"score", "--columns", "a", model, npy}}) {
            Cli.Run r = Cli.run(args);
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.err()).contains("applies to CSV input only");
        }
    }

}
