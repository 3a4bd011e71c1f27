#!/usr/bin/env python3
"""Writes mlem-core/src/main/java/org/mlem/data/DecimalPowers.java: for 10^q, q in [-348, 347], the
high and low 64 bits of its 128-bit mantissa rounded down (the Eisel-Lemire table of DecimalParser),
as literals, so that no JVM computes them at start-up. DecimalPowersTest recomputes them with
BigInteger. Usage: tools/codegen/decimal_powers.py > mlem-core/src/main/java/org/mlem/data/DecimalPowers.java
"""
MIN, MAX = -348, 347


def mantissa(q):
    if q >= 0:
        p = 10 ** q
        b = p.bit_length()
        return p >> (b - 128) if b > 128 else p << (128 - b)
    p = 10 ** (-q)
    m = (1 << (p.bit_length() + 127)) // p
    return m >> (m.bit_length() - 128) if m.bit_length() > 128 else m


def literal(v):
    return "0x%016xL" % v


def array(name, values):
    out = [f"    static final long[] {name} = {{"]
    for i in range(0, len(values), 4):
        out.append("        " + ", ".join(literal(v) for v in values[i:i + 4]) + ",")
    out.append("    };")
    return "\n".join(out)


ms = [mantissa(q) for q in range(MIN, MAX + 1)]
hi = [m >> 64 for m in ms]
lo = [m & ((1 << 64) - 1) for m in ms]
print(f"""package org.mlem.data;

/**
 * The Eisel–Lemire table of {{@link DecimalParser}}: for 10<sup>q</sup>, q in [{{@link #MIN_EXP10}},
 * {{@link #MAX_EXP10}}], the high ({{@link #HI}}) and low ({{@link #LO}}) 64 bits of its 128-bit
 * mantissa, rounded down. Literals, written by {{@code tools/codegen/decimal_powers.py}}, so that no
 * run computes them with {{@code BigInteger}} at start-up (about 0.1 CPU s and the compilations of
 * BigInteger's arithmetic); {{@code DecimalPowersTest}} recomputes every entry. Generated: do not edit.
 */
final class DecimalPowers {{
    private DecimalPowers() {{}}

    static final int MIN_EXP10 = {MIN};
    static final int MAX_EXP10 = {MAX};

    /** High 64 bits of 10^q's mantissa, at index q − MIN_EXP10. */
{array("HI", hi)}

    /** Low 64 bits of 10^q's mantissa, at index q − MIN_EXP10. */
{array("LO", lo)}
}}""")
