package org.mlem.bench;

import org.mlem.data.CsvColumn;
import org.mlem.data.CsvFormat;
import org.mlem.data.CsvReader;
import org.mlem.data.CsvTable;

/**
 * Times one cold read of a CSV file by {@link CsvReader} (the JVM's first, JIT warm-up included)
 * and prints a checksum of every numeric cell, so two builds can be compared on the same file:
 * {@code java -cp mlem-bench.jar org.mlem.bench.CsvReadTiming FILE.csv}.
 */
public final class CsvReadTiming {
    private CsvReadTiming() {}

    public static void main(String[] args) {
        long start = System.nanoTime();
        CsvTable table = CsvReader.read(args[0], CsvFormat.DEFAULT);
        long end = System.nanoTime();
        double sum = 0;
        for (String name : table.numericNames()) {
            for (double v : ((CsvColumn.Numeric) table.column(name)).values()) {
                sum += v;
            }
        }
        System.out.printf("rows %d, read in %.3f s, sum of cells %.17g%n", table.rows(), (end - start) / 1e9, sum);
    }
}
