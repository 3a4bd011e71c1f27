package org.mlem.survival;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;

/**
 * An R survival formula {@code Surv(time, event) ~ terms}, {@code Surv(time, event, type = "left")}
 * or {@code Surv(time) ~ terms} (every row an event), fitted by {@link SurvivalRegression} over a
 * {@link Frame}; and the Tobit model {@code y ~ terms} censored at {@code left} and {@code right},
 * as {@code AER::tobit}. The right-hand side is the GLM formula ({@code org.mlem.formula}).
 */
public final class SurvivalFormula {
    private static final Pattern SURV = Pattern.compile(
            "\\s*Surv\\s*\\(\\s*([^,()]+?)\\s*(?:,\\s*([^,()=]+?)\\s*)?(?:,\\s*type\\s*=\\s*[\"']([a-z]+)[\"']\\s*)?\\)\\s*~(.*)",
            Pattern.DOTALL);

    private SurvivalFormula() {
    }

    /**
     * The pieces of {@code Surv(time, event, type = "...") ~ terms}.
     *
     * @param time the time column
     * @param event the event column, or null (every row an event)
     * @param leftCensored Surv's {@code type = "left"}
     * @param timeFormula {@code time ~ terms}, the formula of the design (its response is the time)
     */
    public record Parts(String time, String event, boolean leftCensored, String timeFormula) {
    }

    /**
     * Splits a survival formula.
     *
     * @throws MlemUserException when the left-hand side is not Surv(time[, event][, type = "right"|"left"])
     */
    public static Parts parse(String formula) {
        Matcher m = SURV.matcher(formula);
        if (!m.matches()) {
            throw new MlemUserException("survreg: the formula must read Surv(time, event) ~ terms (or Surv(time, event,"
                    + " type = \"left\") ~ terms), got '" + formula + "'");
        }
        String type = m.group(3) == null ? "right" : m.group(3);
        if (!type.equals("right") && !type.equals("left")) {
            throw new MlemUserException("survreg: Surv type '" + type + "' is not supported here; use \"right\" or"
                    + " \"left\" (interval data: fit dist --interval)");
        }
        return new Parts(m.group(1), m.group(2), type.equals("left"), m.group(1) + " ~" + m.group(4));
    }

    /**
     * Fits {@code Surv(...) ~ terms}.
     *
     * @throws MlemUserException for a left-hand side that is not Surv(time[, event][, type = "right"|"left"]),
     *     and as {@link Design#build} and {@link CensoredSample#events} (rows placed by {@link RowException})
     */
    public static SurvivalFit survreg(String formula, Frame frame, DesignSpec spec, AftDistribution dist) {
        return fit(survregRows(formula, frame, spec), dist);
    }

    /**
     * The rows a fit reads: the design and each row's bounds on T.
     *
     * @param design the design (its rows are the fit's rows)
     * @param y the bounds on T (or on the response of a Tobit model)
     */
    public record Rows(Design design, CensoredSample y) {
    }

    /** The design and responses of {@code Surv(...) ~ terms} on {@code frame}, as {@link #survreg} fits them. */
    public static Rows survregRows(String formula, Frame frame, DesignSpec spec) {
        Parts parts = parse(formula);
        Design design = Design.build(parts.timeFormula(), frame, spec);
        return new Rows(design, responses(parts, design, frame, null));
    }

    /** The design and censored responses of a Tobit model, as {@link #tobit} fits them. */
    public static Rows tobitRows(String formula, Frame frame, DesignSpec spec, double left, double right,
            AftDistribution dist) {
        checkTobit(left, right, dist);
        Design design = Design.build(formula, frame, spec);
        return new Rows(design, tobitResponses(design.response(), design.weights(), left, right));
    }

    /**
     * The bounds on T of the rows of {@code design} (built from {@code parts.timeFormula()} on
     * {@code frame}): the time and, when the formula names one, the event column's codes, in
     * {@code oneTwo}'s coding (see {@link CensoredSample#ofStatus(double[], double[], double[], boolean, Boolean)}).
     *
     * @throws RowException at a missing or unknown event code (the frame's row)
     */
    public static CensoredSample responses(Parts parts, Design design, Frame frame, Boolean oneTwo) {
        String event = parts.event();
        double[] t = design.response();
        double[] status = new double[t.length];
        if (event == null) {
            java.util.Arrays.fill(status, 1);
        } else {
            if (!frame.has(event) || !frame.isNumeric(event)) {
                throw new MlemUserException("survreg: the event column '" + event + "' is not a numeric column of the"
                        + " data; columns are " + String.join(", ", frame.names()));
            }
            double[] all = frame.numeric(event);
            int[] rows = design.sourceRows();
            for (int i = 0; i < t.length; i++) {
                status[i] = all[rows[i]];
                if (Double.isNaN(status[i])) {
                    throw new RowException(rows[i], "missing event code in column '" + event + "'; fill it in or"
                            + " remove the row");
                }
            }
        }
        try {
            return CensoredSample.ofStatus(t, status, design.weights(), parts.leftCensored(), event == null ? null : oneTwo);
        } catch (RowException e) {
            throw new RowException(design.sourceRows()[e.row()], e.problem());
        }
    }

    /**
     * The Tobit model, as {@code AER::tobit(formula, left, right, dist)}: rows with y ≤ left are
     * left-censored at left, rows with y ≥ right right-censored at right.
     */
    public static SurvivalFit tobit(String formula, Frame frame, DesignSpec spec, double left, double right,
            AftDistribution dist) {
        return fit(tobitRows(formula, frame, spec, left, right, dist), dist);
    }

    /**
     * Refuses a Tobit model whose censoring points are not in order or whose distribution is one of
     * log times.
     */
    public static void checkTobit(double left, double right, AftDistribution dist) {
        if (!(left < right)) {
            throw new MlemUserException("tobit: --left " + left + " must be below --right " + right);
        }
        if (dist.logTime()) {
            throw new MlemUserException("tobit: the distribution must be one for y itself (gaussian, logistic,"
                    + " extreme), not " + dist.rName());
        }
    }

    /** AER::tobit's bounds: y ≤ left is left-censored at left, y ≥ right right-censored at right, else exact. */
    public static CensoredSample tobitResponses(double[] y, double[] weights, double left, double right) {
        double[] lo = new double[y.length];
        double[] hi = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            lo[i] = y[i] <= left ? Double.NEGATIVE_INFINITY : y[i] >= right ? right : y[i];
            hi[i] = y[i] <= left ? left : y[i] >= right ? Double.POSITIVE_INFINITY : y[i];
        }
        return new CensoredSample(lo, hi, weights);
    }

    /**
     * Fits {@code rows} ({@link #survregRows} or {@link #tobitRows}) with {@code dist}.
     *
     * @throws RowException placed at the frame's row
     */
    public static SurvivalFit fit(Rows rows, AftDistribution dist) {
        Design design = rows.design();
        CensoredSample y = rows.y();
        if (design.hasOffset()) {
            throw new MlemUserException("survreg: offsets are not supported yet; remove --offset");
        }
        List<String> names = design.columnNames();
        try {
            return new SurvivalRegression(dist).fit(design.matrixColumnMajor(), names, y);
        } catch (RowException e) {
            throw new RowException(design.sourceRows()[e.row()], e.problem());
        }
    }
}
