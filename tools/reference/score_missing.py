#!/usr/bin/python3
"""Reference values for scoring rows with missing cells (mlem score / predict of gmm and tmix files).

A row's log density is that of its observed cells: the marginal of a Gaussian (t) component on
the observed cells is the Gaussian (t, same degrees of freedom) with the mean and covariance
(scale) restricted to them. Computed with scipy.stats.multivariate_normal / multivariate_t on
each row's observed sub-vector, log-sum-exp over components; posteriors from the same joint. A row
with no observed cell has log density 0 and the weights as posterior. No mlem code is involved.

Models (given, not fitted): a 3-d Gaussian mixture with full covariances, the same means with
diagonal covariances, and a 3-d t mixture with a ν per component.
Writes fixtures/missing/score_missing.json.

Run: /usr/bin/python3 tools/reference/score_missing.py   (numpy 1.24, scipy 1.10 from Debian; under a second)
"""
import json
import os

import numpy as np
from scipy.special import logsumexp
from scipy.stats import multivariate_normal, multivariate_t

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "mlem-core", "src", "test", "resources", "fixtures", "missing", "score_missing.json")

NAN = float("nan")
ROWS = np.array([
    [0.3, -1.2, 2.0],
    [NAN, -1.2, 2.0],
    [0.3, NAN, 2.0],
    [0.3, -1.2, NAN],
    [NAN, NAN, 2.5],
    [4.1, NAN, NAN],
    [NAN, 0.7, NAN],
    [NAN, NAN, NAN],
    [2.2, 1.1, -0.4],
    [NAN, 3.0, -1.5],
])
WEIGHTS = [0.35, 0.65]
MEANS = [[0.0, -1.0, 1.5], [3.0, 2.0, -1.0]]
FULL = [
    [[1.0, 0.3, -0.2], [0.3, 2.0, 0.5], [-0.2, 0.5, 1.5]],
    [[2.5, -0.6, 0.4], [-0.6, 1.2, 0.1], [0.4, 0.1, 0.8]],
]
DIAG = [[1.0, 2.0, 1.5], [2.5, 1.2, 0.8]]
DF = [4.0, 9.5]


def scores(component_logpdf):
    """(log densities, posteriors) of ROWS, each from its observed cells."""
    lls, posts = [], []
    for row in ROWS:
        o = ~np.isnan(row)
        if not o.any():
            lls.append(0.0)
            posts.append(list(WEIGHTS))
            continue
        joint = np.array([np.log(WEIGHTS[j]) + component_logpdf(j, o, row[o]) for j in range(len(WEIGHTS))])
        ll = logsumexp(joint)
        lls.append(float(ll))
        posts.append([float(v) for v in np.exp(joint - ll)])
    return lls, posts


def gaussian(covs):
    return lambda j, o, x: multivariate_normal(mean=np.array(MEANS[j])[o], cov=np.array(covs[j])[np.ix_(o, o)]).logpdf(x)


def student(j, o, x):
    return multivariate_t(loc=np.array(MEANS[j])[o], shape=np.array(FULL[j])[np.ix_(o, o)], df=DF[j]).logpdf(x)


def case(fn, **params):
    ll, post = scores(fn)
    return dict(params, logDensities=ll, posteriors=post)


def main():
    diag_full = [np.diag(v).tolist() for v in DIAG]
    out = {
        "rows": [[None if np.isnan(v) else float(v) for v in r] for r in ROWS],
        "weights": WEIGHTS,
        "means": MEANS,
        "gmmFull": case(gaussian(FULL), covariances=FULL),
        "gmmDiag": case(gaussian(diag_full), variances=DIAG),
        "tmix": case(student, scales=FULL, df=DF),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
