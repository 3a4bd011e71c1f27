package org.mlem.expr;

import static org.mlem.expr.Expr.add;
import static org.mlem.expr.Expr.call;
import static org.mlem.expr.Expr.div;
import static org.mlem.expr.Expr.neg;
import static org.mlem.expr.Expr.num;
import static org.mlem.expr.Expr.pow;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The functions a formula may call, named as in R. {@code log} is the natural logarithm;
 * {@code sign} (R's sign, derivative 0) appears in derivatives of {@code abs}.
 */
public enum Fn {
    EXP("exp"),
    LOG("log"),
    SQRT("sqrt"),
    SIN("sin"),
    COS("cos"),
    TAN("tan"),
    ATAN("atan"),
    ABS("abs"),
    SIGN("sign");

    private final String rName;

    Fn(String rName) {
        this.rName = rName;
    }

    /** The name as written in a formula. */
    public String rName() {
        return rName;
    }

    /** The function of that R name, if known. */
    public static Optional<Fn> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.rName.equals(name)).findFirst();
    }

    /** The known names, comma separated, for error messages. */
    public static String knownNames() {
        return Arrays.stream(values()).map(Fn::rName).collect(Collectors.joining(", "));
    }

    /** The function's value. */
    public double apply(double x) {
        return switch (this) {
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TAN -> Math.tan(x);
            case ATAN -> Math.atan(x);
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
        };
    }

    /** f'(u) as an expression in u (the chain rule's outer factor). */
    Expr derivative(Expr u) {
        return switch (this) {
            case EXP -> call(EXP, u);
            case LOG -> div(num(1), u);
            case SQRT -> div(num(0.5), call(SQRT, u));
            case SIN -> call(COS, u);
            case COS -> neg(call(SIN, u));
            case TAN -> add(num(1), pow(call(TAN, u), num(2)));
            case ATAN -> div(num(1), add(num(1), pow(u, num(2))));
            case ABS -> call(SIGN, u);
            case SIGN -> num(0);
        };
    }
}
