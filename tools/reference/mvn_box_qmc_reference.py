"""Reference box probabilities of four to seven correlated normal cells, for org.mlem.gmm.GenzQmc
(Debian python3: numpy, scipy).

Twelve random boxes (seed 11): dimension 4, 5, 6 or 7, a random correlation matrix (a Wishart
draw scaled to unit diagonal, mixed with the identity so correlations reach about ±0.8), scales
0.5 to 2, each side left-open, right-open or an interval. The probability is scipy's
multivariate_normal.cdf (Genz's own Fortran MVNDST: randomised Korobov lattice rules, abseps 1e-12,
releps 1e-10, at most 5e7 points), run twice with different numpy seeds; both values and their
spread are written, the spread being a measure of the reference's own error.

Run from the repository root:  /usr/bin/python3 tools/reference/mvn_box_qmc_reference.py
Writes mlem-core/src/test/resources/fixtures/censgmm/mvn_box_qmc.json.
"""
import json
import math

import numpy as np
from scipy import stats

OUT = "mlem-core/src/test/resources/fixtures/censgmm/mvn_box_qmc.json"


def cdf(cov, lo, hi, seed):
    lo = np.array(lo)
    hi = np.array(hi)
    np.random.seed(seed)
    return float(stats.multivariate_normal.cdf(hi, mean=np.zeros(len(lo)), cov=cov, lower_limit=lo,
                                               abseps=1e-12, releps=1e-10, maxpts=50_000_000))


def java(v):
    """A bound as the JSON holds it: a number, or "Infinity" / "-Infinity" as Java parses them."""
    return ("-Infinity" if v < 0 else "Infinity") if math.isinf(v) else v


def main():
    rng = np.random.default_rng(11)
    cases = []
    for t in range(12):
        d = 4 + t % 4
        g = rng.normal(size=(d, d + 2))
        w = g @ g.T
        s = np.sqrt(np.diag(w))
        r = 0.8 * w / np.outer(s, s) + 0.2 * np.eye(d)
        sd = rng.uniform(0.5, 2.0, size=d)
        cov = r * np.outer(sd, sd)
        lo, hi = [], []
        for a in range(d):
            kind = rng.integers(3)
            x = rng.uniform(-1.0, 1.0) * sd[a]
            if kind == 0:
                lo.append(-math.inf)
                hi.append(x)
            elif kind == 1:
                lo.append(x)
                hi.append(math.inf)
            else:
                lo.append(x)
                hi.append(x + rng.uniform(0.5, 2.0) * sd[a])
        p1 = cdf(cov, lo, hi, 1)
        p2 = cdf(cov, lo, hi, 2)
        cases.append({"cov": cov.tolist(), "lower": [java(v) for v in lo], "upper": [java(v) for v in hi],
                      "probability": 0.5 * (p1 + p2), "spread": abs(p1 - p2)})
        print(d, p1, p2)
    with open(OUT, "w") as f:
        json.dump({"cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
