package org.mlem.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.MlemUserException;

/** Writes are all or nothing: a failure part way leaves the old file (or none) and no temporary file. */
class AtomicFileTest {
    @TempDir
    Path dir;

    private String[] folder() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void aCompleteWriteReplacesTheFile() throws IOException {
        Path target = dir.resolve("m.json");
        Files.writeString(target, "old");
        AtomicFile.writeString(target, "the model", "new");
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(folder()).containsExactly("m.json");
    }

    @Test
    void aWriteThatFailsPartWayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("m.json");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFile.write(target, "the model", out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new MlemUserException("bad data at row 20");
        })).isInstanceOf(MlemUserException.class).hasMessage("bad data at row 20");
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(folder()).containsExactly("m.json");
    }

    @Test
    void anIoFailureIsAUserErrorNamingTheTargetAndLeavesNoFile() throws IOException {
        Path target = dir.resolve("m.npy");
        assertThatThrownBy(() -> AtomicFile.writeFile(target, "the .npy file", file -> {
            Files.writeString(file, "partial");
            throw new IOException("No space left on device");
        })).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("cannot write the .npy file (No space left on device)")
                .satisfies(e -> assertThat(((MlemUserException) e).source()).isEqualTo(target.toString()));
        assertThat(folder()).isEmpty();
    }

    @Test
    void aMissingFolderOrAFolderAsTargetIsAUserError() {
        assertThatThrownBy(() -> AtomicFile.writeString(dir.resolve("none").resolve("m.json"), "the model", "x"))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("the folder").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> AtomicFile.writeString(dir, "the model", "x"))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("it is a folder");
    }

    @Test
    void aSymbolicLinkIsFollowedAndAReplacedFileKeepsItsPermissions() throws IOException {
        Path real = dir.resolve("real.json");
        Files.writeString(real, "old");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-------"));
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);
        AtomicFile.writeString(link, "the model", "new");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-------");
        assertThat(folder()).containsExactly("link.json", "real.json");
    }

    @Test
    void aDeviceIsWrittenInPlace() {
        Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull));
        AtomicFile.writeString(devNull, "the model", "discarded");
        assertThat(Files.isRegularFile(devNull)).isFalse();
    }
}
