package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A convert that fails leaves no .npy file, or the old one untouched; before, a bad cell on line 21
 * of 41 left a valid-looking 19-row file (which then fitted with exit 0), and the old file was
 * truncated before the input was read. A truncated gzip input is one line, exit 2.
 */
class ConvertFailureTest {
    @TempDir
    Path dir;

    /** 40 rows, the 20th not a number. */
    private String badAtRow20() throws IOException {
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int i = 0; i < 40; i++) {
            sb.append(i == 19 ? "x" : String.valueOf(i)).append(',').append(2 * i).append('\n');
        }
        Path p = dir.resolve("bad.csv");
        Files.writeString(p, sb);
        return p.toString();
    }

    private String[] folder() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void aFailedConvertLeavesNoFile() throws IOException {
        String bad = badAtRow20();
        BadInputTest.assertUserError(Cli.run("convert", bad, dir.resolve("t.npy").toString()), bad + ":21:1: ",
                "not a finite number");
        assertThat(folder()).containsExactly("bad.csv");
    }

    @Test
    void aFailedConvertLeavesTheOldFileAsItWas() throws IOException {
        Path good = dir.resolve("good.csv");
        Files.writeString(good, "a,b\n1,2\n3,4\n");
        Path npy = dir.resolve("t.npy");
        assertThat(Cli.run("convert", good.toString(), npy.toString()).status()).isZero();
        byte[] before = Files.readAllBytes(npy);
        String bad = badAtRow20();
        assertThat(Cli.run("convert", bad, npy.toString()).status()).isEqualTo(2);
        assertThat(Files.readAllBytes(npy)).isEqualTo(before);
        assertThat(folder()).containsExactly("bad.csv", "good.csv", "t.npy");
    }

    @Test
    void aTruncatedGzipIsOneLineExitTwo() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            StringBuilder sb = new StringBuilder("a,b\n");
            for (int i = 0; i < 20000; i++) {
                sb.append(i).append(',').append(i * 7 % 13).append('\n');
            }
            gz.write(sb.toString().getBytes());
        }
        byte[] all = bytes.toByteArray();
        for (int keep : new int[] {all.length / 2, 5}) {
            Path cut = dir.resolve("cut" + keep + ".csv.gz");
            Files.write(cut, Arrays.copyOf(all, keep));
            BadInputTest.assertUserError(Cli.run("convert", cut.toString(), dir.resolve("t.npy").toString()), cut + ": ",
                    "gzip data is truncated or corrupt", "compress or fetch the file again");
            assertThat(dir.resolve("t.npy")).doesNotExist();
        }
    }
}
