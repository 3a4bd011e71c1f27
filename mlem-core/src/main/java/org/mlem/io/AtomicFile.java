package org.mlem.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.mlem.MlemUserException;

/**
 * Writes a file all or nothing: the content goes to a temporary file beside the target
 * ({@code .NAME.RANDOM.tmp}, same folder so the rename stays on one file system), is forced to disk,
 * and is then renamed over the target (an atomic move where the file system has one, else a
 * replacing move). A write that fails or is interrupted leaves the target absent or as it was, and
 * removes the temporary file (on an interrupt, when the JVM shuts down). A symbolic link is
 * followed, so the file it points to is replaced; a target that exists and is not a regular file
 * ({@code /dev/null}, a named pipe) is written in place, since it cannot be replaced.
 *
 * <p>Failures are user errors naming the target and the fix: the command-line tool exits with
 * status 2.
 */
public final class AtomicFile {
    private AtomicFile() {}

    /** Writes the content into the file at the path it is given. */
    @FunctionalInterface
    public interface PathWriter {
        void write(Path file) throws IOException;
    }

    /** Writes the content to a stream (buffered; closed by {@link AtomicFile}). */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code text} in UTF-8; {@code what} names the content in messages ("the model"). */
    public static void writeString(Path target, String what, String text) {
        write(target, what, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes what {@code body} writes to a stream. */
    public static void write(Path target, String what, StreamWriter body) {
        writeFile(target, what, file -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                body.write(out);
            }
        });
    }

    /**
     * Lets {@code body} write a temporary file, then puts it in place of {@code target}. Any
     * exception of {@code body} (a user error in the data, say) is passed on after the temporary
     * file is removed; an {@link IOException} becomes a user error naming {@code target}.
     */
    public static void writeFile(Path target, String what, PathWriter body) {
        Path real = destination(target, what);
        if (Files.exists(real) && !Files.isRegularFile(real)) {
            try {
                body.write(real);
            } catch (IOException e) {
                throw cannotWrite(target, what, e);
            }
            return;
        }
        Path temp = createTemp(real, target, what);
        boolean moved = false;
        try {
            body.write(temp);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            keepPermissions(real, temp);
            try {
                Files.move(temp, real, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, real, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (IOException e) {
            throw cannotWrite(target, what, e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // left for deleteOnExit; the target is untouched either way
                }
            }
        }
    }

    /**
     * Where {@code target} really is: its link target when it is a symbolic link, else the path
     * itself; checks that its folder exists and that it is not a folder.
     */
    public static Path destination(Path target, String what) {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new MlemUserException("cannot write " + what + ": it is a folder; name a file", target.toString(), -1, -1);
        }
        Path real = absolute;
        if (Files.exists(absolute)) {
            try {
                real = absolute.toRealPath();
            } catch (IOException e) {
                real = absolute;
            }
        }
        Path folder = real.getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new MlemUserException("cannot write " + what + ": the folder " + folder
                    + " does not exist; create it or choose another path", target.toString(), -1, -1);
        }
        return real;
    }

    private static Path createTemp(Path real, Path target, String what) {
        Path folder = real.getParent();
        for (int attempt = 0; ; attempt++) {
            Path temp = folder.resolve("." + real.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                // createFile, unlike createTempFile, gives the permissions of any new file (the umask's)
                Files.createFile(temp);
                temp.toFile().deleteOnExit();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw cannotWrite(target, what, e);
                }
            } catch (IOException e) {
                throw cannotWrite(target, what, e);
            }
        }
    }

    /** A replaced file keeps its permissions (best effort: not every file system has POSIX ones). */
    private static void keepPermissions(Path real, Path temp) {
        if (!Files.exists(real)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(real));
        } catch (IOException | UnsupportedOperationException e) {
            // the new file keeps the default permissions
        }
    }

    private static MlemUserException cannotWrite(Path target, String what, IOException e) {
        return new MlemUserException("cannot write " + what + " (" + reason(e) + "); nothing was written: check the folder "
                + "exists, is writable and has space", target.toString(), -1, -1);
    }

    /** The operating system's reason, without the path it repeats. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
