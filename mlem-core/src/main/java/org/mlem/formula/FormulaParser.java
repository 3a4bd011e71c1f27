package org.mlem.formula;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mlem.MlemUserException;
import org.mlem.expr.Expr;

/**
 * Recursive-descent parser of R's formula operators, loosest first:
 * <pre>
 * formula := variable '~' sum
 * sum     := product (('+' | '-') product)*      also a leading '-'
 * product := inter ('*' inter)*
 * inter   := power (':' power)*
 * power   := primary ('^' integer)?
 * primary := '(' sum ')' | '0' | '1' | '.' | name | name '(' text ')'
 * </pre>
 * {@code offset(...)} is no term: it is kept in the formula's offsets. The calls {@link FormulaCalls}
 * knows become variables with a {@link Basis}; any other call must be an {@link org.mlem.expr.Fn}.
 * A term is a set of variable indices (a {@link BitSet}), variables numbered by first appearance.
 */
final class FormulaParser {
    private final String text;
    private final List<String> dotColumns;
    private final List<Variable> variables = new ArrayList<>();
    private final List<Variable> offsets = new ArrayList<>();
    private int pos;
    private boolean intercept = true;
    /** Open parentheses around {@link #pos}; bounded so that a hostile formula cannot exhaust the stack. */
    private int nesting;
    private static final int MAX_NESTING = 200;

    private FormulaParser(String text, List<String> dotColumns) {
        this.text = text;
        this.dotColumns = dotColumns;
    }

    static ModelFormula parse(String text, List<String> dotColumns) {
        if (text == null || text.isBlank()) {
            throw new MlemUserException("formula: empty; write e.g. 'y ~ x1 + x2'");
        }
        FormulaParser p = new FormulaParser(text, dotColumns);
        p.skipSpace();
        if (p.peek() == '~') {
            throw p.error("a response (a column name) before '~'");
        }
        Variable response = p.variableAt(p.name());
        if (response.basis() != null && !(response.basis() instanceof Basis.Trials
                || response.basis() instanceof Basis.AsFactor)) {
            p.pos = 0;
            throw p.error("a response: a column, an expression of columns, factor(column) or cbind(successes, failures)");
        }
        p.variables.add(response); // index 0; a term holding it is dropped, as R drops y from y ~ y
        p.skipSpace();
        if (p.peek() != '~') {
            throw p.error("'~' after the response");
        }
        p.pos++;
        Set<BitSet> rhs = p.sum();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error(p.peek() == ')' ? "an operator or the end (unmatched ')')" : "an operator or the end");
        }
        return new ModelFormula(response, p.orderedTerms(rhs), p.intercept, p.offsets, text.strip());
    }

    private List<Term> orderedTerms(Set<BitSet> rhs) {
        List<BitSet> sets = new ArrayList<>(rhs);
        sets.removeIf(s -> s.isEmpty() || s.get(0));
        sets.sort(Comparator.comparingInt(BitSet::cardinality)); // stable: as written within an order
        List<Term> terms = new ArrayList<>();
        for (BitSet s : sets) {
            List<Variable> vs = new ArrayList<>();
            s.stream().forEach(i -> vs.add(variables.get(i)));
            terms.add(new Term(vs));
        }
        return terms;
    }

    private Set<BitSet> sum() {
        skipSpace();
        Set<BitSet> terms = new LinkedHashSet<>();
        boolean minus = false;
        if (peek() == '-') {
            pos++;
            minus = true;
        }
        while (true) {
            int start = pos;
            Set<BitSet> next = product();
            Integer literal = literalOf(next);
            if (literal != null) {
                intercept = minus ? literal == 0 : literal == 1;
            } else if (minus) {
                terms.removeAll(next);
            } else {
                terms.addAll(next);
            }
            skipSpace();
            char c = peek();
            if (c != '+' && c != '-') {
                return terms;
            }
            if (start == pos) {
                throw error("a term");
            }
            minus = c == '-';
            pos++;
        }
    }

    private Set<BitSet> product() {
        Set<BitSet> left = inter();
        while (true) {
            skipSpace();
            if (peek() != '*') {
                return left;
            }
            pos++;
            Set<BitSet> right = inter();
            Set<BitSet> all = new LinkedHashSet<>(left);
            all.addAll(right);
            all.addAll(cross(left, right));
            left = all;
        }
    }

    private Set<BitSet> inter() {
        Set<BitSet> left = power();
        while (true) {
            skipSpace();
            if (peek() != ':') {
                return left;
            }
            pos++;
            left = cross(left, power());
        }
    }

    private Set<BitSet> power() {
        Set<BitSet> base = primary();
        skipSpace();
        if (peek() != '^') {
            return base;
        }
        pos++;
        skipSpace();
        int start = pos;
        while (Character.isDigit(peek())) {
            pos++;
        }
        if (start == pos) {
            throw error("a whole number after '^'");
        }
        int k = Integer.parseInt(text.substring(start, pos));
        Set<BitSet> result = new LinkedHashSet<>(base);
        for (int i = 1; i < k; i++) {
            Set<BitSet> grown = new LinkedHashSet<>(result);
            grown.addAll(cross(result, base));
            result = grown;
        }
        return result;
    }

    private Set<BitSet> primary() {
        skipSpace();
        char c = peek();
        if (c == '(') {
            if (++nesting > MAX_NESTING) {
                throw new MlemUserException("formula: parentheses nested more than " + MAX_NESTING
                        + " deep at character " + (pos + 1) + "; write the formula with fewer levels", "formula", 1, pos + 1);
            }
            pos++;
            boolean saved = intercept;
            Set<BitSet> inner = sum();
            intercept = saved;
            nesting--;
            skipSpace();
            if (peek() != ')') {
                throw error("')'");
            }
            pos++;
            return inner;
        }
        if (c == '0' || c == '1') {
            pos++;
            return literal(c - '0');
        }
        if (c == '.' && !isNameChar(charAt(pos + 1))) {
            if (dotColumns == null) {
                throw error("a column name ('.' needs the data's columns)");
            }
            pos++;
            return dot();
        }
        int start = pos;
        Variable v = variableAt(name());
        if (v.basis() instanceof Basis.Offset) {
            offsets.add(v);
            return new LinkedHashSet<>();
        }
        if (v.basis() instanceof Basis.Trials) {
            pos = start;
            throw error("a term (cbind(successes, failures) is a binomial response, left of '~')");
        }
        return single(indexOf(v));
    }

    /** A name, or a call {@code f(...)} whose text up to the matching parenthesis becomes a variable. */
    private Variable variableAt(String name) {
        skipSpace();
        if (peek() != '(') {
            return Variable.column(name);
        }
        int open = pos;
        int depth = 0;
        do {
            char c = peek();
            if (c == 0) {
                pos = open;
                throw error("a matching ')'");
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            pos++;
        } while (depth > 0);
        String inner = text.substring(open + 1, pos - 1);
        if (!FormulaCalls.known(name)) {
            throw new MlemUserException("formula '" + text.strip() + "': unknown function '" + name + "' in term '"
                    + text.substring(open - name.length(), pos) + "'; a formula may call " + FormulaCalls.knownList(),
                    "formula", 1, open - name.length() + 1);
        }
        try {
            if (name.equals("I")) {
                return new Variable("I(" + RDeparse.of(Expr.parse(inner)) + ")", Expr.parse(inner));
            }
            if (FormulaCalls.NAMES.contains(name)) {
                return FormulaCalls.variable(name, inner);
            }
            Expr call = Expr.parse(name + "(" + inner + ")");
            return new Variable(RDeparse.of(call), call);
        } catch (MlemUserException e) {
            pos = open;
            throw error("a valid expression inside " + name + "(...) (" + e.getMessage() + ")");
        }
    }

    private String name() {
        skipSpace();
        int start = pos;
        if (peek() == '`') {
            int end = text.indexOf('`', pos + 1);
            if (end < 0) {
                throw error("a closing '`'");
            }
            pos = end + 1;
            return text.substring(start + 1, end);
        }
        while (isNameChar(peek())) {
            pos++;
        }
        if (start == pos || Character.isDigit(text.charAt(start))) {
            pos = start;
            throw error("a column name");
        }
        return text.substring(start, pos);
    }

    private Set<BitSet> dot() {
        Set<String> used = variables.get(0).columns();
        Set<BitSet> terms = new LinkedHashSet<>();
        for (String c : dotColumns) {
            if (!used.contains(c)) {
                terms.addAll(single(indexOf(Variable.column(c))));
            }
        }
        return terms;
    }

    private int indexOf(Variable v) {
        for (int i = 0; i < variables.size(); i++) {
            if (v.equals(variables.get(i))) {
                return i;
            }
        }
        variables.add(v);
        return variables.size() - 1;
    }

    private static Set<BitSet> single(int index) {
        BitSet b = new BitSet();
        b.set(index);
        Set<BitSet> s = new LinkedHashSet<>();
        s.add(b);
        return s;
    }

    /** A literal 0 or 1, held as a term of the reserved index {@code LITERAL + value}. */
    private static Set<BitSet> literal(int value) {
        BitSet b = new BitSet();
        b.set(LITERAL + value);
        Set<BitSet> s = new LinkedHashSet<>();
        s.add(b);
        return s;
    }

    private static final int LITERAL = 1 << 20;

    private Integer literalOf(Set<BitSet> terms) {
        if (terms.size() == 1) {
            BitSet b = terms.iterator().next();
            int first = b.nextSetBit(0);
            if (first >= LITERAL) {
                return first - LITERAL;
            }
        }
        for (BitSet b : terms) {
            if (b.nextSetBit(LITERAL) >= 0) {
                throw error("no 0 or 1 inside an interaction");
            }
        }
        return null;
    }

    private static Set<BitSet> cross(Set<BitSet> a, Set<BitSet> b) {
        Set<BitSet> out = new LinkedHashSet<>();
        for (BitSet x : a) {
            for (BitSet y : b) {
                BitSet z = (BitSet) x.clone();
                z.or(y);
                out.add(z);
            }
        }
        return out;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_';
    }

    private char peek() {
        return charAt(pos);
    }

    private char charAt(int i) {
        return i < text.length() ? text.charAt(i) : 0;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private MlemUserException error(String expected) {
        String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "the end";
        return new MlemUserException("formula '" + text.strip() + "': expected " + expected + " at character "
                + (pos + 1) + ", found " + found, "formula", 1, pos + 1);
    }
}
