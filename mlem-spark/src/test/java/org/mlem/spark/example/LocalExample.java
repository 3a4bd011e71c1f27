package org.mlem.spark.example;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.mlem.spark.GaussianMixture;
import org.mlem.spark.GaussianMixtureModel;

/**
 * The local-mode example of docs/spark.md: two clusters in the plane, a diagonal-covariance
 * mixture fitted on Spark, then scored. {@code main} runs it in {@code local[2]}; the tests call
 * {@link #run}.
 */
public final class LocalExample {
    private LocalExample() {}

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("mlem-example")
                .config("spark.ui.enabled", "false").getOrCreate();
        GaussianMixtureModel model = run(spark);
        System.out.println(model.summary().logLikelihood() + " after " + model.summary().iterations() + " iterations");
        spark.stop();
    }

    /** Fits k=2 to 2000 rows around (0, 0) and (5, 5) and shows three scored rows. */
    public static GaussianMixtureModel run(SparkSession spark) {
        SplittableRandom rng = new SplittableRandom(1);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double c = i % 2 == 0 ? 0 : 5;
            rows.add(RowFactory.create(Vectors.dense(c + rng.nextGaussian(), c + rng.nextGaussian())));
        }
        Dataset<Row> df = spark.createDataFrame(rows, new StructType().add("features", new VectorUDT(), false));

        GaussianMixtureModel model = new GaussianMixture()
                .setK(2)
                .setCovariance("diag")
                .setNInit(3)
                .setSeed(42)
                .fit(df);
        model.transform(df).select("features", "prediction", "probability", "logLikelihood").show(3, false);
        return model;
    }
}
