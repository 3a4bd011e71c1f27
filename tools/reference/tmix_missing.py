#!/usr/bin/python3
"""Reference values for mlem's t mixture with missing cells (TMixtureEstimator.withMissingEm).

Two independent oracles, both on the observed-data log-likelihood computed with
scipy.stats.multivariate_t on each row's observed cells (the marginal of a multivariate t is the
t of the observed block with the same degrees of freedom):

* "maximum": brute-force maximisation of that log-likelihood over every parameter (weights by
  softmax, locations, scale matrices by their Cholesky factors with log diagonals, log nu) with
  scipy.optimize.minimize (BFGS, then Nelder-Mead polish is not needed: gtol 1e-9) from the start
  below. No EM anywhere.
* "oneIteration": one ECM iteration written out plainly in numpy (McLachlan and Peel 2000, 7.8;
  Liu 1997): u = (nu + p_o)/(nu + delta_o), conditional means and covariances of the missing
  block, nu from its score equation with E[log u] = psi((nu + p_o)/2) - log((nu + delta_o)/2).

Cases: "faithful" = fixtures/data/faithful_outliers.csv with about 12% of cells removed (never
both of a row; k = 2); "t3" = 200 rows drawn from a 3-variate t with nu = 4 (k = 1), about 15% of
cells removed. Writes fixtures/data/faithful_outliers_holes.csv, fixtures/data/t3_holes.csv and
fixtures/tmix/tmix_missing.json. regCovar 0.

Run: /usr/bin/python3 tools/reference/tmix_missing.py   (numpy 1.24, scipy 1.10 from Debian; seconds)
"""
import json
import os

import numpy as np
from scipy.optimize import brentq, minimize
from scipy.special import digamma
from scipy.stats import multivariate_t

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..", "..", "mlem-core", "src", "test", "resources", "fixtures")


def holes(x, fraction, rng):
    x = x.copy()
    n, d = x.shape
    for i in range(n):
        keep = rng.integers(d)
        for a in range(d):
            if a != keep and rng.random() < fraction:
                x[i, a] = np.nan
    return x


def log_joint(x, w, mu, sigma, nu):
    """n x k: log w_j + log t_j(x_o) on each row's observed cells."""
    n, d = x.shape
    k = len(w)
    out = np.empty((n, k))
    obs = ~np.isnan(x)
    for i in range(n):
        o = obs[i]
        for j in range(k):
            out[i, j] = np.log(w[j]) + multivariate_t(loc=mu[j][o], shape=sigma[j][np.ix_(o, o)], df=nu[j]).logpdf(x[i, o])
    return out


def loglik(x, w, mu, sigma, nu):
    lj = log_joint(x, w, mu, sigma, nu)
    m = lj.max(axis=1, keepdims=True)
    return float((m[:, 0] + np.log(np.exp(lj - m).sum(axis=1))).sum())


def ecm_step(x, w, mu, sigma, nu):
    n, d = x.shape
    k = len(w)
    lj = log_joint(x, w, mu, sigma, nu)
    m = lj.max(axis=1, keepdims=True)
    tau = np.exp(lj - m)
    tau /= tau.sum(axis=1, keepdims=True)
    obs = ~np.isnan(x)
    w2, mu2, s2, nu2 = [], [], [], []
    for j in range(k):
        xhat = np.empty((n, d))
        cond = np.zeros((n, d, d))
        u = np.empty(n)
        elog = np.empty(n)
        for i in range(n):
            o = obs[i]
            mm = ~o
            p = o.sum()
            soo = sigma[j][np.ix_(o, o)]
            diff = x[i, o] - mu[j][o]
            delta = diff @ np.linalg.solve(soo, diff)
            u[i] = (nu[j] + p) / (nu[j] + delta)
            elog[i] = digamma((nu[j] + p) / 2) - np.log((nu[j] + delta) / 2)
            xhat[i] = x[i]
            if mm.any():
                smo = sigma[j][np.ix_(mm, o)]
                xhat[i, mm] = mu[j][mm] + smo @ np.linalg.solve(soo, diff)
                cond[i][np.ix_(mm, mm)] = sigma[j][np.ix_(mm, mm)] - smo @ np.linalg.solve(soo, smo.T)
        t = tau[:, j]
        nj = t.sum()
        w2.append(nj / n)
        mj = (t * u) @ xhat / (t * u).sum()
        dm = xhat - mj
        s2.append(((dm * (t * u)[:, None]).T @ dm + np.einsum("i,iab->ab", t, cond)) / nj)
        mu2.append(mj)
        c = 1 + (t * (elog - u)).sum() / nj
        g = lambda v: -digamma(v / 2) + np.log(v / 2) + c
        nu2.append(1e4 if g(1e4) >= 0 else brentq(g, 1e-3, 1e4, xtol=1e-14, rtol=1e-15, maxiter=500))
    return np.array(w2), np.array(mu2), np.array(s2), np.array(nu2)


def pack(w, mu, sigma, nu):
    k, d = mu.shape
    v = [np.log(w[1:] / w[0])] if k > 1 else []
    v.append(mu.ravel())
    for j in range(k):
        l = np.linalg.cholesky(sigma[j])
        l[np.diag_indices(d)] = np.log(np.diag(l))
        v.append(l[np.tril_indices(d)])
    v.append(np.log(nu))
    return np.concatenate(v)


def unpack(v, k, d):
    pos = 0
    if k > 1:
        e = np.concatenate([[0.0], v[:k - 1]])
        pos = k - 1
    else:
        e = np.zeros(1)
    w = np.exp(e - e.max())
    w /= w.sum()
    mu = v[pos:pos + k * d].reshape(k, d)
    pos += k * d
    sig = []
    t = d * (d + 1) // 2
    for j in range(k):
        l = np.zeros((d, d))
        l[np.tril_indices(d)] = v[pos:pos + t]
        l[np.diag_indices(d)] = np.exp(np.diag(l))
        sig.append(l @ l.T)
        pos += t
    nu = np.exp(v[pos:pos + k])
    return w, mu, np.array(sig), nu


def maximum(x, w, mu, sigma, nu):
    k, d = mu.shape
    f = lambda v: -loglik(x, *unpack(v, k, d))
    r = minimize(f, pack(w, mu, sigma, nu), method="BFGS", options={"gtol": 1e-7, "maxiter": 5000})
    r = minimize(f, r.x, method="BFGS", options={"gtol": 1e-8, "maxiter": 5000})
    return unpack(r.x, k, d), -r.fun, r


def case(name, x, w, mu, sigma, nu, out):
    one = ecm_step(x, w, mu, sigma, nu)
    (bw, bm, bs, bn), best, r = maximum(x, w, mu, sigma, nu)
    print(name, "start", loglik(x, w, mu, sigma, nu), "max", best, "nu", bn, r.message)
    out[name] = {
        "start": {"weights": w.tolist(), "means": mu.tolist(), "scales": sigma.tolist(), "df": nu.tolist()},
        "startLogLikelihood": loglik(x, w, mu, sigma, nu),
        "oneIteration": {"weights": one[0].tolist(), "means": one[1].tolist(), "scales": one[2].tolist(),
                         "df": one[3].tolist(), "logLikelihood": loglik(x, *one)},
        "maximum": {"weights": bw.tolist(), "means": bm.tolist(), "scales": bs.tolist(), "df": bn.tolist(),
                    "logLikelihood": best},
    }


def write_csv(path, header, x):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for row in x:
            f.write(",".join("" if np.isnan(v) else repr(float(v)) for v in row) + "\n")


def main():
    rng = np.random.default_rng(20261206)
    src = os.path.join(FIX, "data", "faithful_outliers.csv")
    with open(src) as f:
        header = f.readline().strip().split(",")
        x = np.array([[float(c) for c in line.strip().split(",")] for line in f if line.strip()])
    xf = holes(x, 0.12, rng)
    write_csv(os.path.join(FIX, "data", "faithful_outliers_holes.csv"), header, xf)
    out = {"source": "tools/reference/tmix_missing.py: scipy BFGS on the observed-data log-likelihood; one numpy ECM step"}
    case("faithful", xf, np.array([0.35, 0.65]), np.array([[2.0, 55.0], [4.3, 80.0]]),
         np.array([[[0.1, 0.5], [0.5, 35.0]], [[0.2, 0.8], [0.8, 35.0]]]), np.array([10.0, 10.0]), out)

    cov = np.array([[1.0, 0.6, -0.3], [0.6, 2.0, 0.4], [-0.3, 0.4, 0.5]])
    z = rng.multivariate_normal(np.zeros(3), cov, size=200)
    g = rng.chisquare(4.0, size=200) / 4.0
    xt = np.array([1.0, -2.0, 0.5]) + z / np.sqrt(g)[:, None]
    xt = holes(xt, 0.15, rng)
    write_csv(os.path.join(FIX, "data", "t3_holes.csv"), ["a", "b", "c"], xt)
    case("t3", xt, np.array([1.0]), np.array([[0.0, 0.0, 0.0]]), np.array([np.eye(3)]), np.array([10.0]), out)
    os.makedirs(os.path.join(FIX, "tmix"), exist_ok=True)
    with open(os.path.join(FIX, "tmix", "tmix_missing.json"), "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
