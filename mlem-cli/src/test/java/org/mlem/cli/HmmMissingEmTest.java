package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.data.DataMatrix;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.hmm.EmissionSpec;
import org.mlem.hmm.GaussianEmission;
import org.mlem.hmm.HiddenMarkovEstimator;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.SequenceData;

/**
 * {@code fit hmm --missing em} end to end on a CSV with empty cells: two sequences drawn from a
 * two-state, two-column Gaussian HMM, about 15% of cells emptied and every 40th row emptied
 * whole. Oracles: the library's fit of the same values, bit for bit (the CSV holds each value's
 * shortest round-tripping decimal); every row kept (n counts the empty rows); on complete data
 * the option changes nothing.
 */
class HmmMissingEmTest {
    @TempDir
    Path dir;

    private static final HiddenMarkovModel TRUTH = HiddenMarkovModel.of(new double[] {0.5, 0.5},
            new double[][] {{0.95, 0.05}, {0.1, 0.9}},
            GaussianEmission.full(new double[][] {{10, 0}, {18, 3}},
                    new double[][][] {{{4, 1}, {1, 2}}, {{9, -2}, {-2, 3}}}));

    private record Written(Path csv, Path complete, DataMatrix holes, int[] lengths) {}

    private Written write() throws IOException {
        int[] lengths = {300, 200};
        DataMatrix x = TRUTH.sample(lengths, 1).sequences().matrix();
        SplittableRandom rng = new SplittableRandom(5);
        double[] v = x.values();
        List<String> withHoles = new ArrayList<>(List.of("id,a,b"));
        List<String> complete = new ArrayList<>(List.of("id,a,b"));
        for (int i = 0; i < x.rows(); i++) {
            String id = i < lengths[0] ? "s1" : "s2";
            complete.add(id + "," + v[2 * i] + "," + v[2 * i + 1]);
            for (int a = 0; a < 2; a++) {
                if (i % 40 == 7 || rng.nextDouble() < 0.15) {
                    v[2 * i + a] = Double.NaN;
                }
            }
            withHoles.add(id + "," + cell(v[2 * i]) + "," + cell(v[2 * i + 1]));
        }
        Path csv = dir.resolve("gaps.csv");
        Path full = dir.resolve("full.csv");
        Files.write(csv, withHoles);
        Files.write(full, complete);
        return new Written(csv, full, DataMatrix.of(v, x.rows(), 2, List.of("a", "b")), lengths);
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    @Test
    void fitsAroundEmptyCellsAsTheLibraryDoes() throws IOException {
        Written w = write();
        JsonNode fit = json(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--sequence", "id",
                "--missing", "em", "--json", w.csv().toString()));
        MixtureFit<HiddenMarkovModel> lib = HiddenMarkovEstimator.of(2, EmissionSpec.gaussian(CovarianceStructure.FULL))
                .withMissingEm(true).fit(SequenceData.of(w.holes(), w.lengths()), 0);
        assertThat(fit.get("missing").asText()).isEqualTo("em");
        assertThat(fit.get("n").asInt()).isEqualTo(500);
        assertThat(fit.get("logLikelihood").asDouble()).isEqualTo(lib.logLikelihood());
        assertThat(fit.get("transitionMatrix").get(0).get(0).asDouble()).isEqualTo(lib.model().transitionMatrix()[0][0]);
        assertThat(fit.get("degenerateComponents")).isEmpty();
        BadInputTest.assertUserError(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--sequence", "id",
                w.csv().toString()), w.csv() + ":", "missing value");
    }

    @Test
    void completeDataAreFittedAsWithoutTheOption() throws IOException {
        Written w = write();
        JsonNode plain = json(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--sequence", "id", "--json",
                w.complete().toString()));
        JsonNode em = json(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--sequence", "id",
                "--missing", "em", "--json", w.complete().toString()));
        for (String field : new String[] {"transitionMatrix", "emissions", "logLikelihood", "trace"}) {
            assertThat(em.get(field).toString()).as(field).isEqualTo(plain.get(field).toString());
        }
    }

    /**
     * {@code score} and {@code decode} of the fitted file on the same rows marginalise the empty
     * cells as the fit did: the sequences' scores sum to the fit's log-likelihood (1e-10 relative),
     * and every row, the empty ones included, gets a decoded step.
     */
    @Test
    void scoreAndDecodeMarginaliseTheEmptyCellsAsTheFitDid() throws IOException {
        Written w = write();
        Path model = dir.resolve("hmm.json");
        JsonNode fit = json(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--sequence", "id",
                "--missing", "em", "--out", model.toString(), "--json", w.csv().toString()));
        double want = fit.get("logLikelihood").asDouble();
        Cli.Run total = Cli.run("score", "--total", model.toString(), w.csv().toString());
        assertThat(total.status()).as(total.err()).isZero();
        assertThat(Double.parseDouble(total.out().strip())).isCloseTo(want, within(1e-10 * Math.abs(want)));
        Cli.Run decoded = Cli.run("decode", model.toString(), w.csv().toString());
        assertThat(decoded.status()).as(decoded.err()).isZero();
        assertThat(decoded.out().lines().count()).isEqualTo(1 + 500);
        assertThat(decoded.out().lines().skip(1 + 7).findFirst().orElseThrow()).startsWith("s1,7,");
    }
}
