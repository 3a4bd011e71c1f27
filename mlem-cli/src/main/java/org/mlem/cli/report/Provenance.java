package org.mlem.cli.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.mlem.MlemUserException;

/**
 * What reproduces a fit: the command line, mlem's version and the files read, each with its size
 * and SHA-256 (standard input cannot be hashed after the fact and says so).
 *
 * @param commandLine the arguments as given, joined for a shell
 * @param version {@code mlem X (Java Y)}
 * @param files the files the command read, in the order of its arguments
 */
public record Provenance(String commandLine, String version, List<FileFact> files) {

    /**
     * One file the command read.
     *
     * @param role the option or parameter that named it ({@code FILE}, {@code --init})
     * @param name the path as given
     * @param bytes its size, −1 for standard input
     * @param sha256 its SHA-256 in hex, null for standard input
     */
    public record FileFact(String role, String name, long bytes, String sha256) {}

    public Provenance {
        files = List.copyOf(files);
    }

    /** The facts of {@code path} as named by {@code role}; {@code -} is standard input. */
    public static FileFact fileFact(String role, String path) {
        if (path.equals("-")) {
            return new FileFact(role, "standard input", -1, null);
        }
        Path p = Path.of(path);
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            long bytes = 0;
            for (int n; (n = in.read(buffer)) > 0;) {
                sha.update(buffer, 0, n);
                bytes += n;
            }
            return new FileFact(role, path, bytes, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            throw new MlemUserException("cannot read " + path + " to record its SHA-256 in the report: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /** {@code args} as one shell line: each argument quoted when it holds more than safe characters. */
    public static String shellLine(List<String> args) {
        StringBuilder sb = new StringBuilder("mlem");
        for (String a : args) {
            sb.append(' ').append(a.matches("[A-Za-z0-9_@%+=:,./-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
