package org.mlem.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlem.MlemUserException;
import org.mlem.data.BlockSource;
import org.mlem.data.DataMatrix;

/**
 * Adds a fitted mixture's outputs to rows, a block of rows at a time: the most probable component
 * (the argmax of the probabilities, ties to the lower index), the component probabilities, and
 * the row's log density {@code log p(x)}.
 */
final class MixtureScorer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final org.mlem.gmm.GaussianMixture mixture;
    private final int features;
    private final String featuresCol;
    private final boolean prediction;
    private final boolean probability;
    private final boolean logLikelihood;
    private final boolean skipInvalid;

    MixtureScorer(org.mlem.gmm.GaussianMixture mixture, int features, String featuresCol, boolean prediction,
            boolean probability, boolean logLikelihood, boolean skipInvalid) {
        this.mixture = mixture;
        this.features = features;
        this.featuresCol = featuresCol;
        this.prediction = prediction;
        this.probability = probability;
        this.logLikelihood = logLikelihood;
        this.skipInvalid = skipInvalid;
    }

    /** {@code schema} with the chosen output columns appended. */
    static StructType outputSchema(StructType schema, String predictionCol, String probabilityCol, String llCol) {
        StructType out = schema;
        if (!predictionCol.isEmpty()) {
            out = out.add(predictionCol, DataTypes.IntegerType, false);
        }
        if (!probabilityCol.isEmpty()) {
            out = out.add(probabilityCol, new VectorUDT(), false);
        }
        if (!llCol.isEmpty()) {
            out = out.add(llCol, DataTypes.DoubleType, false);
        }
        return out;
    }

    /** Scores one partition's rows. */
    Iterator<Row> score(int partition, Iterator<Row> rows) {
        return new Iterator<>() {
            private final List<Row> out = new ArrayList<>();
            private int next;
            private long seen;

            @Override
            public boolean hasNext() {
                while (next == out.size() && rows.hasNext()) {
                    fill();
                }
                return next < out.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return out.get(next++);
            }

            private void fill() {
                out.clear();
                next = 0;
                List<Row> in = new ArrayList<>();
                while (rows.hasNext() && in.size() < BlockSource.BLOCK_ROWS) {
                    Row r = rows.next();
                    long local = seen++;
                    Vector v = r.isNullAt(features) ? null : (Vector) r.get(features);
                    String bad = PartitionScan.invalidFeatures(v);
                    if (bad == null && v.size() != mixture.dimension()) {
                        bad = "has " + v.size() + " values but the model has dimension " + mixture.dimension();
                    }
                    if (bad != null) {
                        if (skipInvalid) {
                            continue;
                        }
                        throw new MlemUserException("row " + (local + 1) + " of partition " + partition + ", column '"
                                + featuresCol + "' " + bad + "; fix the rows or set handleInvalid=\"skip\" to drop them");
                    }
                    in.add(r);
                }
                if (!in.isEmpty()) {
                    scoreBlock(in);
                }
            }

            private void scoreBlock(List<Row> in) {
                int d = mixture.dimension();
                double[] x = new double[in.size() * d];
                for (int i = 0; i < in.size(); i++) {
                    System.arraycopy(((Vector) in.get(i).get(features)).toArray(), 0, x, i * d, d);
                }
                DataMatrix m = DataMatrix.of(x, in.size(), d, null);
                double[][] p = probability || prediction ? mixture.predictProba(m) : null;
                double[] ll = logLikelihood ? mixture.scoreSamples(m) : null;
                for (int i = 0; i < in.size(); i++) {
                    out.add(extend(in.get(i), p == null ? null : p[i], ll == null ? 0 : ll[i]));
                }
            }
        };
    }

    private Row extend(Row r, double[] p, double ll) {
        int n = r.length();
        List<Object> values = new ArrayList<>(n + 3);
        for (int i = 0; i < n; i++) {
            values.add(r.get(i));
        }
        if (prediction) {
            int best = 0;
            for (int j = 1; j < p.length; j++) {
                if (p[j] > p[best]) {
                    best = j;
                }
            }
            values.add(best);
        }
        if (probability) {
            values.add(Vectors.dense(p));
        }
        if (logLikelihood) {
            values.add(ll);
        }
        return RowFactory.create(values.toArray());
    }
}
