package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file that is a pipe (as with {@code mlem score <(mlem fit gmm --json ...) data.csv}) can
 * be read only once; score must still read its kind and its model. Oracle: the same command with
 * the model in a regular file.
 */
class ModelFromPipeTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void scoreReadsAModelFromANamedPipe(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("x.csv");
        Files.writeString(data, "a,b\n1,2\n2,1\n3,4\n4,3\n10,11\n11,10\n12,13\n13,12\n");
        Path model = dir.resolve("m.json");
        assertThat(Cli.run("fit", "gmm", "--k", "2", "--out", model.toString(), data.toString()).status()).isZero();
        Cli.Run fromFile = Cli.run("score", "--total", model.toString(), data.toString());
        Path fifo = dir.resolve("m.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is needed for this test");
        byte[] json = Files.readAllBytes(model);
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, json);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.setDaemon(true); // a second read of the pipe would block it forever
        writer.start();
        Cli.Run fromPipe = Cli.run("score", "--total", fifo.toString(), data.toString());
        writer.join(10_000);
        assertThat(fromPipe.status()).as(fromPipe.err()).isZero();
        assertThat(fromPipe.out()).isEqualTo(fromFile.out());
    }
}
