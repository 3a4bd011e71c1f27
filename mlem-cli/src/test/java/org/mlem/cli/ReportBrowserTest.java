package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind of {@code --report} page opened in headless Chromium (Debian's package, which
 * {@code .ci/run} installs): it renders without a console message (a script error or a blocked
 * request would print one; the page's CSP forbids every fetch), its script finds every picture
 * decoded ({@code data-rendered="ok"}), the rendered DOM has the expected headings, embedded PNGs
 * and SVG charts, and the screenshot is the window's size and far from blank. Skipped, saying so,
 * only where Chromium is not installed.
 */
class ReportBrowserTest {
    private static final String EX = "../examples/";

    @TempDir
    static Path dir;

    /**
     * A report and what its page must show.
     *
     * @param headings the section ids expected, in order
     * @param pictures embedded PNGs expected
     * @param charts inline SVG charts expected
     */
    record Page(String name, List<String> args, List<String> headings, int pictures, int charts) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void needsChromium() {
        Assumptions.assumeTrue(HeadlessChromium.installed(), "Chromium is not installed at " + HeadlessChromium.BINARY
                + " (apt-get install -y chromium; .ci/run installs it), so the reports are not opened in a browser here");
    }

    static Stream<Page> pages() {
        List<String> em = List.of("summary", "estimates", "plots", "convergence", "starts", "warnings", "reproduce", "json");
        List<String> oneShot = List.of("summary", "estimates", "plots", "convergence", "warnings", "reproduce", "json");
        return Stream.of(
                new Page("fit gmm", List.of("fit", "gmm", "--k", "2", "--n-init", "3", EX + "faithful.csv"), em, 1, 1),
                new Page("fit hmm with standard errors", List.of("fit", "hmm", "--states", "2", "--emission", "gaussian",
                        "--columns", "waiting", "--standard-errors", "louis", EX + "faithful.csv"), em, 1, 1),
                new Page("fit glm", List.of("fit", "glm", "--family", "binomial", "--formula", "am ~ hp + wt", EX + "mtcars.csv"),
                        oneShot, 1, 0),
                new Page("fit zeroinfl", List.of("fit", "zeroinfl", "art ~ fem + mar + kid5 + phd + ment | ment",
                        EX + "biochemists.csv"), oneShot, 1, 0),
                new Page("select gmm", List.of("select", "gmm", "--k", "1..3", "--covariance", "full,diag", EX + "faithful.csv"),
                        List.of("summary", "candidates", "estimates", "plots", "warnings", "reproduce", "json"),
                        1, 1),
                new Page("mlem report of a model file and its data", List.of("report", "MODEL", EX + "faithful.csv"), em, 1, 1),
                // after the data: the fit that writes MODEL (default: fit gmm --k 2)
                new Page("mlem report of an hmm file and its data", List.of("report", "MODEL", EX + "faithful.csv",
                        "fit", "hmm", "--states", "2", "--emission", "gaussian", "--columns", "waiting"), em, 1, 1),
                new Page("mlem report of a regmix file and its data", List.of("report", "MODEL", EX + "mtcars.csv",
                        "fit", "regmix", "--k", "2", "--formula", "mpg ~ wt"), em, 1, 1),
                new Page("mlem report of a glm file and its data", List.of("report", "MODEL", EX + "warpbreaks.csv",
                        "fit", "glm", "--family", "poisson", "--formula", "breaks ~ wool + tension"), oneShot, 1, 0),
                new Page("mlem report of an nls file and its data", List.of("report", "MODEL", EX + "puromycin.csv",
                        "fit", "nls", "--formula", "rate ~ Vm*conc/(K+conc)", "--start", "Vm=200,K=0.1"), oneShot, 1, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void rendersWithoutErrorsAndShowsEverySection(Page page) throws IOException, InterruptedException {
        Path html = dir.resolve(page.name().replaceAll("\\W+", "-") + ".html");
        List<String> args = new ArrayList<>(page.args());
        if (args.get(0).equals("report")) {
            Path model = dir.resolve("model.json");
            List<String> fit = new ArrayList<>(args.size() > 3 ? args.subList(3, args.size()) : List.of("fit", "gmm", "--k", "2"));
            fit.addAll(List.of("--out", model.toString(), args.get(2)));
            Cli.Run written = Cli.run(fit.toArray(String[]::new));
            assertThat(written.status()).as(written.err()).isZero();
            args = new ArrayList<>(List.of("report", model.toString(), args.get(2), "--out", html.toString()));
        } else {
            args.addAll(List.of("--report", html.toString()));
        }
        Cli.Run fit = Cli.run(args.toArray(String[]::new));
        assertThat(fit.status()).as(fit.err()).isZero();

        Path png = dir.resolve(html.getFileName() + ".png");
        HeadlessChromium.Run dom = HeadlessChromium.dumpDomAndScreenshot(html, png, Files.createTempDirectory(dir, "dom"));
        assertThat(dom.consoleLines()).as("console messages").isEmpty();
        assertThat(dom.out()).contains("<body data-rendered=\"ok\">").contains("<pre id=\"page-errors\"></pre>");
        assertThat(ids(dom.out())).isEqualTo(page.headings());
        assertThat(count(dom.out(), "<img alt=\"[^\"]*\" src=\"data:image/png;base64,")).isEqualTo(page.pictures());
        assertThat(count(dom.out(), "<svg class=\"chart\"")).isEqualTo(page.charts());
        assertThat(count(dom.out(), "<polyline class=\"series\"")).isGreaterThanOrEqualTo(page.charts());
        assertThat(dom.out()).contains("SHA-256").contains("mlem " + page.args().get(0) + " ");

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(HeadlessChromium.WIDTH);
        assertThat(image.getHeight()).isEqualTo(HeadlessChromium.HEIGHT);
        assertNotBlank(image);
    }

    /** The oracle of the console check can fail: a page that logs an error is caught. */
    @Test
    void aConsoleErrorIsSeen() throws IOException, InterruptedException {
        Path page = dir.resolve("console-error.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><script>console.error('boom')</script></body></html>");
        HeadlessChromium.Run dom = HeadlessChromium.dumpDom(page, Files.createTempDirectory(dir, "control"));
        assertThat(dom.consoleLines()).anyMatch(l -> l.contains("boom"));
    }

    /** Ink on at least 3% of the pixels, in at least 50 colours (text, tables and the pictures' hues). */
    private static void assertNotBlank(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    ink++;
                }
            }
        }
        long sampled = (long) ((image.getHeight() + 1) / 2) * ((image.getWidth() + 1) / 2);
        assertThat(ink).as("pixels that are not white").isGreaterThan(sampled * 3 / 100);
        assertThat(colours.size()).as("distinct colours").isGreaterThanOrEqualTo(50);
    }

    private static List<String> ids(String dom) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("<h2 id=\"([a-z-]+)\">").matcher(dom);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
