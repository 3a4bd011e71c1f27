package org.mlem.formula;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed R model formula such as {@code y ~ a * b + log(x) + I(x^2) - 1}.
 *
 * <p>Supported, with R's meaning: {@code +} adds terms, {@code -} removes them, {@code a:b} is the
 * interaction, {@code a*b} expands to {@code a + b + a:b}, {@code (a + b)^2} to all interactions up
 * to order 2, {@code - 1} or {@code + 0} removes the intercept, {@code .} stands for every column
 * not in the response (only when columns are given to {@link #parse(String, Collection)}), and
 * {@code log exp sqrt} calls and {@code I(...)} of arithmetic on numeric columns are variables.
 * Terms are ordered as R orders them: by order (main effects, then two-way interactions, ...),
 * otherwise as written; variables within a term in order of first appearance in the formula.
 *
 * @param response the left-hand side
 * @param terms the right-hand side's terms, without the intercept
 * @param intercept whether the model has an intercept
 * @param text the formula as given
 */
public record ModelFormula(Variable response, List<Term> terms, boolean intercept, String text) {
    public ModelFormula {
        terms = List.copyOf(terms);
    }

    /**
     * Parses a formula; a {@code .} is an error.
     *
     * @throws org.mlem.MlemUserException naming the 1-based character position of a syntax error
     */
    public static ModelFormula parse(String text) {
        return FormulaParser.parse(text, null);
    }

    /** Parses a formula where {@code .} means every one of {@code columns} not used by the response. */
    public static ModelFormula parse(String text, Collection<String> columns) {
        return FormulaParser.parse(text, List.copyOf(columns));
    }

    /** The term labels, in order, without the intercept. */
    public List<String> termLabels() {
        return terms.stream().map(Term::label).collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return text;
    }
}
