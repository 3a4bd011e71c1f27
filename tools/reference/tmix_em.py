#!/usr/bin/python3
"""Reference values for mlem's multivariate Student-t mixture (TMixtureEstimator).

An independent numpy/scipy implementation of the ECM algorithm of Peel and McLachlan (2000),
"Robust mixture modelling using the t distribution", section 5: responsibilities from
scipy.stats.multivariate_t, weights u = (nu + d) / (nu + delta), closed-form pi, mu, Sigma, then
each nu from its score equation by scipy.optimize.brentq on [1e-3, 1e4]. Data: Old Faithful with
five gross outliers appended (fixtures/data/faithful_outliers.csv). Start: fixed below. regCovar 0.

Run: /usr/bin/python3 tools/reference/tmix_em.py   (numpy, scipy from Debian)
"""
import json
import os

import numpy as np
from scipy.optimize import brentq
from scipy.special import digamma
from scipy.stats import multivariate_t

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..", "..", "mlem-core", "src", "test", "resources", "fixtures")


def loglik_and_tau(x, w, mu, sigma, nu):
    k = len(w)
    logp = np.column_stack([np.log(w[j]) + multivariate_t(loc=mu[j], shape=sigma[j], df=nu[j]).logpdf(x) for j in range(k)])
    m = logp.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(logp - m).sum(axis=1))
    return lse.sum(), np.exp(logp - lse[:, None])


def step(x, w, mu, sigma, nu):
    n, d = x.shape
    k = len(w)
    ll, tau = loglik_and_tau(x, w, mu, sigma, nu)
    w2, mu2, s2, nu2 = [], [], [], []
    for j in range(k):
        diff = x - mu[j]
        delta = np.einsum("ij,ij->i", diff @ np.linalg.inv(sigma[j]), diff)
        u = (nu[j] + d) / (nu[j] + delta)
        t = tau[:, j]
        nj = t.sum()
        w2.append(nj / n)
        m = (t * u) @ x / (t * u).sum()
        dm = x - m
        s2.append((dm * (t * u)[:, None]).T @ dm / nj)
        mu2.append(m)
        c = 1 + (t * (np.log(u) - u)).sum() / nj + digamma((nu[j] + d) / 2) - np.log((nu[j] + d) / 2)
        g = lambda v: -digamma(v / 2) + np.log(v / 2) + c
        nu2.append(1e4 if g(1e4) >= 0 else brentq(g, 1e-3, 1e4, xtol=1e-14, rtol=1e-15, maxiter=500))
    return ll, np.array(w2), np.array(mu2), np.array(s2), np.array(nu2)


def main():
    src = os.path.join(FIX, "data", "faithful.csv")
    with open(src) as f:
        header = [h.strip('"') for h in f.readline().strip().split(",")]
        x = np.array([[float(c) for c in line.strip().split(",")] for line in f if line.strip()])
    outliers = np.array([[1.0, 110.0], [6.5, 40.0], [0.5, 20.0], [7.0, 115.0], [3.0, 130.0]])
    x = np.vstack([x, outliers])
    out_csv = os.path.join(FIX, "data", "faithful_outliers.csv")
    with open(out_csv, "w") as f:
        f.write(",".join(header) + "\n")
        for row in x:
            f.write(",".join(repr(float(v)) for v in row) + "\n")
    w = np.array([0.35, 0.65])
    mu = np.array([[2.0, 55.0], [4.3, 80.0]])
    sigma = np.array([[[0.1, 0.5], [0.5, 35.0]], [[0.2, 0.8], [0.8, 35.0]]])
    nu = np.array([10.0, 10.0])
    fixture = {"source": "independent numpy/scipy ECM, tools/reference/tmix_em.py", "data": "fixtures/data/faithful_outliers.csv",
               "start": {"weights": w.tolist(), "means": mu.tolist(), "scales": sigma.tolist(), "df": nu.tolist()}}
    for iters, name in [(1, "oneIteration"), (60, "sixtyIterations")]:
        cw, cm, cs, cn = w, mu, sigma, nu
        trace = []
        for _ in range(iters):
            ll, cw, cm, cs, cn = step(x, cw, cm, cs, cn)
            trace.append(ll)
        final, _ = loglik_and_tau(x, cw, cm, cs, cn)
        assert all(b >= a - 1e-9 * abs(a) for a, b in zip(trace + [final], (trace + [final])[1:])), "ECM lowered the likelihood"
        fixture[name] = {"iterations": iters, "weights": cw.tolist(), "means": cm.tolist(), "scales": cs.tolist(),
                         "df": cn.tolist(), "logLikelihood": float(final), "startLogLikelihood": float(trace[0])}
        print(name, final, cn)
    os.makedirs(os.path.join(FIX, "tmix"), exist_ok=True)
    with open(os.path.join(FIX, "tmix", "tmix_faithful_outliers.json"), "w") as f:
        json.dump(fixture, f, indent=1)


if __name__ == "__main__":
    main()
