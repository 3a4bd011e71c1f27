package org.mlem.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.SequenceData;

/**
 * Scores one partition of rows sorted by sequence id then position (every row of a sequence in the
 * partition): each run of equal ids is a sequence, decoded whole; each row comes out with its
 * original columns and the state posteriors, the most probable state and the Viterbi state.
 */
final class HmmScorer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final HiddenMarkovModel model;
    private final int width; // the input's columns (the sorting column after them is dropped)
    private final int idIndex;
    private final int featuresIndex;
    private final String idCol;
    private final String featuresCol;
    private final boolean probabilities;
    private final boolean prediction;
    private final boolean viterbi;

    HmmScorer(HiddenMarkovModel model, int width, int idIndex, int featuresIndex, String idCol, String featuresCol,
            boolean probabilities, boolean prediction, boolean viterbi) {
        this.model = model;
        this.width = width;
        this.idIndex = idIndex;
        this.featuresIndex = featuresIndex;
        this.idCol = idCol;
        this.featuresCol = featuresCol;
        this.probabilities = probabilities;
        this.prediction = prediction;
        this.viterbi = viterbi;
    }

    Iterator<Row> score(Iterator<Row> rows) {
        List<Row> out = new ArrayList<>();
        List<Row> sequence = new ArrayList<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            if (r.isNullAt(idIndex)) {
                throw new MlemUserException("a row's column '" + idCol + "' is missing; every row needs its sequence's id");
            }
            if (!sequence.isEmpty() && !sequence.get(0).get(idIndex).equals(r.get(idIndex))) {
                decode(sequence, out);
                sequence.clear();
            }
            sequence.add(r);
        }
        if (!sequence.isEmpty()) {
            decode(sequence, out);
        }
        return out.iterator();
    }

    private void decode(List<Row> sequence, List<Row> out) {
        int n = sequence.size();
        int d = model.dimension();
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            Row r = sequence.get(i);
            double[] v = r.isNullAt(featuresIndex) ? null : ((Vector) r.get(featuresIndex)).toArray();
            if (v == null || v.length != d) {
                throw new MlemUserException("sequence '" + r.get(idIndex) + "', column '" + featuresCol + "' "
                        + (v == null ? "is null" : "has " + v.length + " values") + " at step " + (i + 1)
                        + "; the model reads " + d + " values a step");
            }
            System.arraycopy(v, 0, x, i * d, d);
        }
        SequenceData data = SequenceData.single(DataMatrix.of(x, n, d, null));
        double[][] post = model.posteriors(data);
        int[] path = viterbi ? model.viterbi(data).states() : null;
        for (int i = 0; i < n; i++) {
            Row r = sequence.get(i);
            List<Object> values = new ArrayList<>(width + 3);
            for (int c = 0; c < width; c++) {
                values.add(r.get(c));
            }
            if (probabilities) {
                values.add(Vectors.dense(post[i]));
            }
            if (prediction) {
                values.add(argmax(post[i]));
            }
            if (viterbi) {
                values.add(path[i]);
            }
            out.add(RowFactory.create(values.toArray()));
        }
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int j = 1; j < p.length; j++) {
            if (p[j] > p[best]) {
                best = j;
            }
        }
        return best;
    }
}
