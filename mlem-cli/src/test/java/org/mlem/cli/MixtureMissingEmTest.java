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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit mixture --missing em}: a missing cell's factor is left out of its component's density
 * and its column's M-step uses the observed cells. Oracles: with one component the fit is each
 * column's MLE on its observed cells (a Poisson mean, a Bernoulli proportion: closed forms), its
 * log-likelihood the sum over observed cells; on complete data the option changes nothing (the
 * same JSON parameters and log-likelihood bit for bit).
 */
class MixtureMissingEmTest {
    private static final String BIRTHWT = "../mlem-core/src/test/resources/fixtures/realdata/birthwt_lca.csv";

    @TempDir
    Path dir;

    /** birthwt's five 0/1 columns with every 7th row's column (row mod 5) emptied. */
    private Path holes() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(BIRTHWT));
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (i % 7 == 0) {
                cells[i % 5] = "";
            }
            out.add(String.join(",", cells));
        }
        Path p = dir.resolve("holes.csv");
        Files.write(p, out);
        return p;
    }

    @Test
    void oneComponentIsEachColumnsObservedMle() throws IOException {
        Path csv = holes();
        JsonNode fit = json(Cli.run("fit", "mixture", "--k", "1", "--family", "bernoulli", "--missing", "em", "--json",
                csv.toString()));
        List<String> lines = Files.readAllLines(csv);
        String[] names = lines.get(0).split(",");
        double ll = 0;
        for (int c = 0; c < names.length; c++) {
            int ones = 0;
            int seen = 0;
            for (String line : lines.subList(1, lines.size())) {
                String cell = line.split(",", -1)[c];
                if (!cell.isEmpty()) {
                    seen++;
                    ones += Integer.parseInt(cell);
                }
            }
            double p = (double) ones / seen;
            ll += ones * Math.log(p) + (seen - ones) * Math.log(1 - p);
            assertThat(fit.get("components").get(0).get(names[c]).get("prob").asDouble()).as(names[c])
                    .isCloseTo(p, within(1e-12));
        }
        assertThat(fit.get("logLikelihood").asDouble()).isCloseTo(ll, within(1e-9));
        assertThat(fit.get("missing").asText()).isEqualTo("em");
        // two components run, and without --missing em the first hole is an error at its cell
        assertThat(Cli.run("fit", "mixture", "--k", "2", "--family", "bernoulli", "--missing", "em", csv.toString()).status())
                .isZero();
        BadInputTest.assertUserError(Cli.run("fit", "mixture", "--k", "2", "--family", "bernoulli", csv.toString()),
                csv + ":8:3: ", "missing value", "--drop-missing");
    }

    @Test
    void completeDataAreFittedAsWithoutTheOption() throws IOException {
        JsonNode plain = json(Cli.run("fit", "mixture", "--k", "2", "--family", "bernoulli", "--json", BIRTHWT));
        JsonNode em = json(Cli.run("fit", "mixture", "--k", "2", "--family", "bernoulli", "--missing", "em", "--json", BIRTHWT));
        assertThat(em.get("components").toString()).isEqualTo(plain.get("components").toString());
        assertThat(em.get("weights").toString()).isEqualTo(plain.get("weights").toString());
        assertThat(em.get("logLikelihood").asDouble()).isEqualTo(plain.get("logLikelihood").asDouble());
    }
}
