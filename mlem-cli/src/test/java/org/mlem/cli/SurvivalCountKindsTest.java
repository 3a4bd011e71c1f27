package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict}, {@code score} and {@code sample} on the files {@code fit survreg}, {@code fit tobit},
 * {@code fit zeroinfl} and {@code fit hurdle} write, as a user runs them: the columns each prints,
 * {@code score --total} on the fitting rows against the file's {@code logLikelihood} (1e-9 relative:
 * the same sum in another order), and bad rows (a covariate column missing, a factor level the fit
 * never saw) refused in one line with exit 2.
 */
class SurvivalCountKindsTest {
    private static final String KINDS = "../mlem-core/src/test/resources/fixtures/kinds/";

    @TempDir
    Path dir;

    @Test
    void survregPredictsFromCovariatesScoresWithCensoringAndDrawsTimes() throws IOException {
        String covariates = Cli.file(dir, "new.csv", "age,sex\n60,1\n70,2\n");
        Cli.Run p = Cli.run("predict", KINDS + "survreg.json", covariates);
        assertThat(p.status()).as(p.err()).isZero();
        assertThat(p.out().lines().toList()).hasSize(3)
                .first().isEqualTo("fit,se.fit,lp,se.lp,quantile0.1,quantile0.5,quantile0.9");
        totalIsTheFits(KINDS + "survreg.json", KINDS + "survreg.csv");
        Cli.Run s = Cli.run("sample", KINDS + "survreg.json", covariates, "--seed", "3");
        assertThat(s.status()).as(s.err()).isZero();
        List<String> lines = s.out().lines().toList();
        assertThat(lines).hasSize(3).first().isEqualTo("time,status");
        assertThat(lines.get(1)).endsWith(",2"); // lung's codes: 2 = event
        assertThat(Cli.run("sample", KINDS + "survreg.json", covariates, "--seed", "3").out()).isEqualTo(s.out());
    }

    @Test
    void tobitFileWrittenByFitScoresToItsLogLikelihood() throws IOException {
        Path model = dir.resolve("tobit.json");
        Cli.Run fit = Cli.run("fit", "tobit", "--formula", "mpg ~ wt + hp", "--left", "15", "--right", "30", "--out",
                model.toString(), "../examples/mtcars.csv");
        assertThat(fit.status()).as(fit.err()).isZero();
        totalIsTheFits(model.toString(), "../examples/mtcars.csv");
        Cli.Run s = Cli.run("sample", model.toString(), "../examples/mtcars.csv", "--seed", "1");
        assertThat(s.status()).as(s.err()).isZero();
        for (String line : s.out().lines().skip(1).toList()) {
            assertThat(Double.parseDouble(line)).isBetween(15.0, 30.0);
        }
    }

    @Test
    void weightedSurvregFileScoresWithItsWeightsColumn() throws IOException {
        List<String> lung = Files.readAllLines(Path.of("../examples/lung.csv"));
        StringBuilder b = new StringBuilder(lung.get(0)).append(",w\n");
        for (int i = 1; i < lung.size(); i++) {
            b.append(lung.get(i)).append(',').append(1 + i % 3).append('\n');
        }
        String data = Cli.file(dir, "lungw.csv", b.toString());
        Path model = dir.resolve("w.json");
        Cli.Run fit = Cli.run("fit", "survreg", "--formula", "Surv(time, status) ~ age + sex", "--dist", "lognormal",
                "--weights", "w", "--out", model.toString(), data);
        assertThat(fit.status()).as(fit.err()).isZero();
        assertThat(Files.readString(model)).contains("\"weightsColumn\" : \"w\"", "\"eventCodes\" : \"2=event,1=censored\"");
        totalIsTheFits(model.toString(), data);
    }

    @Test
    void zeroinflAndHurdlePredictPsclsColumnsAndScore() throws IOException {
        for (String kind : List.of("zeroinfl", "hurdle")) {
            Cli.Run p = Cli.run("predict", KINDS + kind + ".json", KINDS + kind + ".csv");
            assertThat(p.status()).as(p.err()).isZero();
            List<String> lines = p.out().lines().toList();
            assertThat(lines).hasSize(916);
            assertThat(lines.get(0)).startsWith("fit,count,zero,prob0,prob1,").endsWith(",prob19");
            totalIsTheFits(KINDS + kind + ".json", KINDS + kind + ".csv");
            Cli.Run s = Cli.run("sample", KINDS + kind + ".json", KINDS + kind + ".csv", "--seed", "4");
            assertThat(s.status()).as(s.err()).isZero();
            assertThat(s.out().lines().findFirst()).hasValue("art");
        }
    }

    @Test
    void aMissingCovariateOrAnUnseenLevelIsOneLine() throws IOException {
        String noMent = Cli.file(dir, "noment.csv", "fem,mar,kid5,phd\nMen,Married,0,2.5\n");
        BadInputTest.assertUserError(Cli.run("predict", KINDS + "zeroinfl.json", noMent), noMent, "ment");
        String other = Cli.file(dir, "other.csv", "fem,mar,kid5,phd,ment\nMen,Married,0,2.5,7\nOther,Single,1,3,2\n");
        BadInputTest.assertUserError(Cli.run("predict", KINDS + "hurdle.json", other), other + ":3:", "'Other'", "fem",
                "not fitted with");
        String noAge = Cli.file(dir, "noage.csv", "sex\n1\n");
        BadInputTest.assertUserError(Cli.run("sample", KINDS + "survreg.json", noAge), noAge, "age");
        String badStatus = Cli.file(dir, "status.csv", "time,status,age,sex\n100,0,60,1\n");
        BadInputTest.assertUserError(Cli.run("score", KINDS + "survreg.json", badStatus), badStatus, "status",
                "2 = event, 1 = censored");
    }

    private static void totalIsTheFits(String model, String data) throws IOException {
        Cli.Run t = Cli.run("score", "--total", model, data);
        assertThat(t.status()).as(t.err()).isZero();
        double want = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(Path.of(model)))
                .get("logLikelihood").asDouble();
        assertThat(Double.parseDouble(t.out().trim())).isCloseTo(want, within(1e-9 * Math.abs(want)));
    }
}
