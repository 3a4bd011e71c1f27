package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rank stopping in {@code select regmix} and the concomitant selections ({@code RegmixFamily} and
 * {@code ConcomitantFamily} loosened: the plain fit and the concomitant EM at Aitken 1e-6). Oracle:
 * the same command with {@code --converge-all} (every candidate to the full tolerance): the same pick,
 * its log-likelihood and BIC the very same bits; every candidate not stopped is its exact figures; at
 * least one candidate is stopped (so the first pass ran). One and two threads: every candidate's
 * figures and stop mark the same bits.
 */
class RankStopOtherFamiliesTest {
    private static final String FIX = "../mlem-core/src/test/resources/fixtures/concomitant/";

    static Stream<List<String>> selections() {
        List<String> regmix = List.of("select", "regmix", "--k", "1..3", "--formula", "Patents ~ lgRD", "--family",
                "poisson", "--n-init", "2");
        List<String> concomitant = new ArrayList<>(regmix);
        concomitant.addAll(List.of("--concomitant", "~ RDS"));
        return Stream.of(add(regmix, FIX + "patent.csv"), add(concomitant, FIX + "patent.csv"),
                List.of("select", "gmm", "--k", "1..3", "--covariance", "full", "--columns", "long,lat", "--concomitant",
                        "~ depth", "--n-init", "1", FIX + "quakes.csv"));
    }

    private static List<String> add(List<String> args, String more) {
        List<String> all = new ArrayList<>(args);
        all.add(more);
        return all;
    }

    private static JsonNode run(List<String> args, String... more) throws java.io.IOException {
        List<String> all = new ArrayList<>(args.subList(0, args.size() - 1));
        all.addAll(List.of(more));
        all.add("--json");
        all.add(args.get(args.size() - 1));
        return json(Cli.run(all.toArray(String[]::new)));
    }

    private static boolean stopped(JsonNode c) {
        return c.has("stopped") && "rank".equals(c.get("stopped").asText());
    }

    @ParameterizedTest
    @MethodSource("selections")
    void pickIsConvergeAllsAndThreadsChangeNoBit(List<String> args) throws java.io.IOException {
        JsonNode one = run(args, "--threads", "1");
        JsonNode two = run(args, "--threads", "2");
        JsonNode all = run(args, "--threads", "2", "--converge-all");
        JsonNode s = one.get("candidates");
        JsonNode f = all.get("candidates");
        assertThat(s.size()).isEqualTo(f.size());
        int best = one.get("best").asInt();
        assertThat(best).isEqualTo(all.get("best").asInt());
        assertThat(stopped(s.get(best))).isFalse();
        assertThat(s.get(best).get("logLikelihood").asDouble()).isEqualTo(f.get(best).get("logLikelihood").asDouble());
        assertThat(s.get(best).get("bic").asDouble()).isEqualTo(f.get(best).get("bic").asDouble());
        int count = 0;
        for (int i = 0; i < s.size(); i++) {
            assertThat(stopped(f.get(i))).isFalse();
            JsonNode b = two.get("candidates").get(i);
            assertThat(b.get("logLikelihood").asDouble()).isEqualTo(s.get(i).get("logLikelihood").asDouble());
            assertThat(stopped(b)).isEqualTo(stopped(s.get(i)));
            if (stopped(s.get(i))) {
                count++;
                double optimisticBic = s.get(i).get("bic").asDouble()
                        - 2 * (s.get(i).get("optimisticLogLikelihood").asDouble() - s.get(i).get("logLikelihood").asDouble());
                assertThat(optimisticBic).isGreaterThan(s.get(best).get("bic").asDouble());
            } else if (!s.get(i).has("failure") || s.get(i).get("failure").isNull()) {
                assertThat(s.get(i).get("logLikelihood").asDouble()).isEqualTo(f.get(i).get("logLikelihood").asDouble());
            }
        }
        assertThat(count).as("candidates stopped by the first pass").isPositive();
    }
}
