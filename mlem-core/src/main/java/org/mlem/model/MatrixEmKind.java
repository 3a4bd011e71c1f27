package org.mlem.model;

import org.mlem.data.DataMatrix;
import org.mlem.formula.Frame;

/** What the {@link EmKind}s fitted to a matrix of rows share: rows are the units, weights and labels the matrix's. */
abstract class MatrixEmKind<M> implements EmKind<DataMatrix, M> {
    @Override
    public DataMatrix data(FittedModel file, Frame rows) {
        return Rows.matrix(rows, ((RowInput.Columns) file.input()).names());
    }

    @Override
    public int units(DataMatrix data) {
        return data.rows();
    }

    @Override
    public DataMatrix weighted(DataMatrix data, double[] w) {
        return data.withWeights(w);
    }

    @Override
    public DataMatrix repeated(DataMatrix data, int[] counts) {
        return EmKinds.repeatRows(data, counts);
    }

    @Override
    public DataMatrix labelled(DataMatrix data, int[] labels) {
        return data.withLabels(labels);
    }
}
