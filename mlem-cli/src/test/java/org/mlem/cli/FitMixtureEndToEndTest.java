package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.MixtureFit;
import org.mlem.io.ModelJson;
import org.mlem.mixture.ComponentPart;
import org.mlem.mixture.ProductComponent;
import org.mlem.mixture.ProductMixture;
import org.mlem.mixture.ProductMixtureEstimator;

/**
 * {@code mlem fit mixture}, and {@code predict}/{@code score}/{@code sample} of its model files,
 * through {@code Main}. Oracle: the library ({@link ProductMixtureEstimator}) on the same rows and
 * seed, which the command must reproduce to the last bit of its printed JSON (tolerance 1e-12
 * relative covers only the decimal round trip); identities between commands (score's total = the
 * fit's log-likelihood; predict = the library's argmax).
 */
class FitMixtureEndToEndTest {
    @TempDir
    Path dir;

    private String csv(DataMatrix x) throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", x.columns())).append('\n');
        for (int i = 0; i < x.rows(); i++) {
            for (int a = 0; a < x.cols(); a++) {
                sb.append(a == 0 ? "" : ",").append(CsvNumbers.format(x.get(i, a)));
            }
            sb.append('\n');
        }
        Path p = dir.resolve("d" + Files.list(dir).count() + ".csv");
        Files.writeString(p, sb.toString());
        return p.toString();
    }


    private static DataMatrix unlabelled(DataMatrix x) {
        return DataMatrix.of(x.values(), x.rows(), x.cols(), x.columns());
    }

    /** The command's JSON equals the library's fit: weights, every component parameter, log-likelihood, counts. */
    private static void assertSameFit(JsonNode j, MixtureFit<ProductMixture> lib) {
        ProductMixture m = lib.model();
        assertThat(j.get("model").asText()).isEqualTo("mixture");
        assertThat(j.get("k").asInt()).isEqualTo(m.k());
        assertThat(j.get("family").asText()).isEqualTo(m.family());
        assertThat(j.get("logLikelihood").asDouble()).isCloseTo(lib.logLikelihood(), within(1e-9));
        assertThat(j.get("nParameters").asInt()).isEqualTo(lib.nParameters());
        assertThat(j.get("iterations").asInt()).isEqualTo(lib.iterations());
        for (int c = 0; c < m.k(); c++) {
            assertThat(j.get("weights").get(c).asDouble()).isCloseTo(m.weights()[c], within(1e-12));
            JsonNode comp = j.get("components").get(c);
            for (Map.Entry<String, Object> e : m.componentParameters().get(c).entrySet()) {
                if (e.getValue() instanceof Map<?, ?> inner) {
                    for (Map.Entry<?, ?> p : inner.entrySet()) {
                        assertThat(comp.get(e.getKey()).get((String) p.getKey()).asDouble())
                                .isCloseTo(((Number) p.getValue()).doubleValue(), within(1e-12));
                    }
                } else {
                    assertThat(comp.get(e.getKey()).asDouble()).isCloseTo(((Number) e.getValue()).doubleValue(), within(1e-12));
                }
            }
        }
    }

    /** --init, predict, score and sample all accept the written model file and agree with the library. */
    private void assertModelFileRoundTrips(String data, Path model, MixtureFit<ProductMixture> lib, DataMatrix x)
            throws IOException {
        // score's total is the fit's log-likelihood (identity: the same parameters on the same rows)
        Cli.Run score = Cli.run("score", "--total", model.toString(), data);
        assertThat(score.status()).as(score.err()).isZero();
        assertThat(Double.parseDouble(score.out().strip())).isCloseTo(lib.logLikelihood(), within(1e-8));
        // predict's labels are the library's argmax
        Cli.Run predict = Cli.run("predict", model.toString(), data);
        assertThat(predict.status()).as(predict.err()).isZero();
        String[] lines = predict.out().split("\\R");
        int[] expected = lib.model().predict(x);
        assertThat(lines).hasSize(x.rows() + 1);
        for (int i = 0; i < x.rows(); i++) {
            assertThat(lines[i + 1].split(",")[0]).isEqualTo(String.valueOf(expected[i]));
        }
        // --init starts EM at the fitted parameters: EM never lowers the likelihood
        JsonNode again = json(Cli.run("fit", "mixture", "--init", model.toString(), "--json", data));
        assertThat(again.get("logLikelihood").asDouble()).isGreaterThanOrEqualTo(lib.logLikelihood() - 1e-9);
        assertThat(again.get("k").asInt()).isEqualTo(lib.model().k());
    }

    @Test
    void poissonMixtureEqualsTheLibraryAndRoundTrips() throws IOException {
        ProductMixture truth = ProductMixture.of(new double[] {0.4, 0.6},
                List.of(ProductComponent.of(ComponentPart.univariate(0, Families.poisson().of(2))),
                        ProductComponent.of(ComponentPart.univariate(0, Families.poisson().of(9)))), List.of("count"));
        DataMatrix x = unlabelled(truth.sample(300, new SplittableRandom(5)));
        String data = csv(x);
        Path model = dir.resolve("p.json");
        JsonNode j = json(Cli.run("fit", "mixture", "--family", "poisson", "--k", "2", "--column", "count", "--json",
                "--out", model.toString(), data));
        MixtureFit<ProductMixture> lib = ProductMixtureEstimator.univariate(2, Families.poisson()).fit(x, 0);
        assertSameFit(j, lib);
        assertThat(j.get("components").get(0).has("lambda")).isTrue();
        assertModelFileRoundTrips(data, model, lib, x);

        // sample draws what the library draws from the same parameters and seed
        Cli.Run sample = Cli.run("sample", model.toString(), "--n", "5", "--seed", "7");
        assertThat(sample.status()).as(sample.err()).isZero();
        ProductMixture reread = org.mlem.io.MixtureJson.from(ModelJson.readTree(model), "p.json");
        DataMatrix drawn = reread.sample(5, new SplittableRandom(7));
        String[] lines = sample.out().split("\\R");
        assertThat(lines[0]).isEqualTo("count");
        for (int i = 0; i < 5; i++) {
            assertThat(Double.parseDouble(lines[i + 1])).isEqualTo(drawn.get(i, 0));
        }
    }

    @Test
    void latentClassAnalysisEqualsTheLibrary() throws IOException {
        List<String> cols = List.of("q1", "q2", "q3", "q4");
        double[][] probs = {{0.9, 0.8, 0.85, 0.2}, {0.1, 0.3, 0.2, 0.7}};
        ProductComponent[] comps = new ProductComponent[2];
        for (int c = 0; c < 2; c++) {
            ComponentPart[] parts = new ComponentPart[4];
            for (int a = 0; a < 4; a++) {
                parts[a] = ComponentPart.univariate(a, Families.bernoulli().of(probs[c][a]));
            }
            comps[c] = ProductComponent.of(parts);
        }
        ProductMixture truth = ProductMixture.of(new double[] {0.55, 0.45}, List.of(comps), cols);
        DataMatrix x = unlabelled(truth.sample(400, new SplittableRandom(11)));
        String data = csv(x);
        Path model = dir.resolve("lca.json");
        JsonNode j = json(Cli.run("fit", "mixture", "--family", "bernoulli", "--k", "2", "--columns", "q1,q2,q3,q4",
                "--json", "--out", model.toString(), data));
        MixtureFit<ProductMixture> lib = ProductMixtureEstimator.sameFamily(2, Families.bernoulli(), 4).fit(x, 0);
        assertSameFit(j, lib);
        assertThat(j.get("components").get(0).get("q3").has("prob")).isTrue();
        assertThat(j.get("nParameters").asInt()).isEqualTo(1 + 2 * 4); // k-1 weights + k·d probabilities
        assertModelFileRoundTrips(data, model, lib, x);
    }

    @Test
    void mixedNormalPoissonBernoulliEqualsTheLibrary() throws IOException {
        List<String> cols = List.of("h", "c", "b");
        ProductMixture truth = ProductMixture.of(new double[] {0.5, 0.5}, List.of(
                ProductComponent.of(ComponentPart.univariate(0, Families.normal().of(170, 6)),
                        ComponentPart.univariate(1, Families.poisson().of(1)), ComponentPart.univariate(2, Families.bernoulli().of(0.8))),
                ProductComponent.of(ComponentPart.univariate(0, Families.normal().of(160, 6)),
                        ComponentPart.univariate(1, Families.poisson().of(5)), ComponentPart.univariate(2, Families.bernoulli().of(0.2)))),
                cols);
        DataMatrix x = unlabelled(truth.sample(300, new SplittableRandom(3)));
        String data = csv(x);
        Path model = dir.resolve("mixed.json");
        JsonNode j = json(Cli.run("fit", "mixture", "--families", "h=normal,c=poisson,b=bernoulli", "--k", "2", "--json",
                "--out", model.toString(), data));
        MixtureFit<ProductMixture> lib = ProductMixtureEstimator.perColumn(2, List.of("normal", "poisson", "bernoulli"))
                .fit(x, 0);
        assertSameFit(j, lib);
        assertThat(j.get("family").asText()).isEqualTo("product");
        assertThat(j.get("columnFamilies").toString()).isEqualTo("{\"h\":\"normal\",\"c\":\"poisson\",\"b\":\"bernoulli\"}");
        assertModelFileRoundTrips(data, model, lib, x);
    }

    @Test
    void mistakesExitTwoWithOneLine() throws IOException {
        Path p = dir.resolve("neg.csv");
        Files.writeString(p, "a,y\n1,3\n2,-1\n3,4\n");
        Cli.Run bad = Cli.run("fit", "mixture", "--family", "poisson", "--k", "2", "--column", "y", p.toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.errLines()).hasSize(1);
        // the -1 is on line 3 of the file, in its second column
        assertThat(bad.err()).startsWith("mlem: " + p + ":3:2: ").contains("poisson").contains("support");

        Cli.Run unknown = Cli.run("fit", "mixture", "--family", "poison", "--k", "2", p.toString());
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.errLines()).hasSize(1);
        assertThat(unknown.err()).startsWith("mlem: fit mixture: unknown distribution family 'poison'");

        Cli.Run noFamily = Cli.run("fit", "mixture", "--k", "2", p.toString());
        assertThat(noFamily.status()).isEqualTo(2);
        assertThat(noFamily.errLines()).hasSize(1);
        assertThat(noFamily.err()).contains("--family is required");
    }
}
