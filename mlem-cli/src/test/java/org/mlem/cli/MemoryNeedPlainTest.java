package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The out-of-memory line made without {@code String.format} (the fallback when formatting itself
 * fails under a tiny heap, as a CI run saw at -Xmx16m) says what the formatted one says: the heap,
 * the file, and both ways out.
 */
class MemoryNeedPlainTest {
    @Test
    void thePlainLineNamesTheHeapTheFileAndTheFixes() {
        MemoryNeed.last = new MemoryNeed.Estimate("big.csv", 1L << 30, 600_000, 3);
        try {
            String line = MemoryNeed.outOfMemoryPlain();
            assertThat(line).startsWith("out of memory: Java may use at most ").contains("big.csv")
                    .contains("600000 rows x 3 columns").contains("MLEM_JAVA_OPTS=-Xmx")
                    .contains("mlem convert big.csv DATA.npy").doesNotContain("\n");
        } finally {
            MemoryNeed.last = null;
        }
    }
}
