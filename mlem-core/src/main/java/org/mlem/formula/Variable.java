package org.mlem.formula;

import java.util.Set;
import org.mlem.expr.Expr;

/**
 * One variable of a model formula: a column named as is ({@code wool}), or a transform of numeric
 * columns ({@code log(x)}, {@code I(x^2)}, {@code sqrt(x)}, {@code exp(x)}) evaluated by
 * {@link org.mlem.expr.Expr}. The label is the name R gives it in a model matrix.
 *
 * @param label the name as R prints it, e.g. {@code log(x)} or {@code I(x^2)}
 * @param expr the expression evaluated per row; a {@link Expr.Var} for a plain column
 */
public record Variable(String label, Expr expr) {
    public Variable {
        if (label == null || label.isEmpty() || expr == null) {
            throw new IllegalArgumentException("a variable needs a label and an expression");
        }
    }

    /** A plain column. */
    public static Variable column(String name) {
        return new Variable(name, Expr.var(name));
    }

    /** Whether this is a plain column (which may be text, i.e. a factor), not a transform. */
    public boolean isColumn() {
        return expr instanceof Expr.Var;
    }

    /** The columns this variable reads. */
    public Set<String> columns() {
        return expr.variables();
    }
}
