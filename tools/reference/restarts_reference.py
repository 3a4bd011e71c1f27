#!/usr/bin/python3
"""The best maximum that many random starts of an independent implementation reach, on small real
problems where EM has several local maxima: the oracle of mlem's restart tests.

Hidden Markov models: a batched, scaled Baum-Welch written here in numpy (Rabiner 1989; no code
shared with mlem or with hmm_reference.py), 300 random starts per case: emission means (Poisson
rates) at K distinct data values drawn uniformly (rates jittered by U(0.1, 1)), variances the
data's, transition rows Dirichlet(1), uniform start probabilities; regCovar 1e-6 as mlem's default.
Gaussian mixtures: scikit-learn's GaussianMixture, 60 seeds x three of its initialisations
(random, random_from_data, k-means++), reg_covar 1e-6.

Every run goes to |change in log-likelihood| < 1e-11 relative (HMM) or tol 1e-9 on the mean
(scikit-learn), at most 4000 / 2000 iterations. The optima are the final log-likelihoods rounded
to 1e-3; for each case the file lists the best, the best non-degenerate one (`bestNonDegenerate`:
its smallest expected state or component size exceeds 2 rows and its smallest variance, or
covariance eigenvalue, is at least 1% of the data's smallest; below either, a spike on a point or a
component flattened onto a repeated value, which mlem's selection is not to choose; the tests
compare with this one) and how many starts reached it, and the first optima with their smallest
expected sizes and relative variances ("smallestSpread").

Run from the repository root (after export_series.R):
    /usr/bin/python3 tools/reference/restarts_reference.py      (a few minutes; deterministic)
Writes mlem-core/src/test/resources/fixtures/restarts/reference.json.
"""
import json
import warnings
from pathlib import Path

import numpy as np
import sklearn
from scipy.special import gammaln
from sklearn.mixture import GaussianMixture

ROOT = Path(__file__).resolve().parents[2]
DIR = ROOT / "mlem-core" / "src" / "test" / "resources" / "fixtures" / "restarts"
REG = 1e-6
# a maximum whose smallest state or component has an expected size of at most this many rows is
# degenerate (a spike on a point or two); the tests compare with the best of the others
DEGENERATE_SIZE = 2.0
# ... or whose smallest variance (eigenvalue of a covariance) is below this fraction of the data's
# smallest (a component flattened onto a line or a repeated value)
DEGENERATE_SPREAD = 0.01


def baum_welch_batch(x, k, kind, starts, seed, iterations=4000):
    """Final log-likelihoods and smallest expected state occupancy of `starts` random starts."""
    rng = np.random.default_rng(seed)
    s, t_len = starts, len(x)
    pi = np.full((s, k), 1.0 / k)
    a = rng.dirichlet(np.ones(k), size=(s, k))
    values = np.unique(x)
    if kind == "poisson":
        lam = np.stack([rng.choice(values, k, replace=False) for _ in range(s)]) + rng.uniform(0.1, 1, (s, k))
    else:
        mu = np.stack([rng.choice(values, k, replace=False) for _ in range(s)])
        var = np.full((s, k), x.var())
    prev = np.full(s, -np.inf)
    for _ in range(iterations):
        if kind == "poisson":
            lb = x[None, :, None] * np.log(lam)[:, None, :] - lam[:, None, :] - gammaln(x + 1)[None, :, None]
        else:
            lb = -0.5 * (np.log(2 * np.pi * var)[:, None, :] + (x[None, :, None] - mu[:, None, :]) ** 2 / var[:, None, :])
        m = lb.max(axis=2, keepdims=True)
        b = np.exp(lb - m)
        al = np.empty((s, t_len, k))
        c = np.empty((s, t_len))
        f = pi * b[:, 0]
        c[:, 0] = f.sum(1)
        al[:, 0] = f / c[:, 0, None]
        for t in range(1, t_len):
            f = np.einsum("sk,skj->sj", al[:, t - 1], a) * b[:, t]
            c[:, t] = f.sum(1)
            al[:, t] = f / c[:, t, None]
        ll = np.log(c).sum(1) + m[:, :, 0].sum(1)
        be = np.empty((s, t_len, k))
        be[:, -1] = 1
        for t in range(t_len - 2, -1, -1):
            be[:, t] = np.einsum("skj,sj->sk", a, b[:, t + 1] * be[:, t + 1]) / c[:, t + 1, None]
        g = al * be
        g /= g.sum(2, keepdims=True)
        xi = np.einsum("stk,skj,stj->skj", al[:, :-1], a, (b[:, 1:] * be[:, 1:]) / c[:, 1:, None])
        pi = g[:, 0]
        a = xi / xi.sum(2, keepdims=True)
        n = g.sum(1)
        if kind == "poisson":
            lam = np.maximum((g * x[None, :, None]).sum(1) / n, 1e-300)
        else:
            mu = (g * x[None, :, None]).sum(1) / n
            var = (g * (x[None, :, None] - mu[:, None, :]) ** 2).sum(1) / n + REG
        if np.all(np.abs(ll - prev) < 1e-11 * np.abs(ll)):
            break
        prev = ll
    spread = np.zeros(s) + np.inf if kind == "poisson" else var.min(axis=1) / x.var()
    return ll, n.min(axis=1), spread


def gmm_runs(x, k, seeds=60):
    lls, occ, spread = [], [], []
    floor = np.linalg.eigvalsh(np.cov(x.T, bias=True)).min()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for seed in range(seeds):
            for init in ("random", "random_from_data", "k-means++"):
                g = GaussianMixture(k, covariance_type="full", tol=1e-9, max_iter=2000, reg_covar=REG,
                                    init_params=init, random_state=seed).fit(x)
                lls.append(g.score(x) * len(x))
                occ.append(g.predict_proba(x).sum(axis=0).min())
                spread.append(min(np.linalg.eigvalsh(c).min() for c in g.covariances_) / floor)
    return np.array(lls), np.array(occ), np.array(spread)


def summary(name, model, k, lls, occ, spread, extra):
    order = np.argsort(-lls)
    optima = []
    for i in order:
        v = round(float(lls[i]), 3)
        if not optima or optima[-1]["logLikelihood"] != v:
            optima.append({"logLikelihood": v, "reachedBy": 0, "smallestSize": round(float(occ[i]), 2),
                           "smallestSpread": float("%.3g" % min(spread[i], 1e300))})
        optima[-1]["reachedBy"] += 1
    proper = [i for i in order if occ[i] > DEGENERATE_SIZE and spread[i] > DEGENERATE_SPREAD]
    case = {"name": name, "model": model, "k": k, "starts": int(len(lls)),
            "best": float(lls[order[0]]), "bestNonDegenerate": float(lls[proper[0]]),
            "bestNonDegenerateReachedBy": int(sum(1 for i in proper if lls[i] > lls[proper[0]] - 1e-3)),
            "optima": optima[:6]}
    case.update(extra)
    print(name, model, k, optima[:3], flush=True)
    return case


def main():
    cases = []
    for file, kind, k in [("discoveries.csv", "poisson", 2), ("lynx_log10.csv", "gaussian", 3),
                          ("nhtemp.csv", "gaussian", 3), ("lakehuron.csv", "gaussian", 3), ("nile.csv", "gaussian", 2)]:
        x = np.loadtxt(DIR / file, skiprows=1, delimiter=",")
        lls, occ, spread = baum_welch_batch(x, k, kind, 300, seed=20261206)
        cases.append(summary(file[:-4] + "_hmm" + str(k), "hmm", k, lls, occ, spread, {"data": file, "emission": kind}))
    x = np.loadtxt(DIR / "faithful.csv", skiprows=1, delimiter=",")
    for k in (3, 4):
        lls, occ, spread = gmm_runs(x, k)
        cases.append(summary("faithful_gmm" + str(k), "gmm", k, lls, occ, spread,
                             {"data": "faithful.csv", "covariance": "full"}))
    doc = {"source": "tools/reference/restarts_reference.py: numpy %s batched Baum-Welch; scikit-learn %s GaussianMixture"
                     % (np.__version__, sklearn.__version__),
           "cases": cases}
    (DIR / "reference.json").write_text(json.dumps(doc, indent=1) + "\n")


if __name__ == "__main__":
    main()
