package org.mlem.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.dist.ChiSquaredStatistic;
import org.mlem.dist.EdfStatistics;
import org.mlem.dist.Families;
import org.mlem.dist.FamilyCandidate;
import org.mlem.dist.FamilyKind;
import org.mlem.dist.FamilySelection;
import org.mlem.dist.FamilySelectionResult;
import org.mlem.select.Criterion;

/**
 * {@link DistFit#select} against {@link FamilySelection#fit} on the same values (the code {@code mlem
 * select dist} runs and prints as its table): the families in the same rank order with the same
 * status and reason, every estimate, log-likelihood, AIC and BIC, and the gofstat statistics (KS,
 * Cramér–von Mises, Anderson–Darling; chi-squared with its cells, df and p-value) to 1e-9 relative,
 * and the same choice, in a bounded number of Spark jobs (counted by job group). Densities: every default family (the kind guessed from the data, beta not
 * applicable) over 7 partitions, three named families by AIC over 3; counts: the default
 * count families (bernoulli not applicable) over 3.
 */
class DistSelectOnSparkTest {
    private static final double TOL = 1e-9;
    private static final StructType SCHEMA = new StructType().add("x", DataTypes.DoubleType, true);

    private static Dataset<Row> frame(double[] x, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (double v : x) {
            rows.add(RowFactory.create(v));
        }
        return SparkTestKit.frame(rows, SCHEMA, partitions);
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.max(Math.abs(expected), 1e-300), what);
    }

    private static void same(FamilySelectionResult one, DistFitSelection spark, String where) {
        FamilySelectionResult got = spark.candidates();
        assertEquals(one.n(), got.n(), where);
        assertEquals(one.criterion(), got.criterion(), where);
        assertEquals(one.candidates().stream().map(FamilyCandidate::family).toList(),
                got.candidates().stream().map(FamilyCandidate::family).toList(), where + ": rank order");
        for (int i = 0; i < one.candidates().size(); i++) {
            FamilyCandidate a = one.candidates().get(i);
            FamilyCandidate b = got.candidates().get(i);
            String w = where + ", " + a.family();
            assertEquals(a.status(), b.status(), w);
            assertEquals(a.reason(), b.reason(), w);
            if (!a.isFitted()) {
                continue;
            }
            double[] ea = a.fit().distribution().parameterValues();
            double[] eb = b.fit().distribution().parameterValues();
            assertTrue(SparkTestKit.relativeError(eb, ea) <= TOL, w + ": " + b.fit() + " vs " + a.fit());
            close(a.fit().logLikelihood(), b.fit().logLikelihood(), w + " log-likelihood");
            close(a.fit().aic(), b.fit().aic(), w + " AIC");
            close(a.fit().bic(), b.fit().bic(), w + " BIC");
            if (a.goodnessOfFit() instanceof EdfStatistics ea2) {
                EdfStatistics eb2 = (EdfStatistics) b.goodnessOfFit();
                close(ea2.ks(), eb2.ks(), w + " KS");
                close(ea2.cvm(), eb2.cvm(), w + " CvM");
                close(ea2.ad(), eb2.ad(), w + " AD");
            } else {
                ChiSquaredStatistic ca = (ChiSquaredStatistic) a.goodnessOfFit();
                ChiSquaredStatistic cb = (ChiSquaredStatistic) b.goodnessOfFit();
                assertArrayEquals(ca.breaks(), cb.breaks(), w + " cells");
                assertArrayEquals(ca.observed(), cb.observed(), w + " observed");
                assertEquals(ca.df(), cb.df(), w + " df");
                close(ca.chisq(), cb.chisq(), w + " chi-squared");
                close(ca.pValue(), cb.pValue(), w + " p-value");
            }
        }
        assertEquals(one.best().family(), got.best().family(), where + ": the choice");
        assertTrue(SparkTestKit.relativeError(spark.best().summary().distribution().parameterValues(),
                one.best().fit().distribution().parameterValues()) <= TOL, where + ": the chosen model");
    }

    @Test
    void densitiesRankAsSelectDistOverThreeAndSevenPartitions() {
        double[] x = Families.gamma().of(new double[] {2, 1.5}).sample(150, new SplittableRandom(31));
        FamilySelectionResult all = FamilySelection.defaults(FamilyKind.guess(x), Criterion.BIC).fit(x);
        Dataset<Row> df = frame(x, 7);
        SparkTestKit.Counted<DistFitSelection> run = SparkTestKit.countJobs(() -> new DistFit().setInputCol("x")
                .select(df, null, null, "bic"));
        assertTrue(run.jobs() <= 40, "nine families in " + run.jobs() + " jobs (measured 35)");
        DistFitSelection spark = run.value();
        assertEquals(FamilyKind.CONTINUOUS, spark.kind());
        same(all, spark, "default densities over 7 partitions");
        List<String> three = List.of("lognormal", "gamma", "weibull");
        FamilySelectionResult named = FamilySelection.named(three, Criterion.AIC).fit(x);
        same(named, new DistFit().setInputCol("x").select(frame(x, 3), three, null, "aic"), three + " over 3 partitions");
    }

    @Test
    void countsRankAsSelectDistWithTheirChiSquaredCells() {
        double[] x = Families.negativeBinomial().of(new double[] {3, 4}).sample(200, new SplittableRandom(32));
        FamilySelectionResult one = FamilySelection.defaults(FamilyKind.DISCRETE, Criterion.BIC).fit(x);
        Dataset<Row> df = frame(x, 3);
        SparkTestKit.Counted<DistFitSelection> run = SparkTestKit.countJobs(() -> new DistFit().setInputCol("x")
                .select(df, null, null, "bic"));
        assertTrue(run.jobs() <= 16, "four families in " + run.jobs() + " jobs (measured 13)");
        DistFitSelection spark = run.value();
        assertEquals(FamilyKind.DISCRETE, spark.kind());
        same(one, spark, "default counts over 3 partitions");
        MlemUserException e = assertThrows(MlemUserException.class, () -> new DistFit().setInputCol("x")
                .select(frame(x, 3), List.of("poisson", "gamma"), null, "bic"));
        assertTrue(e.getMessage().contains("mix densities"), e.getMessage());
    }
}
