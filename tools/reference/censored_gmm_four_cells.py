"""The observed-data log-likelihood of a censored Gaussian mixture on iris with rows of four
censored cells, for CensoredGmmTest (Debian python3: numpy, scipy).

Data: examples/iris.csv's four measurements with detection limits sepal_length <= 5.2,
sepal_width >= 3.1, petal_length <= 1.6, petal_width <= 0.3 (25 rows with all four cells
censored, 17 with three, 7 with two, 32 with one). Model: the k = 2 full-covariance mixture that
`./mlem fit gmm --k 2 --covariance full --seed 1 ...` reached with these limits (written in the
fixture as the input; its values are mlem's, the log-likelihood at it is this script's).
Each row's term: log sum_j pi_j N(x_o; mu_o, S_oo) P(l < Y_c <= u | x_o), the conditional normal by
explicit inverses (numpy), P by scipy.stats.norm for one cell and scipy.stats.multivariate_normal.cdf
(Genz's MVNDST, abseps 1e-13, releps 1e-11, numpy seed fixed) for two to four: independent of
mlem's bivariate, trivariate and lattice code.

Run from the repository root:  /usr/bin/python3 tools/reference/censored_gmm_four_cells.py MODEL.json
Writes mlem-core/src/test/resources/fixtures/censgmm/iris_four_cells.json.
"""
import csv
import json
import math
import sys

import numpy as np
from scipy import stats

OUT = "mlem-core/src/test/resources/fixtures/censgmm/iris_four_cells.json"
COLUMNS = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
LIMITS = [("below", 5.2), ("above", 3.1), ("below", 1.6), ("below", 0.3)]


def rows():
    with open("examples/iris.csv") as f:
        return np.array([[float(r[c]) for c in COLUMNS] for r in csv.DictReader(f)])


def bounds(x):
    lo = np.full(x.shape, np.nan)
    hi = np.full(x.shape, np.nan)
    for a, (kind, lim) in enumerate(LIMITS):
        for i in range(len(x)):
            if kind == "below" and x[i, a] <= lim:
                lo[i, a], hi[i, a] = -math.inf, lim
            elif kind == "above" and x[i, a] >= lim:
                lo[i, a], hi[i, a] = lim, math.inf
    return lo, hi


def box(mean, cov, lo, hi):
    sd = np.sqrt(np.diag(cov))
    if len(lo) == 1:
        return stats.norm.cdf((hi[0] - mean[0]) / sd[0]) - stats.norm.cdf((lo[0] - mean[0]) / sd[0])
    np.random.seed(20261207)
    return float(stats.multivariate_normal.cdf(hi, mean=mean, cov=cov, lower_limit=lo, abseps=1e-13, releps=1e-11,
                                               maxpts=20_000_000))


def log_likelihood(x, lo, hi, w, mu, sigma):
    total = 0.0
    for i in range(len(x)):
        c = ~np.isnan(lo[i])
        o = ~c
        terms = []
        for j in range(len(w)):
            t = math.log(w[j])
            m = mu[j].copy()
            s = sigma[j]
            if o.any():
                s_oo = s[np.ix_(o, o)]
                diff = x[i, o] - mu[j][o]
                t += stats.multivariate_normal.logpdf(x[i, o], mean=mu[j][o], cov=s_oo)
            if c.any():
                if o.any():
                    b = s[np.ix_(c, o)] @ np.linalg.inv(s_oo)
                    cm = mu[j][c] + b @ diff
                    cc = s[np.ix_(c, c)] - b @ s[np.ix_(o, c)]
                else:
                    cm, cc = m[c], s[np.ix_(c, c)]
                t += math.log(box(cm, cc, lo[i, c], hi[i, c]))
            terms.append(t)
        top = max(terms)
        total += top + math.log(sum(math.exp(v - top) for v in terms))
    return total


def main():
    model = json.load(open(sys.argv[1]))
    x = rows()
    lo, hi = bounds(x)
    w = np.array(model["weights"])
    mu = np.array(model["means"])
    sigma = np.array(model["covariances"])
    ll = log_likelihood(x, lo, hi, w, mu, sigma)
    counts = np.bincount((~np.isnan(lo)).sum(axis=1), minlength=5).tolist()
    print("log-likelihood", ll, "rows by censored cells", counts)
    with open(OUT, "w") as f:
        json.dump({"limits": LIMITS, "rowsByCensoredCells": counts, "weights": w.tolist(), "means": mu.tolist(),
                   "covariances": sigma.tolist(), "logLikelihood": ll}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
