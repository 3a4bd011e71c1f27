package org.mlem.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.dist.UnivariateFamily;
import org.mlem.em.EmOptions;
import org.mlem.em.EmProblem;
import org.mlem.em.MixtureFit;
import org.mlem.io.ModelFormat;
import org.mlem.io.ModelJson;
import org.mlem.kernel.GaussianKernels;
import org.mlem.mixture.CensoredMixtureEstimator;
import org.mlem.mixture.ComponentPart;
import org.mlem.mixture.MixtureInit;
import org.mlem.mixture.ProductMixture;
import org.mlem.model.BlockEmKind;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.RowException;
import org.mlem.survival.Truncation;

/**
 * {@code mlem fit mixture --family F --status S} or {@code --interval L U} on the cluster: a mixture
 * of one continuous family fitted to right-, left- or interval-censored rows (mlem-core's
 * {@link CensoredMixtureEstimator}), {@link LatentMixture} of kind {@code mixture} with
 * {@code statusCol} or {@code upperCol} set and {@code featuresCol} a numeric column of values (or
 * lower bounds). The rows are read and checked as {@code fit dist --status/--interval} reads them on
 * Spark ({@link CensoredDistFit#read}); each partition's rows are then cached as pairs (lower bound,
 * upper bound), ±∞ an open end. The start is the single machine's fit to the driver's sample (every
 * row when there are at most {@code initSampleRows}), or the initial model; EM then runs over every
 * row ({@link DistributedProblem}: the censored E-step on each partition's blocks, the M-step — each
 * component's weighted censored MLE over the rows in row order — on the driver), so from a given
 * start the fit is the single machine's for any partitioning. The model file is {@code fit mixture
 * --status}'s: a one-column mixture named after {@code featuresCol}, with the rows' censoring counts.
 */
final class CensoredMixtureOnSpark {
    private CensoredMixtureOnSpark() {
    }

    /** The fit of {@code est} (kind {@code mixture}, statusCol or upperCol set) to {@code dataset}; {@code given} a start or null. */
    static LatentMixtureModel fit(LatentMixture est, Dataset<?> dataset, Object given) {
        long t0 = System.nanoTime();
        refuse(est);
        ProductMixture start = given == null ? null : startOf(given);
        UnivariateFamily family = family(est, start);
        if (start == null && !est.isDefined(est.k())) {
            throw new MlemUserException("k, the number of components, is not set; call setK");
        }
        int k = start != null ? start.k() : est.getK();
        BlockEmKind<?> kind = LatentMixture.kindNamed("mixture");
        EmOptions em = est.emOptions(kind.defaults());
        MixtureInit init = "random".equals(est.isDefined(est.init()) ? est.getOrDefault(est.init()) : null)
                ? new MixtureInit.RandomResponsibilities() : MixtureInit.DEFAULT;
        CensoredMixtureEstimator estimator = new CensoredMixtureEstimator(k, family, init, em);
        String column = est.getFeaturesCol();
        int depth = est.getAggregationDepth();
        try (CensoredDistFit.Rows read = CensoredDistFit.read(dataset, column, est.getStatusCol(), est.getUpperCol(),
                est.getWeightCol(), false, family, Truncation.NONE, k, depth);
                DistributedData data = bounds(read)) {
            long[] counts = counts(data, depth);
            if (start == null) {
                DataMatrix sample = data.sample(est.getInitSampleRows(), est.getSeed());
                start = estimator.fit(sampleOf(sample), column, est.getSeed()).model();
            }
            EmProblem<ProductMixture> problem = estimator.withInit(new MixtureInit.Given(start))
                    .problem(column, counts[0] < data.rows());
            MixtureFit<ProductMixture> fit = DistributedProblem.fit(problem, data, em, depth, est.getSeed(),
                    (System.nanoTime() - t0) * 1e-9, null);
            List<String> columns = List.of(column);
            ObjectNode file = ModelJson.fitNode(kind.name(), fit, columns, 0);
            file.setAll(kind.fittedNode(fit.model(), columns));
            ObjectNode censoring = file.putObject("censoring");
            for (CensoredSample.Kind c : CensoredSample.Kind.values()) {
                censoring.put(c.name().toLowerCase(Locale.ROOT), counts[c.ordinal()]);
            }
            return new LatentMixtureModel(est.uid(), kind.name(), fit.model(), fit, ModelFormat.fileOf(file));
        }
    }

    /**
     * {@link LatentMixtureModel#transform} of censored rows, as {@code mlem predict --status/--interval}
     * scores them: each row's posterior class probabilities, its most probable class and its
     * log-likelihood log Σ_j π_j P_j(row), P_j a component's density at an exact value and its
     * probability of a censored row's interval. Status codes are read in the coding the Dataset's
     * codes have (survival's 1/2 when no code is 0 and some is 2; one job). A row the fit could not
     * take stops the task, naming its row of the partition and the column.
     */
    static Dataset<Row> transform(LatentMixtureModel m, Dataset<?> dataset, StructType out) {
        Dataset<Row> df = dataset.toDF();
        String value = m.getFeaturesCol();
        String status = m.getStatusCol();
        String second = status != null ? status : m.getUpperCol();
        Boolean oneTwo = status == null ? null : oneTwo(df, status);
        CensoredDistFit.Reading reading = new CensoredDistFit.Reading(2, status == null, oneTwo);
        int xi = df.schema().fieldIndex(value);
        int si = df.schema().fieldIndex(second);
        ProductMixture mixture = (ProductMixture) m.model();
        boolean prediction = !m.getPredictionCol().isEmpty();
        boolean probability = !m.getProbabilityCol().isEmpty();
        boolean ll = !m.getLogLikelihoodCol().isEmpty();
        return df.sparkSession().createDataFrame(df.javaRDD().mapPartitionsWithIndex((p, it) -> {
            List<Row> rows = new ArrayList<>();
            it.forEachRemaining(rows::add);
            double[] x = new double[2 * rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                x[2 * i] = cell(rows.get(i), xi, status != null, p, i, value);
                x[2 * i + 1] = cell(rows.get(i), si, status != null, p, i, second);
            }
            CensoredSample s;
            try {
                s = reading.of(x, rows.size(), null);
            } catch (RowException e) {
                throw new MlemUserException("row " + (e.row() + 1) + " of partition " + p + ", column '" + second + "': "
                        + e.problem());
            }
            int k = mixture.k();
            double[] terms = CensoredMixtureEstimator.logJoint(mixture, s);
            List<Row> scored = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                double[] post = java.util.Arrays.copyOfRange(terms, i * k, (i + 1) * k);
                double total = GaussianKernels.normalizeRows(post, 1, k, null, null, 0);
                List<Object> values = new ArrayList<>();
                for (int c = 0; c < rows.get(i).length(); c++) {
                    values.add(rows.get(i).get(c));
                }
                int best = 0;
                for (int j = 1; j < k; j++) {
                    best = post[j] > post[best] ? j : best;
                }
                if (prediction) {
                    values.add(best);
                }
                if (probability) {
                    values.add(Vectors.dense(post));
                }
                if (ll) {
                    values.add(total);
                }
                scored.add(RowFactory.create(values.toArray()));
            }
            return scored.iterator();
        }, true), out);
    }

    /** Row {@code i}'s cell as a double: NaN (an open end) for a null bound, an error for a null value or code. */
    private static double cell(Row r, int index, boolean status, int partition, int i, String column) {
        if (r.isNullAt(index)) {
            if (status) {
                throw new MlemUserException("row " + (i + 1) + " of partition " + partition + ", column '" + column
                        + "' is null; give a value and a status code on every row");
            }
            return Double.NaN;
        }
        return ((Number) r.get(index)).doubleValue();
    }

    /** Whether {@code status} holds survival's 1/2 codes: no code 0 and some code 2 (one job). */
    private static boolean oneTwo(Dataset<Row> df, String status) {
        Column c = df.col(status).cast("double");
        Row seen = df.agg(functions.max(functions.when(c.equalTo(0), 1).otherwise(0)),
                functions.max(functions.when(c.equalTo(2), 1).otherwise(0))).head();
        return !seen.isNullAt(0) && seen.getInt(0) == 0 && seen.getInt(1) == 1;
    }

    /** Each partition's rows as pairs (lower bound, upper bound), ±∞ an open end, cached; the read rows released. */
    private static DistributedData bounds(CensoredDistFit.Rows read) {
        CensoredDistFit.Reading reading = read.reading();
        return read.data().mapBlocks(part -> {
            CensoredSample s = reading.of(part.values(), part.rows(), null);
            double[] x = new double[2 * part.rows()];
            for (int i = 0; i < part.rows(); i++) {
                x[2 * i] = s.lower()[i];
                x[2 * i + 1] = s.upper()[i];
            }
            return part.withValues(x);
        }, read.data().totalWeight());
    }

    /** The rows of each {@link CensoredSample.Kind}, in its order, over every partition (one job). */
    private static long[] counts(DistributedData data, int depth) {
        int kinds = CensoredSample.Kind.values().length;
        double[] sums = DistFit.reduce(data, depth, part -> {
            double[] x = part.values();
            double[] out = new double[kinds];
            for (int i = 0; i < part.rows(); i++) {
                double lo = x[2 * i];
                double hi = x[2 * i + 1];
                CensoredSample.Kind c = lo == hi ? CensoredSample.Kind.EXACT
                        : lo == Double.NEGATIVE_INFINITY ? CensoredSample.Kind.LEFT
                        : hi == Double.POSITIVE_INFINITY ? CensoredSample.Kind.RIGHT : CensoredSample.Kind.INTERVAL;
                out[c.ordinal()]++;
            }
            return out;
        }, kinds);
        long[] counts = new long[kinds];
        for (int c = 0; c < kinds; c++) {
            counts[c] = (long) sums[c];
        }
        return counts;
    }

    /** The driver's sample of bound pairs as a censored sample (its weights when the rows have them). */
    private static CensoredSample sampleOf(DataMatrix sample) {
        int n = sample.rows();
        double[] lower = new double[n];
        double[] upper = new double[n];
        double[] x = sample.values();
        for (int i = 0; i < n; i++) {
            lower[i] = x[2 * i];
            upper[i] = x[2 * i + 1];
        }
        return new CensoredSample(lower, upper, sample.hasWeights() ? DistFit.weightsOf(sample) : null);
    }

    private static ProductMixture startOf(Object given) {
        if (given instanceof ProductMixture p && p.dimension() == 1
                && p.component(0).parts().get(0) instanceof ComponentPart.UnivariatePart) {
            return p;
        }
        throw new MlemUserException("a censored mixture starts from a one-column mixture of one family; the initial"
                + " model is a " + given.getClass().getSimpleName() + "; give a model of fit mixture --status, or none");
    }

    private static UnivariateFamily family(LatentMixture est, ProductMixture start) {
        String name = est.getFamily();
        if (name != null && name.contains(",")) {
            throw new MlemUserException("family '" + name + "' names several families; a censored mixture has one"
                    + " column: name one family");
        }
        if (name != null) {
            return Families.byName(name);
        }
        if (start == null) {
            throw new MlemUserException("family is not set; set it, e.g. setFamily(\"weibull\"), or give an initial"
                    + " model to take it from");
        }
        return ((ComponentPart.UnivariatePart) start.component(0).parts().get(0)).model().family();
    }

    /** The settings a censored mixture does not take, as {@code fit mixture --status} refuses them. */
    private static void refuse(LatentMixture est) {
        if (!"mixture".equals(est.getKind())) {
            throw new MlemUserException("statusCol and upperCol fit a mixture of one family to censored rows; kind is "
                    + est.getKind() + ": set kind 'mixture' or unset statusCol and upperCol");
        }
        String set = est.getLabelCol() != null ? "labelCol" : "em".equals(est.getMissing()) ? "missing=em"
                : est.getConcomitant() != null ? "concomitant" : null;
        if (set != null) {
            throw new MlemUserException(set + " is not implemented for censored mixtures (statusCol/upperCol) yet; leave"
                    + " it unset");
        }
    }
}
