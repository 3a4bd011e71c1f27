#!/usr/bin/python3
"""An independent reference for mlem's hidden Markov model fits: a plain log-space Baum-Welch
written here in numpy/scipy (Rabiner 1989), NOT a third-party HMM library. hmmlearn is not
packaged for Debian bookworm (`apt-cache policy python3-hmmlearn` finds nothing) and no R HMM
package (depmixS4, HMM, HiddenMarkov) is installed, so this script is the oracle. It shares no
code with mlem: it works in log space (logsumexp over alpha, beta and xi), where mlem scales.

Run from anywhere:  /usr/bin/python3 tools/reference/hmm_reference.py   (deterministic, < 1 s)

Writes mlem-core/src/test/resources/fixtures/hmm/<case>.json, each with the data (rows,
sequence lengths, known states or -1), the starting parameters, and the parameters and
log-likelihood trace after 1 and after 50 iterations (tolerance 0: every iteration runs).

Conventions shared with mlem (so results must agree to rounding):
- iteration t: E-step under the current parameters (its total log-likelihood is trace[t-1]),
  then M-step; trace[T] is the log-likelihood of the final parameters.
- known states: log emission densities of the other states set to -inf at that step.
- start = mean over sequences of P(z_0 | x); transitions = expected counts, rows normalised.
- gaussian: mean = sum(g x) / (sum g + 10 eps); covariance = sum(g (x-mean)(x-mean)^T) /
  (sum g + 10 eps) + regCovar I (regCovar 1e-6), full or its diagonal.
- categorical: posterior-weighted code frequencies. poisson: lambda = sum(g x) / sum(g).
  bernoulli: prob = sum(g x) / sum(g).
"""
import json
from pathlib import Path

import numpy as np
from scipy.special import gammaln, logsumexp

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "mlem-core" / "src" / "test" / "resources" / "fixtures" / "hmm"
SOURCE = "independent numpy log-space Baum-Welch, tools/reference/hmm_reference.py (numpy %s)" % np.__version__
REG = 1e-6
GUARD = 10 * np.finfo(float).eps


# ---- emission families: log densities (T x K) and weighted M-steps ----------------------------

def log_dens(kind, p, x):
    if kind in ("gaussian-full", "gaussian-diag"):
        k = len(p["means"])
        out = np.empty((len(x), k))
        for j in range(k):
            mu = np.asarray(p["means"][j])
            cov = np.asarray(p["covariances"][j])
            if kind == "gaussian-diag":
                cov = np.diag(cov)
            diff = x - mu
            sol = np.linalg.solve(cov, diff.T).T
            _, logdet = np.linalg.slogdet(cov)
            out[:, j] = -0.5 * (x.shape[1] * np.log(2 * np.pi) + logdet + np.sum(diff * sol, axis=1))
        return out
    if kind == "categorical":
        probs = np.asarray(p["probabilities"])
        with np.errstate(divide="ignore"):
            return np.log(probs[:, x[:, 0].astype(int)]).T
    if kind == "poisson":
        lam = np.asarray(p["lambda"])
        c = x[:, :1]
        return c * np.log(lam)[None, :] - lam[None, :] - gammaln(c + 1)
    if kind == "bernoulli":
        q = np.asarray(p["prob"])
        c = x[:, :1]
        return c * np.log(q)[None, :] + (1 - c) * np.log1p(-q)[None, :]
    raise ValueError(kind)


def m_step(kind, gamma, x, p):
    nk = gamma.sum(axis=0)
    if kind in ("gaussian-full", "gaussian-diag"):
        n = nk + GUARD
        means = (gamma.T @ x) / n[:, None]
        covs = []
        for j in range(len(nk)):
            diff = x - means[j]
            c = (gamma[:, j, None] * diff).T @ diff / n[j] + REG * np.eye(x.shape[1])
            covs.append(np.diag(c).tolist() if kind == "gaussian-diag" else c.tolist())
        return {"means": means.tolist(), "covariances": covs}
    if kind == "categorical":
        m = len(p["probabilities"][0])
        counts = np.zeros((len(nk), m))
        for c in range(m):
            counts[:, c] = gamma[x[:, 0] == c].sum(axis=0)
        return {"probabilities": (counts / counts.sum(axis=1, keepdims=True)).tolist()}
    if kind == "poisson":
        return {"lambda": ((gamma.T @ x[:, 0]) / nk).tolist()}
    if kind == "bernoulli":
        return {"prob": ((gamma.T @ x[:, 0]) / nk).tolist()}
    raise ValueError(kind)


# ---- log-space forward-backward and Baum-Welch -----------------------------------------------

def forward_backward(log_b, log_pi, log_a):
    t_len, k = log_b.shape
    la = np.empty((t_len, k))
    lb = np.zeros((t_len, k))
    la[0] = log_pi + log_b[0]
    for t in range(1, t_len):
        la[t] = logsumexp(la[t - 1][:, None] + log_a, axis=0) + log_b[t]
    for t in range(t_len - 2, -1, -1):
        lb[t] = logsumexp(log_a + (log_b[t + 1] + lb[t + 1])[None, :], axis=1)
    ll = logsumexp(la[-1])
    gamma = np.exp(la + lb - ll)
    xi = np.zeros((k, k))
    if t_len > 1:
        lx = la[:-1, :, None] + log_a[None, :, :] + (log_b[1:] + lb[1:])[:, None, :] - ll
        xi = np.exp(logsumexp(lx, axis=0))
    return ll, gamma, xi


def e_step(kind, params, x, lengths, known):
    with np.errstate(divide="ignore"):
        log_pi = np.log(np.asarray(params["start"]))
        log_a = np.log(np.asarray(params["transitions"]))
    log_b = log_dens(kind, params["emissions"], x)
    for i, z in enumerate(known):
        if z >= 0:
            keep = log_b[i, z]
            log_b[i, :] = -np.inf
            log_b[i, z] = keep
    k = len(params["start"])
    total, gammas, start, trans = 0.0, [], np.zeros(k), np.zeros((k, k))
    at = 0
    for n in lengths:
        ll, g, xi = forward_backward(log_b[at:at + n], log_pi, log_a)
        total += ll
        gammas.append(g)
        start += g[0]
        trans += xi
        at += n
    return total, np.vstack(gammas), start, trans


def baum_welch(kind, params, x, lengths, known, iterations, fixed=()):
    trace = []
    for _ in range(iterations):
        ll, gamma, start, trans = e_step(kind, params, x, lengths, known)
        trace.append(ll)
        params = {
            "start": params["start"] if "start" in fixed else (start / start.sum()).tolist(),
            "transitions": params["transitions"] if "transitions" in fixed
            else (trans / trans.sum(axis=1, keepdims=True)).tolist(),
            "emissions": params["emissions"] if "emissions" in fixed else m_step(kind, gamma, x, params["emissions"]),
        }
    trace.append(e_step(kind, params, x, lengths, known)[0])
    for a, b in zip(trace, trace[1:]):
        assert b >= a - 1e-9 * abs(a), "EM decreased the log-likelihood"
    return params, trace


# ---- simulated cases --------------------------------------------------------------------------

def simulate(rng, start, trans, draw, lengths):
    rows, states = [], []
    for n in lengths:
        z = rng.choice(len(start), p=start)
        for t in range(n):
            if t > 0:
                z = rng.choice(len(start), p=trans[z])
            rows.append(draw(z))
            states.append(int(z))
    return np.asarray(rows, dtype=float), states


def case(name, kind, x, lengths, known, init, note):
    one, trace1 = baum_welch(kind, init, x, lengths, known, 1)
    fifty, trace50 = baum_welch(kind, init, x, lengths, known, 50)
    doc = {
        "source": SOURCE, "case": name, "emission": kind, "note": note, "regCovar": REG,
        "lengths": list(lengths), "rows": x.tolist(), "knownStates": list(known), "init": init,
        "oneIteration": {"params": one, "trace": trace1},
        "fiftyIterations": {"params": fifty, "trace": trace50},
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / (name + ".json")).write_text(json.dumps(doc, indent=1) + "\n")
    print(name, "loglik", trace1[0], "->", trace50[-1])


def main():
    rng = np.random.default_rng(20240601)
    pi3 = np.array([0.5, 0.3, 0.2])
    a3 = np.array([[0.8, 0.15, 0.05], [0.1, 0.8, 0.1], [0.1, 0.2, 0.7]])
    mus = np.array([[0.0, 0.0], [3.0, -2.0], [-2.0, 3.0]])
    covs = [np.array([[1.0, 0.3], [0.3, 0.6]]), np.array([[0.5, -0.2], [-0.2, 1.2]]), np.eye(2) * 0.8]
    lengths = [150, 60, 190]
    x, _ = simulate(rng, pi3, a3, lambda z: rng.multivariate_normal(mus[z], covs[z]), lengths)
    unknown = [-1] * len(x)
    init_full = {"start": [0.4, 0.35, 0.25],
                 "transitions": [[0.6, 0.2, 0.2], [0.2, 0.6, 0.2], [0.25, 0.25, 0.5]],
                 "emissions": {"means": [[0.5, 0.5], [2.0, -1.0], [-1.0, 2.0]],
                               "covariances": [np.eye(2).tolist()] * 3}}
    case("gaussian_full", "gaussian-full", x, lengths, unknown, init_full,
         "3 states, 2-D full covariances, 3 sequences")
    init_diag = dict(init_full)
    init_diag["emissions"] = {"means": init_full["emissions"]["means"], "covariances": [[1.0, 1.0]] * 3}
    known = list(unknown)
    for i in (0, 7, 151, 260, 399):
        known[i] = 2 if i == 260 else 0
    case("gaussian_diag_known", "gaussian-diag", x, lengths, known, init_diag,
         "3 states, 2-D diagonal covariances, 3 sequences, 5 known states")

    pi2 = np.array([0.6, 0.4])
    a2 = np.array([[0.9, 0.1], [0.2, 0.8]])
    probs = np.array([[0.6, 0.3, 0.05, 0.05], [0.05, 0.15, 0.4, 0.4]])
    lengths_c = [100, 100, 50, 150]
    xc, _ = simulate(rng, pi2, a2, lambda z: [rng.choice(4, p=probs[z])], lengths_c)
    init_c = {"start": [0.5, 0.5], "transitions": [[0.7, 0.3], [0.3, 0.7]],
              "emissions": {"probabilities": [[0.4, 0.3, 0.2, 0.1], [0.1, 0.2, 0.3, 0.4]]}}
    case("categorical", "categorical", xc, lengths_c, [-1] * len(xc), init_c, "2 states, 4 categories, 4 sequences")

    lam = np.array([2.0, 9.0])
    lengths_p = [250, 150]
    xp, _ = simulate(rng, pi2, a2, lambda z: [rng.poisson(lam[z])], lengths_p)
    init_p = {"start": [0.5, 0.5], "transitions": [[0.8, 0.2], [0.2, 0.8]], "emissions": {"lambda": [3.0, 6.0]}}
    case("poisson", "poisson", xp, lengths_p, [-1] * len(xp), init_p, "2 states, Poisson counts, 2 sequences")

    q = np.array([0.15, 0.8])
    lengths_b = [200, 200]
    xb, _ = simulate(rng, pi2, a2, lambda z: [float(rng.random() < q[z])], lengths_b)
    init_b = {"start": [0.5, 0.5], "transitions": [[0.8, 0.2], [0.2, 0.8]], "emissions": {"prob": [0.3, 0.6]}}
    case("bernoulli", "bernoulli", xb, lengths_b, [-1] * len(xb), init_b, "2 states, 0/1 data, 2 sequences")


if __name__ == "__main__":
    main()
