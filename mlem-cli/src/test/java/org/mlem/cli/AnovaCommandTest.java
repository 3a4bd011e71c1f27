package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlem anova} on files written by {@code fit glm --out}. Oracle: R 4.2,
 * anova(glm(dead ~ dose, poisson), glm(dead ~ dose + answer, poisson), test = "Chisq") on the data
 * below: residual deviances 4.01979679318908 and 4.00876945030485, change 0.0110273428842369 on 1
 * df, p 0.916366956459315; 1e-8 relative. Models of other data, another response or not nested are
 * one-line errors (exit 2).
 */
class AnovaCommandTest {
    @TempDir
    Path dir;

    private static final String DOSES = "dose,dead,alive,exposure,answer\n"
            + "1,1,19,10,no\n2,4,16,12,no\n3,9,11,9,yes\n4,13,7,14,no\n5,18,2,11,yes\n6,20,0,13,yes\n";

    private String fit(String data, String formula, String name) throws IOException {
        String out = dir.resolve(name).toString();
        Cli.Run r = Cli.run("fit", "glm", "--family", "poisson", "--formula", formula, "--out", out, data);
        assertThat(r.status()).as(r.err()).isZero();
        return out;
    }

    @Test
    void nestedPoissonFitsGiveRsTable() throws IOException {
        String f = Cli.file(dir, "d.csv", DOSES);
        String small = fit(f, "dead ~ dose", "small.json");
        String big = fit(f, "dead ~ dose + answer", "big.json");
        Cli.Run r = Cli.run("anova", "--json", small, big);
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode m = Cli.json(r).get("models");
        assertThat(m.get(0).get("residualDf").asInt()).isEqualTo(4);
        assertThat(m.get(1).get("residualDf").asInt()).isEqualTo(3);
        assertThat(m.get(0).get("residualDeviance").asDouble()).isCloseTo(4.01979679318908, within(4e-8));
        assertThat(m.get(1).get("residualDeviance").asDouble()).isCloseTo(4.00876945030485, within(4e-8));
        assertThat(m.get(1).get("deviance").asDouble()).isCloseTo(0.0110273428842369, within(1.1e-10));
        assertThat(m.get(1).get("pValue").asDouble()).isCloseTo(0.916366956459315, within(9.2e-9));
        assertThat(m.get(0).get("pValue").isNull()).isTrue();
        Cli.Run text = Cli.run("anova", small, big);
        assertThat(text.out()).contains("Analysis of Deviance Table").contains("Model 2: dead ~ dose + answer")
                .contains("Pr(>Chi)");
        assertThat(Cli.run("anova", "--test", "F", small, big).out()).contains("Pr(>F)");
    }

    @Test
    void otherDataOtherResponseOrNotNestedAreOneLineErrors() throws IOException {
        String f = Cli.file(dir, "d.csv", DOSES);
        String g = Cli.file(dir, "e.csv", DOSES.replace("6,20,0,13,yes", "6,19,1,13,yes"));
        String small = fit(f, "dead ~ dose", "small.json");
        String answer = fit(f, "dead ~ answer", "answer.json");
        String other = fit(g, "dead ~ dose + answer", "other.json");
        String alive = fit(f, "alive ~ dose + answer", "alive.json");
        oneLine(Cli.run("anova", small, other), "not fits to the same data", "different totals");
        oneLine(Cli.run("anova", small, alive), "responses differ");
        oneLine(Cli.run("anova", small, answer), "is not nested in");
        oneLine(Cli.run("anova", "--test", "Wald", small, answer), "--test 'Wald'");
    }

    private static void oneLine(Cli.Run r, String... words) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.err()).doesNotContain("Exception");
        for (String w : words) {
            assertThat(r.err()).contains(w);
        }
    }
}
