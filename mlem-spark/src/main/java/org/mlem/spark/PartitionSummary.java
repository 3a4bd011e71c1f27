package org.mlem.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What the driver needs to know about one partition after reading it: counts, the first problem
 * row (if any), a few distinct rows and the weighted column sums.
 *
 * @param partition the partition's index
 * @param inputRows rows read, including dropped ones (for 1-based row numbers across partitions)
 * @param keptRows rows kept
 * @param dropped rows dropped for invalid features (only when asked)
 * @param cols values per row, or -1 when no row was kept
 * @param firstKept local index of the first kept row, or -1
 * @param totalWeight sum of the kept rows' weights
 * @param latentRows kept rows without a known label
 * @param hasWeights whether a weight column was read
 * @param hasLabels whether a label column was read
 * @param weightedSums per column, sum of weight × value over the kept rows ({@code cols} values)
 * @param distinct up to k distinct rows of positive weight
 * @param problem the first row the fit cannot take, or null
 * @param missingCells NaN cells in the kept rows (only when missing cells are allowed)
 */
record PartitionSummary(int partition, long inputRows, int keptRows, long dropped, int cols, long firstKept,
        double totalWeight, long latentRows, boolean hasWeights, boolean hasLabels, double[] weightedSums,
        List<double[]> distinct, RowProblem problem, long missingCells) implements Serializable {
}
