package org.mlem.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Named pipes for tests of input that can be read only once, as a shell's {@code <(command)} gives. */
public final class Pipes {
    private Pipes() {}

    /** A new named pipe at {@code path}; the test is skipped where mkfifo is missing. */
    public static Path mkfifo(Path path) throws IOException, InterruptedException {
        assumeTrue(new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0, "mkfifo is needed for this test");
        return path;
    }

    /**
     * Writes {@code bytes} into the pipe on a daemon thread (it blocks until a reader opens the pipe
     * and has taken all but the pipe's buffer) and returns that thread, to join.
     */
    public static Thread writeInBackground(Path fifo, byte[] bytes) {
        Thread writer = new Thread(() -> {
            try (OutputStream o = Files.newOutputStream(fifo)) {
                o.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "fifo-writer");
        writer.setDaemon(true);
        writer.start();
        return writer;
    }
}
