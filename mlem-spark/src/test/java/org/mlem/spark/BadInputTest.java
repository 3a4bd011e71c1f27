package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.GaussianMixtureEstimator;

/** Mistakes in the data stop the fit with a message naming the column, the 1-based row and the fix. */
class BadInputTest {
    private static final StructType SCHEMA = new StructType().add("features", new VectorUDT(), true)
            .add("label", DataTypes.DoubleType, true);

    /** 30 rows in 3 partitions of 10; row {@code bad} (1-based) replaced by {@code features}. */
    private static Dataset<Row> frame(int bad, Object features, Double label) {
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            Object f = i == bad ? features : Vectors.dense(i % 7, (i * 3) % 11);
            rows.add(RowFactory.create(f, i == bad ? label : null));
        }
        return SparkTestKit.frame(rows, SCHEMA, 3);
    }

    @Test
    void nanIsNamedByItsRowAcrossPartitions() {
        assertThatThrownBy(() -> new GaussianMixture().setK(2).fit(frame(17, Vectors.dense(1, Double.NaN), null)))
                .isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 17, column 'features' holds NaN at index 1")
                .hasMessageContaining("handleInvalid=\"skip\"");
    }

    @Test
    void nullAndInfinityAreErrors() {
        assertThatThrownBy(() -> new GaussianMixture().setK(2).fit(frame(25, null, null)))
                .hasMessageContaining("row 25, column 'features' is null");
        assertThatThrownBy(() -> new GaussianMixture().setK(2)
                .fit(frame(3, Vectors.dense(Double.NEGATIVE_INFINITY, 0), null)))
                .hasMessageContaining("row 3, column 'features' holds -Infinity at index 0");
    }

    /**
     * Oracle: the single-machine fit of the 29 valid rows (1e-9 relative); the dropped row is counted.
     * One start and 20 iterations on both sides: the automatic ten starts run to convergence were
     * 1 753 Spark jobs (44 s of CI) on these 29 rows, for the same comparison.
     */
    @Test
    void skipDropsAndCountsInvalidRows() {
        Dataset<Row> df = frame(12, Vectors.dense(Double.NaN, 1), null);
        GaussianMixtureModel m = new GaussianMixture().setK(2).setSeed(5).setNInit(1).setMaxIter(20).setHandleInvalid("skip")
                .setLabelCol("label").fit(df);
        assertThat(m.droppedRows()).isEqualTo(1);
        assertThat(m.summary().rows()).isEqualTo(29);
        double[][] valid = new double[29][];
        for (int i = 1, r = 0; i <= 30; i++) {
            if (i != 12) {
                valid[r++] = new double[] {i % 7, (i * 3) % 11};
            }
        }
        GaussianMixtureEstimator e = GaussianMixtureEstimator.of(2);
        MixtureFit<org.mlem.gmm.GaussianMixture> local = e.withEm(e.em().withRestarts(1).withMaxIterations(20))
                .fit(DataMatrix.of(valid), 5);
        assertThat(m.summary().iterations()).isEqualTo(local.iterations());
        assertThat(Math.abs(m.summary().logLikelihood() - local.logLikelihood()) / Math.abs(local.logLikelihood()))
                .isLessThan(1e-9);
    }

    @Test
    void vectorsOfDifferentSizes() {
        assertThatThrownBy(() -> new GaussianMixture().setK(2).fit(frame(5, Vectors.dense(1, 2, 3), null)))
                .isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 5, column 'features' has 3 values where earlier rows have 2");
        // a later partition (rows 11..20) holds 3-vectors throughout, the first partition 2-vectors
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            rows.add(RowFactory.create(i > 10 && i <= 20 ? Vectors.dense(i, 1, 2) : Vectors.dense(i, 1), null));
        }
        assertThatThrownBy(() -> new GaussianMixture().setK(2).fit(SparkTestKit.frame(rows, SCHEMA, 3)))
                .hasMessageContaining("row 11, column 'features' has 3 values but row 1 has 2");
    }

    @Test
    void labelOutsideTheClasses() {
        assertThatThrownBy(() -> new GaussianMixture().setK(2).setLabelCol("label")
                .fit(frame(9, Vectors.dense(1, 1), 2.0)))
                .isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 9, column 'label' holds label 2.0, outside the k=2 classes 0..1")
                .hasMessageContaining("raise k");
    }

    @Test
    void kAboveTheDistinctRows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(RowFactory.create(Vectors.dense(i % 3, 0), null));
        }
        assertThatThrownBy(() -> new GaussianMixture().setK(4).fit(SparkTestKit.frame(rows, SCHEMA, 2)))
                .isInstanceOf(MlemUserException.class)
                .hasMessageContaining("k=4 components but only 3 distinct rows").hasMessageContaining("use k <= 3");
    }

    @Test
    void missingOrMistypedColumnsAndUnsetK() {
        Dataset<Row> df = frame(0, null, null);
        assertThatThrownBy(() -> new GaussianMixture().setK(2).setFeaturesCol("x").fit(df))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("no features column 'x'");
        assertThatThrownBy(() -> new GaussianMixture().setK(2).setFeaturesCol("label").fit(df))
                .hasMessageContaining("features column 'label' has type double; it must hold vectors");
        assertThatThrownBy(() -> new GaussianMixture().fit(df))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("call setK");
    }
}
