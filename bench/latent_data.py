"""Seeded tables for bench/whole_job_latent.sh (issue 13's latent-model rows), as CSV:
  python3 bench/latent_data.py OUT_DIR [lca poismix regmix tmix mvn-missing]
Prints each file's path; skips a file that exists.
  lca          100,000 rows x 10 binary columns b1..b10, 3 latent classes (weights .5 .3 .2)
  poismix      100,000 rows x 3 count columns c1..c3, 3 components, Poisson in each column
  regmix       100,000 rows x,y: y = a_j + b_j x + N(0, s_j^2), 2 components (weights .6 .4)
  tmix         100,000 rows x 4 columns x1..x4, 3 multivariate t components, 4 degrees of freedom
  mvn-missing  1,000,000 rows x 10 columns x1..x10, one normal, each cell missing with probability
               0.2 at random (a row keeps at least one cell: a row with none is an error)"""
import os
import sys

import numpy as np

SEED = 20261206
JOBS = ["lca", "poismix", "regmix", "tmix", "mvn-missing"]


def labels(rng, n, weights):
    return rng.choice(len(weights), size=n, p=weights)


def lca(rng):
    z = labels(rng, 100_000, [0.5, 0.3, 0.2])
    p = np.array([[.9, .8, .8, .7, .9, .2, .1, .2, .3, .1],
                  [.2, .1, .3, .2, .1, .9, .8, .9, .7, .8],
                  [.8, .9, .2, .1, .3, .8, .9, .1, .2, .7]])
    x = (rng.random((len(z), 10)) < p[z]).astype(int)
    return [f"b{j + 1}" for j in range(10)], x, "%d"


def poismix(rng):
    z = labels(rng, 100_000, [0.5, 0.3, 0.2])
    lam = np.array([[1.0, 6.0, 3.0], [5.0, 1.5, 8.0], [12.0, 10.0, 0.5]])
    return ["c1", "c2", "c3"], rng.poisson(lam[z]), "%d"


def regmix(rng):
    z = labels(rng, 100_000, [0.6, 0.4])
    x = rng.uniform(0, 10, len(z))
    a, b, s = np.array([1.0, 8.0]), np.array([2.0, -0.5]), np.array([1.0, 1.5])
    y = a[z] + b[z] * x + rng.normal(0, s[z])
    return ["x", "y"], np.column_stack([x, y]), "%.10g"


def tmix(rng):
    z = labels(rng, 100_000, [0.5, 0.3, 0.2])
    mu = np.array([[0, 0, 0, 0], [6, 6, 0, -3], [-5, 4, 5, 2]], dtype=float)
    d, nu = 4, 4.0
    x = np.empty((len(z), d))
    for j in range(3):
        a = rng.normal(size=(d, d)) * 0.5 + np.eye(d)
        cov = a @ a.T
        idx = np.flatnonzero(z == j)
        g = rng.chisquare(nu, len(idx)) / nu
        x[idx] = mu[j] + rng.multivariate_normal(np.zeros(d), cov, len(idx)) / np.sqrt(g)[:, None]
    return [f"x{j + 1}" for j in range(d)], x, "%.10g"


def mvn_missing(rng):
    d = 10
    a = rng.normal(size=(d, d)) * 0.4 + np.eye(d)
    x = rng.multivariate_normal(rng.normal(0, 3, d), a @ a.T, 1_000_000)
    miss = rng.random(x.shape) < 0.2
    full = miss.all(axis=1)
    miss[full, rng.integers(d, size=full.sum())] = False
    return [f"x{j + 1}" for j in range(d)], np.where(miss, np.nan, x), "%.10g"


def generate(job, out_dir):
    path = os.path.join(out_dir, f"{job}.csv")
    if os.path.exists(path):
        return path
    rng = np.random.default_rng(SEED + JOBS.index(job))
    names, x, fmt = {"lca": lca, "poismix": poismix, "regmix": regmix, "tmix": tmix,
                     "mvn-missing": mvn_missing}[job](rng)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(",".join(names) + "\n")
        for row in x:
            f.write(",".join("" if v != v else fmt % v for v in row) + "\n")
    os.replace(tmp, path)
    return path


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for job in sys.argv[2:] or JOBS:
        print(generate(job, out))
