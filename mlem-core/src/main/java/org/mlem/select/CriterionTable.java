package org.mlem.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A criterion over a selection grid laid out as mclust's {@code mclustBIC} and {@code mclustICL}
 * print it: one row per k (mclust's G), one column per variant (mclust's model), NaN (mclust's NA)
 * where the candidate failed, was never eligible (a degenerate component, at least as many
 * parameters as rows) or was not in the grid; and the top three, as mclust's summary lists them.
 * Values keep mlem's sign, <b>lower is better</b>: mclust's BIC and ICL are their negatives.
 *
 * @param criterion the criterion tabulated
 * @param ks the rows' k, increasing
 * @param variants the columns' names, in the grid's order
 * @param values [ks][variants], NaN where there is no value
 * @param top the best {@link #TOP} eligible candidates by the criterion, best first (fewer when fewer are eligible)
 */
public record CriterionTable(Criterion criterion, List<Integer> ks, List<String> variants, double[][] values,
        List<Entry> top) {

    /** How many of the best candidates {@link #top} lists (mclust's summary shows three). */
    public static final int TOP = 3;

    /** One cell of the table: k, the variant's name and the criterion's value. */
    public record Entry(int k, String variant, double value) {}

    public CriterionTable {
        ks = List.copyOf(ks);
        variants = List.copyOf(variants);
        values = Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
        top = List.copyOf(top);
    }

    /** The table of {@code criterion} over {@code result}'s candidates, variants named by {@code name}. */
    public static CriterionTable of(SelectionResult<?> result, Criterion criterion, UnaryOperator<String> name) {
        TreeSet<Integer> kSet = new TreeSet<>();
        List<String> variants = new ArrayList<>();
        for (Candidate<?> c : result.candidates()) {
            kSet.add(c.k());
            String v = name.apply(c.variant());
            if (!variants.contains(v)) {
                variants.add(v);
            }
        }
        List<Integer> ks = new ArrayList<>(kSet);
        double[][] values = new double[ks.size()][variants.size()];
        for (double[] row : values) {
            Arrays.fill(row, Double.NaN);
        }
        List<Entry> eligible = new ArrayList<>();
        for (Candidate<?> c : result.candidates()) {
            double v = criterion.of(c);
            if (c.eligible() && !Double.isNaN(v)) {
                String variant = name.apply(c.variant());
                values[ks.indexOf(c.k())][variants.indexOf(variant)] = v;
                eligible.add(new Entry(c.k(), variant, v));
            }
        }
        // stable: equal values keep the grid's order, as R's order() does
        eligible.sort(Comparator.comparingDouble(Entry::value));
        return new CriterionTable(criterion, ks, variants, values, eligible.subList(0, Math.min(TOP, eligible.size())));
    }

    @Override
    public double[][] values() {
        return Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
    }
}
