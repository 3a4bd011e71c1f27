package org.mlem.formula;

import java.util.LinkedHashSet;
import java.util.Set;
import org.mlem.expr.Expr;

/**
 * One variable of a model formula: a column named as is ({@code wool}), a transform of numeric
 * columns ({@code log(x)}, {@code I(x^2)}, {@code sqrt(x)}, {@code exp(x)}) evaluated by
 * {@link org.mlem.expr.Expr}, or a {@link Basis} of one ({@code factor(cyl)}, {@code poly(wt, 2)},
 * {@code ns(x, df = 3)}, {@code cbind(s, f)}). The label is the name R gives it in a model matrix.
 *
 * @param label the name as R prints it, e.g. {@code log(x)} or {@code I(x^2)}
 * @param expr the expression evaluated per row; a {@link Expr.Var} for a plain column
 * @param basis what a call makes of {@code expr}'s values, or null for the values themselves
 */
public record Variable(String label, Expr expr, Basis basis) {
    public Variable {
        if (label == null || label.isEmpty() || expr == null) {
            throw new IllegalArgumentException("a variable needs a label and an expression");
        }
    }

    /** A column or transform whose values are the variable's. */
    public Variable(String label, Expr expr) {
        this(label, expr, null);
    }

    /** A plain column. */
    public static Variable column(String name) {
        return new Variable(name, Expr.var(name));
    }

    /** Whether this is a plain column (which may be text, i.e. a factor), not a transform. */
    public boolean isColumn() {
        return expr instanceof Expr.Var && basis == null;
    }

    /** Whether this is {@code factor(column)}. */
    public boolean isFactorCall() {
        return basis instanceof Basis.AsFactor;
    }

    /**
     * Whether the variable's columns depend on the rows fitted (orthogonal {@code poly}, {@code ns},
     * {@code bs}), so that new rows cannot be coded without the fit's knots or coefficients.
     */
    public boolean dependsOnData() {
        return basis instanceof Basis.Spline || basis instanceof Basis.Poly p && !p.raw();
    }

    /** The columns this variable reads. */
    public Set<String> columns() {
        if (basis instanceof Basis.Trials t) {
            Set<String> both = new LinkedHashSet<>(expr.variables());
            both.addAll(t.failures().variables());
            return both;
        }
        return expr.variables();
    }
}
