"""Reference EM for org.mlem.gmm.CensoredGmmEstimator: Gaussian mixtures whose cells may be
censored (known only to be <= L, >= U or in (L, U]), written independently with numpy/scipy
(Debian python3).

Model: row x has exact cells o and censored cells c, each censored cell in (l_c, u_c].
Component j's term is pi_j N(x_o; mu_o, S_oo) P(l < Y_c <= u | x_o), with Y_c | x_o normal with
mean mu_c + S_co S_oo^-1 (x_o - mu_o) and covariance S_cc - S_co S_oo^-1 S_oc (explicit inverses
here). Where that covariance is diagonal (diagonal/spherical models, or one censored cell a row)
the box probability is a product of univariate normal probabilities (scipy.stats.norm's
logcdf/logsf/cdf) and each cell's conditional mean and variance given its interval comes from
scipy.stats.truncnorm.stats (scipy's own truncated-normal code, not the formulas mlem uses).
A full model with two censored cells in a row (fixture iris_full_joint) takes their box
probability and truncated mean and covariance by brute-force integration: scipy.integrate.quad_vec
(relative 1e-13) over the first cell of the integrals of 1, y1, y1^2, y2, y1 y2, y2^2 times the
density, the second cell's part in closed form (not the Tallis / Manjunath-Wilhelm formulas mlem
uses); the probability is checked against scipy.stats.multivariate_normal.cdf (Genz's bivariate
method) to 1e-12 relative wherever it exceeds 1e-12.
E-step: responsibilities by logsumexp; the row completed by the censored cells' conditional
means, the second moment adding their (co)variances.
M-step: pi_j = n_j / n; mu_j the weighted mean of completed rows; covariance as scikit-learn's
(full: weighted scatter / n_j + reg I; diag: its diagonal + reg; spherical: the mean of diag's),
reg = 1e-6 as mlem's default --reg-covar.

Iteration semantics match mlem's GmmInit.Given with censored cells: the start is the given
parameters as they are; iteration t is an E-step then an M-step. Each fixture holds the data, the
censoring bounds per cell, the start, the log-likelihood trace of the first 25 iterations, and the
parameters after 1, 5 and 25 iterations and at convergence (change of l below 1e-13 relative
three times in a row, at most 20000 iterations).

Run from the repository root:  /usr/bin/python3 tools/reference/censored_gmm_numpy.py [FIXTURE ...]
(fixture names, e.g. iris_full_joint, to write only those)
"""
import csv
import json
import os
import sys

import numpy as np
from scipy import integrate, special, stats

OUT = "mlem-core/src/test/resources/fixtures/censgmm"
REG = 1e-6


def read_iris():
    with open("mlem-core/src/test/resources/fixtures/data/iris.csv") as f:
        r = csv.reader(f)
        names = next(r)
        x = np.array([[float(v) for v in row] for row in r])
    return names, x


def log_box(m, v, lo, hi):
    s = np.sqrt(v)
    if np.isneginf(lo):
        return stats.norm.logcdf(hi, m, s)
    if np.isposinf(hi):
        return stats.norm.logsf(lo, m, s)
    a = stats.norm.cdf(lo, m, s)
    b = stats.norm.cdf(hi, m, s)
    if a > 0.5:
        return np.log(stats.norm.sf(lo, m, s) - stats.norm.sf(hi, m, s))
    return np.log(b - a)


def trunc_moments(m, v, lo, hi):
    s = np.sqrt(v)
    mean, var = stats.truncnorm.stats((lo - m) / s, (hi - m) / s, loc=m, scale=s, moments="mv")
    return float(mean), float(var)


def joint_two(cm, cc, lo, hi):
    """Two correlated censored cells N(cm, cc) in (lo, hi]: log P, truncated mean, truncated covariance."""
    s1 = np.sqrt(cc[0, 0])
    beta = cc[1, 0] / cc[0, 0]
    sc = np.sqrt(cc[1, 1] - beta * cc[0, 1])

    def parts(y1):
        m = cm[1] + beta * (y1 - cm[0])
        a, b = (lo[1] - m) / sc, (hi[1] - m) / sc
        mass = special.ndtr(b) - special.ndtr(a) if a < 0 else special.ndtr(-a) - special.ndtr(-b)
        pa = 0.0 if np.isneginf(a) else np.exp(-0.5 * a * a) / np.sqrt(2 * np.pi)
        pb = 0.0 if np.isposinf(b) else np.exp(-0.5 * b * b) / np.sqrt(2 * np.pi)
        apa = 0.0 if np.isneginf(a) else a * pa
        bpb = 0.0 if np.isposinf(b) else b * pb
        f1 = m * mass + sc * (pa - pb)
        f2 = (m * m + sc * sc) * mass + 2 * m * sc * (pa - pb) + sc * sc * (apa - bpb)
        dens = stats.norm.pdf(y1, cm[0], s1)
        return dens * np.array([mass, y1 * mass, y1 * y1 * mass, f1, y1 * f1, f2])

    v, _ = integrate.quad_vec(parts, lo[0], hi[0], epsabs=1e-300, epsrel=1e-13)
    p = v[0]
    if p <= 0:  # the box is beyond double precision for this component: no responsibility
        return -np.inf, np.zeros(2), np.zeros((2, 2))
    mean = np.array([v[1], v[3]]) / p
    second = np.array([[v[2], v[4]], [v[4], v[5]]]) / p
    genz = stats.multivariate_normal.cdf(hi, mean=cm, cov=cc, lower_limit=lo)
    assert p < 1e-12 or abs(genz - p) <= 1e-12 * p, (genz, p)  # scipy's Genz agrees where it keeps digits
    return np.log(p), mean, second - np.outer(mean, mean)


def estep(x, lo, hi, w, mu, cov):
    """Returns l, n_j, first moments [k,d], second moments [k,d,d] (about 0)."""
    n, d = x.shape
    k = len(w)
    logt = np.zeros((n, k))
    ex = np.zeros((n, k, d))
    ev = np.zeros((n, k, d, d))
    for i in range(n):
        c = np.where(~np.isnan(lo[i]))[0]
        o = np.where(np.isnan(lo[i]))[0]
        for j in range(k):
            S = cov[j]
            if len(o):
                Soo = S[np.ix_(o, o)]
                Soo_inv = np.linalg.inv(Soo)
                r = x[i, o] - mu[j, o]
                lt = np.log(w[j]) + stats.multivariate_normal.logpdf(x[i, o], mu[j, o], Soo)
            else:
                Soo_inv = np.zeros((0, 0))
                r = np.zeros(0)
                lt = np.log(w[j])
            full = x[i].copy()
            if len(c):
                Sco = S[np.ix_(c, o)]
                cm = mu[j, c] + Sco @ Soo_inv @ r
                cc = S[np.ix_(c, c)] - Sco @ Soo_inv @ Sco.T
                if len(c) > 1 and np.any(cc[~np.eye(len(c), dtype=bool)] != 0):
                    assert len(c) == 2, "this reference integrates two correlated censored cells, not more"
                    lp, tm, tc = joint_two(cm, cc, lo[i, c], hi[i, c])
                    lt += lp
                    full[c] = tm
                    ev[i, j][np.ix_(c, c)] = tc
                else:
                    for q, a in enumerate(c):
                        lt += log_box(cm[q], cc[q, q], lo[i, a], hi[i, a])
                        full[a], ev[i, j, a, a] = trunc_moments(cm[q], cc[q, q], lo[i, a], hi[i, a])
            ex[i, j] = full
            logt[i, j] = lt
    rowll = special.logsumexp(logt, axis=1)
    resp = np.exp(logt - rowll[:, None])
    ll = float(np.sum(rowll))
    nk = resp.sum(axis=0)
    s1 = np.einsum("ij,ijd->jd", resp, ex)
    s2 = np.einsum("ij,ijd,ije->jde", resp, ex, ex) + np.einsum("ij,ijde->jde", resp, ev)
    return ll, nk, s1, s2


def mstep(nk, s1, s2, structure):
    k, d = s1.shape
    w = nk / nk.sum()
    mu = s1 / nk[:, None]
    cov = np.zeros((k, d, d))
    for j in range(k):
        scatter = s2[j] / nk[j] - np.outer(mu[j], mu[j])
        if structure == "full":
            cov[j] = scatter + REG * np.eye(d)
        elif structure == "diag":
            cov[j] = np.diag(np.diag(scatter) + REG)
        else:
            cov[j] = np.eye(d) * (np.mean(np.diag(scatter)) + REG)
    return w, mu, cov


def shaped(cov, structure):
    if structure == "full":
        return cov.tolist()
    if structure == "diag":
        return [np.diag(c).tolist() for c in cov]
    return [float(c[0, 0]) for c in cov]


def params(w, mu, cov, structure):
    return {"weights": w.tolist(), "means": mu.tolist(), "covariances": shaped(cov, structure)}


def em(name, x, lo, hi, labels, k, structure):
    """EM from the M-step of the censored cells at their finite bounds under hard labels; returns start, trace, snapshots."""
    n, d = x.shape
    filled = x.copy()
    for i in range(n):
        for a in range(d):
            if not np.isnan(lo[i, a]):
                filled[i, a] = hi[i, a] if np.isneginf(lo[i, a]) else lo[i, a] if np.isposinf(hi[i, a]) else 0.5 * (lo[i, a] + hi[i, a])
    resp = np.eye(k)[labels]
    nk = resp.sum(axis=0)
    s1 = resp.T @ filled
    s2 = np.einsum("ij,id,ie->jde", resp, filled, filled)
    w, mu, cov = mstep(nk, s1, s2, structure)
    start = params(w, mu, cov, structure)
    trace = []
    snaps = {}
    ll_prev = -np.inf
    calm = 0
    for t in range(1, 20001):
        ll, nk, s1, s2 = estep(x, lo, hi, w, mu, cov)
        if t <= 26:
            trace.append(ll)
        if ll < ll_prev - 1e-9 * abs(ll):
            raise RuntimeError(f"{name}: EM lowered l at iteration {t}: {ll_prev} -> {ll}")
        calm = calm + 1 if abs(ll - ll_prev) < 1e-13 * abs(ll) else 0
        if calm >= 3:
            snaps["converged"] = dict(params(w, mu, cov, structure), iterations=t - 1, logLikelihood=ll)
            break
        ll_prev = ll
        w, mu, cov = mstep(nk, s1, s2, structure)
        if t in (1, 5, 25):
            snaps[str(t)] = dict(params(w, mu, cov, structure), logLikelihood=estep(x, lo, hi, w, mu, cov)[0])
    return start, trace, snaps


def run(name, x, lo, hi, labels, k, structure):
    if len(sys.argv) > 1 and name not in sys.argv[1:]:
        return
    start, trace, snaps = em(name, x, lo, hi, labels, k, structure)
    out = {
        "script": "tools/reference/censored_gmm_numpy.py",
        "k": k, "covariance": structure, "regCovar": REG,
        "x": np.where(np.isnan(lo), x, np.nan).tolist(),
        "lower": lo.tolist(), "upper": hi.tolist(),
        "start": start, "trace": trace, "after": snaps,
    }
    write(name, out)
    print(name, "iterations", snaps["converged"]["iterations"], "l", snaps["converged"]["logLikelihood"])


def write(name, out):
    text = json.dumps(out, indent=1).replace("NaN", "null").replace("-Infinity", "\"-Infinity\"").replace("Infinity", "\"Infinity\"")
    text = text.replace("\"-\"Infinity\"\"", "\"-Infinity\"")
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        f.write(text + "\n")


def free_values(w, mu, cov):
    """A full-covariance mixture in mlem's free layout: k-1 weights, means (component-major), sigma_j,ab for a <= b."""
    k, d = mu.shape
    iu = np.triu_indices(d)
    return np.concatenate([w[:-1], mu.ravel()] + [cov[j][iu] for j in range(k)])


def from_free(theta, k, d):
    w = np.append(theta[:k - 1], 1 - np.sum(theta[:k - 1]))
    mu = theta[k - 1:k - 1 + k * d].reshape(k, d)
    iu = np.triu_indices(d)
    m = len(iu[0])
    cov = np.zeros((k, d, d))
    for j in range(k):
        c = np.zeros((d, d))
        c[iu] = theta[k - 1 + k * d + j * m:k - 1 + k * d + (j + 1) * m]
        cov[j] = c + np.triu(c, 1).T
    return w, mu, cov


def hessian(f, theta):
    """Central differences, steps h_a = 1e-3 max(|theta_a|, 0.1) and h/2, one Richardson step (4 H(h/2) - H(h)) / 3."""
    p = len(theta)
    f0 = f(theta)

    def at(step):
        h = step * np.maximum(np.abs(theta), 0.1)
        out = np.zeros((p, p))
        for a in range(p):
            for b in range(a + 1):
                def g(sa, sb):
                    t = theta.copy()
                    t[a] += sa * h[a]
                    t[b] += sb * h[b]
                    return f(t)
                if a == b:
                    t1, t2 = theta.copy(), theta.copy()
                    t1[a] += h[a]
                    t2[a] -= h[a]
                    out[a, a] = (f(t1) - 2 * f0 + f(t2)) / h[a] ** 2
                else:
                    out[a, b] = out[b, a] = (g(1, 1) - g(1, -1) - g(-1, 1) + g(-1, -1)) / (4 * h[a] * h[b])
        return out

    return (4 * at(0.5e-3) - at(1e-3)) / 3


def se_fixture(name, names, x, lo, hi, labels, k):
    """EM to convergence (full covariances), then standard errors from minus the numerical Hessian of the observed l."""
    if len(sys.argv) > 1 and name not in sys.argv[1:]:
        return
    n, d = x.shape
    _, _, snaps = em(name, x, lo, hi, labels, k, "full")
    c = snaps["converged"]
    theta = free_values(np.array(c["weights"]), np.array(c["means"]), np.array(c["covariances"]))
    h = hessian(lambda t: estep(x, lo, hi, *from_free(t, k, d))[0], theta)
    cov = np.linalg.inv(-h)
    se = np.sqrt(np.diag(cov))
    ones = np.ones(k - 1)
    se_last = np.sqrt(ones @ cov[:k - 1, :k - 1] @ ones)  # pi_k = 1 - sum of the others
    labels_out = ["weight[%d]" % j for j in range(k)] + ["mean[%d][%s]" % (j, names[a]) for j in range(k) for a in range(d)]
    labels_out += ["cov[%d][%s,%s]" % (j, names[a], names[b]) for j in range(k) for a in range(d) for b in range(a, d)]
    values = np.concatenate([se[:k - 1], [se_last], se[k - 1:]])
    write(name, {
        "script": "tools/reference/censored_gmm_numpy.py",
        "k": k, "covariance": "full", "regCovar": REG, "columns": list(names),
        "x": np.where(np.isnan(lo), x, np.nan).tolist(), "lower": lo.tolist(), "upper": hi.tolist(),
        "converged": c, "standardErrors": dict(zip(labels_out, values.tolist())),
    })
    print(name, "l", c["logLikelihood"], "standard errors", dict(zip(labels_out, np.round(values, 6).tolist())))


def censor(x, rules):
    """rules: list of (column, kind, a, b): kind 'left' cells <= a, 'right' cells >= a, 'interval' a < cell <= b."""
    n, d = x.shape
    lo = np.full((n, d), np.nan)
    hi = np.full((n, d), np.nan)
    for col, kind, a, b in rules:
        for i in range(n):
            v = x[i, col]
            if kind == "left" and v <= a:
                lo[i, col], hi[i, col] = -np.inf, a
            elif kind == "right" and v >= a:
                lo[i, col], hi[i, col] = a, np.inf
            elif kind == "interval" and a < v <= b:
                lo[i, col], hi[i, col] = a, b
    return lo, hi


def main():
    os.makedirs(OUT, exist_ok=True)
    names, x = read_iris()
    labels = np.argsort(np.argsort(x[:, 2], kind="stable"), kind="stable") * 3 // len(x)  # thirds by petal length
    # detection limits: petal width <= 0.2 (left), sepal length >= 7.0 (right); petal length in (4.0, 4.5] only as an interval
    many = censor(x, [(3, "left", 0.2, None), (0, "right", 7.0, None), (2, "interval", 4.0, 4.5)])
    run("iris_diag", x, *many, labels, 3, "diag")
    run("iris_spherical", x, *many, labels, 3, "spherical")
    one = censor(x, [(3, "left", 0.2, None), (0, "right", 7.0, None)])
    assert np.max(np.sum(~np.isnan(one[0]), axis=1)) <= 1
    run("iris_full", x, *one, labels, 3, "full")
    # two correlated censored cells in 18 setosa rows: petal width <= 0.2 and petal length <= 1.4 (left), sepal length >= 7.0 (right)
    two = censor(x, [(3, "left", 0.2, None), (2, "left", 1.4, None), (0, "right", 7.0, None)])
    assert np.max(np.sum(~np.isnan(two[0]), axis=1)) == 2
    run("iris_full_joint", x, *two, labels, 3, "full")
    # standard errors: petal length and width, two components; petal width <= 0.2 (left), petal length >= 6.0 (right)
    petals = x[:, 2:4]
    se_fixture("iris_petal_se", names[2:4], petals, *censor(petals, [(1, "left", 0.2, None), (0, "right", 6.0, None)]),
               (petals[:, 0] > 2.5).astype(int), 2)


if __name__ == "__main__":
    main()
