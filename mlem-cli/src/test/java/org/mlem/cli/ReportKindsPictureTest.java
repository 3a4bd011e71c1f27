package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlem report MODEL.json DATA} draws each kind's picture as its fit's {@code --plot} (and so
 * {@code --report}) does (issue 17). Oracle: the fit's own {@code --plot} PNG, byte for byte (the
 * same plot code on the same rows, model and trace).
 */
class ReportKindsPictureTest {
    private static final String EX = "../examples/";

    @TempDir
    Path dir;

    private static List<String> fit(String kind) {
        return switch (kind) {
            case "gmm" -> List.of("fit", "gmm", "--k", "2", "--seed", "1", EX + "faithful.csv");
            case "hmm" -> List.of("fit", "hmm", "--states", "2", "--emission", "gaussian", "--columns", "waiting",
                    "--seed", "1", EX + "faithful.csv");
            case "regmix" -> List.of("fit", "regmix", "--k", "2", "--formula", "mpg ~ wt", "--seed", "1", EX + "mtcars.csv");
            case "dist" -> List.of("fit", "dist", "--family", "gamma", "--column", "waiting", EX + "faithful.csv");
            case "tmix-holes" -> List.of("fit", "tmix", "--k", "2", "--missing", "em", "--seed", "1",
                    EX + "faithful_holes.csv");
            case "glm" -> List.of("fit", "glm", "--family", "binomial", "--formula", "am ~ hp + wt", EX + "mtcars.csv");
            case "glm-levels" -> List.of("fit", "glm", "--family", "poisson", "--formula", "breaks ~ wool * tension",
                    "--levels", "tension=L,M,H", EX + "warpbreaks.csv");
            case "glm-bases" -> List.of("fit", "glm", "--family", "gamma", "--link", "log", "--formula",
                    "mpg ~ poly(wt, 2) + ns(hp, 3) + factor(cyl)", "--weights", "carb", EX + "mtcars.csv");
            case "glm-negbin-offset" -> List.of("fit", "glm", "--family", "negbin", "--formula",
                    "art ~ fem + mar + kid5 + ment + offset(log(phd))", EX + "biochemists.csv");
            case "glm-cbind" -> List.of("fit", "glm", "--family", "binomial", "--link", "probit", "--formula",
                    "cbind(vs, carb) ~ wt + cyl_f", EX + "mtcars.csv");
            case "glm-drop-missing" -> List.of("fit", "glm", "--family", "poisson", "--formula", "Ozone ~ Temp + Wind",
                    "--drop-missing", EX + "airquality.csv");
            case "nls" -> List.of("fit", "nls", "--formula", "rate ~ Vm*conc/(K+conc)", "--start", "Vm=200,K=0.1",
                    EX + "puromycin.csv");
            case "nls-weights" -> List.of("fit", "nls", "--formula", "log(rate) ~ log(Vm*conc/(K+conc))", "--start",
                    "Vm=200,K=0.1", "--weights", "w", EX + "puromycin.csv");
            case "nls-two-predictors" -> List.of("fit", "nls", "--formula", "mpg ~ a*exp(-b*wt) + c*hp", "--start",
                    "a=50,b=0.3,c=-0.01", EX + "mtcars.csv");
            case "regmix-ns" -> List.of("fit", "regmix", "--k", "2", "--family", "poisson", "--formula", "yp ~ ns(x, 3)",
                    "--seed", "1", "--n-init", "2", "../mlem-core/src/test/resources/fixtures/regmix/npreg.csv");
            case "zeroinfl" -> List.of("fit", "zeroinfl", "art ~ fem + ment | ment", EX + "biochemists.csv");
            case "hurdle-negbin" -> List.of("fit", "hurdle", "--dist", "negbin", "art ~ fem + ment", EX + "biochemists.csv");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"gmm", "hmm", "regmix", "dist", "tmix-holes", "glm", "glm-levels", "glm-bases",
            "glm-negbin-offset", "glm-cbind", "glm-drop-missing", "nls", "nls-weights", "nls-two-predictors", "regmix-ns",
            "zeroinfl", "hurdle-negbin"})
    void reportOfTheModelFileDrawsTheFitsPicture(String kind) throws IOException {
        Path model = dir.resolve("model.json");
        Path png = dir.resolve("fit.png");
        List<String> args = new ArrayList<>(fit(kind));
        String data = args.remove(args.size() - 1);
        args.addAll(List.of("--out", model.toString(), "--plot", png.toString(), data));
        Cli.Run fitted = Cli.run(args.toArray(String[]::new));
        assertThat(fitted.status()).as(fitted.err()).isZero();

        Path html = dir.resolve("report.html");
        List<String> reportArgs = new ArrayList<>(List.of("report", model.toString(), data, "--out", html.toString()));
        if (args.contains("--drop-missing")) {
            reportArgs.add("--drop-missing"); // the rows the fit used
        }
        Cli.Run report = Cli.run(reportArgs.toArray(String[]::new));
        assertThat(report.status()).as(report.err()).isZero();
        assertThat(report.err()).doesNotContain("no picture");
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(Files.readString(html));
        assertThat(m.find()).as("an embedded picture").isTrue();
        assertThat(Base64.getDecoder().decode(m.group(1))).isEqualTo(Files.readAllBytes(png));
    }
}
