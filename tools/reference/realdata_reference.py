#!/usr/bin/python3
"""Best log-likelihoods of mlem's EM models on small real data sets, from many random starts of
an independent implementation.

For each case (data set, model, k) below this script runs plain EM, written here in numpy/scipy
and sharing no code with mlem, from STARTS random starts, each until the log-likelihood rises by
less than STEP_TOL in an iteration (at most MAX_ITER iterations). The best non-degenerate end
point is then polished (up to POLISH_ITER more iterations, until an iteration gains less than
1e-13 relative) and its log-likelihood reported, with the number of starts whose end lies within
1e-6 relative of it and the number of distinct optima (end points more than 1e-6 relative apart).

Model definitions follow mlem exactly, so the same maximum is sought:
- Gaussian mixtures (full covariances; 1-D is the unequal-variance model): M-step as
  scikit-learn's, n_k + 10 eps, weights n_k / sum n_k, covariance + regCovar 1e-6 on every
  variance (mlem's default ridge; the maximum is that of the ridge-penalised EM map, as mlem's).
- Gaussian mixture with missing cells (airquality): missing cells marginalised in the E-step,
  the M-step from conditional means plus the conditional covariance, ridge 1e-6 as above.
- Normal with missing cells (airquality): no ridge, as mlem's MvnMissingEstimator.
- t mixture: Peel and McLachlan's ECM, one nu per component solved by Brent on its ECM equation
  in [1e-3, 1e4] (clamped at the ends as mlem), scale + regCovar 1e-6.
- Family mixtures: each component a product of independent columns; weighted MLEs
  (Poisson mean, Bernoulli proportion, normal mean and variance with divisor sum of weights).
- Gaussian regression mixture: weighted least squares per component, sd^2 = the weighted mean
  squared residual (mlem's SdEstimator.MLE).
- HMMs (one sequence): Baum-Welch with scaled forward-backward; start distribution = posterior of
  the first state, transitions = expected counts normalised by row, emissions as the mixtures'
  (Gaussian: + regCovar 1e-6, n_k + 10 eps; Poisson: weighted mean).

Degenerate end points (a component or state with at most d + 1 rows of weight, a Gaussian or t
covariance eigenvalue below 1e-4 times the smallest column variance, a regression or normal
column sd below 1e-3 times the data's) are counted but never reported as best: they are
likelihood spikes, not the maximum a user wants (mclust reports such fits as NA).

Random starts alternate between (a) uniform random responsibilities per row and (b) k distinct
rows drawn at random as means, with the data's covariance and equal weights (for HMMs, (a) with
Dirichlet(1) start and transition rows, as mlem's HmmInit.Random, and (b) as for mixtures with
the same Dirichlet draws).

Run from the repository root:  /usr/bin/python3 tools/reference/realdata_reference.py [case ...]
(Debian numpy 1.24.2, scipy 1.10.1; about ten minutes on one core; deterministic, seed 20261206).
Writes mlem-core/src/test/resources/fixtures/realdata/reference.json.
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import brentq
from scipy.special import digamma, gammaln, polygamma

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "mlem-core" / "src" / "test" / "resources" / "fixtures"
OUT = FIX / "realdata" / "reference.json"
SEED = 20261206
STARTS = int(__import__("os").environ.get("REF_STARTS", "200"))
STEP_TOL = 1e-8
MAX_ITER = 5000
POLISH_ITER = 100000
POLISHED = 20
REACH = 1e-6
REG = 1e-6
GUARD = 10 * np.finfo(float).eps
MIN_DF, MAX_DF = 1e-3, 1e4
LOG2PI = np.log(2 * np.pi)
FALLS = [0]


def read_csv(rel, columns):
    path = FIX / rel
    with open(path) as f:
        header = [h.strip().strip('"') for h in f.readline().split(",")]
        rows = [[np.nan if c.strip() in ("", "NA") else float(c) for c in line.strip().split(",")]
                for line in f if line.strip()]
    x = np.array(rows)
    return x[:, [header.index(c) for c in columns]]


# ---- Gaussian helpers -------------------------------------------------------------------------

def mvn_logpdf(x, mu, cov):
    chol = np.linalg.cholesky(cov)
    z = np.linalg.solve(chol, (x - mu).T)
    return -0.5 * (x.shape[1] * LOG2PI + np.sum(z * z, axis=0)) - np.log(np.diag(chol)).sum()


def lse_rows(logp):
    m = logp.max(axis=1, keepdims=True)
    s = m[:, 0] + np.log(np.exp(logp - m).sum(axis=1))
    return s, np.exp(logp - s[:, None])


def random_resp(rng, n, k):
    r = rng.random((n, k))
    return r / r.sum(axis=1, keepdims=True)


# ---- models: each has start(rng), step(p) -> (loglik of p, next p), loglik(p), degenerate(p) --

class Gmm:
    """Full-covariance Gaussian mixture with mlem's ridge."""

    def __init__(self, x, k):
        self.x, self.k = x, k
        self.floor = 1e-4 * np.nanvar(x, axis=0).min()

    def e(self, p):
        w, mu, cov = p
        logp = np.column_stack([np.log(w[j]) + mvn_logpdf(self.x, mu[j], cov[j]) for j in range(self.k)])
        ll, r = lse_rows(logp)
        return ll.sum(), r

    def m(self, r):
        x = self.x
        nk = r.sum(axis=0) + GUARD
        mu = (r.T @ x) / nk[:, None]
        cov = np.array([((r[:, j, None] * (x - mu[j])).T @ (x - mu[j])) / nk[j] + REG * np.eye(x.shape[1])
                        for j in range(self.k)])
        return nk / nk.sum(), mu, cov

    def start(self, rng, kind):
        if kind == 0:
            return self.m(random_resp(rng, len(self.x), self.k))
        rows = rng.choice(len(self.x), self.k, replace=False)
        cov = np.cov(self.x.T, bias=True).reshape(self.x.shape[1], -1)
        return np.full(self.k, 1 / self.k), self.x[rows].copy(), np.array([cov] * self.k)

    def step(self, p):
        ll, r = self.e(p)
        return ll, self.m(r)

    def degenerate(self, p):
        _, r = self.e(p)
        d = self.x.shape[1]
        for j in range(self.k):
            if r[:, j].sum() <= d + 1:
                return "component %d has weight %.3g <= d + 1" % (j + 1, r[:, j].sum())
            if np.linalg.eigvalsh(p[2][j]).min() < self.floor:
                return "component %d has a covariance eigenvalue below 1e-4 x the smallest column variance" % (j + 1)
        return None

    @staticmethod
    def describe(p):
        return {"weights": p[0].tolist(), "means": p[1].tolist(), "covariances": p[2].tolist()}


class GmmMissing(Gmm):
    """Gaussian mixture with missing cells marginalised (rows grouped by their pattern)."""

    def __init__(self, x, k):
        super().__init__(x, k)
        obs = ~np.isnan(x)
        self.patterns = []
        for pat in {tuple(o) for o in obs}:
            rows = np.where((obs == np.array(pat)).all(axis=1))[0]
            self.patterns.append((rows, np.array(pat)))
        self.filled = np.where(np.isnan(x), np.nanmean(x, axis=0), x)

    def e(self, p, full=False):
        w, mu, cov = p
        n, d = self.x.shape
        logp = np.empty((n, self.k))
        xhat = np.empty((self.k, n, d))
        ccov = np.zeros((self.k, n, d, d))
        for rows, o in self.patterns:
            mis = ~o
            xo = self.x[np.ix_(rows, o)]
            for j in range(self.k):
                soo = cov[j][np.ix_(o, o)]
                logp[rows, j] = np.log(w[j]) + mvn_logpdf(xo, mu[j][o], soo)
                if full:
                    xh = np.tile(mu[j], (len(rows), 1))
                    xh[:, o] = xo
                    if mis.any():
                        smo = cov[j][np.ix_(mis, o)]
                        reg = np.linalg.solve(soo, smo.T).T
                        xh[:, mis] = mu[j][mis] + (xo - mu[j][o]) @ reg.T
                        c = cov[j][np.ix_(mis, mis)] - reg @ smo.T
                        block = np.zeros((d, d))
                        block[np.ix_(mis, mis)] = c
                        ccov[j, rows] = block
                    xhat[j, rows] = xh
        ll, r = lse_rows(logp)
        return ll.sum(), r, xhat, ccov

    def m_full(self, r, xhat, ccov):
        d = self.x.shape[1]
        nk = r.sum(axis=0) + GUARD
        mu = np.array([(r[:, j] @ xhat[j]) / nk[j] for j in range(self.k)])
        cov = []
        for j in range(self.k):
            dev = xhat[j] - mu[j]
            s = (r[:, j, None] * dev).T @ dev + np.einsum("i,iab->ab", r[:, j], ccov[j])
            cov.append(s / nk[j] + REG * np.eye(d))
        return nk / nk.sum(), mu, np.array(cov)

    def start(self, rng, kind):
        x = self.x
        self.x = self.filled
        p = super().start(rng, kind)
        self.x = x
        return p

    def step(self, p):
        ll, r, xhat, ccov = self.e(p, True)
        return ll, self.m_full(r, xhat, ccov)

    def degenerate(self, p):
        _, r, _, _ = self.e(p)
        d = self.x.shape[1]
        for j in range(self.k):
            if r[:, j].sum() <= d + 1:
                return "component %d has weight %.3g <= d + 1" % (j + 1, r[:, j].sum())
            if np.linalg.eigvalsh(p[2][j]).min() < self.floor:
                return "component %d has a covariance eigenvalue below the floor" % (j + 1)
        return None


class MvnMissing(GmmMissing):
    """One normal, missing cells at random, no ridge."""

    def m_full(self, r, xhat, ccov):
        d = self.x.shape[1]
        n = len(self.x)
        mu = xhat[0].mean(axis=0)
        dev = xhat[0] - mu
        cov = (dev.T @ dev + ccov[0].sum(axis=0)) / n
        return np.ones(1), mu[None, :], cov[None, :, :]

    def start(self, rng, kind):
        if kind == 0:
            return np.ones(1), np.nanmean(self.x, axis=0)[None, :], np.diag(np.nanvar(self.x, axis=0))[None, :, :]
        rows = rng.choice(len(self.x), 1)
        return np.ones(1), self.filled[rows].copy(), np.diag(np.nanvar(self.x, axis=0) * rng.uniform(0.5, 2))[None]


def solve_df(c, guess):
    """The root in [MIN_DF, MAX_DF] of the decreasing g(v) = -digamma(v/2) + log(v/2) + c, clamped
    at the ends as mlem: Newton in log v from the previous v, bisection-safe via brentq if Newton
    leaves the bracket or stalls."""
    g = lambda v: -digamma(v / 2) + np.log(v / 2) + c
    if g(MAX_DF) >= 0:
        return MAX_DF
    if g(MIN_DF) <= 0:
        return MIN_DF
    t = np.log(min(max(guess, 2 * MIN_DF), MAX_DF / 2))
    for _ in range(40):
        v = np.exp(t)
        dg = (-polygamma(1, v / 2) / 2 + 1 / v) * v
        step = g(v) / dg
        t -= step
        if not np.log(MIN_DF) < t < np.log(MAX_DF):
            break
        if abs(step) < 1e-13:
            return float(np.exp(t))
    return brentq(g, MIN_DF, MAX_DF, xtol=1e-14, rtol=4 * np.finfo(float).eps, maxiter=500)


class TMix(Gmm):
    """Multivariate t mixture, one nu per component, Peel and McLachlan's ECM, ridge on scales."""

    def logdens(self, p):
        w, mu, sig, nu = p
        d = self.x.shape[1]
        logp = np.empty((len(self.x), self.k))
        delta = np.empty_like(logp)
        for j in range(self.k):
            chol = np.linalg.cholesky(sig[j])
            z = np.linalg.solve(chol, (self.x - mu[j]).T)
            delta[:, j] = np.sum(z * z, axis=0)
            v = nu[j]
            logp[:, j] = (np.log(w[j]) + gammaln((v + d) / 2) - gammaln(v / 2) - 0.5 * d * np.log(v * np.pi)
                          - np.log(np.diag(chol)).sum() - 0.5 * (v + d) * np.log1p(delta[:, j] / v))
        return logp, delta

    def e(self, p):
        logp, _ = self.logdens(p)
        ll, r = lse_rows(logp)
        return ll.sum(), r

    def step(self, p):
        w, mu, sig, nu = p
        x = self.x
        n, d = x.shape
        logp, delta = self.logdens(p)
        ll, tau = lse_rows(logp)
        nk = tau.sum(axis=0) + GUARD
        mu2, sig2, nu2 = [], [], []
        for j in range(self.k):
            u = (nu[j] + d) / (nu[j] + delta[:, j])
            tu = tau[:, j] * u
            m = tu @ x / (tu.sum() + GUARD)
            dev = x - m
            sig2.append((tu[:, None] * dev).T @ dev / nk[j] + REG * np.eye(d))
            mu2.append(m)
            c = (1 + (tau[:, j] * (np.log(u) - u)).sum() / tau[:, j].sum()
                 + digamma((nu[j] + d) / 2) - np.log((nu[j] + d) / 2))
            nu2.append(solve_df(c, nu[j]))
        return ll.sum(), (nk / nk.sum(), np.array(mu2), np.array(sig2), np.array(nu2))

    def start(self, rng, kind):
        w, mu, cov = super().start(rng, kind)
        return w, mu, cov, np.full(self.k, 30.0)

    @staticmethod
    def describe(p):
        return {"weights": p[0].tolist(), "means": p[1].tolist(), "scales": p[2].tolist(), "df": p[3].tolist()}


class Product:
    """Mixture of products of independent columns: 'poisson', 'bernoulli', 'normal'."""

    def __init__(self, x, k, families):
        self.x, self.k, self.fam = x, k, families
        self.sd = np.nanstd(x, axis=0)

    def logdens(self, p):
        w, theta = p
        logp = np.tile(np.log(w), (len(self.x), 1))
        for c, f in enumerate(self.fam):
            xc = self.x[:, c, None]
            t = theta[c]
            with np.errstate(divide="ignore", invalid="ignore"):
                if f == "poisson":
                    logp += np.where(xc == 0, -t[None, :], xc * np.log(t)[None, :] - t[None, :]) - gammaln(xc + 1)
                elif f == "bernoulli":
                    logp += np.where(xc == 1, np.log(t)[None, :], np.log1p(-t)[None, :])
                else:
                    mu, s = t
                    logp += -0.5 * LOG2PI - np.log(s)[None, :] - 0.5 * ((xc - mu[None, :]) / s[None, :]) ** 2
        return logp

    def e(self, p):
        ll, r = lse_rows(self.logdens(p))
        return ll.sum(), r

    def m(self, r):
        nk = r.sum(axis=0)
        theta = []
        for c, f in enumerate(self.fam):
            mean = (r.T @ self.x[:, c]) / nk
            if f == "normal":
                var = np.array([r[:, j] @ (self.x[:, c] - mean[j]) ** 2 / nk[j] for j in range(self.k)])
                theta.append((mean, np.sqrt(var)))
            else:
                theta.append(mean)
        return nk / nk.sum(), theta

    def start(self, rng, kind):
        if kind == 0:
            return self.m(random_resp(rng, len(self.x), self.k))
        rows = rng.choice(len(self.x), self.k, replace=False)
        r = np.full((len(self.x), self.k), 0.2 / self.k)
        # (b): responsibilities from the nearest drawn row (standardised), softened
        z = (self.x - self.x.mean(axis=0)) / np.where(self.sd > 0, self.sd, 1)
        near = np.argmin(((z[:, None, :] - z[rows][None, :, :]) ** 2).sum(axis=2), axis=1)
        r[np.arange(len(self.x)), near] += 0.8
        return self.m(r)

    def step(self, p):
        ll, r = self.e(p)
        return ll, self.m(r)

    def degenerate(self, p):
        _, r = self.e(p)
        for j in range(self.k):
            if r[:, j].sum() <= 1:
                return "component %d has weight %.3g <= 1" % (j + 1, r[:, j].sum())
        for c, f in enumerate(self.fam):
            if f == "normal" and p[1][c][1].min() < 1e-3 * self.sd[c]:
                return "a normal column's sd is below 1e-3 x the data's"
        return None

    def describe(self, p):
        out = {"weights": p[0].tolist()}
        for c, f in enumerate(self.fam):
            t = p[1][c]
            out["column%d_%s" % (c + 1, f)] = ([t[0].tolist(), t[1].tolist()] if f == "normal" else t.tolist())
        return out


class RegMix:
    """Mixture of gaussian linear regressions y ~ 1 + x, sd by MLE."""

    def __init__(self, y, xcol, k):
        self.y, self.k = y, k
        self.formula = "no ~ equivalence"
        self.X = np.column_stack([np.ones_like(xcol), xcol])
        self.sdy = y.std()

    def e(self, p):
        w, beta, sd = p
        mu = self.X @ beta.T
        logp = np.log(w)[None, :] - 0.5 * LOG2PI - np.log(sd)[None, :] - 0.5 * ((self.y[:, None] - mu) / sd[None, :]) ** 2
        ll, r = lse_rows(logp)
        return ll.sum(), r

    def m(self, r):
        nk = r.sum(axis=0)
        beta, sd = [], []
        for j in range(self.k):
            sw = np.sqrt(r[:, j])
            b, *_ = np.linalg.lstsq(self.X * sw[:, None], self.y * sw, rcond=None)
            res = self.y - self.X @ b
            beta.append(b)
            sd.append(np.sqrt(r[:, j] @ res ** 2 / nk[j]))
        return nk / nk.sum(), np.array(beta), np.array(sd)

    def start(self, rng, kind):
        n = len(self.y)
        if kind == 0:
            lab = rng.integers(0, self.k, n)   # flexmix's start: a random hard assignment
            return self.m(np.eye(self.k)[lab])
        return self.m(random_resp(rng, n, self.k))

    def step(self, p):
        ll, r = self.e(p)
        return ll, self.m(r)

    def degenerate(self, p):
        _, r = self.e(p)
        for j in range(self.k):
            if r[:, j].sum() <= 3:
                return "component %d has weight %.3g <= p + 1" % (j + 1, r[:, j].sum())
            if p[2][j] < 1e-3 * self.sdy:
                return "component %d has sd below 1e-3 x sd(y)" % (j + 1)
        return None

    @staticmethod
    def describe(p):
        return {"weights": p[0].tolist(), "coefficients": p[1].tolist(), "sd": p[2].tolist()}


class Hmm:
    """One-sequence HMM, Gaussian (1-D) or Poisson emissions; scaled forward-backward."""

    def __init__(self, x, k, kind):
        self.x, self.k, self.kind = x, k, kind
        self.floor = 1e-4 * x.var()

    def log_b(self, em):
        x = self.x[:, None]
        if self.kind == "poisson":
            lam = em[0]
            with np.errstate(divide="ignore", invalid="ignore"):
                return np.where(x == 0, -lam[None, :], x * np.log(lam)[None, :] - lam[None, :]) - gammaln(x + 1)
        mu, var = em
        return -0.5 * (LOG2PI + np.log(var)[None, :] + (x - mu[None, :]) ** 2 / var[None, :])

    def forward_backward(self, p):
        pi, a, em = p
        lb = self.log_b(em)
        shift = lb.max(axis=1, keepdims=True)
        b = np.exp(lb - shift)
        t_len = len(self.x)
        alpha = np.empty((t_len, self.k))
        c = np.empty(t_len)
        f = pi * b[0]
        c[0] = f.sum()
        alpha[0] = f / c[0]
        for t in range(1, t_len):
            f = (alpha[t - 1] @ a) * b[t]
            c[t] = f.sum()
            alpha[t] = f / c[t]
        beta = np.ones((t_len, self.k))
        for t in range(t_len - 2, -1, -1):
            beta[t] = a @ (b[t + 1] * beta[t + 1]) / c[t + 1]
        ll = np.log(c).sum() + shift.sum()
        gamma = alpha * beta
        gamma /= gamma.sum(axis=1, keepdims=True)
        xi = np.einsum("ti,ij,tj->ij", alpha[:-1], a, b[1:] * beta[1:] / c[1:, None])
        return ll, gamma, xi

    def m(self, gamma, xi):
        x = self.x
        nk = gamma.sum(axis=0)
        if self.kind == "poisson":
            em = ((gamma.T @ x) / nk,)
        else:
            n = nk + GUARD
            mu = (gamma.T @ x) / n
            var = np.array([gamma[:, j] @ (x - mu[j]) ** 2 / n[j] for j in range(self.k)]) + REG
            em = (mu, var)
        return gamma[0] / gamma[0].sum(), xi / xi.sum(axis=1, keepdims=True), em

    def start(self, rng, kind):
        pi = rng.dirichlet(np.ones(self.k))
        a = rng.dirichlet(np.ones(self.k), size=self.k)
        n = len(self.x)
        if kind == 0:
            g = random_resp(rng, n, self.k)
        else:
            centres = self.x[rng.choice(n, self.k, replace=False)]
            g = np.full((n, self.k), 0.2 / self.k)
            g[np.arange(n), np.argmin(np.abs(self.x[:, None] - centres[None, :]), axis=1)] += 0.8
        _, _, em = self.m(g, np.ones((self.k, self.k)))
        return pi, a, em

    def e(self, p):
        ll, gamma, _ = self.forward_backward(p)
        return ll, gamma

    def step(self, p):
        ll, gamma, xi = self.forward_backward(p)
        return ll, self.m(gamma, xi)

    def degenerate(self, p):
        _, gamma = self.e(p)
        for j in range(self.k):
            if gamma[:, j].sum() <= 2:
                return "state %d has weight %.3g <= 2" % (j + 1, gamma[:, j].sum())
            if self.kind == "gaussian" and p[2][1][j] < self.floor:
                return "state %d's variance is below 1e-4 x the data's" % (j + 1)
        return None

    @staticmethod
    def describe(p):
        out = {"start": p[0].tolist(), "transitions": p[1].tolist()}
        if len(p[2]) == 1:
            out["lambda"] = p[2][0].tolist()
        else:
            out["means"], out["variances"] = p[2][0].tolist(), p[2][1].tolist()
        return out


# ---- the cases ----------------------------------------------------------------------------------

def cases():
    faithful = read_csv("data/faithful.csv", ["eruptions", "waiting"])
    iris = read_csv("data/iris.csv", ["sepal_length", "sepal_width", "petal_length", "petal_width"])
    air_cols = ["Ozone", "Solar.R", "Wind", "Temp"]
    air = read_csv("data/airquality.csv", air_cols)
    geyser = read_csv("realdata/geyser.csv", ["waiting", "duration"])
    galaxies = read_csv("realdata/galaxies.csv", ["velocity"])
    diab_cols = ["glucose", "insulin", "sspg"]
    diabetes = read_csv("realdata/diabetes.csv", diab_cols)
    crab_cols = ["FL", "RW", "CL", "CW", "BD"]
    crabs = read_csv("realdata/crabs.csv", crab_cols)
    disc = read_csv("realdata/discoveries.csv", ["count"])
    nile = read_csv("realdata/nile.csv", ["flow"])
    nod = read_csv("realdata/nodata.csv", ["no", "equivalence"])
    lca_cols = ["low", "smoke", "ht", "ui", "preterm"]
    lca = read_csv("realdata/birthwt_lca.csv", lca_cols)
    mix_cols = ["bwt", "ftv", "smoke"]
    mixed = read_csv("realdata/birthwt_mixed.csv", mix_cols)
    g = "Gaussian mixture, full covariances, regCovar 1e-6"
    return [
        ("faithful_gmm2", "data/faithful.csv", ["eruptions", "waiting"], "gmm", 2, g, lambda: Gmm(faithful, 2)),
        ("iris_gmm3", "data/iris.csv", ["sepal_length", "sepal_width", "petal_length", "petal_width"], "gmm", 3, g,
         lambda: Gmm(iris, 3)),
        ("geyser_gmm3", "realdata/geyser.csv", ["waiting", "duration"], "gmm", 3, g, lambda: Gmm(geyser, 3)),
        ("galaxies_gmm3", "realdata/galaxies.csv", ["velocity"], "gmm", 3, g + " (1-D: unequal variances)",
         lambda: Gmm(galaxies, 3)),
        ("diabetes_gmm3", "realdata/diabetes.csv", diab_cols, "gmm", 3, g, lambda: Gmm(diabetes, 3)),
        ("airquality_gmm2_missing", "data/airquality.csv", air_cols, "gmm-missing", 2,
         g + ", missing cells marginalised", lambda: GmmMissing(air, 2)),
        ("airquality_mvn_missing", "data/airquality.csv", air_cols, "mvn-missing", 1,
         "multivariate normal, missing cells at random, no ridge", lambda: MvnMissing(air, 1)),
        ("crabs_tmix2", "realdata/crabs.csv", crab_cols, "tmix", 2,
         "t mixture, full scales, one df per component in [1e-3, 1e4], regCovar 1e-6", lambda: TMix(crabs, 2)),
        ("discoveries_poisson2", "realdata/discoveries.csv", ["count"], "mixture", 2, "Poisson mixture",
         lambda: Product(disc, 2, ["poisson"])),
        ("birthwt_lca2", "realdata/birthwt_lca.csv", lca_cols, "mixture", 2,
         "latent class model: five Bernoulli columns", lambda: Product(lca, 2, ["bernoulli"] * 5)),
        ("birthwt_mixed2", "realdata/birthwt_mixed.csv", mix_cols, "mixture", 2,
         "mixed product mixture: normal, Poisson, Bernoulli columns", lambda: Product(mixed, 2, ["normal", "poisson", "bernoulli"])),
        ("nodata_regmix2", "realdata/nodata.csv", ["no", "equivalence"], "regmix", 2,
         "mixture of gaussian regressions no ~ equivalence, sd by MLE", lambda: RegMix(nod[:, 0], nod[:, 1], 2)),
        ("discoveries_hmm_poisson2", "realdata/discoveries.csv", ["count"], "hmm-poisson", 2,
         "Poisson HMM, one sequence", lambda: Hmm(disc[:, 0], 2, "poisson")),
        ("nile_hmm_gaussian2", "realdata/nile.csv", ["flow"], "hmm-gaussian", 2,
         "Gaussian HMM, one sequence, regCovar 1e-6", lambda: Hmm(nile[:, 0], 2, "gaussian")),
    ]


def run_em(model, p, max_iter, tol):
    """Plain EM until an iteration gains less than tol; returns (params, loglik, iterations, last gain)."""
    prev = -np.inf
    gain = np.inf
    for it in range(max_iter):
        ll, nxt = model.step(p)
        if not np.isfinite(ll):
            raise FloatingPointError("non-finite log-likelihood")
        if ll < prev - 1e-8 * abs(prev):
            # regCovar's ridge makes the M-step maximise a penalised Q, so the log-likelihood can
            # fall a little (near small components); such a start ends there and is counted
            FALLS[0] += 1
        gain = ll - prev
        p, prev = nxt, ll
        if gain < tol:
            break
    return p, model.step(p)[0], it + 1, gain


def polish(model, p):
    """EM until the Aitken estimate of the gain still to come, g r / (1 - r) with r the ratio of
    successive gains, is below 1e-12 relative, or the gain is at rounding level; returns
    (params, loglik, iterations, estimated remaining gain)."""
    prev, last_gain, ll = -np.inf, np.inf, None
    for it in range(POLISH_ITER):
        ll, nxt = model.step(p)
        gain = ll - prev
        p, prev = nxt, ll
        if gain <= 4e-16 * abs(ll) * 8:
            return p, model.step(p)[0], it + 1, 0.0
        r = gain / last_gain if np.isfinite(last_gain) else 0.0
        last_gain = gain
        if 0 < r < 1 and gain * r / (1 - r) < 1e-12 * abs(ll):
            return p, model.step(p)[0], it + 1, gain * r / (1 - r)
    r = min(r, 1 - 1e-9) if r > 0 else 0.0
    return p, model.step(p)[0], POLISH_ITER, gain * r / (1 - r)


def reference(name, rel, columns, model_name, k, definition, make, rng):
    """Random starts, the best few polished; the case's entry of reference.json."""
    model = make()
    starts = STARTS // 2 if model_name == "tmix" else STARTS
    t0 = time.time()
    ends, failed, degenerate = [], 0, 0
    FALLS[0] = 0
    for s in range(starts):
        try:
            with np.errstate(all="ignore"):
                p, ll, _, _ = run_em(model, model.start(rng, s % 2), MAX_ITER, STEP_TOL)
        except (np.linalg.LinAlgError, FloatingPointError, ValueError):
            failed += 1
            continue
        if model.degenerate(p) is not None:
            degenerate += 1
            continue
        ends.append((ll, p))
    ends.sort(key=lambda e: -e[0])
    # polish the best few end points (they may lie on one slow ridge) and keep the best polished one
    polished = []
    for ll, p in ends[:POLISHED]:
        q, final, iters, remaining = polish(model, p)
        polished.append((final, q, iters, remaining))
        ends[len(polished) - 1] = (final, q)
    polished.sort(key=lambda e: -e[0])
    final, best, iters, remaining = polished[0]
    ends.sort(key=lambda e: -e[0])
    reached = sum(1 for ll, _ in ends if abs(ll - final) <= REACH * abs(final))
    optima = []
    for ll, _ in ends:
        if all(abs(ll - o) > REACH * abs(o) for o in optima):
            optima.append(ll)
    doc = {
        "case": name, "data": rel, "columns": columns, "model": model_name, "k": k, "definition": definition,
        "regCovar": None if model_name in ("mixture", "regmix", "hmm-poisson", "mvn-missing") else REG,
        "families": getattr(model, "fam", None), "formula": getattr(model, "formula", None),
        "starts": starts, "failedStarts": failed, "startsWithAFall": FALLS[0], "degenerateStarts": degenerate,
        "bestLogLikelihood": float(final), "startsReachingBest": reached, "reachTolerance": REACH,
        "distinctOptima": len(optima), "optima": [float(o) for o in optima[:8]],
        "exploreStepTolerance": STEP_TOL, "polishIterations": iters,
        "estimatedRemainingGain": float(remaining),
        "bestParameters": model.describe(best),
    }
    print("%-26s best %.10f  reached %3d/%d  optima %2d  degenerate %3d  failed %3d  polish %6d rest %.1e  %.0fs"
          % (name, final, reached, starts, len(optima), degenerate, failed, iters, remaining, time.time() - t0), flush=True)
    return doc


def main():
    only = set(sys.argv[1:])
    docs = json.loads(OUT.read_text())["cases"] if OUT.exists() and only else []
    keep = {d["case"]: d for d in docs}
    for c in cases():
        case_rng = np.random.default_rng([SEED, sum(map(ord, c[0]))])
        if only and c[0] not in only:
            continue
        keep[c[0]] = reference(*c, case_rng)
    order = [c[0] for c in cases()]
    out = {"source": "independent numpy EM from random starts, tools/reference/realdata_reference.py (numpy %s)"
           % np.__version__, "seed": SEED, "cases": [keep[n] for n in order if n in keep]}
    OUT.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
