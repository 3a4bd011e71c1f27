package com.example;

import java.io.IOException;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mlem.spark.GaussianMixture;
import org.mlem.spark.GaussianMixtureModel;

/** Fits a Gaussian mixture to the columns of a CSV file: FitGmm INPUT.csv K STARTS OUTPUT_DIR. */
public final class FitGmm {
    public static void main(String[] args) throws IOException {
        SparkSession spark = SparkSession.builder().appName("mlem FitGmm").getOrCreate();
        Dataset<Row> csv = spark.read().option("header", true).option("inferSchema", true).csv(args[0]);
        Dataset<Row> df = new VectorAssembler().setInputCols(csv.columns()).setOutputCol("features")
                .transform(csv);
        GaussianMixtureModel model = new GaussianMixture().setK(Integer.parseInt(args[1]))
                .setNInit(Integer.parseInt(args[2])).setCovariance("full").setSeed(1).fit(df);
        System.out.printf("log-likelihood %.6f, BIC %.3f, %d iterations%n", model.summary().logLikelihood(),
                model.summary().bic(), model.summary().iterations());
        model.transform(df).drop("features").write().parquet(args[3] + "/scored");
        model.write().overwrite().save(args[3] + "/model"); // metadata + mlem's own mixture.json
        spark.stop();
    }
}
