package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Frame;
import org.mlem.io.ModelJson;

/**
 * Turnbull's nonparametric MLE ({@code fit turnbull}): masses on innermost intervals
 * {@code (lower_j, upper_j]} (a point when equal; a null end in the file is open, ±∞).
 *
 * <p>The NPMLE fixes how much mass each innermost interval holds, not where inside it, so the
 * curve is read as {@code survival::survfit} draws it for interval2 data: each interval's mass
 * sits at one point — a point interval's value, a finite interval's midpoint, a left-open
 * interval's upper end, beyond every time for a right-open one — and S(t) = the mass at points
 * after t (right-continuous steps).
 * {@code predict} gives S and F (= 1 − S but summed on its own side) at the times of a column
 * {@code time}; {@code sample}
 * draws an interval by its mass, then a value uniformly inside a finite interval (the NPMLE says
 * nothing of the mass's place there), the value of a point interval, the finite end of a half-open
 * one (the NPMLE says only on which side of it the value lies). {@code score} is refused: the mass sits on intervals, so a value has no density under the
 * NPMLE (a row's interval has a probability, which is what the fit's log-likelihood sums).
 *
 * @param lower each innermost interval's lower end (−∞ open)
 * @param upper each one's upper end (+∞ open)
 * @param mass each one's probability (summing to 1)
 * @param n rows fitted
 * @param logLikelihood the fit's
 */
public record FittedTurnbull(double[] lower, double[] upper, double[] mass, int n, double logLikelihood)
        implements ResponsePredictor, Sampler {
    /** The column of times {@code predict} reads. */
    public static final String TIME = "time";

    public static final ModelKind<FittedTurnbull> KIND = new ModelKind<>("turnbull", "Turnbull nonparametric MLE",
            FittedTurnbull.class, new ModelCodec<>() {
                @Override
                public FittedTurnbull read(JsonNode root, String source) {
                    return FittedTurnbull.read(root, source);
                }

                @Override
                public ObjectNode write(FittedTurnbull m) {
                    ObjectNode node = ModelJson.mapper().createObjectNode();
                    node.put("formatVersion", 1);
                    node.put("model", KIND.name());
                    node.put("n", m.n);
                    node.put("logLikelihood", m.logLikelihood);
                    node.put("nParameters", m.nParameters());
                    ArrayNode a = node.putArray("intervals");
                    for (int j = 0; j < m.mass.length; j++) {
                        ObjectNode row = a.addObject();
                        end(row, "lower", m.lower[j]);
                        end(row, "upper", m.upper[j]);
                        row.put("mass", m.mass[j]);
                    }
                    return node;
                }
            });

    public FittedTurnbull {
        lower = lower.clone();
        upper = upper.clone();
        mass = mass.clone();
    }

    private static void end(ObjectNode row, String name, double v) {
        if (Double.isFinite(v)) {
            row.put(name, v);
        } else {
            row.putNull(name);
        }
    }

    private static FittedTurnbull read(JsonNode root, String source) {
        JsonNode a = root.get("intervals");
        if (a == null || !a.isArray() || a.isEmpty()) {
            throw new MlemUserException("field 'intervals' must be an array of {lower, upper, mass} (write the file with "
                    + "mlem fit turnbull --out)", source, -1, -1);
        }
        int m = a.size();
        double[] lo = new double[m];
        double[] hi = new double[m];
        double[] p = new double[m];
        double total = 0;
        for (int j = 0; j < m; j++) {
            JsonNode e = a.get(j);
            lo[j] = value(e, "lower", Double.NEGATIVE_INFINITY, j, source);
            hi[j] = value(e, "upper", Double.POSITIVE_INFINITY, j, source);
            p[j] = value(e, "mass", Double.NaN, j, source);
            if (!(p[j] >= 0) || !(lo[j] <= hi[j])) {
                throw new MlemUserException("field 'intervals[" + j + "]' needs lower ≤ upper and a mass ≥ 0, found " + e,
                        source, -1, -1);
            }
            total += p[j];
        }
        if (Math.abs(total - 1) > 1e-8) {
            throw new MlemUserException("the masses of 'intervals' sum to " + total + ", not 1", source, -1, -1);
        }
        return new FittedTurnbull(lo, hi, p, root.path("n").asInt(0), root.path("logLikelihood").asDouble(Double.NaN));
    }

    private static double value(JsonNode e, String name, double open, int j, String source) {
        JsonNode v = e.get(name);
        if (v == null || v.isNull()) {
            if (Double.isNaN(open)) {
                throw new MlemUserException("field 'intervals[" + j + "]." + name + "' is missing", source, -1, -1);
            }
            return open;
        }
        if (!v.isNumber()) {
            throw new MlemUserException("field 'intervals[" + j + "]." + name + "' must be a number or null, found " + v,
                    source, -1, -1);
        }
        return v.asDouble();
    }

    @Override
    public String kind() {
        return KIND.name();
    }

    /** The masses but one (they sum to 1), as the fit counts them. */
    @Override
    public int nParameters() {
        return mass.length - 1;
    }

    /** A column {@code time} (predict); sample reads no rows. */
    @Override
    public RowInput input() {
        return new RowInput.Table(List.of(TIME), List.of());
    }

    /**
     * Where interval j's mass sits on survfit's curve: a point's value, a finite interval's
     * midpoint, a left-open interval's upper end, and +∞ for a right-open one (survfit's curve
     * keeps that mass to its end).
     */
    public double point(int j) {
        if (lower[j] == upper[j] || upper[j] == Double.POSITIVE_INFINITY) {
            return upper[j];
        }
        return lower[j] == Double.NEGATIVE_INFINITY ? upper[j] : (lower[j] + upper[j]) / 2;
    }

    /** S(t): the mass at points after t. */
    public double survival(double t) {
        return tail(t, true);
    }

    /** F(t): the mass at points up to t (summed on its own, so S and F each end exactly at 0 and 1). */
    public double cdf(double t) {
        return tail(t, false);
    }

    private double tail(double t, boolean after) {
        double s = 0;
        for (int j = 0; j < mass.length; j++) {
            if (point(j) > t == after) {
                s += mass[j];
            }
        }
        return s;
    }

    /** {@code survival} S(t) and {@code cdf} F(t) at each row's {@code time}. */
    @Override
    public Prediction predict(Frame rows) {
        if (!rows.has(TIME) || !rows.isNumeric(TIME)) {
            throw new MlemUserException("a turnbull file predicts at the times of a numeric column 'time'; the columns are "
                    + rows.names());
        }
        double[] t = rows.numeric(TIME);
        double[] s = new double[t.length];
        double[] f = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            if (Double.isNaN(t[i])) {
                throw new MlemUserException("data row " + (i + 1) + ": column 'time' is missing");
            }
            s[i] = survival(t[i]);
            f[i] = cdf(t[i]);
        }
        return new Prediction(List.of("survival", "cdf"), List.of(s, f));
    }

    /** n values drawn as the class comment says; each row's interval index is its label. */
    @Override
    public DataMatrix sample(int n, long seed) {
        if (n < 1) {
            throw new MlemUserException("sample size " + n + " must be at least 1");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        int[] z = new int[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            double c = 0;
            int j = 0;
            while (j < mass.length - 1 && u >= (c += mass[j])) {
                j++;
            }
            z[i] = j;
            boolean finite = Double.isFinite(lower[j]) && Double.isFinite(upper[j]);
            x[i] = finite && lower[j] < upper[j] ? lower[j] + (upper[j] - lower[j]) * rng.nextDouble()
                    : Double.isFinite(upper[j]) ? upper[j] : lower[j];
        }
        return DataMatrix.of(x, n, 1, List.of(TIME)).withLabels(z);
    }

    /** Why {@code score} cannot take this file. */
    @Override
    public String refusal(Capability command) {
        return command == Capability.SCORE ? "the NPMLE puts its mass on intervals, not on values, so a value has no "
                + "density under it" : null;
    }

    /** The innermost intervals, their masses and S after each. */
    @Override
    public String summary() {
        ParameterTable t = new ParameterTable(String.format(Locale.ROOT, "turnbull: %d innermost intervals, %d rows",
                mass.length, n), List.of("lower", "upper", "mass"));
        for (int j = 0; j < mass.length; j++) {
            t.row("interval " + j, lower[j], upper[j], mass[j]);
        }
        return t.render();
    }
}
