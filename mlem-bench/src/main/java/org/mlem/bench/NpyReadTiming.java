package org.mlem.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mlem.data.Block;
import org.mlem.data.npy.NpyBlockSource;

/**
 * How fast {@link NpyBlockSource} streams a {@code .npy} file, to set beside a plain copy of the
 * same file ({@code dd if=FILE of=/dev/null bs=8M}): passes over every block (each its own
 * timing, the first with the JVM cold), a checksum of every cell so nothing is skipped, and the
 * rate in MB/s. {@code java -cp mlem-bench.jar org.mlem.bench.NpyReadTiming FILE.npy [passes]}.
 */
public final class NpyReadTiming {
    private NpyReadTiming() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double megabytes = Files.size(file) / 1e6;
        try (NpyBlockSource source = NpyBlockSource.open(file)) {
            for (int p = 0; p < passes; p++) {
                long t0 = System.nanoTime();
                double sum = 0;
                for (int b = 0; b < source.blockCount(); b++) {
                    Block block = source.block(b);
                    double[] x = block.x();
                    for (int i = 0, end = block.rows() * block.cols(); i < end; i++) {
                        sum += x[i];
                    }
                }
                double seconds = (System.nanoTime() - t0) * 1e-9;
                System.out.printf("pass %d: %d rows, %.0f MB in %.3f s = %.0f MB/s, sum of cells %.17g%n", p + 1,
                        source.rows(), megabytes, seconds, megabytes / seconds, sum);
            }
        }
    }
}
