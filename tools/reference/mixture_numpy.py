"""Reference EM iterates for org.mlem.mixture where no R function fits the family exactly:
gamma and lognormal mixtures and a product mixture of normal, Poisson and Bernoulli columns.

An independent implementation with numpy/scipy (Debian python3): E-step with scipy.stats log
densities and logsumexp; M-step by each family's weighted MLE written out here (gamma's shape
from log a - digamma(a) = log(mean) - mean(log x) by brentq, rate = shape / mean; lognormal,
normal, Poisson and Bernoulli in closed form, variances with divisor sum(w)).

Iteration semantics match mlem's MixtureInit.HardLabels: the start is the M-step from the hard
labels; EM iteration t is an E-step then an M-step. Each fixture stores the labels, and after
m = 1, 2 and 300 iterations the weights, the component parameters and the log-likelihood of
those parameters.

Run from the repository root:  /usr/bin/python3 tools/reference/mixture_numpy.py
"""
import json
import os

import numpy as np
from scipy import optimize, special, stats

OUT = "mlem-core/src/test/resources/fixtures/mixture"


def gamma_mle(x, w):
    m = np.sum(w * x) / np.sum(w)
    gap = np.log(m) - np.sum(w * np.log(x)) / np.sum(w)
    a = optimize.brentq(lambda a: np.log(a) - special.digamma(a) - gap, 1e-8, 1e8, xtol=1e-300, rtol=1e-15)
    return [a, a / m]


def normal_mle(x, w):
    m = np.sum(w * x) / np.sum(w)
    return [m, np.sqrt(np.sum(w * (x - m) ** 2) / np.sum(w))]


FAMILIES = {
    "gamma": (gamma_mle, lambda x, p: stats.gamma.logpdf(x, p[0], scale=1 / p[1])),
    "lognormal": (lambda x, w: normal_mle(np.log(x), w),
                  lambda x, p: stats.lognorm.logpdf(x, p[1], scale=np.exp(p[0]))),
    "normal": (normal_mle, lambda x, p: stats.norm.logpdf(x, p[0], p[1])),
    "poisson": (lambda x, w: [np.sum(w * x) / np.sum(w)], lambda x, p: stats.poisson.logpmf(x, p[0])),
    "bernoulli": (lambda x, w: [np.sum(w * x) / np.sum(w)], lambda x, p: stats.bernoulli.logpmf(x, p[0])),
}


def mstep(X, R, families):
    weights = R.sum(axis=0) / R.sum()
    comps = [[FAMILIES[f][0](X[:, a], R[:, j]) for a, f in enumerate(families)] for j in range(R.shape[1])]
    return weights, comps


def log_joint(X, weights, comps, families):
    k = len(weights)
    L = np.zeros((X.shape[0], k))
    for j in range(k):
        L[:, j] = np.log(weights[j]) + sum(FAMILIES[f][1](X[:, a], comps[j][a]) for a, f in enumerate(families))
    return L


def run(name, X, columns, families, labels, k, note):
    np.savetxt(os.path.join(OUT, name + ".csv"), X, delimiter=",", header=",".join(columns), comments="",
               fmt="%.17g")
    R = np.eye(k)[labels]
    weights, comps = mstep(X, R, families)
    states = []
    for m in range(1, 301):
        L = log_joint(X, weights, comps, families)
        R = np.exp(L - special.logsumexp(L, axis=1, keepdims=True))
        weights, comps = mstep(X, R, families)
        if m in (1, 2, 300):
            ll = special.logsumexp(log_joint(X, weights, comps, families), axis=1).sum()
            states.append({"iterations": m, "weights": list(weights),
                           "parameters": [[list(map(float, p)) for p in c] for c in comps],
                           "logLikelihood": float(ll)})
    fx = {"oracle": "independent numpy/scipy EM, tools/reference/mixture_numpy.py", "note": note,
          "data": "mixture/" + name + ".csv", "families": families, "k": k, "labels": [int(v) for v in labels],
          "states": states}
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(fx, f, indent=1)
        f.write("\n")


rng = np.random.default_rng(20240611)

n = 400
z = rng.random(n) < 0.4
x = np.where(z, rng.gamma(2.0, 1.0, n), rng.gamma(9.0, 2.0, n))
run("numpy_gamma", x[:, None], ["x"], ["gamma"], (x > np.median(x)).astype(int), 2,
    "gamma shape 2 rate 1 (0.4) and shape 9 rate 0.5; labels 1 + (x > median)")

z = rng.random(n) < 0.5
x = np.where(z, rng.lognormal(0.0, 0.5, n), rng.lognormal(2.0, 0.4, n))
run("numpy_lognormal", x[:, None], ["x"], ["lognormal"], (x > 3).astype(int), 2,
    "lognormal meanlog 0 sdlog 0.5 and meanlog 2 sdlog 0.4; labels 1 + (x > 3)")

z = (rng.random(n) < 0.45).astype(int)
height = np.where(z == 1, rng.normal(170, 8, n), rng.normal(155, 6, n))
visits = rng.poisson(np.where(z == 1, 2.0, 7.0))
smoker = (rng.random(n) < np.where(z == 1, 0.6, 0.15)).astype(float)
X = np.column_stack([height, visits, smoker])
run("numpy_product", X, ["height", "visits", "smoker"], ["normal", "poisson", "bernoulli"],
    (height > 162).astype(int), 2, "normal, Poisson and Bernoulli columns, k = 2; labels 1 + (height > 162)")
