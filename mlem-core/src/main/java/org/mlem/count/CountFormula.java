package org.mlem.count;

import java.util.ArrayList;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.formula.ModelFormula;

/**
 * pscl's two-part formula {@code y ~ x1 + x2 | z1 + z2}: the count part's right-hand side before
 * the top-level {@code |}, the zero part's after it; without {@code |} both parts take the same
 * regressors. {@code count} and {@code zero} are ordinary formulas with the shared response.
 */
public record CountFormula(String text, String count, String zero) {

    /** Splits {@code text} at its one top-level {@code |} (outside parentheses). */
    public static CountFormula parse(String text) {
        int tilde = text.indexOf('~');
        if (tilde < 0) {
            throw new MlemUserException("the formula '" + text + "' has no '~'; write it as \"y ~ x1 + x2 | z1\"");
        }
        List<Integer> bars = new ArrayList<>();
        int depth = 0;
        for (int i = tilde; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == '|' && depth == 0) {
                bars.add(i);
            }
        }
        if (bars.size() > 1) {
            throw new MlemUserException("the formula '" + text + "' has more than one '|'; write \"y ~ count terms | zero terms\"");
        }
        if (bars.isEmpty()) {
            return new CountFormula(text, text.trim(), text.trim());
        }
        int bar = bars.get(0);
        String lhs = text.substring(0, tilde).trim();
        String zeroRhs = text.substring(bar + 1).trim();
        if (zeroRhs.isEmpty()) {
            throw new MlemUserException("the formula '" + text + "' has nothing after '|'; name the zero part's terms, "
                    + "or 1 for an intercept alone");
        }
        return new CountFormula(text, text.substring(0, bar).trim(), lhs + " ~ " + zeroRhs);
    }

    /** Both formulas parsed against {@code columns}. */
    public List<ModelFormula> parts(java.util.Collection<String> columns) {
        return List.of(ModelFormula.parse(count, columns), ModelFormula.parse(zero, columns));
    }

    /** The two design matrices on {@code frame}, row-major, with the counts: what {@link CountEstimator#fit} takes. */
    public Designs designs(Frame frame, DesignSpec spec) {
        Design x = Design.build(count, frame, spec);
        Design z = Design.build(zero, frame, spec);
        if (x.rows() != z.rows()) {
            throw new MlemUserException("the count and zero parts of '" + text + "' use different rows; "
                    + "fill in or drop the missing cells");
        }
        return new Designs(x.response(), rowMajor(x), x.columnNames(), rowMajor(z), z.columnNames(), x);
    }

    /** The counts, each part's design (row-major) and term names, and the count part's {@link Design} (source rows). */
    public record Designs(double[] y, double[][] x, List<String> countTerms, double[][] z, List<String> zeroTerms,
            Design countDesign) {}

    /** A design's matrix as rows. */
    public static double[][] rowMajor(Design d) {
        double[][] m = new double[d.rows()][d.columns()];
        for (int i = 0; i < d.rows(); i++) {
            for (int j = 0; j < d.columns(); j++) {
                m[i][j] = d.get(i, j);
            }
        }
        return m;
    }
}
