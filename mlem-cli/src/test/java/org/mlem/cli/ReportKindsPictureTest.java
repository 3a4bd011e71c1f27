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
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"gmm", "hmm", "regmix", "dist", "tmix-holes"})
    void reportOfTheModelFileDrawsTheFitsPicture(String kind) throws IOException {
        Path model = dir.resolve("model.json");
        Path png = dir.resolve("fit.png");
        List<String> args = new ArrayList<>(fit(kind));
        String data = args.remove(args.size() - 1);
        args.addAll(List.of("--out", model.toString(), "--plot", png.toString(), data));
        Cli.Run fitted = Cli.run(args.toArray(String[]::new));
        assertThat(fitted.status()).as(fitted.err()).isZero();

        Path html = dir.resolve("report.html");
        Cli.Run report = Cli.run("report", model.toString(), data, "--out", html.toString());
        assertThat(report.status()).as(report.err()).isZero();
        assertThat(report.err()).doesNotContain("no picture");
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(Files.readString(html));
        assertThat(m.find()).as("an embedded picture").isTrue();
        assertThat(Base64.getDecoder().decode(m.group(1))).isEqualTo(Files.readAllBytes(png));
    }
}
