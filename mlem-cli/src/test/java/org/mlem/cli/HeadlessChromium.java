package org.mlem.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium run headless on a local page, with no network and a fresh profile: the DOM
 * after the page's scripts ran ({@code --dump-dom}), a screenshot (both from one run), and the browser's log, whose
 * {@code CONSOLE} lines are the page's console messages (errors, CSP violations).
 */
final class HeadlessChromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final int WIDTH = 1200;
    static final int HEIGHT = 2000;

    private HeadlessChromium() {}

    /** What one run printed: standard output (the DOM, for --dump-dom) and the log on standard error. */
    record Run(String out, String log) {
        /** The page's console messages in the log. */
        List<String> consoleLines() {
            return log.lines().filter(l -> l.contains(":CONSOLE")).toList();
        }
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** The rendered DOM of {@code page}. */
    static Run dumpDom(Path page, Path scratch) throws IOException, InterruptedException {
        return run(page, scratch, "--dump-dom");
    }

    /**
     * The rendered DOM of {@code page} and a {@link #WIDTH}×{@link #HEIGHT} screenshot of it into
     * {@code png}, from one start of the browser (it starts in about a second of CPU; a page and its
     * picture from two starts cost twice that).
     */
    static Run dumpDomAndScreenshot(Path page, Path png, Path scratch) throws IOException, InterruptedException {
        return run(page, scratch, "--dump-dom", "--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT,
                "--hide-scrollbars");
    }

    private static Run run(Path page, Path scratch, String... mode) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "profile");
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(mode));
        cmd.add(page.toUri().toString());
        Path out = scratch.resolve("chromium.out");
        Path err = scratch.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish in 120 s on " + page);
        }
        return new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
