package org.mlem.formula;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.expr.Expr;
import org.mlem.expr.Fn;

/**
 * The calls of a formula that are not arithmetic: {@code factor}, {@code poly}, {@code ns},
 * {@code bs}, {@code offset} and {@code cbind}, each read from its argument text into a
 * {@link Variable} labelled as R's {@code deparse} labels it ({@code poly(wt, 2)},
 * {@code ns(hp, df = 3)}, {@code poly(wt, 2, raw = TRUE)}).
 */
final class FormulaCalls {
    /** The names handled here (plus {@code I}); any other call must be a {@link Fn}. */
    static final List<String> NAMES = List.of("factor", "poly", "ns", "bs", "offset", "cbind");

    private FormulaCalls() {
    }

    /** Whether {@code name(...)} is a call this class or {@link Fn} knows. */
    static boolean known(String name) {
        return name.equals("I") || NAMES.contains(name) || Fn.byName(name).isPresent();
    }

    /** The one-line list of what a formula may call, for an unknown function's error. */
    static String knownList() {
        return "factor, poly, ns, bs, offset, I, cbind (a binomial response) and " + Fn.knownNames();
    }

    private record Arg(String name, String text) {
        String deparsed() {
            return name == null ? text : name + " = " + text;
        }
    }

    /** The variable of {@code name(inner)}; {@code name} is one of {@link #NAMES}. */
    static Variable variable(String name, String inner) {
        List<Arg> args = split(name, inner);
        Expr x = Expr.parse(args.get(0).text());
        StringBuilder label = new StringBuilder(name).append('(').append(RDeparse.of(x));
        switch (name) {
            case "factor" -> {
                only(name, args, 1, List.of());
                if (!(x instanceof Expr.Var)) {
                    throw new MlemUserException("factor(" + args.get(0).text() + "): factor() takes a column name; "
                            + "write factor(column)");
                }
                return new Variable("factor(" + RDeparse.of(x) + ")", x, new Basis.AsFactor());
            }
            case "offset" -> {
                only(name, args, 1, List.of());
                return new Variable("offset(" + RDeparse.of(x) + ")", x, new Basis.Offset());
            }
            case "cbind" -> {
                if (args.size() != 2 || args.get(1).name() != null) {
                    throw new MlemUserException("cbind(" + inner.strip() + "): a binomial response is cbind(successes, "
                            + "failures), two columns or expressions");
                }
                Expr failures = Expr.parse(args.get(1).text());
                return new Variable("cbind(" + RDeparse.of(x) + ", " + RDeparse.of(failures) + ")", x,
                        new Basis.Trials(failures));
            }
            case "poly" -> {
                only(name, args, 2, List.of("degree", "raw"));
                int degree = 1;
                boolean raw = false;
                for (int i = 1; i < args.size(); i++) {
                    Arg a = args.get(i);
                    label.append(", ").append(a.deparsed());
                    if (a.name() == null && i > 1) {
                        throw new MlemUserException("poly(" + inner.strip() + "): write raw = TRUE by name; poly takes "
                                + "x, degree and raw");
                    }
                    if ("raw".equals(a.name())) {
                        raw = logical(name, a);
                    } else {
                        degree = whole(name, a, "degree");
                    }
                }
                return new Variable(label.append(')').toString(), x, new Basis.Poly(degree, raw));
            }
            default -> { // ns, bs
                only(name, args, 2, List.of("df"));
                if (args.size() < 2) {
                    throw new MlemUserException(name + "(" + inner.strip() + "): give the degrees of freedom, e.g. "
                            + name + "(" + args.get(0).text() + ", df = 3)");
                }
                Arg a = args.get(1);
                label.append(", ").append(a.deparsed());
                int df = whole(name, a, "df");
                return new Variable(label.append(')').toString(), x, new Basis.Spline(name.equals("ns"), df));
            }
        }
    }

    /** Top-level comma-separated arguments, {@code name = value} or positional; the first is positional. */
    private static List<Arg> split(String fn, String inner) {
        List<Arg> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= inner.length(); i++) {
            char c = i < inner.length() ? inner.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String piece = inner.substring(start, i).strip();
                if (piece.isEmpty()) {
                    throw new MlemUserException(fn + "(" + inner.strip() + "): an empty argument; write " + fn
                            + "(x, ...)");
                }
                int eq = piece.indexOf('=');
                if (eq > 0 && piece.substring(0, eq).strip().matches("[A-Za-z.][A-Za-z0-9._]*")) {
                    out.add(new Arg(piece.substring(0, eq).strip(), piece.substring(eq + 1).strip()));
                } else {
                    out.add(new Arg(null, piece));
                }
                start = i + 1;
            }
        }
        if (out.get(0).name() != null) {
            throw new MlemUserException(fn + "(" + inner.strip() + "): the first argument is the variable; write "
                    + fn + "(x, ...)");
        }
        return out;
    }

    /** At most {@code most} arguments, named ones among {@code names}, each once. */
    private static void only(String fn, List<Arg> args, int most, List<String> names) {
        List<String> seen = new ArrayList<>();
        for (Arg a : args.subList(1, args.size())) {
            if (a.name() != null && (!names.contains(a.name()) || seen.contains(a.name()))) {
                throw new MlemUserException(fn + "(): argument '" + a.name() + "' is " + (seen.contains(a.name())
                        ? "given twice" : "not supported") + "; " + fn + " takes x" + (names.isEmpty() ? ""
                        : " and " + String.join(", ", names)));
            }
            seen.add(a.name());
        }
        int allowed = fn.equals("poly") ? 3 : most;
        if (args.size() > allowed) {
            throw new MlemUserException(fn + "(): too many arguments; " + fn + " takes x" + (names.isEmpty() ? ""
                    : " and " + String.join(", ", names)));
        }
    }

    private static int whole(String fn, Arg a, String what) {
        try {
            double v = Double.parseDouble(a.text().replaceAll("L$", ""));
            if (v == Math.rint(v) && v >= 1 && v <= 1000) {
                return (int) v;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw new MlemUserException(fn + "(): " + what + " must be a whole number from 1 to 1000, not '" + a.text() + "'");
    }

    private static boolean logical(String fn, Arg a) {
        return switch (a.text().toUpperCase(Locale.ROOT)) {
            case "TRUE", "T" -> true;
            case "FALSE", "F" -> false;
            default -> throw new MlemUserException(fn + "(): raw must be TRUE or FALSE, not '" + a.text() + "'");
        };
    }
}
