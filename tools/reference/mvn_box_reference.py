"""Reference values for org.mlem.gmm.BoxProbability and TruncatedMvn: box probabilities of a
centred multivariate normal and the mean and covariance of the normal truncated to the box,
computed independently of mlem's formulas (Debian python3: numpy, scipy, mpmath).

Box probability:
  * d = 2: an iterated integral, the inner one in closed form (P(lo2 < Y2 <= hi2 | Y1 = x) from
    mpmath's erfc at 40 digits), the outer by mpmath.quad (tanh-sinh) over (lo1, hi1]: ~1e-25.
  * d = 3: the same with a two-dimensional outer integral (scipy.integrate.nquad in double
    precision, epsabs 1e-13 / epsrel 1e-11; its error is reported beside each value).
  * every d: scipy.stats.multivariate_normal.cdf (Debian's scipy 1.10: Genz's own Fortran MVNDST,
    his bivariate method for d = 2 and randomised lattice rules beyond, abseps = releps = 1e-10,
    at most 4e6 points).
Trivariate probabilities (the list "trivariate": 40 random correlation matrices and boxes, each
side left-open, right-open or an interval, seed 5): the iterated integral over the first cell of
the other two cells' conditional rectangle probability, that from Owen's T function (Owen 1956;
scipy.special.owens_t, not Genz's bivariate method), scipy.integrate.quad at epsabs 1e-15 /
epsrel 1e-13 (its error estimate beside each value, at most 3e-14).
Upper tail Q(z) = 1 - Phi(z) (the list "upperTail": z = 0, 0.0731, ... up to 38.5) by mpmath's
ncdf at 40 digits, for GenzQmc's fast tail.
Truncated moments (d = 2 and 3): the same iterated integrals of y_i and y_i y_j times the
density, the innermost cell's first and second truncated moments in closed form, divided by the
probability (brute force over the box, not Tallis's formula that mlem uses).

Run from the repository root:  /usr/bin/python3 tools/reference/mvn_box_reference.py
Writes mlem-core/src/test/resources/fixtures/censgmm/mvn_box.json.
"""
import json
import math

import mpmath as mp
import numpy as np
from scipy import integrate, special, stats

OUT = "mlem-core/src/test/resources/fixtures/censgmm/mvn_box.json"
INF = math.inf
mp.mp.dps = 40


def conditional(cov, fixed, rest):
    """Regression of `rest` on `fixed` and the conditional covariance."""
    s_ff = cov[np.ix_(fixed, fixed)]
    s_rf = cov[np.ix_(rest, fixed)]
    b = s_rf @ np.linalg.inv(s_ff)
    c = cov[np.ix_(rest, rest)] - b @ s_rf.T
    return b, c


def inner_moments(m, s, lo, hi):
    """For N(m, s^2) on (lo, hi]: the integrals of 1, y, y^2 times the density (mpmath)."""
    m, s = mp.mpf(m), mp.mpf(s)
    a = -mp.inf if lo == -INF else (mp.mpf(lo) - m) / s
    b = mp.inf if hi == INF else (mp.mpf(hi) - m) / s
    mass = mp.ncdf(b) - mp.ncdf(a) if a < 0 else mp.ncdf(-a) - mp.ncdf(-b)
    pa = mp.npdf(a) if a != -mp.inf else mp.mpf(0)
    pb = mp.npdf(b) if b != mp.inf else mp.mpf(0)
    apa = a * pa if a != -mp.inf else mp.mpf(0)
    bpb = b * pb if b != mp.inf else mp.mpf(0)
    first = m * mass + s * (pa - pb)
    second = (m * m + s * s) * mass + 2 * m * s * (pa - pb) + s * s * (apa - bpb)
    return mass, first, second


def inner_moments_float(m, s, lo, hi):
    """inner_moments in double precision (scipy.special's ndtr and the normal density)."""
    a = (lo - m) / s
    b = (hi - m) / s
    mass = special.ndtr(b) - special.ndtr(a) if a < 0 else special.ndtr(-a) - special.ndtr(-b)
    pa = 0.0 if a == -INF else math.exp(-0.5 * a * a) / math.sqrt(2 * math.pi)
    pb = 0.0 if b == INF else math.exp(-0.5 * b * b) / math.sqrt(2 * math.pi)
    apa = 0.0 if a == -INF else a * pa
    bpb = 0.0 if b == INF else b * pb
    first = m * mass + s * (pa - pb)
    second = (m * m + s * s) * mass + 2 * m * s * (pa - pb) + s * s * (apa - bpb)
    return mass, first, second


def two(cov, lo, hi):
    """d = 2 by mpmath: P, E[Y], E[YY^T] (about 0)."""
    b, c = conditional(cov, [0], [1])
    s1 = math.sqrt(cov[0, 0])
    sc = math.sqrt(c[0, 0])

    def parts(x):
        dens = mp.npdf(x, 0, s1)
        mass, f1, f2 = inner_moments(b[0, 0] * float(x), sc, lo[1], hi[1])
        return dens, mass, f1, f2

    lims = [mp.mpf(lo[0]) if lo[0] != -INF else -mp.inf, mp.mpf(hi[0]) if hi[0] != INF else mp.inf]
    # mass, x mass, x^2 mass, E y2, x * E y2, E y2^2
    vals = [mp.quad(lambda x, q=q: term(parts(x), x, q), lims) for q in range(6)]
    p = vals[0]
    mean = [vals[1] / p, vals[3] / p]
    second = [[vals[2] / p, vals[4] / p], [vals[4] / p, vals[5] / p]]
    return float(p), [float(v) for v in mean], [[float(v) for v in row] for row in second]


def term(pr, x, q):
    dens, mass, f1, f2 = pr
    return dens * [mass, x * mass, x * x * mass, f1, x * f1, f2][q]


def three(cov, lo, hi):
    """d = 3 by scipy.nquad over the first two cells, the third in closed form."""
    b, c = conditional(cov, [0, 1], [2])
    sc = math.sqrt(c[0, 0])
    s12 = cov[:2, :2]
    inv = np.linalg.inv(s12)
    norm = 1 / (2 * math.pi * math.sqrt(np.linalg.det(s12)))

    def f(x1, x2, q):
        dens = norm * math.exp(-0.5 * (inv[0, 0] * x1 * x1 + 2 * inv[0, 1] * x1 * x2 + inv[1, 1] * x2 * x2))
        mass, f1, f2 = inner_moments_float(b[0, 0] * x1 + b[0, 1] * x2, sc, lo[2], hi[2])
        return dens * [mass, x1 * mass, x2 * mass, f1, x1 * x1 * mass, x1 * x2 * mass, x1 * f1, x2 * x2 * mass,
                       x2 * f1, f2][q]

    ranges = [[lo[0], hi[0]], [lo[1], hi[1]]]
    out = []
    err = 0
    for q in range(10):
        v, e = integrate.nquad(f, ranges, args=(q,), opts={"epsabs": 1e-13, "epsrel": 1e-11, "limit": 100})
        out.append(v)
        err = max(err, e)
    p = out[0]
    mean = [out[1] / p, out[2] / p, out[3] / p]
    e2 = np.array([[out[4], out[5], out[6]], [out[5], out[7], out[8]], [out[6], out[8], out[9]]]) / p
    return p, mean, e2.tolist(), err


def owen_lower(h, k, r):
    """P(X <= h, Y <= k), standard margins, correlation r (|r| < 1), by Owen's T function:
    (Phi(h) + Phi(k))/2 - T(h, (k - r h)/(h q)) - T(k, (h - r k)/(k q)) - c, q = sqrt(1 - r^2),
    c = 1/2 when h k < 0 or (h k = 0 and h + k < 0)."""
    if h == -INF or k == -INF:
        return 0.0
    if h == INF:
        return 1.0 if k == INF else float(special.ndtr(k))
    if k == INF:
        return float(special.ndtr(h))
    q = math.sqrt((1 - r) * (1 + r))

    def t(h, k):
        if h == 0:
            return 0.25 * float(np.sign(k - r * h))  # T(0, +-inf)
        return float(special.owens_t(h, (k - r * h) / (h * q)))

    c = 0.5 if (h * k < 0 or (h * k == 0 and h + k < 0)) else 0.0
    return 0.5 * float(special.ndtr(h)) + 0.5 * float(special.ndtr(k)) - t(h, k) - t(k, h) - c


def owen_rectangle(lo, hi, m, c):
    """P(lo < Y <= hi), Y ~ N(m, c) two-dimensional, from four Owen orthants."""
    s = np.sqrt(np.diag(c))
    r = c[0, 1] / (s[0] * s[1])
    a = (np.array(lo) - m) / s
    b = (np.array(hi) - m) / s
    return owen_lower(b[0], b[1], r) - owen_lower(a[0], b[1], r) - owen_lower(b[0], a[1], r) + owen_lower(a[0], a[1], r)


def trivariate(lo, hi, r):
    """P(lo < X <= hi), X with unit variances and correlation matrix r: quad over x1 of phi(x1) times
    the conditional rectangle probability of (x2, x3)."""
    r = np.array(r)
    beta = r[1:, 0]
    c = r[1:, 1:] - np.outer(beta, beta)
    f = lambda x: math.exp(-0.5 * x * x) / math.sqrt(2 * math.pi) * owen_rectangle(lo[1:], hi[1:], beta * x, c)
    return integrate.quad(f, max(lo[0], -40.0), min(hi[0], 40.0), epsabs=1e-15, epsrel=1e-13, limit=500)


def trivariate_cases():
    rng = np.random.default_rng(5)
    out = []
    for _ in range(40):
        a = rng.normal(size=(3, 3)) * rng.uniform(0.3, 2)
        s = a @ a.T + np.diag(rng.uniform(0.01, 0.5, 3))
        sd = np.sqrt(np.diag(s))
        r = s / np.outer(sd, sd)
        lo, hi = [], []
        for _ in range(3):
            kind = rng.integers(3)
            x = rng.normal() * 1.5
            if kind == 0:
                lo.append(-INF)
                hi.append(x)
            elif kind == 1:
                lo.append(x)
                hi.append(INF)
            else:
                lo.append(x)
                hi.append(x + rng.uniform(0.1, 2))
        p, err = trivariate(lo, hi, r)
        out.append({"correlation": r.tolist(), "lower": lo, "upper": hi, "probability": p, "quadratureError": err})
    print("trivariate: largest quad error", max(c["quadratureError"] for c in out))
    return out


def scipy_cdf(cov, lo, hi):
    d = len(lo)
    np.random.seed(20261206)
    p = stats.multivariate_normal.cdf(np.array(hi), mean=np.zeros(d), cov=cov, lower_limit=np.array(lo),
                                      abseps=1e-10, releps=1e-10, maxpts=4_000_000)
    return float(p)


def case(name, cov, lo, hi):
    cov = np.array(cov, dtype=float)
    d = len(lo)
    out = {"name": name, "cov": cov.tolist(), "lower": lo, "upper": hi, "scipyCdf": scipy_cdf(cov, lo, hi)}
    if d == 2:
        p, mean, second = two(cov, lo, hi)
        out["quadratureError"] = 1e-25
    elif d == 3:
        p, mean, second, err = three(cov, lo, hi)
        out["quadratureError"] = err
    else:
        print(name, "P scipy", out["scipyCdf"])
        return out
    m = np.array(mean)
    out["probability"] = p
    out["mean"] = mean
    out["covariance"] = (np.array(second) - np.outer(m, m)).tolist()
    print(name, "P", p, "scipy", out["scipyCdf"], "rel diff", abs(out["scipyCdf"] - p) / p)
    return out


def corr(sd, r):
    sd = np.array(sd, dtype=float)
    return (np.outer(sd, sd) * np.array(r)).tolist()


def main():
    cases = [
        case("left-left r=0.6", corr([1.5, 0.7], [[1, 0.6], [0.6, 1]]), [-INF, -INF], [0.3, -0.5]),
        case("interval-right r=-0.8", corr([1, 2], [[1, -0.8], [-0.8, 1]]), [-1.0, 0.5], [0.7, INF]),
        case("left-left r=0.97", corr([1, 1.2], [[1, 0.97], [0.97, 1]]), [-INF, -INF], [-1.0, -0.8]),
        case("left-right r=-0.95", corr([0.8, 1], [[1, -0.95], [-0.95, 1]]), [-INF, 1.0], [0.2, INF]),
        case("far tail r=0.5", corr([1, 1], [[1, 0.5], [0.5, 1]]), [-INF, -INF], [-4.0, -3.5]),
        case("interval-interval r=0.2", corr([1, 0.5], [[1, 0.2], [0.2, 1]]), [-0.5, 0.1], [0.5, 1.3]),
        case("right-right r=0.4", corr([2, 1], [[1, 0.4], [0.4, 1]]), [1.0, 0.2], [INF, INF]),
        case("three left", corr([1, 1.3, 0.6], [[1, 0.5, 0.3], [0.5, 1, 0.6], [0.3, 0.6, 1]]), [-INF, -INF, -INF],
             [0.4, -0.2, 0.1]),
        case("three mixed", corr([1, 0.8, 1.1], [[1, -0.4, 0.2], [-0.4, 1, 0.5], [0.2, 0.5, 1]]), [-INF, 0.3, -1.0],
             [0.5, INF, 0.8]),
        case("four left", corr([1, 1, 1, 1], [[1, 0.5, 0.3, 0.2], [0.5, 1, 0.4, 0.3], [0.3, 0.4, 1, 0.5],
                                              [0.2, 0.3, 0.5, 1]]), [-INF] * 4, [0.2, -0.3, 0.5, 0.0]),
        case("three intervals r=0.9", corr([1, 0.9, 1.2], [[1, 0.9, 0.7], [0.9, 1, 0.8], [0.7, 0.8, 1]]),
             [-0.5, -1.0, 0.2], [1.0, 0.4, INF]),
    ]
    text = json.dumps({"script": "tools/reference/mvn_box_reference.py", "cases": cases,
                       "trivariate": trivariate_cases(),
                       "upperTail": [[round(0.0731 * i, 4), float(mp.ncdf(-mp.mpf(round(0.0731 * i, 4))))]
                                     for i in range(int(38.5 / 0.0731) + 1)]}, indent=1)
    text = text.replace("-Infinity", "\"-Infinity\"").replace("Infinity", "\"Infinity\"").replace("\"-\"Infinity\"\"", "\"-Infinity\"")
    with open(OUT, "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
