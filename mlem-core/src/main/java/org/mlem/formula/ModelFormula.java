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
 * {@code log exp sqrt} calls and {@code I(...)} of arithmetic on numeric columns are variables;
 * {@code factor(x)}, {@code poly(x, d)}, {@code poly(x, d, raw = TRUE)}, {@code ns(x, df)},
 * {@code bs(x, df)} are variables with a {@link Basis}; {@code offset(...)} adds to the offset;
 * {@code cbind(successes, failures)} or {@code factor(y)} may be the response.
 * Terms are ordered as R orders them: by order (main effects, then two-way interactions, ...),
 * otherwise as written; variables within a term in order of first appearance in the formula.
 *
 * @param response the left-hand side
 * @param terms the right-hand side's terms, without the intercept
 * @param intercept whether the model has an intercept
 * @param offsets the {@code offset(...)} calls of the right-hand side, summed into the offset
 * @param text the formula as given
 */
public record ModelFormula(Variable response, List<Term> terms, boolean intercept, List<Variable> offsets, String text) {
    public ModelFormula {
        terms = List.copyOf(terms);
        offsets = List.copyOf(offsets);
    }

    /** Whether a term's columns depend on the rows fitted ({@link Variable#dependsOnData()}). */
    public boolean dependsOnData() {
        return terms.stream().anyMatch(t -> t.variables().stream().anyMatch(Variable::dependsOnData));
    }

    /**
     * Refuses, in one line, to code new rows (predict, score, sample) with a term
     * whose columns depend on the rows fitted: orthogonal {@code poly}, {@code ns} and {@code bs}
     * rebuilt on other rows would be another basis, and an older model file does not keep the fit's.
     */
    public void requireCodableOnNewRows() {
        requireCodableOnNewRows(java.util.Set.of());
    }

    /** {@link #requireCodableOnNewRows()}, but the terms labelled in {@code coded} have their fit's basis. */
    public void requireCodableOnNewRows(java.util.Set<String> coded) {
        for (Term t : terms) {
            for (Variable v : t.variables()) {
                if (v.dependsOnData() && !coded.contains(v.label())) {
                    throw new org.mlem.MlemUserException("the model's term '" + v.label() + "' is built from the rows "
                            + "it was fitted to and the model file (from an older mlem) does not keep its basis, so predict, "
                            + "score and sample cannot code rows with it; refit to write a file that keeps it, or use "
                            + "poly(x, d, raw = TRUE) or I() terms");
                }
            }
        }
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
