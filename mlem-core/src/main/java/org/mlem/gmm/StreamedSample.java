package org.mlem.gmm;

import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.data.BlockSource;
import org.mlem.data.DataMatrix;

/**
 * One pass over a streamed {@link BlockSource} before a fit from it: checks that every value is
 * finite and keeps an evenly spaced sample of the rows (every row when they fit in
 * {@link #budgetBytes()}) for the start (k-means++ or random responsibilities) and the data
 * checks. When the sample is every row, the fit equals the in-memory fit of the same rows bit for
 * bit.
 */
final class StreamedSample {
    private StreamedSample() {}

    /** Bytes the sample may take: a quarter of the heap, at most 256 MiB. */
    static long budgetBytes() {
        return Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4);
    }

    /** Every {@code step}-th row (from row 0) of {@code source}, weights kept; every value checked finite. */
    static DataMatrix of(BlockSource source) {
        return of(source, budgetBytes());
    }

    /** As {@link #of(BlockSource)} with an explicit budget (tests). */
    static DataMatrix of(BlockSource source, long budget) {
        int n = source.rows();
        int d = source.cols();
        if (n == 0) {
            throw new MlemUserException("no rows to fit; the data set is empty");
        }
        long bytes = 8L * n * (d + 1);
        int step = (int) Math.max(1, (bytes + budget - 1) / budget);
        int m = (n + step - 1) / step;
        double[] values = new double[m * d];
        double[] weights = new double[m];
        boolean weighted = false;
        int kept = 0;
        for (int b = 0; b < source.blockCount(); b++) {
            Block block = source.block(b);
            int first = b * BlockSource.BLOCK_ROWS;
            for (int i = 0; i < block.rows(); i++) {
                int off = block.offset(i);
                for (int a = 0; a < d; a++) {
                    double v = block.x()[off + a];
                    if (!Double.isFinite(v)) {
                        throw new MlemUserException("row " + (first + i + 1) + ", column " + (a + 1) + " is "
                                + (Double.isNaN(v) ? "NaN" : "infinite") + "; a streamed Gaussian mixture fit needs finite "
                                + "values: remove the row or fit from CSV with --drop-missing");
                    }
                }
                if ((first + i) % step == 0) {
                    System.arraycopy(block.x(), off, values, kept * d, d);
                    weights[kept] = block.weight(i);
                    weighted |= weights[kept] != 1.0;
                    kept++;
                }
            }
        }
        DataMatrix sample = DataMatrix.of(values, m, d, null);
        return weighted ? sample.withWeights(weights) : sample;
    }
}
