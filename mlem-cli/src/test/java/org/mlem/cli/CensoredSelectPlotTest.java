package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlem.cli.Cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.dist.Families;
import org.mlem.io.ModelJson;
import org.mlem.mixture.ProductMixture;
import org.mlem.survival.CensoredFit;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.Truncation;
import org.mlem.testkit.Fixtures;

/**
 * {@code select dist|mixture} and {@code fit dist|mixture --plot} with censored rows. Oracles: the
 * selection's table against the fit commands run one by one with the same options (and, for
 * mixtures, the candidate's seed): log-likelihood, AIC and BIC bit for bit, the pick the lowest BIC;
 * the plots' data curve against the Kaplan–Meier estimate by hand on eight rows (exact) and against
 * R's {@code survfit} Turnbull curve on salinity (fixtures/survival/turnbull.json,
 * {@code survfitConvergedSurv}, 1e-8); the fitted curve against the closed-form Weibull (mixture)
 * survival at the {@code --out} file's estimates, truncated as P(T &gt; t | T ≥ A) = S(t) / S(A), 1e-12.
 */
class CensoredSelectPlotTest {
    private static final String SALINITY = "../examples/salinity.csv";
    private static final String LUNG = "../examples/lung.csv";

    @TempDir
    Path dir;

    /** Eight rows: events at 1, 1, 3, 5, 6; censored at 2, 3, 7 (SurvivalPlotTest's, without its covariate). */
    private String tiny() throws IOException {
        return Cli.file(dir, "tiny.csv", "time,status\n1,1\n1,1\n2,0\n3,1\n3,0\n5,1\n6,1\n7,0\n");
    }

    /** Every third row of lung (76 rows, 19 right-censored): small enough for four candidates in a second. */
    private String lungThirds() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(LUNG));
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 3; i < lines.size(); i += 3) {
            csv.append(lines.get(i)).append('\n');
        }
        return Cli.file(dir, "lung3.csv", csv.toString());
    }

    private static String bits(JsonNode n, String field) {
        return Long.toHexString(Double.doubleToLongBits(n.get(field).asDouble()));
    }

    @Test
    void selectDistIsFitDistFamilyByFamily() throws IOException {
        String[] rows = {"--interval", "left,right", "--truncate-below", "3"};
        Path best = dir.resolve("best.json");
        JsonNode sel = json(Cli.run(concat(new String[] {"select", "dist", "--families", "lognormal,weibull,gamma", "--json",
            "--out", best.toString()}, rows, SALINITY)));
        assertThat(sel.get("censoring").get("interval").asInt()).isEqualTo(29);
        assertThat(sel.get("truncation").get("below").asDouble()).isEqualTo(3);
        double lowest = Double.POSITIVE_INFINITY;
        JsonNode chosen = null;
        for (JsonNode c : sel.get("candidates")) {
            String family = c.get("family").asText();
            Path out = dir.resolve(family + ".json");
            JsonNode fit = json(Cli.run(concat(new String[] {"fit", "dist", "--family", family, "--json", "--out",
                out.toString()}, rows, SALINITY)));
            for (String f : List.of("logLikelihood", "aic", "bic")) {
                assertThat(bits(c, f)).as(family + " " + f).isEqualTo(bits(fit, f));
            }
            assertThat(c.get("parameters")).isEqualTo(fit.get("parameters"));
            assertThat(c.has("ks")).as("no gofstat statistics for censored rows").isFalse();
            if (c.get("bic").asDouble() < lowest) {
                lowest = c.get("bic").asDouble();
                chosen = ModelJson.mapper().readTree(out.toFile());
            }
        }
        assertThat(sel.get("candidates").get(sel.get("best").asInt()).get("bic").asDouble()).isEqualTo(lowest);
        ObjectNode written = (ObjectNode) ModelJson.mapper().readTree(best.toFile());
        written.remove("seconds");
        ((ObjectNode) chosen).remove("seconds");
        assertThat(written).as("--out is fit dist's file of the chosen family").isEqualTo(chosen);

        Cli.Run cut = Cli.run("select", "dist", "--column", "time", "--status", "status", "--truncate-below", "1.5", tiny());
        assertThat(cut.status()).isEqualTo(2);
        assertThat(cut.err().strip()).doesNotContain("\n").contains("tiny.csv:2:").contains("outside the truncation range");
        String bad = Cli.file(dir, "bad.csv", "time,status\n1,1\n2,7\n3,1\n");
        Cli.Run r = Cli.run("select", "dist", "--column", "time", "--status", "status", bad);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("bad.csv:3:").contains("unknown censoring status 7");
    }

    @Test
    void selectMixtureCandidatesAreFitMixtureWithTheirSeeds() throws IOException {
        String[] rows = {"--columns", "time", "--status", "status", "--n-init", "1"};
        String lung = lungThirds();
        JsonNode sel = json(Cli.run(concat(new String[] {"select", "mixture", "--k", "1..2", "--family", "weibull,lognormal",
            "--converge-all", "--json", "--seed", "7"}, rows, lung)));
        assertThat(sel.get("censoring").get("right").asInt()).isEqualTo(19);
        assertThat(sel.get("candidates")).hasSize(4);
        int lowest = -1;
        for (int i = 0; i < sel.get("candidates").size(); i++) {
            JsonNode c = sel.get("candidates").get(i);
            if (c.get("k").asInt() == 2) {
                JsonNode fit = json(Cli.run(concat(new String[] {"fit", "mixture", "--k", "2", "--family",
                    c.get("variant").asText(), "--json"}, rows, "--seed", c.get("seed").asText(), lung)));
                for (String f : List.of("logLikelihood", "aic", "bic")) {
                    assertThat(bits(c, f)).as(c.get("variant").asText() + " " + f).isEqualTo(bits(fit, f));
                }
                assertThat(c.get("nParameters").asInt()).isEqualTo(fit.get("nParameters").asInt());
            }
            if (lowest < 0 || c.get("bic").asDouble() < sel.get("candidates").get(lowest).get("bic").asDouble()) {
                lowest = i;
            }
        }
        assertThat(sel.get("best").asInt()).isEqualTo(lowest);

        BadInputTest.assertUserError(Cli.run(concat(new String[] {"select", "mixture", "--k", "1..2", "--family", "poisson"},
                rows, lung)), "select mixture: ", "continuous families");
        String swapped = Cli.file(dir, "i.csv", "lo,hi\n1,2\n5,3\n4,4\n6,\n");
        Cli.Run r = Cli.run("select", "mixture", "--k", "1..2", "--family", "lognormal", "--interval", "lo,hi", swapped);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("i.csv:3:").contains("exceeds the upper bound");
        String negative = Cli.file(dir, "n.csv", "lo,hi\n1,2\n3,3\n-4,\n6,\n7,7\n");
        r = Cli.run("select", "mixture", "--k", "1..2", "--family", "weibull", "--interval", "lo,hi", negative);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("n.csv:4:").contains("is negative");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void distPlotIsKaplanMeierByHandAndTheTruncatedWeibull() throws IOException {
        String csv = tiny();
        Path out = dir.resolve("w.json");
        Path png = dir.resolve("w.png");
        Cli.Run r = Cli.run("fit", "dist", "--family", "weibull", "--column", "time", "--status", "status",
                "--truncate-below", "0.5", "--out", out.toString(), "--plot", png.toString(), csv);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.size(png)).isPositive();
        // the file does not name the status column, so mlem report cannot redraw the picture: it says so
        Cli.Run report = Cli.run("report", out.toString(), csv, "--out", dir.resolve("w.html").toString());
        assertThat(report.status()).as(report.err()).isZero();
        assertThat(report.err()).contains("drawn only by its fit command's --report");
        JsonNode p = ModelJson.mapper().readTree(out.toFile()).get("parameters");
        double shape = p.get("shape").asDouble();
        double scale = p.get("scale").asDouble();

        CensoredSample s = CensoredSample.ofStatus(new double[] {1, 1, 2, 3, 3, 5, 6, 7}, new double[] {1, 1, 0, 1, 0, 1, 1, 0},
                null);
        CensoredPicture pic = CensoredDistRun.picture(CensoredFit.fit(Families.byName("weibull"), s,
                new Truncation(0.5, Double.POSITIVE_INFINITY)));
        assertThat(pic.nonparametric()).isEqualTo("Kaplan-Meier estimate");
        assertThat(pic.stepX()).containsExactly(1, 3, 5, 6);
        assertThat(pic.stepY()).containsExactly(SurvivalPlotTest.tinyKaplanMeier());
        assertThat(pic.fittedX()[0]).isZero();
        assertThat(pic.fittedX()[pic.fittedX().length - 1]).isGreaterThan(7);
        double atA = Math.exp(-Math.pow(0.5 / scale, shape));
        for (int g = 0; g < pic.fittedX().length; g++) {
            double t = pic.fittedX()[g];
            double expected = t < 0.5 ? 1 : Math.exp(-Math.pow(t / scale, shape)) / atA;
            assertThat(pic.fittedY()[g]).as("t = " + t).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void intervalCensoredDataAreDrawnAsSurvfitsTurnbullCurve() throws IOException {
        Path png = dir.resolve("s.png");
        Cli.Run r = Cli.run("fit", "dist", "--family", "lognormal", "--interval", "left,right", "--plot", png.toString(),
                SALINITY);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.size(png)).isPositive();
        JsonNode ref = Fixtures.json("survival/turnbull.json").get(0);
        assertThat(ref.get("dataset").asText()).isEqualTo("salinity");
        CensoredSample s = CensoredSample.ofIntervals(numbers(ref.get("left")), numbers(ref.get("right")), null);
        CensoredPicture pic = CensoredDistRun.picture(CensoredFit.fit(Families.byName("lognormal"), s, Truncation.NONE));
        assertThat(pic.nonparametric()).isEqualTo("Turnbull estimate");
        JsonNode times = ref.get("survfitTime");
        int matched = 0;
        for (int j = 0; j < pic.stepX().length; j++) {
            for (int i = 0; i < times.size(); i++) {
                if (times.get(i).asDouble() == pic.stepX()[j]) {
                    assertThat(pic.stepY()[j]).as("S(%s)", pic.stepX()[j])
                            .isCloseTo(ref.get("survfitConvergedSurv").get(i).asDouble(), within(1e-8));
                    matched++;
                }
            }
        }
        assertThat(matched).isEqualTo(pic.stepX().length);
    }

    @Test
    void mixturePlotIsTheWeightedSumOfWeibullSurvivals() throws IOException {
        Path out = dir.resolve("m.json");
        Path png = dir.resolve("m.png");
        String csv = lungThirds();
        Cli.Run r = Cli.run("fit", "mixture", "--k", "2", "--family", "weibull", "--columns", "time", "--status", "status",
                "--n-init", "1", "--out", out.toString(), "--plot", png.toString(), csv);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.size(png)).isPositive();
        JsonNode m = ModelJson.mapper().readTree(out.toFile());
        Frame lung = Frame.of(csv);
        CensoredSample s = CensoredSample.ofStatus(lung.time, lung.status, null);
        CensoredPicture pic = CensoredMixtureRun.picture(ModelFiles.mixture(out), s);
        assertThat(pic.nonparametric()).isEqualTo("Kaplan-Meier estimate");
        // the first step by hand: the events at the smallest event time over every row, all at risk
        double first = pic.stepX()[0];
        long events = 0;
        for (int i = 0; i < lung.time.length; i++) {
            assertThat(lung.time[i] < first && lung.status[i] == 2).as("an event before the first step").isFalse();
            events += lung.time[i] == first && lung.status[i] == 2 ? 1 : 0;
        }
        assertThat(pic.stepY()[0]).isEqualTo(1 - events / (double) lung.time.length);
        for (int g = 0; g < pic.fittedX().length; g++) {
            double t = pic.fittedX()[g];
            double expected = 0;
            for (int j = 0; j < 2; j++) {
                JsonNode c = m.get("components").get(j);
                expected += m.get("weights").get(j).asDouble()
                        * Math.exp(-Math.pow(t / c.get("scale").asDouble(), c.get("shape").asDouble()));
            }
            assertThat(pic.fittedY()[g]).as("t = " + t).isCloseTo(expected, within(1e-12));
        }
    }

    /** lung's time and status columns. */
    private record Frame(double[] time, double[] status) {
        static Frame of(String csv) {
            org.mlem.formula.Frame f = org.mlem.formula.Frame.readCsv(Path.of(csv));
            return new Frame(f.numeric("time"), f.numeric("status"));
        }
    }

    private static double[] numbers(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).isNull() ? Double.NaN : array.get(i).asDouble();
        }
        return v;
    }

    private static String[] concat(String[] head, String[] middle, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(middle));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }
}
