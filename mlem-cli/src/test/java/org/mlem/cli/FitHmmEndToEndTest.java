package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.hmm.EmissionSpec;
import org.mlem.hmm.FamilyEmission;
import org.mlem.hmm.GaussianEmission;
import org.mlem.hmm.HiddenMarkovEstimator;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.SequenceData;
import org.mlem.io.HmmJson;
import org.mlem.io.ModelJson;

/**
 * {@code mlem fit hmm}, {@code decode}, and HMM files in {@code score} and {@code sample}, on three
 * sequences drawn from a known 2-state model and written with a sequence column. Oracles: the
 * library's own fit on the same rows (the CLI adds only reading and writing: equal to 1e-12
 * relative, the CSV and JSON carry shortest round-trip decimals), HiddenMarkovModel.viterbi and
 * logLikelihood for decode and score, and the counting MLE when every state is known.
 */
class FitHmmEndToEndTest {
    private static final int[] LENGTHS = {150, 120, 130};

    @TempDir
    Path dir;

    private String csv;
    private HiddenMarkovModel.Sample sample;

    @BeforeEach
    void writeData() throws IOException {
        HiddenMarkovModel truth = HiddenMarkovModel.of(new double[] {0.7, 0.3}, new double[][] {{0.9, 0.1}, {0.2, 0.8}},
                GaussianEmission.full(new double[][] {{0, 0}, {4, -3}},
                        new double[][][] {{{1, 0.3}, {0.3, 1}}, {{2, 0}, {0, 0.5}}}));
        sample = truth.sample(LENGTHS, 7);
        csv = write("seq.csv", table(sample, true));
    }

    /** The sample as CSV: id, x, y, the true state (known) in every row when {@code known}. */
    private static String table(HiddenMarkovModel.Sample s, boolean known) {
        StringBuilder sb = new StringBuilder("id,x,y,state\n");
        DataMatrix x = s.sequences().matrix();
        int[] z = s.states();
        for (int i = 0; i < x.rows(); i++) {
            sb.append("run").append(s.sequences().sequenceOf(i)).append(',').append(x.get(i, 0)).append(',')
                    .append(x.get(i, 1)).append(',').append(known ? String.valueOf(z[i]) : "").append('\n');
        }
        return sb.toString();
    }

    private String write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }


    private static void close(double got, double want) {
        assertThat(got).isCloseTo(want, within(1e-12 * Math.max(1, Math.abs(want))));
    }

    @Test
    void jsonEqualsTheLibraryFitOnTheSameSequences() throws IOException {
        JsonNode j = json(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--sequence", "id",
                "--columns", "x,y", "--json", csv));
        MixtureFit<HiddenMarkovModel> lib = HiddenMarkovEstimator.of(2, EmissionSpec.gaussian(CovarianceStructure.FULL))
                .fit(sample.sequences(), 0);
        HiddenMarkovModel m = lib.model();
        assertThat(j.get("model").asText()).isEqualTo("hmm");
        assertThat(j.get("states").asInt()).isEqualTo(2);
        assertThat(j.get("emission").asText()).isEqualTo("gaussian");
        assertThat(j.get("sequences").asInt()).isEqualTo(3);
        assertThat(j.get("n").asInt()).isEqualTo(400);
        assertThat(j.get("iterations").asInt()).isEqualTo(lib.iterations());
        assertThat(j.get("nParameters").asInt()).isEqualTo(lib.nParameters()).isEqualTo(1 + 2 + 2 * (2 + 3));
        close(j.get("logLikelihood").asDouble(), lib.logLikelihood());
        close(j.get("bic").asDouble(), -2 * lib.logLikelihood() + lib.nParameters() * Math.log(400));
        // the tolerance is Baum-Welch's own default, not the mixtures'
        assertThat(j.get("tol").asDouble()).isEqualTo(HiddenMarkovEstimator.DEFAULT_EM.tolerance());
        for (int a = 0; a < 2; a++) {
            close(j.get("startProbabilities").get(a).asDouble(), m.startProbabilities()[a]);
            for (int b = 0; b < 2; b++) {
                close(j.get("transitionMatrix").get(a).get(b).asDouble(), m.transitionMatrix()[a][b]);
            }
            GaussianEmission e = (GaussianEmission) m.emissions();
            JsonNode state = j.get("emissions").get(a);
            for (int c = 0; c < 2; c++) {
                close(state.get("means").get(c).asDouble(), e.means()[a][c]);
                close(state.get("covariances").get(c).get(1 - c).asDouble(), e.covariance(a)[c][1 - c]);
            }
        }
    }

    @Test
    void decodeGivesTheViterbiPathAndPosteriorRowsSummingToOne() throws IOException {
        Path model = dir.resolve("m.json");
        JsonNode fit = json(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--sequence", "id",
                "--columns", "x,y", "--out", model.toString(), "--json", csv));
        // the sequence column comes from the model file
        Cli.Run r = Cli.run("decode", model.toString(), csv);
        assertThat(r.status()).as(r.err()).isZero();
        String[] lines = r.out().split("\\R");
        assertThat(lines[0]).isEqualTo("sequence,step,state,p0,p1");
        assertThat(lines).hasSize(401);
        HiddenMarkovModel m = HmmJson.read(model).model();
        int[] viterbi = m.viterbi(sample.sequences()).states();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            int row = i - 1;
            int s = sample.sequences().sequenceOf(row);
            assertThat(f[0]).isEqualTo("run" + s);
            assertThat(Integer.parseInt(f[1])).isEqualTo(row - sample.sequences().sequenceStart(s));
            assertThat(Integer.parseInt(f[2])).isEqualTo(viterbi[row]);
            assertThat(Double.parseDouble(f[3]) + Double.parseDouble(f[4])).isCloseTo(1, within(1e-12));
        }
        double total = Double.parseDouble(r.err().replaceAll("(?s)^total log-likelihood (\\S+) over.*$", "$1"));
        close(total, fit.get("logLikelihood").asDouble());
    }

    @Test
    void scorePrintsEachSequenceAndTheySumToTheFit() throws IOException {
        Path model = dir.resolve("m.json");
        JsonNode fit = json(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--sequence", "id",
                "--columns", "x,y", "--out", model.toString(), "--json", csv));
        Cli.Run r = Cli.run("score", model.toString(), csv);
        assertThat(r.status()).as(r.err()).isZero();
        String[] lines = r.out().split("\\R");
        assertThat(lines[0]).isEqualTo("sequence,steps,logLikelihood");
        assertThat(lines).hasSize(4);
        double sum = 0;
        for (int s = 1; s <= 3; s++) {
            String[] f = lines[s].split(",");
            assertThat(f[0]).isEqualTo("run" + (s - 1));
            assertThat(Integer.parseInt(f[1])).isEqualTo(LENGTHS[s - 1]);
            sum += Double.parseDouble(f[2]);
        }
        // sequences are independent given the parameters: their log-likelihoods add up (1e-9: summation order)
        assertThat(sum).isCloseTo(fit.get("logLikelihood").asDouble(), within(1e-9));
        assertThat(Cli.run("predict", model.toString(), csv).err()).contains("mlem decode");
    }

    @Test
    void initFromTheWrittenModelStartsWhereTheFitEndedAndFixedGroupsStay() throws IOException {
        Path model = dir.resolve("m.json");
        JsonNode first = json(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--covariance", "diag",
                "--sequence", "id", "--columns", "x,y", "--out", model.toString(), "--json", csv));
        JsonNode again = json(Cli.run("fit", "hmm", "--init", model.toString(), "--json", csv));
        // an E-step under the read parameters reproduces the written log-likelihood: the JSON round trip is exact
        assertThat(again.get("trace").get(0).asDouble()).isCloseTo(first.get("logLikelihood").asDouble(), within(1e-9));
        assertThat(again.get("covariance").asText()).isEqualTo("diag");
        JsonNode held = json(Cli.run("fit", "hmm", "--init", model.toString(), "--fixed", "transitions", "--tol", "0",
                "--max-iter", "3", "--json", csv));
        assertThat(held.get("transitionMatrix")).isEqualTo(first.get("transitionMatrix"));
        assertThat(held.get("fixed").toString()).isEqualTo("[\"transitions\"]");
    }

    @Test
    void everyStateKnownGivesTheCountingMle() throws IOException {
        JsonNode j = json(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--sequence", "id",
                "--states-column", "state", "--json", csv));
        assertThat(j.get("columns").toString()).isEqualTo("[\"x\",\"y\"]");
        // oracle: transition counts of the true path, divided by their row sums
        int[] z = sample.states();
        double[][] counts = new double[2][2];
        for (int i = 1; i < z.length; i++) {
            if (sample.sequences().sequenceOf(i) == sample.sequences().sequenceOf(i - 1)) {
                counts[z[i - 1]][z[i]]++;
            }
        }
        for (int a = 0; a < 2; a++) {
            double row = counts[a][0] + counts[a][1];
            for (int b = 0; b < 2; b++) {
                assertThat(j.get("transitionMatrix").get(a).get(b).asDouble()).isCloseTo(counts[a][b] / row, within(1e-12));
            }
        }
    }

    @Test
    void labelsIsTheStatesColumnUnderTheMixturesName() throws IOException {
        JsonNode states = json(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--sequence", "id",
                "--states-column", "state", "--json", csv));
        JsonNode labels = json(Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--sequence", "id",
                "--labels", "state", "--json", csv));
        assertThat(labels.get("transitionMatrix")).isEqualTo(states.get("transitionMatrix"));
        assertThat(labels.get("logLikelihood")).isEqualTo(states.get("logLikelihood"));
    }

    @Test
    void poissonEmissionsAndSamplingRoundTrip() throws IOException {
        HiddenMarkovModel truth = HiddenMarkovModel.of(new double[] {0.5, 0.5}, new double[][] {{0.95, 0.05}, {0.1, 0.9}},
                FamilyEmission.of(Families.poisson(), new double[][] {{2}, {9}}));
        String counts = write("counts.csv", "n\n" + String.join("\n",
                java.util.Arrays.stream(truth.sample(new int[] {300}, 3).sequences().matrix().values())
                        .mapToObj(CsvNumbers::format).toList()) + "\n");
        Path model = dir.resolve("p.json");
        JsonNode j = json(Cli.run("fit", "hmm", "--states", "2", "--emission", "poisson", "--out", model.toString(),
                "--json", counts));
        assertThat(j.get("emissions").get(0).has("lambda")).isTrue();
        assertThat(j.get("sequences").asInt()).isEqualTo(1);
        Cli.Run a = Cli.run("sample", model.toString(), "--lengths", "4,3", "--seed", "5", "--component");
        assertThat(a.status()).as(a.err()).isZero();
        String[] lines = a.out().split("\\R");
        assertThat(lines[0]).isEqualTo("sequence,n,state");
        assertThat(lines).hasSize(8);
        assertThat(lines[5]).startsWith("2,");
        assertThat(Cli.run("sample", model.toString(), "--lengths", "4,3", "--seed", "5", "--component").out()).isEqualTo(a.out());
        // the drawn counts are whole numbers the model file's own fit accepts
        String drawn = write("drawn.csv", Cli.run("sample", model.toString(), "--n", "50", "--seed", "1").out());
        assertThat(Cli.run("fit", "hmm", "--init", model.toString(), "--json", drawn).status()).isZero();
    }

    @Test
    void plotWritesThePng() throws IOException {
        Path png = dir.resolve("hmm.png");
        Cli.Run r = Cli.run("fit", "hmm", "--states", "2", "--emission", "gaussian", "--sequence", "id", "--columns", "x,y",
                "--plot", png.toString(), csv);
        assertThat(r.status()).as(r.err()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(image.getHeight()).isEqualTo(600);
        assertThat(List.of(r.out().split("\\R")[0])).first().asString().startsWith("Hidden Markov model: 2 states");
    }
}
