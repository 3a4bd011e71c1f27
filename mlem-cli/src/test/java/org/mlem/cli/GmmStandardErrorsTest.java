package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.data.CsvFormat;
import org.mlem.data.CsvReader;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.io.ModelJson;
import org.mlem.uncertainty.Bootstrap;
import org.mlem.uncertainty.BootstrapKind;
import org.mlem.uncertainty.BootstrapResult;
import org.mlem.uncertainty.LouisInformation;
import org.mlem.uncertainty.ObservedInformation;

/**
 * {@code fit gmm --bootstrap} and {@code --standard-errors louis} through {@code Main}. Oracle:
 * {@link Bootstrap} and {@link LouisInformation} on the same data, fit and seed (the same
 * computation, so 1e-12 covers only the JSON's decimals).
 */
class GmmStandardErrorsTest {
    static final String FAITHFUL = "../mlem-core/src/test/resources/fixtures/data/faithful.csv";

    private static DataMatrix faithful() {
        CsvTable t = CsvReader.read(FAITHFUL, CsvFormat.DEFAULT);
        List<String> cols = List.of("eruptions", "waiting");
        return t.matrix(cols, t.completeRows(cols, false).rows());
    }


    @Test
    void bootstrapEqualsTheLibrary() throws IOException {
        for (BootstrapKind kind : BootstrapKind.values()) {
            JsonNode j = json(Cli.run("fit", "gmm", "--k", "2", "--bootstrap", "20", "--bootstrap-kind",
                    kind.name().toLowerCase(), "--json", FAITHFUL));
            DataMatrix x = faithful();
            GaussianMixtureEstimator est = GaussianMixtureEstimator.of(2);
            MixtureFit<GaussianMixture> fit = est.fit(x, 0);
            BootstrapResult lib = new Bootstrap(20, kind, 0.95, 0).run(est, x, fit.model(), 0);
            List<String> names = lib.estimates().names();
            assertThat(names).contains("weight[0]", "mean[1][waiting]", "cov[0][eruptions,waiting]");
            assertThat(j.get("standardErrors").size()).isEqualTo(names.size());
            for (int q = 0; q < names.size(); q++) {
                String n = names.get(q);
                assertThat(j.get("standardErrors").get(n).asDouble()).as(n)
                        .isCloseTo(lib.estimates().standardError()[q], within(1e-12));
                assertThat(j.get("intervals").get(n).get(0).asDouble()).as(n).isCloseTo(lib.lower()[q], within(1e-12));
                assertThat(j.get("intervals").get(n).get(1).asDouble()).as(n).isCloseTo(lib.upper()[q], within(1e-12));
            }
            assertThat(j.get("bootstrap").get("replicates").asInt()).isEqualTo(lib.replicates());
        }
    }

    @Test
    void louisEqualsTheLibrary() throws IOException {
        JsonNode j = json(Cli.run("fit", "gmm", "--k", "2", "--covariance", "diag", "--standard-errors", "louis", "--json",
                FAITHFUL));
        DataMatrix x = faithful();
        GaussianMixture m = GaussianMixtureEstimator.of(2).withCovariance(org.mlem.gmm.CovarianceStructure.DIAG).fit(x, 0).model();
        ObservedInformation info = LouisInformation.of(m, x);
        List<String> names = info.estimates().names();
        assertThat(names).contains("var[1][waiting]");
        for (int q = 0; q < names.size(); q++) {
            assertThat(j.get("standardErrors").get(names.get(q)).asDouble()).as(names.get(q))
                    .isCloseTo(info.standardError()[q], within(1e-12));
        }
        assertThat(j.get("standardErrorMethod").asText()).isEqualTo("louis");
        assertThat(j.has("intervals")).isFalse();
    }

    @Test
    void badRequestsExitTwo() {
        for (String[] args : List.of(new String[] {"--bootstrap", "0"}, new String[] {"--bootstrap", "1"},
                new String[] {"--standard-errors", "sandwich"}, new String[] {"--bootstrap", "5", "--bootstrap-kind", "wild"},
                new String[] {"--bootstrap", "5", "--standard-errors", "louis"})) {
            String[] all = new String[args.length + 4];
            all[0] = "fit";
            all[1] = "gmm";
            all[2] = "--k";
            all[3] = "2";
            System.arraycopy(args, 0, all, 4, args.length);
            all = java.util.Arrays.copyOf(all, all.length + 1);
            all[all.length - 1] = FAITHFUL;
            Cli.Run r = Cli.run(all);
            assertThat(r.status()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.errLines()).as(String.join(" ", args)).hasSize(1);
            assertThat(r.out()).isEmpty();
        }
    }
}
