package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's cache training runs every one of its commands to exit 0: a command line there
 * that a change in the CLI broke would leave every user without a start-up cache, silently.
 */
class StartupTrainingTest {
    @TempDir
    Path dir;

    @Test
    void everyTrainingCommandSucceeds() throws Exception {
        assertThat(StartupTraining.run(dir, false)).isZero();
    }
}
