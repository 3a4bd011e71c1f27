"""Reference EM for org.mlem.mixture.CensoredMixtureEstimator: univariate mixtures of a family
fitted to censored rows (exact, right-, left- and interval-censored), written independently with
numpy/scipy (Debian python3).

Row i lies in [lo_i, hi_i]: lo = hi exact (density), hi = inf right-censored (survival S(lo)),
lo = -inf left-censored (F(hi)), else interval-censored (F(hi) - F(lo)). E-step: responsibilities
from log(pi_j) + the row's log density or log probability, by logsumexp. M-step: pi_j = n_j / n and
each component's weighted censored log-likelihood maximised by Nelder-Mead on the parameters'
log scale (real location parameters as they are), started from the current parameters, with
tight tolerances (xatol 1e-11 on the log scale, fatol 1e-10), so its maximiser is the exact M-step to ~1e-10.

Iteration semantics match mlem's MixtureInit.Given: the start is the given parameters; EM
iteration t is an E-step then an M-step. Each fixture holds the data (lo, hi), the start, and
after m = 1, 2, 5 iterations and at convergence (|change of l| < 1e-11 relative, at most 2000
iterations) the weights, the parameters and the log-likelihood of those parameters.

Run from the repository root:  /usr/bin/python3 tools/reference/censored_mixture_numpy.py
"""
import json
import os

import numpy as np
from scipy import optimize, special

OUT = "mlem-core/src/test/resources/fixtures/censmix"


class Weibull:
    def __init__(self, p):
        self.k, self.lam = p

    def logpdf(self, x):
        z = x / self.lam
        return np.log(self.k / self.lam) + (self.k - 1) * np.log(z) - z ** self.k

    def cdf(self, x):
        return -np.expm1(-(np.maximum(x, 0) / self.lam) ** self.k)

    def sf(self, x):
        return np.exp(-(np.maximum(x, 0) / self.lam) ** self.k)


class Lognormal:
    def __init__(self, p):
        self.mu, self.s = p

    def logpdf(self, x):
        z = (np.log(x) - self.mu) / self.s
        return -0.5 * z * z - np.log(self.s * x) - 0.5 * np.log(2 * np.pi)

    def cdf(self, x):
        with np.errstate(divide="ignore"):
            return special.ndtr((np.log(x) - self.mu) / self.s)

    def sf(self, x):
        with np.errstate(divide="ignore"):
            return special.ndtr(-(np.log(x) - self.mu) / self.s)


class Gamma:
    def __init__(self, p):
        self.a, self.rate = p

    def logpdf(self, x):
        return self.a * np.log(self.rate) - special.gammaln(self.a) + (self.a - 1) * np.log(x) - self.rate * x

    def cdf(self, x):
        return special.gammainc(self.a, self.rate * np.maximum(x, 0))

    def sf(self, x):
        return special.gammaincc(self.a, self.rate * np.maximum(x, 0))


class Exponential:
    def __init__(self, p):
        self.rate = p[0]

    def logpdf(self, x):
        return np.log(self.rate) - self.rate * x

    def cdf(self, x):
        return -np.expm1(-self.rate * np.maximum(x, 0))

    def sf(self, x):
        return np.exp(-self.rate * np.maximum(x, 0))


class Normal:
    def __init__(self, p):
        self.m, self.s = p

    def logpdf(self, x):
        z = (x - self.m) / self.s
        return -0.5 * z * z - np.log(self.s) - 0.5 * np.log(2 * np.pi)

    def cdf(self, x):
        return special.ndtr((x - self.m) / self.s)

    def sf(self, x):
        return special.ndtr(-(x - self.m) / self.s)


# name -> (distribution from R's parameters, which parameters are real (not log-scaled))
FAMILIES = {
    "weibull": (Weibull, [False, False]),
    "lognormal": (Lognormal, [True, False]),
    "gamma": (Gamma, [False, False]),
    "exponential": (Exponential, [False]),
    "normal": (Normal, [True, False]),
}


def row_logp(dist, lo, hi):
    """log density for exact rows, log interval probability for censored ones (tails kept)."""
    out = np.empty(len(lo))
    exact = lo == hi
    out[exact] = dist.logpdf(lo[exact])
    c = ~exact
    l, h = lo[c], hi[c]
    fl, fh = np.isfinite(l), np.isfinite(h)
    l0, h0 = np.where(fl, l, 1.0), np.where(fh, h, 1.0)
    cdf_l = np.where(fl, dist.cdf(l0), 0.0)
    cdf_h = np.where(fh, dist.cdf(h0), 1.0)
    sf_l = np.where(fl, dist.sf(l0), 1.0)
    sf_h = np.where(fh, dist.sf(h0), 0.0)
    mass = np.where(fl & (cdf_l > 0.5), sf_l - sf_h, cdf_h - cdf_l)
    with np.errstate(divide="ignore"):
        out[c] = np.log(mass)
    return out


def log_joint(family, weights, params, lo, hi):
    make, _ = FAMILIES[family]
    return np.column_stack([np.log(weights[j]) + row_logp(make(params[j]), lo, hi) for j in range(len(weights))])


def loglik(family, weights, params, lo, hi):
    return float(np.sum(special.logsumexp(log_joint(family, weights, params, lo, hi), axis=1)))


def component_mle(family, lo, hi, w, start):
    make, real = FAMILIES[family]
    to_u = lambda p: np.array([v if r else np.log(v) for v, r in zip(p, real)])
    to_p = lambda u: [v if r else np.exp(v) for v, r in zip(u, real)]

    def neg(u):
        v = -np.sum(w * row_logp(make(to_p(u)), lo, hi))
        return v if np.isfinite(v) else 1e300

    u = to_u(start)
    for _ in range(2):  # restarts of the simplex from its own end, the usual Nelder-Mead polish
        r = optimize.minimize(neg, u, method="Nelder-Mead",
                              options={"xatol": 1e-11, "fatol": 1e-10, "maxiter": 20000, "maxfev": 40000})
        u = r.x
    return to_p(u)


def em_step(family, weights, params, lo, hi):
    lj = log_joint(family, weights, params, lo, hi)
    r = np.exp(lj - special.logsumexp(lj, axis=1)[:, None])
    nk = r.sum(axis=0)
    new_w = nk / nk.sum()
    new_p = [component_mle(family, lo, hi, r[:, j], params[j]) for j in range(len(weights))]
    return new_w, new_p


def state(family, m, weights, params, lo, hi):
    return {"iterations": m, "weights": list(map(float, weights)),
            "parameters": [list(map(float, p)) for p in params],
            "logLikelihood": loglik(family, weights, params, lo, hi)}


def run(name, family, lo, hi, start_w, start_p):
    weights, params = np.array(start_w, float), [list(p) for p in start_p]
    states = []
    prev = loglik(family, weights, params, lo, hi)
    m = 0
    while m < 2000:
        weights, params = em_step(family, weights, params, lo, hi)
        m += 1
        cur = loglik(family, weights, params, lo, hi)
        assert cur >= prev - 1e-9 * abs(prev), (name, m, prev, cur)
        if m in (1, 2, 5):
            states.append(state(family, m, weights, params, lo, hi))
        if m > 5 and abs(cur - prev) < 1e-11 * abs(cur):
            break
        prev = cur
    final = state(family, m, weights, params, lo, hi)
    final["converged"] = True
    states.append(final)
    enc = lambda v: "NA" if np.isinf(v) else repr(float(v))  # an open end is missing, as fitdistcens takes it
    with open(os.path.join(OUT, name + ".csv"), "w") as f:
        f.write("lo,hi\n")
        for a, b in zip(lo, hi):
            f.write(enc(a) + "," + enc(b) + "\n")
    fx = {"family": family, "k": len(start_w), "data": "censmix/" + name + ".csv",
          "start": {"weights": list(start_w), "parameters": [list(p) for p in start_p]},
          "states": states,
          "counts": {"exact": int(np.sum(lo == hi)), "right": int(np.sum(np.isinf(hi))),
                     "left": int(np.sum(np.isinf(lo))),
                     "interval": int(np.sum((lo != hi) & np.isfinite(lo) & np.isfinite(hi)))}}
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(fx, f, indent=1)
    print(name, "iterations", m, "logLik", final["logLikelihood"])


def right_censored(t, c):
    """Times t observed until c: (min(t, c), itself when t <= c, else an open upper end)."""
    lo = np.round(np.minimum(t, c), 6)
    return lo, np.where(t <= c, lo, np.inf)


def main():
    rng = np.random.default_rng(20261206)
    # Weibull failure times of two populations, right-censored by a uniform end of follow-up.
    n = 300
    z = rng.random(n) < 0.4
    t = np.where(z, 1.0 * rng.weibull(1.5, n), 5.0 * rng.weibull(4.0, n))
    c = rng.uniform(0.5, 8.0, n)
    lo, hi = right_censored(t, c)
    run("weibull_right", "weibull", lo, hi, [0.5, 0.5], [[1.0, 0.8], [2.0, 4.0]])

    # Lognormal concentrations with a detection limit (left), interval readings and right censoring.
    n = 250
    z = rng.random(n) < 0.5
    x = np.exp(np.where(z, rng.normal(0.0, 0.5, n), rng.normal(2.0, 0.4, n)))
    lo, hi = x.copy(), x.copy()
    lo[x < 0.6] = -np.inf
    hi[x < 0.6] = 0.6
    inter = (x >= 0.6) & (rng.random(n) < 0.25)
    lo[inter] = np.floor(x[inter])
    hi[inter] = np.floor(x[inter]) + 1
    lo[inter & (lo == 0)] = 0.6
    right = x > 12
    lo[right], hi[right] = 12.0, np.inf
    lo = np.where(np.isfinite(lo), np.round(lo, 6), lo)
    hi = np.where(np.isfinite(hi), np.round(hi, 6), hi)
    hi = np.where(lo == np.round(x, 6), lo, hi)
    ex = (lo == hi)
    lo[ex] = hi[ex] = np.round(x[ex], 6)
    run("lognormal_mixed", "lognormal", lo, hi, [0.4, 0.6], [[0.2, 0.7], [1.8, 0.6]])

    # Gamma lifetimes, right-censored.
    n = 200
    z = rng.random(n) < 0.6
    t = np.where(z, rng.gamma(2.0, 1 / 2.0, n), rng.gamma(6.0, 1 / 1.0, n))
    c = rng.uniform(1.0, 12.0, n)
    lo, hi = right_censored(t, c)
    run("gamma_right", "gamma", lo, hi, [0.5, 0.5], [[1.5, 1.5], [4.0, 0.8]])

    # Exponential lifetimes of two populations, right-censored.
    n = 300
    z = rng.random(n) < 0.3
    t = np.where(z, rng.exponential(0.5, n), rng.exponential(5.0, n))
    c = rng.uniform(2.0, 15.0, n)
    lo, hi = right_censored(t, c)
    run("exponential_right", "exponential", lo, hi, [0.5, 0.5], [[1.0], [0.1]])

    # Normal measurements with a detection limit (left-censored below 1) and interval readings.
    n = 250
    z = rng.random(n) < 0.5
    x = np.round(np.where(z, rng.normal(1.5, 1.0, n), rng.normal(5.0, 0.8, n)), 6)
    lo, hi = x.copy(), x.copy()
    lo[x < 1.0], hi[x < 1.0] = -np.inf, 1.0
    inter = (x >= 1.0) & (rng.random(n) < 0.2)
    lo[inter], hi[inter] = np.floor(x[inter]), np.floor(x[inter]) + 1
    run("normal_left", "normal", lo, hi, [0.5, 0.5], [[1.0, 1.0], [4.0, 1.0]])


if __name__ == "__main__":
    main()
