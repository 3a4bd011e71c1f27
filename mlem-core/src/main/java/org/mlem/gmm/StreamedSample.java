package org.mlem.gmm;

import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.data.BlockSource;
import org.mlem.data.DataMatrix;

/**
 * One pass over a streamed {@link BlockSource} before a fit from it: checks that every value is
 * finite and keeps an evenly spaced sample of the rows (every row when they hold at most
 * {@link #BUDGET_VALUES} values, weights counted) for the start (k-means++ or random
 * responsibilities) and the data checks. The sample depends on the data's shape only, never on
 * the heap, so the same command gives the same bits whatever the memory; the in-memory fit draws
 * its start from the same sample, so it equals the streamed fit of the same rows bit for bit.
 */
final class StreamedSample {
    private StreamedSample() {}

    /**
     * Values (rows × (columns + 1), the weight counted) the sample may hold: 2^25, 256 MiB of
     * doubles (the cap the heap-sized budget had from a 1 GiB heap up). A constant, so that results
     * do not depend on the JVM's heap; a streamed fit of a larger file needs a heap of about
     * 512 MiB.
     */
    static final long BUDGET_VALUES = 1L << 25;

    /** The sample keeps every {@code step}-th row of n rows of d columns. */
    static int step(int n, int d, long budgetValues) {
        long values = (long) n * (d + 1);
        return (int) Math.max(1, (values + budgetValues - 1) / budgetValues);
    }

    /** Every {@link #step}-th row (from row 0) of {@code source}, weights kept; every value checked finite. */
    static DataMatrix of(BlockSource source, long budgetValues) {
        int n = source.rows();
        int d = source.cols();
        if (n == 0) {
            throw new MlemUserException("no rows to fit; the data set is empty");
        }
        int step = step(n, d, budgetValues);
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
