"""The numpy side of bench/whole_job_latent.sh, one whole job a process (CSV to answer): independent
EM scripts written for this benchmark (no peer package here fits these models), vectorised numpy.
  tmix FILE.csv K    mixture of K multivariate t distributions by ECM (Peel and McLachlan, 2000):
                     k-means start (scipy's kmeans2, seed 0), each component's degrees of freedom by
                     Brent's method on its CM equation; stops when the log-likelihood rises by less
                     than 1e-10 relative, or after 1,000 iterations
  mvn FILE.csv       the multivariate normal with cells missing at random by EM (Dempster, Laird and
                     Rubin, 1977; Little and Rubin's sweep-free form): rows grouped by their pattern of
                     observed cells, each pattern's conditional means and covariance in one numpy call;
                     start at the observed columns' means and variances; stops as above, 10,000 at most
Prints one JSON line: the total observed-data log-likelihood, iterations, and the seconds spent
reading and fitting as the process saw them."""
import json
import sys
import time

t0 = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy import optimize, special  # noqa: E402

TOL = 1e-10


def t_log_densities(x, mu, cov, nu):
    """n x k log densities of the t components, and the squared Mahalanobis distances."""
    n, d = x.shape
    k = len(nu)
    logf, delta = np.empty((n, k)), np.empty((n, k))
    for j in range(k):
        c = np.linalg.cholesky(cov[j])
        z = np.linalg.solve(c, (x - mu[j]).T)
        delta[:, j] = (z * z).sum(axis=0)
        logf[:, j] = (special.gammaln((nu[j] + d) / 2) - special.gammaln(nu[j] / 2)
                      - d / 2 * np.log(nu[j] * np.pi) - np.log(np.diag(c)).sum()
                      - (nu[j] + d) / 2 * np.log1p(delta[:, j] / nu[j]))
    return logf, delta


def tmix(x, k):
    from scipy.cluster.vq import kmeans2
    n, d = x.shape
    _, lab = kmeans2(x, k, seed=0, minit="++")
    w = np.array([(lab == j).mean() for j in range(k)])
    mu = np.array([x[lab == j].mean(axis=0) for j in range(k)])
    cov = np.array([np.cov(x[lab == j].T, bias=True) for j in range(k)])
    nu = np.full(k, 10.0)
    ll_old = -np.inf
    for it in range(1, 1001):
        logf, delta = t_log_densities(x, mu, cov, nu)
        a = logf + np.log(w)
        m = a.max(axis=1, keepdims=True)
        lse = m[:, 0] + np.log(np.exp(a - m).sum(axis=1))
        ll = lse.sum()
        if ll - ll_old < TOL * abs(ll):
            return ll, it - 1
        ll_old = ll
        tau = np.exp(a - lse[:, None])
        for j in range(k):
            u = (nu[j] + d) / (nu[j] + delta[:, j])
            tj = tau[:, j]
            nj = tj.sum()
            w[j] = nj / n
            tu = tj * u
            mu[j] = tu @ x / tu.sum()
            r = x - mu[j]
            cov[j] = (r * tu[:, None]).T @ r / nj
            cst = 1 + (tj * (np.log(u) - u)).sum() / nj + special.digamma((nu[j] + d) / 2) - np.log((nu[j] + d) / 2)
            f = lambda v: -special.digamma(v / 2) + np.log(v / 2) + cst  # noqa: E731
            nu[j] = optimize.brentq(f, 1e-3, 1e4, xtol=1e-12) if f(1e4) < 0 else 1e4
    return ll_old, 1000


def mvn(x):
    n, d = x.shape
    obs = ~np.isnan(x)
    codes = obs @ (1 << np.arange(d))
    order = np.argsort(codes, kind="stable")
    cuts = np.flatnonzero(np.diff(codes[order])) + 1
    groups = [(obs[g[0]], x[g][:, obs[g[0]]]) for g in np.split(order, cuts)]
    mu = np.nanmean(x, axis=0)
    sigma = np.diag(np.nanvar(x, axis=0))
    ll_old = -np.inf
    for it in range(1, 10_001):
        s1, s2, ll = np.zeros(d), np.zeros((d, d)), 0.0
        for o, xo in groups:
            m = ~o
            soo = sigma[np.ix_(o, o)]
            c = np.linalg.cholesky(soo)
            r = xo - mu[o]
            z = np.linalg.solve(c, r.T)
            ll += -0.5 * (z * z).sum() - len(xo) * (np.log(np.diag(c)).sum() + o.sum() / 2 * np.log(2 * np.pi))
            full = np.empty((len(xo), d))
            full[:, o] = xo
            if m.any():
                beta = np.linalg.solve(soo, sigma[np.ix_(o, m)])  # regression of missing on observed
                full[:, m] = mu[m] + r @ beta
                s2[np.ix_(m, m)] += len(xo) * (sigma[np.ix_(m, m)] - sigma[np.ix_(m, o)] @ beta)
            s1 += full.sum(axis=0)
            s2 += full.T @ full
        if ll - ll_old < TOL * abs(ll):
            return ll, it - 1
        ll_old = ll
        mu = s1 / n
        sigma = s2 / n - np.outer(mu, mu)
    return ll_old, 10_000


kind, path = sys.argv[1], sys.argv[2]
x = pd.read_csv(path).to_numpy(dtype=float)
t1 = time.perf_counter()
ll, iterations = tmix(x, int(sys.argv[3])) if kind == "tmix" else mvn(x)
t2 = time.perf_counter()
print(json.dumps({"logLikelihood": float(ll), "iterations": iterations, "read": t1 - t0, "fit": t2 - t1}))
