package org.mlem.mixture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.data.DataMatrix;
import org.mlem.kernel.GaussianKernels;

/**
 * A fitted (or given) mixture whose components are products of independent per-column factors:
 * p(x) = Σ_j π_j ∏_f p_f(x_f | θ_jf). Every component has the same layout (the same
 * {@link ColumnModel}s in the same order), and the layout covers each of the d columns exactly
 * once. Immutable; arrays are copied in and out.
 *
 * <p>For JSON: {@link #family()}, {@link #k()}, {@link #weights()} and {@link #componentParameters()}
 * give the {@code mixture} result's fields; {@link #columnFamilies()} names each column's family.
 */
public final class ProductMixture implements java.io.Serializable {
    private final double[] weights;
    private final double[] logWeights;
    private final List<ProductComponent> components;
    private final List<String> columns;

    private ProductMixture(double[] weights, List<ProductComponent> components, List<String> columns) {
        this.weights = weights;
        this.components = List.copyOf(components);
        this.columns = List.copyOf(columns);
        this.logWeights = new double[weights.length];
        for (int j = 0; j < weights.length; j++) {
            logWeights[j] = Math.log(weights[j]);
        }
    }

    /**
     * A mixture from its parameters.
     *
     * @param weights k non-negative weights summing to 1 (within 1e-8); kept as given
     * @param components k components of one layout
     * @param columns the d column names; the layout must cover each column once
     */
    public static ProductMixture of(double[] weights, List<ProductComponent> components, List<String> columns) {
        if (weights.length != components.size()) {
            throw new MlemUserException(weights.length + " weights for " + components.size()
                    + " components; give one weight per component");
        }
        checkWeights(weights);
        List<ColumnModel> layout = components.get(0).layout();
        checkLayout(layout, columns);
        for (int j = 1; j < components.size(); j++) {
            if (!sameLayout(layout, components.get(j).layout())) {
                throw new MlemUserException("component " + j + " has layout " + components.get(j).layout()
                        + " but component 1 has " + layout + "; every component needs the same families on the same columns");
            }
        }
        return new ProductMixture(weights.clone(), components, columns);
    }

    /** Package-private: parameters already validated by the M-step. */
    static ProductMixture trusted(double[] weights, List<ProductComponent> components, List<String> columns) {
        return new ProductMixture(weights, components, columns);
    }

    static void checkWeights(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new MlemUserException("mixture weight " + w + " is not a finite non-negative number");
            }
            sum += w;
        }
        if (Math.abs(sum - 1) > 1e-8) {
            throw new MlemUserException("mixture weights sum to " + sum + ", not 1; rescale them");
        }
    }

    /** Throws unless the layout uses every one of the columns exactly once. */
    static void checkLayout(List<ColumnModel> layout, List<String> columns) {
        int d = columns.size();
        int[] used = new int[d];
        for (ColumnModel m : layout) {
            for (int c : m.columns()) {
                if (c >= d) {
                    throw new MlemUserException("the " + m.familyName() + " factor refers to column " + (c + 1)
                            + " but the data have " + d + " columns");
                }
                if (++used[c] > 1) {
                    throw new MlemUserException("column '" + columns.get(c) + "' is given two families; give each column one");
                }
            }
        }
        for (int c = 0; c < d; c++) {
            if (used[c] == 0) {
                throw new MlemUserException("column '" + columns.get(c) + "' has no family; give every column one, "
                        + "or select only the columns to model");
            }
        }
    }

    /** Same columns and the same families (by name and fixed settings such as the binomial size). */
    static boolean sameLayout(List<ColumnModel> a, List<ColumnModel> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int f = 0; f < a.size(); f++) {
            ColumnModel x = a.get(f);
            ColumnModel y = b.get(f);
            if (!Arrays.equals(x.columns(), y.columns()) || !familyKey(x).equals(familyKey(y))) {
                return false;
            }
        }
        return true;
    }

    private static String familyKey(ColumnModel m) {
        return m instanceof ColumnModel.Univariate u ? u.family().toString() : m.familyName();
    }

    /** Number of components k. */
    public int k() {
        return weights.length;
    }

    /** Number of data columns d. */
    public int dimension() {
        return columns.size();
    }

    /** The column names, in data order. */
    public List<String> columns() {
        return columns;
    }

    /** A copy of the mixing weights π. */
    public double[] weights() {
        return weights.clone();
    }

    /** The components, in order. */
    public List<ProductComponent> components() {
        return components;
    }

    public ProductComponent component(int j) {
        return components.get(j);
    }

    /** The factors' column models, shared by every component. */
    public List<ColumnModel> layout() {
        return components.get(0).layout();
    }

    /** The family name shared by every factor ({@code poisson}, {@code bernoulli}, {@code multinomial}, ...), or {@code product}. */
    public String family() {
        String first = layout().get(0).familyName();
        for (ColumnModel m : layout()) {
            if (!m.familyName().equals(first)) {
                return "product";
            }
        }
        return first;
    }

    /** Column name → family name, in column order (the columns of a multinomial factor all say {@code multinomial}). */
    public Map<String, String> columnFamilies() {
        String[] byColumn = new String[dimension()];
        for (ColumnModel m : layout()) {
            for (int c : m.columns()) {
                byColumn[c] = m.familyName();
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int c = 0; c < byColumn.length; c++) {
            out.put(columns.get(c), byColumn[c]);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Each component's parameters, JSON-ready, R's names. With a single univariate factor:
     * {@code {parameter: value}} (e.g. {@code {"lambda": 3.2}}). Otherwise one entry per factor:
     * a univariate factor under its column name ({@code {"age": {"mean": 41, "sd": 9}}}), a
     * multinomial factor under {@code multinomial(a,b,c)} with {@code {"prob[a]": ..., ...}}.
     */
    public List<Map<String, Object>> componentParameters() {
        List<Map<String, Object>> out = new ArrayList<>(k());
        for (ProductComponent c : components) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (c.parts().size() == 1 && c.parts().get(0) instanceof ComponentPart.UnivariatePart u) {
                m.putAll(u.parameters(columns));
            } else {
                for (ComponentPart p : c.parts()) {
                    m.put(factorName(p.model()), p.parameters(columns));
                }
            }
            out.add(Collections.unmodifiableMap(m));
        }
        return Collections.unmodifiableList(out);
    }

    private String factorName(ColumnModel m) {
        if (m instanceof ColumnModel.Univariate u) {
            return columns.get(u.column());
        }
        StringBuilder b = new StringBuilder("multinomial(");
        int[] cols = m.columns();
        for (int a = 0; a < cols.length; a++) {
            b.append(a == 0 ? "" : ",").append(columns.get(cols[a]));
        }
        return b.append(')').toString();
    }

    /** Free parameters: k − 1 weights plus every component's (for AIC and BIC). */
    public int nParameters() {
        int n = k() - 1;
        for (ProductComponent c : components) {
            n += c.freeParameters();
        }
        return n;
    }

    /** Writes log π_j + log p(x_i | j) for every row of the block into {@code out} (rows × k). */
    void logJoint(Block block, double[] out) {
        logJoint(block, out, PLAIN_CELLS);
    }

    /** {@link #logJoint(Block, double[])}, every cell computed when {@code plain}, else through {@link CellTables}. */
    void logJoint(Block block, double[] out, boolean plain) {
        int k = k();
        double[] x = block.x();
        CellTables cells = plain ? null : new CellTables(components);
        for (int i = 0; i < block.rows(); i++) {
            int off = block.offset(i);
            for (int j = 0; j < k; j++) {
                out[i * k + j] = logWeights[j]
                        + (cells == null ? components.get(j).logDensity(x, off) : cells.logDensity(j, x, off));
            }
        }
    }

    /**
     * {@code -Dmlem.mixture.cells=plain} computes every cell's log density (the reference the
     * looked-up values of {@link CellTables} equal bit for bit, {@code CellTablesTest}).
     */
    static final boolean PLAIN_CELLS = "plain".equals(System.getProperty("mlem.mixture.cells"));

    /** Per-row log-likelihood log p(x_i) (unweighted), n values. */
    public double[] scoreRows(DataMatrix data) {
        requireColumns(data);
        int n = data.rows();
        int k = k();
        double[] joint = new double[n * k];
        logJoint(data.all(), joint);
        double[] out = new double[n];
        double[] one = new double[k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(joint, i * k, one, 0, k);
            out[i] = GaussianKernels.normalizeRows(one, 1, k, null, null, 0);
        }
        return out;
    }

    /** Total log-likelihood Σ w_i log p(x_i), with the data's weights (labels ignored). */
    public double logLikelihood(DataMatrix data) {
        double[] rows = scoreRows(data);
        double s = 0;
        for (int i = 0; i < rows.length; i++) {
            if (data.weight(i) != 0) {
                s += data.weight(i) * rows[i];
            }
        }
        return s;
    }

    /** P(component j | x_i), row-major n × k (labels ignored). */
    public double[] predictProbabilities(DataMatrix data) {
        requireColumns(data);
        int n = data.rows();
        double[] out = new double[n * k()];
        logJoint(data.all(), out);
        GaussianKernels.normalizeRows(out, n, k(), null, null, 0);
        return out;
    }

    /** The most probable component of each row (the first of ties). */
    public int[] predict(DataMatrix data) {
        double[] p = predictProbabilities(data);
        int k = k();
        int[] z = new int[data.rows()];
        for (int i = 0; i < z.length; i++) {
            for (int j = 1; j < k; j++) {
                if (p[i * k + j] > p[i * k + z[i]]) {
                    z[i] = j;
                }
            }
        }
        return z;
    }

    /**
     * {@code n} rows drawn from the mixture, with their true components as labels.
     *
     * @throws MlemUserException for a multinomial factor, whose draws need each row's total
     */
    public DataMatrix sample(int n, RandomGenerator rng) {
        int d = dimension();
        DataMatrix.requireHoldable(n, d, DataMatrix.FEWER_ROWS, null);
        double[] x = new double[n * d];
        int[] z = new int[n];
        for (int i = 0; i < n; i++) {
            int j = pick(weights, 0, rng.nextDouble());
            z[i] = j;
            draw(j, x, i * d, rng);
        }
        return DataMatrix.of(x, n, d, columns).withLabels(z);
    }

    /**
     * One row drawn per row of {@code priors} (n × k row-major, each row's component probabilities,
     * as a concomitant gating gives them): per row the component, then its cells, as {@link
     * #sample(int, RandomGenerator)} draws them; the components are the labels.
     */
    public DataMatrix sample(double[] priors, RandomGenerator rng) {
        int d = dimension();
        int n = priors.length / k();
        DataMatrix.requireHoldable(n, d, DataMatrix.FEWER_ROWS, null);
        double[] x = new double[n * d];
        int[] z = new int[n];
        for (int i = 0; i < n; i++) {
            int j = pick(priors, i * k(), rng.nextDouble());
            z[i] = j;
            draw(j, x, i * d, rng);
        }
        return DataMatrix.of(x, n, d, columns).withLabels(z);
    }

    /** The first component j whose cumulative probability {@code p[off..off+j]} exceeds the uniform {@code u}. */
    private int pick(double[] p, int off, double u) {
        double c = 0;
        int j = 0;
        while (j < k() - 1 && u >= (c += p[off + j])) {
            j++;
        }
        return j;
    }

    private void draw(int j, double[] x, int off, RandomGenerator rng) {
        for (ComponentPart p : components.get(j).parts()) {
            if (!(p instanceof ComponentPart.UnivariatePart u1)) {
                throw new MlemUserException("cannot sample a multinomial factor without each row's total count");
            }
            x[off + u1.model().column()] = u1.sample(rng);
        }
    }

    private void requireColumns(DataMatrix data) {
        if (data.cols() != dimension()) {
            throw new MlemUserException("the model has " + dimension() + " columns " + columns + " but the data have "
                    + data.cols() + "; select the model's columns");
        }
    }

    @Override
    public String toString() {
        return "ProductMixture[weights=" + Arrays.toString(weights) + ", components=" + componentParameters() + "]";
    }
}
