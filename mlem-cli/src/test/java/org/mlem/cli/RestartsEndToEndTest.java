package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts at the command line: failed starts are skipped and reported, every start failing is
 * one line and exit 2, and the result says how many distinct optima the starts reached.
 */
class RestartsEndToEndTest {
    @TempDir
    Path dir;

    /**
     * Two clouds of 40 standard normal points at (0, 0) and (6, 0) and the point (0, 30) three
     * times (mlem-core's FailedStartsTest data): a start giving the far point its own component
     * collapses without a ridge, others do not.
     */
    private String cloudAndRepeatedCorners() throws IOException {
        SplittableRandom rng = new SplittableRandom(5);
        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i < 80; i++) {
            sb.append(gaussian(rng) + (i < 40 ? 0 : 6)).append(',').append(gaussian(rng)).append('\n');
        }
        sb.append("0,30\n".repeat(3));
        Path p = dir.resolve("clouds.csv");
        Files.writeString(p, sb.toString());
        return p.toString();
    }

    /** Three points, each ten times: with three components and no ridge every start collapses. */
    private String threeRepeatedPoints() throws IOException {
        Path p = dir.resolve("three.csv");
        Files.writeString(p, "x,y\n" + "0,0\n5,1\n2,7\n".repeat(10));
        return p.toString();
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /** R's datasets::discoveries: great inventions and discoveries per year, 1860-1959. */
    private String discoveries() throws IOException {
        String counts = "5,3,0,2,0,3,2,3,6,1,2,1,2,1,3,3,3,5,2,4,4,0,2,3,7,12,3,10,9,2,3,7,7,2,3,3,6,2,4,3,5,2,2,4,0,4,2,"
                + "5,2,3,3,6,5,8,3,6,6,0,5,2,2,2,6,3,4,4,2,2,4,7,5,3,3,0,2,2,2,1,3,4,2,2,1,1,1,2,1,4,4,3,2,1,4,1,1,1,0,0,2,0";
        Path p = dir.resolve("discoveries.csv");
        Files.writeString(p, "count\n" + counts.replace(',', '\n') + "\n");
        return p.toString();
    }

    @Test
    void startsWithACollapsedComponentAreSkippedAndCounted() throws IOException {
        Cli.Run r = Cli.run("fit", "gmm", "--k", "2", "--reg-covar", "0", "--n-init", "50", "--json", cloudAndRepeatedCorners());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        int failed = j.get("failedStarts").asInt();
        assertThat(failed).isPositive().isLessThan(50);
        List<String> finals = new ArrayList<>();
        j.get("startLogLikelihoods").forEach(v -> finals.add(v.asText()));
        assertThat(finals).hasSize(50);
        assertThat(finals.stream().filter(s -> s.equals("-Infinity")).count()).isEqualTo(failed);
        assertThat(j.get("logLikelihood").isDouble()).isTrue();
        assertThat(r.err()).contains("mlem: fit gmm: warning: " + failed + " of 50 starts failed");
    }

    @Test
    void everyStartCollapsingIsOneLineAndExit2() throws IOException {
        Cli.Run r = Cli.run("fit", "gmm", "--k", "3", "--reg-covar", "0", "--n-init", "10", threeRepeatedPoints());
        BadInputTest.assertUserError(r, "fit gmm: ", "covariance is not positive definite", "increase regCovar (--reg-covar)",
                "reduce k");
    }

    @Test
    void jsonAndSummarySayHowManyOptimaTheStartsReached() throws IOException {
        String f = discoveries();
        Cli.Run json = Cli.run("fit", "hmm", "--states", "3", "--emission", "poisson", "--n-init", "10", "--tol", "1e-10",
                "--max-iter", "5000", "--json", f);
        assertThat(json.status()).as(json.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(json.out());
        int distinct = j.get("distinctOptima").asInt();
        int atBest = j.get("bestReachedBy").asInt();
        assertThat(distinct).isGreaterThan(1);
        assertThat(atBest).isBetween(1, 10);
        assertThat(j.get("failedStarts").asInt()).isZero();
        Cli.Run text = Cli.run("fit", "hmm", "--states", "3", "--emission", "poisson", "--n-init", "10", "--tol", "1e-10",
                "--max-iter", "5000", f);
        assertThat(text.out()).contains(distinct + " distinct optima, best reached by " + atBest);
        boolean once = atBest == 1;
        assertThat(text.out().contains("warning")).isEqualTo(once);
        assertThat(text.err().contains("reached by 1 of 10 starts")).isEqualTo(once);
    }

    @Test
    void oneStartSaysNothingAboutOptima() throws IOException {
        Cli.Run r = Cli.run("fit", "hmm", "--states", "2", "--emission", "poisson", "--n-init", "1", "--json", discoveries());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.has("distinctOptima")).isFalse();
        assertThat(r.err()).isEmpty();
    }
}
