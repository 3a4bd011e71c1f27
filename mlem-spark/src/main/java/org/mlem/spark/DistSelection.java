package org.mlem.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.storage.StorageLevel;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.dist.ChiSquaredStatistic;
import org.mlem.dist.Distribution;
import org.mlem.dist.EdfStatistics;
import org.mlem.dist.Families;
import org.mlem.dist.FamilyCandidate;
import org.mlem.dist.FamilyKind;
import org.mlem.dist.FamilySelection;
import org.mlem.dist.FamilySelectionResult;
import org.mlem.dist.FittedDistribution;
import org.mlem.dist.GoodnessOfFit;
import org.mlem.dist.PartitionedDist;
import org.mlem.dist.UnivariateFamily;
import org.mlem.io.FitJson;
import org.mlem.select.Criterion;

/**
 * {@code mlem select dist} over a Dataset's column ({@link DistFit#select}): every family fitted
 * as {@link DistFit} fits it ({@link PartitionedDist}, one cache of the rows for all of them), the
 * families whose support excludes a value found in one job, and fitdistrplus's gofstat statistics
 * from the values sorted once across the partitions (densities: each sorted partition's KS distance
 * and Cramér–von Mises and Anderson–Darling sums at its rows' global ranks, every family in one
 * job) or counted by value (counts: one job, the chi-squared cells then built on the driver), ranked
 * by mlem-core's {@link FamilySelection#rank} as the command line ranks them.
 */
final class DistSelection {
    private DistSelection() {
    }

    static DistFitSelection select(DistFit est, Dataset<?> dataset, List<String> families, String kind, String criterion) {
        long t0 = System.nanoTime();
        Criterion by = Criterion.parse(criterion);
        FamilyKind wanted = kind == null ? null : FamilyKind.parse(kind);
        FamilySelection named = FamilySelection.named(families, wanted, by, "kind", "the families");
        String input = est.getInputCol();
        if (input == null) {
            throw new MlemUserException("inputCol is not set; set it to the column of values to compare families on");
        }
        if (est.getWeightCol() != null || CensoredDistFit.wanted(est)) {
            throw new MlemUserException("select compares families on plain values, as select dist does: unset "
                    + "weightCol, statusCol, upperCol and the truncation");
        }
        try (DistributedData data = DistributedData.read(DistFit.asVectors(dataset, input), input, null, null, 1,
                new PartitionScan(input, null, null, 1, est.getHandleInvalid().equals("skip"), false,
                        "a distribution", false))) {
            if (data.cols() != 1) {
                throw new MlemUserException("column '" + input + "' holds vectors of " + data.cols() + " values; a"
                        + " distribution fits one value a row: give a numeric column or vectors of one value");
            }
            FamilySelection selection = named != null ? named
                    : FamilySelection.defaults(wanted != null ? wanted : guess(data), by);
            List<UnivariateFamily> fams = selection.families();
            Double[] outside = firstOutside(data, fams);
            PartitionedDist.Passes<PartitionedDist.Part> passes = (f, summed) -> DistFit.reduce(data,
                    est.getAggregationDepth(), part -> f.of(new PartitionedDist.Part(part.values(), null)), summed);
            int sampleRows = est.getInitSampleRows();
            long seed = est.getSeed();
            Gof gof = selection.kind() == FamilyKind.DISCRETE ? Gof.counted(data) : Gof.sorted(data);
            try {
                List<FittedDistribution> fits = new ArrayList<>();
                List<FamilyCandidate> candidates = new ArrayList<>();
                for (int f = 0; f < fams.size(); f++) {
                    UnivariateFamily family = fams.get(f);
                    if (outside[f] != null) {
                        candidates.add(FamilySelection.notApplicable(family, outside[f]));
                        continue;
                    }
                    FittedDistribution[] kept = new FittedDistribution[1];
                    FamilyCandidate c = FamilySelection.assess(family, () -> {
                        kept[0] = PartitionedDist.fit(family, passes, () -> {
                            DataMatrix sample = data.sample(sampleRows, seed);
                            return new PartitionedDist.Part(sample.values(), null);
                        });
                        return kept[0];
                    }, d -> null);
                    candidates.add(c);
                    fits.add(c.isFitted() ? kept[0] : null);
                }
                List<GoodnessOfFit> stats = gof.of(fits);
                for (int f = 0, k = 0; f < candidates.size(); f++) {
                    FamilyCandidate c = candidates.get(f);
                    if (outside[f] == null) {
                        GoodnessOfFit g = stats.get(k++);
                        if (c.isFitted()) {
                            candidates.set(f, new FamilyCandidate(c.family(), c.status(), c.fit(), g, null));
                        }
                    }
                }
                FamilySelectionResult result = selection.rank(candidates, DistFit.rowCount(data));
                if (result.bestIndex() < 0) {
                    throw new MlemUserException("column '" + input + "': " + result.noneFitted());
                }
                double seconds = (System.nanoTime() - t0) * 1e-9;
                FittedDistribution best = result.best().fit();
                ObjectNode json = FitJson.distribution(best, best.distribution().family().name(),
                        DistFit.rowCount(data), List.of(input), 0, seconds);
                return new DistFitSelection(DistFit.model(est, json, best, data.droppedRows()), result, selection.kind());
            } finally {
                gof.close();
            }
        }
    }

    /** Discrete when every value is a whole number ≥ 0 ({@link FamilyKind#guess}), one job. */
    private static FamilyKind guess(DistributedData data) {
        boolean continuous = data.blocks().map(b -> FamilyKind.guess(b.values()) == FamilyKind.CONTINUOUS)
                .fold(false, (a, b) -> a || b);
        return continuous ? FamilyKind.CONTINUOUS : FamilyKind.DISCRETE;
    }

    /** For each family, the first value (in the Dataset's order) outside its support, or null; one job. */
    private static Double[] firstOutside(DistributedData data, List<UnivariateFamily> families) {
        List<UnivariateFamily> fams = List.copyOf(families);
        List<double[]> parts = new ArrayList<>(data.blocks().map(b -> {
            double[] x = b.values();
            double[] out = new double[fams.size() + 1];
            out[0] = b.partition();
            for (int f = 0; f < fams.size(); f++) {
                out[f + 1] = Double.NaN;
                for (double v : x) {
                    if (fams.get(f).supportFault(v) != null) {
                        out[f + 1] = v;
                        break;
                    }
                }
            }
            return out;
        }).collect());
        parts.sort(Comparator.comparingDouble(p -> p[0]));
        Double[] first = new Double[fams.size()];
        for (double[] p : parts) {
            for (int f = 0; f < first.length; f++) {
                if (first[f] == null && !Double.isNaN(p[f + 1])) {
                    first[f] = p[f + 1];
                }
            }
        }
        return first;
    }

    /** gofstat's statistics of fitted distributions over every row. */
    private interface Gof extends AutoCloseable {
        /** Each entry's statistics (null for a null entry), in order. */
        List<GoodnessOfFit> of(List<FittedDistribution> fits);

        @Override
        void close();

        /** Counts: the rows counted by value (one job), {@link ChiSquaredStatistic#ofCounts} on the driver. */
        static Gof counted(DistributedData data) {
            Map<Double, Long> table = data.blocks().flatMap(b -> {
                List<Double> out = new ArrayList<>();
                for (double v : b.values()) {
                    out.add(v + 0.0);
                }
                return out.iterator();
            }).countByValue();
            double[] values = table.keySet().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            long[] counts = new long[values.length];
            for (int v = 0; v < values.length; v++) {
                counts[v] = table.get(values[v]);
            }
            return new Gof() {
                @Override
                public List<GoodnessOfFit> of(List<FittedDistribution> fits) {
                    List<GoodnessOfFit> out = new ArrayList<>();
                    for (FittedDistribution f : fits) {
                        out.add(f == null ? null : ChiSquaredStatistic.ofCounts(f.distribution(), values, counts));
                    }
                    return out;
                }

                @Override
                public void close() {
                }
            };
        }

        /**
         * Densities: the values sorted across the partitions (a shuffle) and cached, each sorted
         * partition's size (one job); then every family's runs in one job ({@link EdfStatistics#run}).
         */
        static Gof sorted(DistributedData data) {
            int parts = data.partitions();
            JavaRDD<Double> sorted = data.blocks().flatMap(b -> {
                List<Double> out = new ArrayList<>();
                for (double v : b.values()) {
                    out.add(v);
                }
                return out.iterator();
            }).sortBy(v -> v, true, parts).persist(StorageLevel.MEMORY_AND_DISK());
            List<long[]> sizes = new ArrayList<>(sorted.mapPartitionsWithIndex((p, it) -> {
                long n = 0;
                for (; it.hasNext(); it.next()) {
                    n++;
                }
                return List.of(new long[] {p, n}).iterator();
            }, true).collect());
            sizes.sort(Comparator.comparingLong(s -> s[0]));
            long[] before = new long[sizes.size()];
            long total = 0;
            for (int p = 0; p < before.length; p++) {
                before[p] = total;
                total += sizes.get(p)[1];
            }
            long n = total;
            return new Gof() {
                @Override
                public List<GoodnessOfFit> of(List<FittedDistribution> fits) {
                    List<Distribution> ds = new ArrayList<>();
                    for (FittedDistribution f : fits) {
                        ds.add(f == null ? null : f.distribution());
                    }
                    List<double[]> runs = new ArrayList<>(sorted.mapPartitionsWithIndex((p, it) -> {
                        PartitionScan.Doubles x = new PartitionScan.Doubles();
                        it.forEachRemaining(x::add);
                        double[] values = x.toArray();
                        double[] out = new double[1 + 3 * ds.size()];
                        out[0] = p;
                        for (int f = 0; f < ds.size(); f++) {
                            if (ds.get(f) != null) {
                                System.arraycopy(EdfStatistics.run(ds.get(f), values, before[p], n), 0, out, 1 + 3 * f, 3);
                            }
                        }
                        return List.of(out).iterator();
                    }, true).collect());
                    runs.sort(Comparator.comparingDouble(r -> r[0]));
                    List<GoodnessOfFit> out = new ArrayList<>();
                    for (int f = 0; f < ds.size(); f++) {
                        double ks = 0;
                        double cvm = 0;
                        double ad = 0;
                        for (double[] r : runs) {
                            ks = Math.max(ks, r[1 + 3 * f]);
                            cvm += r[2 + 3 * f];
                            ad += r[3 + 3 * f];
                        }
                        out.add(ds.get(f) == null ? null : EdfStatistics.fromRuns(ks, cvm, ad, n));
                    }
                    return out;
                }

                @Override
                public void close() {
                    sorted.unpersist(false);
                }
            };
        }
    }
}
