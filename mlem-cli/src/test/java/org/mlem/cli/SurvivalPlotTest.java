package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.io.ModelJson;
import org.mlem.survival.AftDistribution;
import org.mlem.survival.SurvivalFit;
import org.mlem.survival.SurvivalFormula;

/**
 * {@code fit survreg|tobit --plot}: the PNG is written, and the curves it draws are checked.
 * Oracles: the Kaplan–Meier curve against the product-limit estimate computed by hand on eight rows
 * (exact); the fitted marginal curve against each family's closed-form survival (Weibull
 * exp(−(t e^−η)^{1/σ}), exponential, lognormal 1 − Φ((log t − η)/σ), log-logistic
 * 1/(1 + (t e^−η)^{1/σ})) or the Tobit's censored-normal CDF Φ((y − η)/σ), at the {@code --out}
 * file's coefficients and scale, averaged over the rows, 1e-9.
 */
class SurvivalPlotTest {
    private static final NormalDistribution PHI = new NormalDistribution(0, 1);

    @TempDir
    Path dir;

    /** Eight rows: events at 1, 1, 3, 5, 6; censored at 2, 3, 7. */
    private String tiny() throws IOException {
        return Cli.file(dir, "tiny.csv", "time,status,x\n1,1,0\n1,1,1\n2,0,0\n3,1,1\n3,0,0\n5,1,1\n6,1,0\n7,0,1\n");
    }

    /** 40 rows with a covariate and about a quarter censored, deterministic. */
    private String rows40() throws IOException {
        StringBuilder csv = new StringBuilder("time,status,x\n");
        for (int i = 0; i < 40; i++) {
            double x = (i % 8) / 4.0;
            double t = Math.exp(1 + 0.5 * x + 0.6 * Math.sin(1.7 * i));
            csv.append(String.format(Locale.ROOT, "%.4f,%d,%s%n", t, i % 4 == 3 ? 0 : 1, x));
        }
        return Cli.file(dir, "rows40.csv", csv.toString());
    }

    private static SurvivalPicture picture(String csv, String formula, AftDistribution d) {
        SurvivalFormula.Rows rows = SurvivalFormula.survregRows(formula, Frame.readCsv(Path.of(csv)), DesignSpec.DEFAULTS);
        SurvivalFit fit = SurvivalFormula.fit(rows, d);
        return SurvivalPicture.of(fit, rows, null);
    }

    @Test
    void kaplanMeierIsTheProductLimitByHandAndThePngIsWritten() throws IOException {
        String csv = tiny();
        Path png = dir.resolve("km.png");
        Cli.Run r = Cli.run("fit", "survreg", "--formula", "Surv(time, status) ~ x", "--plot", png.toString(), csv);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.size(png)).isPositive();
        SurvivalPicture p = picture(csv, "Surv(time, status) ~ x", AftDistribution.WEIBULL);
        assertThat(p.nonparametric()).isEqualTo("Kaplan-Meier estimate");
        assertThat(p.stepX()).containsExactly(1, 3, 5, 6);
        assertThat(p.stepY()).containsExactly(tinyKaplanMeier());
    }

    /** The Kaplan–Meier estimate of {@link #tiny}'s times by hand, after t = 1, 3, 5, 6. */
    static double[] tinyKaplanMeier() {
        // at risk: 8 at t=1 (2 events), 5 at t=3 (1 event; the row censored at 3 still at risk), 3 at t=5, 2 at t=6
        double s1 = 1 - 2.0 / 8;
        double s3 = s1 * (1 - 1.0 / 5);
        double s5 = s3 * (1 - 1.0 / 3);
        double s6 = s5 * (1 - 1.0 / 2);
        return new double[] {s1, s3, s5, s6};
    }

    /**
     * Weights are repeated rows: the weighted picture's Kaplan–Meier steps and fitted marginal equal
     * those of the data with each row written w times (steps 1e-15, fitted curve 1e-9).
     */
    @Test
    void weightsCountAsRepeatedRows() throws IOException {
        String base = Files.readString(Path.of(rows40()));
        String[] lines = base.split("\n");
        StringBuilder weighted = new StringBuilder(lines[0] + ",w\n");
        StringBuilder repeated = new StringBuilder(lines[0] + "\n");
        for (int i = 1; i < lines.length; i++) {
            int w = 1 + i % 3;
            weighted.append(lines[i]).append(',').append(w).append('\n');
            repeated.append((lines[i] + "\n").repeat(w));
        }
        String formula = "Surv(time, status) ~ x";
        SurvivalFormula.Rows wr = SurvivalFormula.survregRows(formula,
                Frame.readCsv(Path.of(Cli.file(dir, "w.csv", weighted.toString()))), DesignSpec.DEFAULTS.withWeights("w"));
        SurvivalPicture pw = SurvivalPicture.of(SurvivalFormula.fit(wr, AftDistribution.WEIBULL), wr, null);
        SurvivalPicture pr = picture(Cli.file(dir, "r.csv", repeated.toString()), formula, AftDistribution.WEIBULL);
        assertThat(pw.stepX()).containsExactly(pr.stepX());
        assertThat(pw.stepY()).containsExactly(pr.stepY(), within(1e-15));
        assertThat(pw.fittedX()).containsExactly(pr.fittedX(), within(1e-12));
        assertThat(pw.fittedY()).containsExactly(pr.fittedY(), within(1e-9));
    }

    @Test
    void fittedSurvivalIsEachFamilysClosedFormAveragedOverRows() throws IOException {
        String csv = rows40();
        double[][] data = read(csv);
        for (AftDistribution d : new AftDistribution[] {AftDistribution.WEIBULL, AftDistribution.EXPONENTIAL,
                AftDistribution.LOGNORMAL, AftDistribution.LOGLOGISTIC}) {
            JsonNode j = fitAndDraw(d.rName(), csv, "survreg", "--formula", "Surv(time, status) ~ x", "--dist", d.rName());
            double b0 = j.get("coefficients").get("(Intercept)").asDouble();
            double b1 = j.get("coefficients").get("x").asDouble();
            double sigma = j.get("scale").asDouble();
            SurvivalPicture p = picture(csv, "Surv(time, status) ~ x", d);
            assertThat(p.fittedX()).hasSizeGreaterThan(100);
            assertThat(p.fittedX()[p.fittedX().length - 1]).isGreaterThan(max(data[0]));
            for (int g = 0; g < p.fittedX().length; g++) {
                double t = p.fittedX()[g];
                double mean = 0;
                for (int i = 0; i < data[0].length; i++) {
                    mean += closedFormSurvival(d, t, b0 + b1 * data[2][i], sigma);
                }
                mean /= data[0].length;
                assertThat(p.fittedY()[g]).as(d.rName() + " at t = " + t).isCloseTo(mean, within(1e-9));
            }
        }
    }

    @Test
    void tobitDrawsTheEcdfAndTheCensoredNormalMarginal() throws IOException {
        String csv = "../examples/mtcars.csv";
        JsonNode j = fitAndDraw("tobit", csv, "tobit", "--formula", "mpg ~ wt", "--left", "15");
        double b0 = j.get("coefficients").get("(Intercept)").asDouble();
        double b1 = j.get("coefficients").get("wt").asDouble();
        double sigma = j.get("scale").asDouble();
        Frame frame = Frame.readCsv(Path.of(csv));
        double[] mpg = frame.numeric("mpg");
        double[] wt = frame.numeric("wt");
        SurvivalFormula.Rows rows = SurvivalFormula.tobitRows("mpg ~ wt", frame, DesignSpec.DEFAULTS, 15,
                Double.POSITIVE_INFINITY, AftDistribution.GAUSSIAN);
        SurvivalPicture p = SurvivalPicture.of(SurvivalFormula.fit(rows, AftDistribution.GAUSSIAN), rows,
                new double[] {15, Double.POSITIVE_INFINITY});
        boolean sawLeft = false;
        for (int g = 0; g < p.fittedX().length; g++) {
            double y = p.fittedX()[g];
            double mean = 0;
            for (int i = 0; i < wt.length; i++) {
                mean += y < 15 ? 0 : PHI.cumulativeProbability((y - b0 - b1 * wt[i]) / sigma);
            }
            sawLeft |= y == 15;
            assertThat(p.fittedY()[g]).as("at y = " + y).isCloseTo(mean / wt.length, within(1e-9));
        }
        assertThat(sawLeft).as("the jump at the left censoring point is on the grid").isTrue();
        // the ECDF of max(mpg, 15): at 15 the share of rows at or below 15, at the largest value 1
        long atMost15 = java.util.Arrays.stream(mpg).filter(v -> v <= 15).count();
        assertThat(p.stepX()[0]).isEqualTo(15);
        assertThat(p.stepY()[0]).isEqualTo((double) atMost15 / mpg.length);
        assertThat(p.stepY()[p.stepY().length - 1]).isEqualTo(1.0);
    }

    /** Runs {@code fit KIND ARGS --out NAME.json --plot NAME.png CSV}, checks the PNG is written, returns the file. */
    private JsonNode fitAndDraw(String name, String csv, String kind, String... args) throws IOException {
        Path out = dir.resolve(name + ".json");
        Path png = dir.resolve(name + ".png");
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("fit", kind));
        all.addAll(java.util.List.of(args));
        all.addAll(java.util.List.of("--out", out.toString(), "--plot", png.toString(), csv));
        Cli.Run r = Cli.run(all.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.size(png)).isPositive();
        return ModelJson.mapper().readTree(out.toFile());
    }

    private static double closedFormSurvival(AftDistribution d, double t, double eta, double sigma) {
        if (t <= 0) {
            return 1;
        }
        double u = t * Math.exp(-eta);
        return switch (d) {
            case WEIBULL -> Math.exp(-Math.pow(u, 1 / sigma));
            case EXPONENTIAL -> Math.exp(-u);
            case LOGNORMAL -> 1 - PHI.cumulativeProbability((Math.log(t) - eta) / sigma);
            case LOGLOGISTIC -> 1 / (1 + Math.pow(u, 1 / sigma));
            default -> throw new IllegalArgumentException(d.rName());
        };
    }

    private static double[][] read(String csv) {
        Frame f = Frame.readCsv(Path.of(csv));
        return new double[][] {f.numeric("time"), f.numeric("status"), f.numeric("x")};
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElseThrow();
    }
}
