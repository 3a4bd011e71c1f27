import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * ./mvnw's helper on a machine with a JDK and neither curl nor wget nor sha512sum, run as a
 * single source file ({@code java Fetch.java}): {@code download URL FILE} copies URL to FILE,
 * {@code sha512 FILE} prints the file's SHA-512 in hex.
 */
public final class Fetch {
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("download")) {
            try (InputStream in = URI.create(args[1]).toURL().openStream()) {
                Files.copy(in, Path.of(args[2]), StandardCopyOption.REPLACE_EXISTING);
            }
        } else if (args.length == 2 && args[0].equals("sha512")) {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            System.out.println(HexFormat.of().formatHex(digest.digest()));
        } else {
            System.err.println("usage: java Fetch.java download URL FILE | sha512 FILE");
            System.exit(2);
        }
    }
}
