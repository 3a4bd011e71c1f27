package org.mlem.regmix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.glm.Family;
import org.mlem.glm.Link;

/**
 * A fitted mixture of k regressions (GLMs) of one family and link sharing one model matrix:
 * row i belongs to component j with probability {@code weights[j]}, and then
 * {@code g(E[y_i]) = offset_i + x_i' beta_j}; gaussian components also carry their standard
 * deviation {@code sd[j]} (flexmix's {@code sigma}). Deeply immutable.
 */
public final class RegressionMixture {
    private final Family family;
    private final Link link;
    private final List<String> terms;
    private final double[] weights;
    private final double[] coefficients;
    private final double[] sd;

    /**
     * A mixture from its parts.
     *
     * @param family gaussian, poisson or binomial
     * @param link the link (null for the family's canonical link)
     * @param terms model-matrix column names in R's spelling, e.g. {@code (Intercept)}, {@code x}
     * @param weights the k mixing proportions, non-negative and summing to 1 (within 1e-9)
     * @param coefficients k rows of {@code terms.size()} finite coefficients, in term order
     * @param sd the k standard deviations (> 0) of gaussian components; null for other families
     */
    public RegressionMixture(Family family, Link link, List<String> terms, double[] weights, double[][] coefficients,
            double[] sd) {
        this.family = family;
        this.link = link == null ? family.defaultLink() : link;
        this.terms = List.copyOf(terms);
        int k = weights.length;
        int p = terms.size();
        Response response = Response.of(family);
        if (k < 1 || coefficients.length != k || (response.hasSd() && (sd == null || sd.length != k))) {
            throw new IllegalArgumentException("need k >= 1 weights, k coefficient rows"
                    + (response.hasSd() ? " and k standard deviations" : "") + ", got " + k + " and "
                    + coefficients.length);
        }
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0 && w <= 1)) {
                throw new IllegalArgumentException("mixing weight " + w + " is not in [0, 1]");
            }
            total += w;
        }
        if (Math.abs(total - 1) > 1e-9) {
            throw new IllegalArgumentException("mixing weights sum to " + total + ", not 1");
        }
        this.weights = weights.clone();
        this.coefficients = new double[k * p];
        for (int j = 0; j < k; j++) {
            if (coefficients[j].length != p) {
                throw new IllegalArgumentException("component " + j + " has " + coefficients[j].length
                        + " coefficients for " + p + " terms " + terms);
            }
            for (double b : coefficients[j]) {
                if (!Double.isFinite(b)) {
                    throw new IllegalArgumentException("component " + j + " has a non-finite coefficient");
                }
            }
            System.arraycopy(coefficients[j], 0, this.coefficients, j * p, p);
        }
        this.sd = new double[k];
        Arrays.fill(this.sd, Double.NaN);
        if (response.hasSd()) {
            for (int j = 0; j < k; j++) {
                if (!(sd[j] > 0) || Double.isInfinite(sd[j])) {
                    throw new IllegalArgumentException("component " + j + "'s sd " + sd[j] + " is not > 0");
                }
                this.sd[j] = sd[j];
            }
        }
    }

    /** The response family. */
    public Family family() {
        return family;
    }

    /** The link. */
    public Link link() {
        return link;
    }

    /** Model-matrix column names, R's spelling, in coefficient order. */
    public List<String> terms() {
        return terms;
    }

    /** k, the number of components. */
    public int components() {
        return weights.length;
    }

    /** The mixing proportions [k] (copy). */
    public double[] weights() {
        return weights.clone();
    }

    /** Component j's coefficients in term order (copy). */
    public double[] coefficients(int j) {
        int p = terms.size();
        return Arrays.copyOfRange(coefficients, j * p, (j + 1) * p);
    }

    /** Component j's coefficients by term name, in term order. */
    public Map<String, Double> coefficientMap(int j) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int t = 0; t < terms.size(); t++) {
            m.put(terms.get(t), coefficients[j * terms.size() + t]);
        }
        return m;
    }

    /** Every component's coefficients as {term: value}, component order. */
    public List<Map<String, Double>> coefficientMaps() {
        List<Map<String, Double>> all = new ArrayList<>();
        for (int j = 0; j < components(); j++) {
            all.add(coefficientMap(j));
        }
        return all;
    }

    /** Whether components carry a standard deviation (gaussian). */
    public boolean hasSd() {
        return Response.of(family).hasSd();
    }

    /** Component j's standard deviation (gaussian), NaN for other families. */
    public double sd(int j) {
        return sd[j];
    }

    /** The standard deviations [k] (copy), NaN for families without one. */
    public double[] sds() {
        return sd.clone();
    }

    /** Free parameters with nothing held fixed: k - 1 weights, k p coefficients, k sds when gaussian (flexmix's df). */
    public int nParameters() {
        int k = components();
        return k - 1 + k * terms.size() + (hasSd() ? k : 0);
    }

    double[] coefficientsFlat() {
        return coefficients;
    }

    double[] weightsView() {
        return weights;
    }

    double[] sdView() {
        return sd;
    }

    @Override
    public String toString() {
        return "RegressionMixture[" + family.name() + "/" + link.rName() + ", weights=" + Arrays.toString(weights)
                + ", coefficients=" + coefficientMaps() + (hasSd() ? ", sd=" + Arrays.toString(sd) : "") + "]";
    }
}
