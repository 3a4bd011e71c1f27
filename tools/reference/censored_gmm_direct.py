"""An independent fit of a censored Gaussian mixture with rows of four censored cells, for
CensoredGmmDirectOracleTest (Debian python3: numpy, scipy).

Data (drawn here, seed 20261207, written into the fixture): n = 150 rows of four columns from
a k = 2 full-covariance mixture, each column left-censored at its own detection limit
(LIMITS); about a fifth of the rows have all four cells censored, others one to three.

The fit is not EM and uses none of mlem's methods: it maximises the observed-data
log-likelihood directly, sum_i log sum_j pi_j N(x_o; mu_o, S_oo) P(Y_c <= l_c | x_o), over
(logit weight, means, log-Cholesky factors) with scipy's L-BFGS-B (central-difference
gradients) from several starts (a k-means-like split of the rows with censored cells at their
limits, random splits, and optionally mlem's own estimate), then tries Newton steps from the best on a central-difference
Hessian in the natural parameters (each kept only if it raises l) (weight of component 0, means, covariance upper triangles).
The box probability P of the censored cells given the exact ones is nested Gauss-Legendre
quadrature (GL nodes a level, over +-10 conditional standard deviations clipped to the box, the
innermost cell in closed form by scipy.special.ndtr): deterministic and smooth in the
parameters (unlike a Monte Carlo CDF), so differences of it are gradients. Its error is
measured, not assumed: every distinct box at the optimum is recomputed with twice the nodes and
compared with scipy.stats.multivariate_normal.cdf (Genz's MVNDST at abseps 1e-12, releps 1e-10);
the fixture records the largest differences (quadrature against itself, and against scipy's CDF
summed in absolute log over the rows, i.e. the bound on the error of l).

Output: mlem-core/src/test/resources/fixtures/censgmm/four_cells_direct.json in the layout of
censored_gmm_numpy.py's fixtures (x with null for censored cells, lower, upper), plus "oracle":
weights, means, covariances (components ordered by their first mean), logLikelihood,
gradientNorm (of l in the natural parameters at the end), the standard errors sqrt(diag(-H^-1))
of the natural parameters (named), starts tried with their l, and the error checks above.

Run from the repository root:
  /usr/bin/python3 tools/reference/censored_gmm_direct.py [STARTS] [--mlem MODEL.json]
STARTS (default 4) is the two-means start and STARTS - 1 random splits; --mlem adds, as the first
start, a model file of `mlem fit gmm --out` (the fixture's: the default fit of this data, `fit gmm
--k 2 --covariance full --seed 1` with `--censored-below a=1.0 --censored-below b=0.9
--censored-below c=1.4 --censored-below d=0.7`, l -620.068, recorded as "mlemStart"). The
maximum is the best of the starts, Newton-polished. Starts run in JOBS processes (default 2);
STARTS_CACHE=FILE keeps each start's result so another run fits only new ones, and
`--add-starts FILE` adds such a file's starts to the written fixture (refusing one that ended
above its maximum). NEWTON_STEPS (default 4) bounds the polish; its Hessians' points run in the
JOBS processes. The fixture: `STARTS_CACHE=a.json JOBS=1 ... 4` (two-means and random splits;
stopped during the third random split), beside it `STARTS_CACHE=b.json ... 0 --mlem default.json`,
then with a.json and b.json merged into m.json, `STARTS_CACHE=m.json JOBS=3 NEWTON_STEPS=2 ... 3
--mlem default.json` (every start from the cache; its first Newton step lowered l, so the maximum
is L-BFGS's end from mlem's estimate). An L-BFGS run takes about 40-70 CPU s, a Hessian about 45,
the error checks a few CPU minutes. (The
first fixture, from three two-means starts that all ended at l -625.295, missed the maximum that
mlem's default fit found, 5.23 higher.) With --amend it only adds "start" (the two-means start)
to the fixture.
"""
import functools
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # tiny matrices: threads only cost
import itertools
import json
import math
import multiprocessing
import sys
import time

import numpy as np
from scipy import optimize, special, stats

OUT = "mlem-core/src/test/resources/fixtures/censgmm/four_cells_direct.json"
SEED = 20261207
N = 150
D = 4
K = 2
LIMITS = np.array([1.0, 0.9, 1.4, 0.7])
NODES = 24
REACH = 10.0


def draw():
    rng = np.random.default_rng(SEED)
    means = [np.array([3.0, 2.5, 3.5, 2.0]), np.array([0.5, 0.4, 0.8, 0.3])]
    sds = [np.array([1.0, 0.8, 1.2, 0.7]), np.array([0.6, 0.5, 0.7, 0.4])]
    corr = [0.5, 0.6]
    x = np.empty((N, D))
    for i in range(N):
        j = 0 if rng.uniform() < 0.7 else 1
        r = np.full((D, D), corr[j]) + (1 - corr[j]) * np.eye(D)
        cov = r * np.outer(sds[j], sds[j])
        x[i] = rng.multivariate_normal(means[j], cov)
    x = np.round(x, 3)
    censored = x <= LIMITS
    return x, censored


def log_ndtr_box(m, s, lo, hi):
    """P(lo < Y <= hi), Y ~ N(m, s^2), vectorised over m."""
    if np.isneginf(lo):
        return special.ndtr((hi - m) / s)
    if np.isposinf(hi):
        return special.ndtr((m - lo) / s)
    return special.ndtr((hi - m) / s) - special.ndtr((lo - m) / s)


@functools.lru_cache(maxsize=None)
def gauss_legendre(nodes):
    return np.polynomial.legendre.leggauss(nodes)


def box(means, cov, lo, hi, nodes):
    """P(lo < Y <= hi) for Y ~ N(means[r], cov), one value a row of means [R, m]: nested
    Gauss-Legendre over the first cell (its conditional law given the others' is normal with a
    mean linear in it and a fixed covariance), the last cell closed form."""
    m = cov.shape[0]
    s = math.sqrt(cov[0, 0])
    if m == 1:
        return log_ndtr_box(means[:, 0], s, lo[0], hi[0])
    t, w = gauss_legendre(nodes)
    a = np.maximum(lo[0], means[:, 0] - REACH * s)
    b = np.minimum(hi[0], means[:, 0] + REACH * s)
    half = np.maximum(b - a, 0) / 2
    y = (a + half)[:, None] + half[:, None] * t[None, :]
    weight = half[:, None] * w[None, :] * np.exp(-0.5 * ((y - means[:, :1]) / s) ** 2) / (s * math.sqrt(2 * math.pi))
    beta = cov[1:, 0] / cov[0, 0]
    rest = cov[1:, 1:] - np.outer(cov[1:, 0], cov[0, 1:]) / cov[0, 0]
    shifted = means[:, None, 1:] + (y - means[:, :1])[:, :, None] * beta[None, None, :]
    inner = box(shifted.reshape(-1, m - 1), rest, lo[1:], hi[1:], nodes).reshape(y.shape)
    return (weight * inner).sum(axis=1)


class Problem:
    def __init__(self, x, censored):
        self.x = x
        self.censored = censored
        self.groups = {}
        for i in range(len(x)):
            self.groups.setdefault(tuple(censored[i]), []).append(i)
        self.groups = {p: np.array(r) for p, r in self.groups.items()}

    def component_terms(self, mu, sigma, nodes=NODES):
        """[n, k] log pi-free terms log N(x_o) + log P(box | x_o)."""
        out = np.empty((len(self.x), len(mu)))
        for pattern, rows in self.groups.items():
            c = np.array(pattern)
            o = ~c
            for j in range(len(mu)):
                t = np.zeros(len(rows))
                cm = np.tile(mu[j][c], (len(rows), 1))
                cc = sigma[j][np.ix_(c, c)]
                if o.any():
                    s_oo = sigma[j][np.ix_(o, o)]
                    diff = self.x[np.ix_(rows, o)] - mu[j][o]
                    t += stats.multivariate_normal.logpdf(self.x[np.ix_(rows, o)], mean=mu[j][o], cov=s_oo).reshape(-1)
                    if c.any():
                        b = np.linalg.solve(s_oo, sigma[j][np.ix_(o, c)]).T
                        cm = cm + diff @ b.T
                        cc = cc - b @ sigma[j][np.ix_(o, c)]
                if c.any():
                    lo = np.full(c.sum(), -math.inf)
                    hi = LIMITS[c]
                    with np.errstate(divide="ignore"):
                        # rows with every cell censored share one box
                        t += np.log(box(cm, cc, lo, hi, nodes) if o.any() else box(cm[:1], cc, lo, hi, nodes))
                out[rows, j] = t
        return out

    def log_likelihood(self, w, mu, sigma, nodes=NODES):
        terms = self.component_terms(mu, sigma, nodes) + np.log(w)[None, :]
        return float(special.logsumexp(terms, axis=1).sum())


def unpack(theta):
    logits = np.concatenate([[0.0], theta[:K - 1]])
    w = np.exp(logits - special.logsumexp(logits))
    mu = theta[K - 1:K - 1 + K * D].reshape(K, D)
    tri = np.tril_indices(D)
    sigma = []
    off = K - 1 + K * D
    for j in range(K):
        lower = np.zeros((D, D))
        lower[tri] = theta[off:off + len(tri[0])]
        off += len(tri[0])
        lower[np.diag_indices(D)] = np.exp(np.diag(lower))
        sigma.append(lower @ lower.T)
    return w, mu, np.array(sigma)


def pack(w, mu, sigma):
    parts = [np.log(w[1:] / w[0]), mu.reshape(-1)]
    for s in sigma:
        lower = np.linalg.cholesky(s)
        lower[np.diag_indices(D)] = np.log(np.diag(lower))
        parts.append(lower[np.tril_indices(D)])
    return np.concatenate(parts)


NATURAL = (["weight0"] + [f"mean{j}_{a}" for j in range(K) for a in range(D)]
           + [f"cov{j}_{a}{b}" for j in range(K) for a in range(D) for b in range(a, D)])


def natural_log_likelihood(problem, v):
    """l at natural parameters v; -inf where a covariance is not positive definite or the weight
    leaves (0, 1)."""
    w, mu, sigma = from_natural(v)
    if not 0 < w[0] < 1 or any(np.linalg.eigvalsh(s_)[0] <= 0 for s_ in sigma):
        return -math.inf
    try:
        return problem.log_likelihood(w, mu, sigma)
    except (np.linalg.LinAlgError, ValueError):
        return -math.inf


def natural(w, mu, sigma):
    up = np.triu_indices(D)
    return np.concatenate([[w[0]], mu.reshape(-1)] + [s[up] for s in sigma])


def from_natural(v):
    w = np.array([v[0], 1 - v[0]])
    mu = v[1:1 + K * D].reshape(K, D)
    up = np.triu_indices(D)
    sigma = []
    off = 1 + K * D
    for j in range(K):
        s = np.zeros((D, D))
        s[up] = v[off:off + len(up[0])]
        off += len(up[0])
        sigma.append(s + np.triu(s, 1).T)
    return w, mu, np.array(sigma)


def starts(x, censored, count):
    """The first: a two-means split of the rows (censored cells at their limits) from two random
    centres; the others (count - 1): random splits, each row to a component with probability
    drawn per start from Beta(2, 2), moments of the parts (censored cells at their limits) as
    the start, so that the starts do not all fall into one basin as the two-means splits did."""
    filled = np.where(censored, LIMITS, x)
    rng = np.random.default_rng(SEED + 1)
    out = []
    for s in range(count):
        if s == 0:
            centres = filled[rng.choice(len(x), K, replace=False)]
            for _ in range(50):
                lab = np.argmin(((filled[:, None, :] - centres[None]) ** 2).sum(-1), axis=1)
                centres = np.array([filled[lab == j].mean(0) for j in range(K)])
        else:
            while True:
                lab = (rng.uniform(size=len(x)) < rng.beta(2, 2)).astype(int)
                if min(np.bincount(lab, minlength=K)) > 2 * D:
                    break
            centres = np.array([filled[lab == j].mean(0) for j in range(K)])
        w = np.bincount(lab, minlength=K) / len(x)
        sigma = np.array([np.cov(filled[lab == j].T) + 0.05 * np.eye(D) for j in range(K)])
        out.append((w, centres, sigma))
    return out


def mlem_start(path):
    """A model file written by mlem fit gmm --out (its weights, means and covariances)."""
    model = json.load(open(path))
    found = {}

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("weights", "means", "covariances") and key not in found:
                    found[key] = np.array(value, dtype=float)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(model)
    return found["weights"], found["means"], found["covariances"]


def fit_from(problem, start):
    theta0 = pack(*start)

    def f(theta):
        try:
            return -problem.log_likelihood(*unpack(theta))
        except (np.linalg.LinAlgError, ValueError):
            return math.inf

    res = optimize.minimize(f, theta0, method="L-BFGS-B", jac="2-point",
                            options={"maxiter": 3000, "maxfun": 10 ** 7, "ftol": 1e-15, "gtol": 1e-7})
    return res, unpack(res.x)


def fit_job(problem, start):
    t0 = time.process_time()
    res, params = fit_from(problem, start)
    return float(res.fun), int(res.nit), str(res.message), params, time.process_time() - t0


def derivatives(problem, v, h, pool=None):
    """l, its central-difference gradient and Hessian at v (steps h); the points are evaluated
    by pool.map when a pool is given (the same values: each point's l is a pure function of it)."""
    p = len(v)
    points = [v]
    for i in range(p):
        e = np.zeros(p)
        e[i] = h[i]
        points += [v + e, v - e]
    pairs = list(itertools.combinations(range(p), 2))
    for i, j in pairs:
        ei = np.zeros(p)
        ej = np.zeros(p)
        ei[i] = h[i]
        ej[j] = h[j]
        points += [v + ei + ej, v + ei - ej, v - ei + ej, v - ei - ej]
    f = functools.partial(natural_log_likelihood, problem)
    values = pool.map(f, points, chunksize=16) if pool is not None else [f(u) for u in points]
    f0 = values[0]
    g = np.zeros(p)
    hess = np.zeros((p, p))
    for i in range(p):
        plus, minus = values[1 + 2 * i], values[2 + 2 * i]
        g[i] = (plus - minus) / (2 * h[i])
        hess[i, i] = (plus - 2 * f0 + minus) / h[i] ** 2
    at = 1 + 2 * p
    for i, j in pairs:
        pp, pm, mp, mm = values[at:at + 4]
        at += 4
        hess[i, j] = hess[j, i] = (pp - pm - mp + mm) / (4 * h[i] * h[j])
    return f0, g, hess


def canonical(w, mu, sigma):
    order = np.argsort(mu[:, 0])[::-1]
    return w[order], mu[order], sigma[order]


def error_checks(problem, w, mu, sigma):
    """Every distinct box at the optimum: the quadrature at NODES against 2 NODES, and against
    scipy's MVNDST; returns the largest |log| differences and their sum over rows."""
    worst_self = 0.0
    worst_scipy = 0.0
    sum_scipy = 0.0
    four_cell_boxes = []
    for pattern, rows in problem.groups.items():
        c = np.array(pattern)
        if c.sum() < 2:
            continue
        o = ~c
        for j in range(K):
            cc = sigma[j][np.ix_(c, c)]
            cm = np.tile(mu[j][c], (len(rows), 1))
            if o.any():
                s_oo = sigma[j][np.ix_(o, o)]
                b = np.linalg.solve(s_oo, sigma[j][np.ix_(o, c)]).T
                cm = cm + (problem.x[np.ix_(rows, o)] - mu[j][o]) @ b.T
                cc = cc - b @ sigma[j][np.ix_(o, c)]
            lo = np.full(c.sum(), -math.inf)
            hi = LIMITS[c]
            p1 = box(cm, cc, lo, hi, NODES)
            p2 = box(cm, cc, lo, hi, 2 * NODES)
            for r in range(len(rows)):
                np.random.seed(SEED)
                ps = stats.multivariate_normal.cdf(hi, mean=cm[r], cov=cc, abseps=1e-12, releps=1e-10, maxpts=10_000_000)
                if p1[r] > 1e-12:
                    worst_self = max(worst_self, abs(math.log(p1[r] / p2[r])))
                    worst_scipy = max(worst_scipy, abs(math.log(p1[r] / ps)))
                    sum_scipy += abs(math.log(p1[r] / ps))
            if c.sum() == 4:
                four_cell_boxes.append({"component": j, "rows": int(len(rows)), "probability": float(p1[0])})
    return {"nodes": NODES, "maxLogDifferenceAtTwiceTheNodes": worst_self, "maxLogDifferenceFromScipyCdf": worst_scipy,
            "sumOverRowsOfLogDifferenceFromScipyCdf": sum_scipy, "fourCellBoxes": four_cell_boxes}


def start_node(x, censored):
    w, mu, sigma = starts(x, censored, 1)[0]
    return {"weights": w.tolist(), "means": mu.tolist(), "covariances": sigma.tolist()}


def amend():
    """Adds the first start to the written fixture (the fit's own run writes it too)."""
    x, censored = draw()
    fixture = json.load(open(OUT))
    fixture["oracle"]["start"] = start_node(x, censored)
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")


def start_entry(origin, result):
    res_fun, nit, message, params, seconds = result
    cw, cmu, csigma = canonical(*params)
    return {"origin": origin, "logLikelihood": -res_fun, "iterations": nit, "message": message,
            "cpuSeconds": round(seconds, 1), "weights": cw.tolist(), "means": cmu.tolist(),
            "covariances": csigma.tolist()}


def add_starts(cache_file):
    """Adds to the written fixture the starts in a STARTS_CACHE file (run by another process) that it
    lacks; refuses if one of them ended above the fixture's maximum (then rerun the whole fit)."""
    fixture = json.load(open(OUT))
    have = {s["origin"] for s in fixture["oracle"]["starts"]}
    for origin, c in json.load(open(cache_file)).items():
        if origin in have:
            continue
        entry = start_entry(origin, (c[0], c[1], c[2], tuple(np.array(a) for a in c[3]), c[4]))
        if entry["logLikelihood"] > fixture["oracle"]["logLikelihood"] + 1e-6:
            raise SystemExit(origin + " ended above the fixture's maximum: rerun with it")
        fixture["oracle"]["starts"].append(entry)
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")


def main():
    if sys.argv[1:] == ["--amend"]:
        amend()
        return
    if sys.argv[1:2] == ["--add-starts"]:
        add_starts(sys.argv[2])
        return
    x, censored = draw()
    problem = Problem(x, censored)
    counts = np.bincount(censored.sum(1), minlength=D + 1).tolist()
    print("rows by censored cells", counts, flush=True)
    args = sys.argv[1:]
    mlem_file = None
    if "--mlem" in args:
        at = args.index("--mlem")
        mlem_file = args[at + 1]
        del args[at:at + 2]
    jobs = [("two-means", s) if i == 0 else ("random split %d" % i, s)
            for i, s in enumerate(starts(x, censored, int(args[0]) if args else 4))]
    if mlem_file:
        jobs.insert(0, ("mlem fit gmm's estimate (" + os.path.basename(mlem_file) + ")", mlem_start(mlem_file)))
    # STARTS_CACHE=FILE keeps each start's result (by origin) so that a later run with more
    # starts (or --mlem) fits only the new ones
    cache_file = os.environ.get("STARTS_CACHE")
    cache = json.load(open(cache_file)) if cache_file and os.path.exists(cache_file) else {}
    todo = [(o, s) for o, s in jobs if o not in cache]
    with multiprocessing.Pool(int(os.environ.get("JOBS", "2"))) as pool:
        for (origin, _), r in zip(todo, pool.imap(functools.partial(fit_job, problem), [s for _, s in todo])):
            cache[origin] = [r[0], r[1], r[2], [a.tolist() for a in r[3]], r[4]]
            if cache_file:
                with open(cache_file, "w") as f:
                    json.dump(cache, f)
    results = [(c[0], c[1], c[2], tuple(np.array(a) for a in c[3]), c[4]) for c in (cache[o] for o, _ in jobs)]
    tried = []
    best = None
    for (origin, _), result in zip(jobs, results):
        tried.append(start_entry(origin, result))
        ll = tried[-1]["logLikelihood"]
        print("start", origin, ": l", ll, "iterations", result[1], result[2], round(result[4], 1), "CPU s", flush=True)
        if best is None or ll > best[0]:
            best = (ll, result[3])
    w, mu, sigma = canonical(*best[1])
    v = natural(w, mu, sigma)
    h = 1e-4 * np.maximum(np.abs(v), 0.1)
    pool = multiprocessing.Pool(int(os.environ.get("JOBS", "2")))
    ll, g, hess = derivatives(problem, v, h, pool)
    for step in range(int(os.environ.get("NEWTON_STEPS", "4"))):
        print("newton", step, "l", ll, "|g|", np.linalg.norm(g), flush=True)
        if np.linalg.norm(g) < 1e-6:
            break
        move = np.linalg.solve(hess, -g)
        if natural_log_likelihood(problem, v + move) < ll:
            break
        v = v + move
        ll, g, hess = derivatives(problem, v, h, pool)
    pool.close()
    cov_theta = np.linalg.inv(-hess)
    w, mu, sigma = from_natural(v)
    checks = error_checks(problem, w, mu, sigma)
    print("l", ll, "|g|", np.linalg.norm(g), checks, flush=True)
    nan = lambda a: [[None if np.isnan(v_) else float(v_) for v_ in row] for row in a]
    fixture = {
        "script": "tools/reference/censored_gmm_direct.py", "k": K, "covariance": "full", "regCovar": 0,
        "limits": LIMITS.tolist(), "rowsByCensoredCells": counts,
        "x": nan(np.where(censored, np.nan, x)),
        "lower": [[("-Infinity" if c_ else None) for c_ in row] for row in censored],
        "upper": [[(float(LIMITS[a]) if c_ else None) for a, c_ in enumerate(row)] for row in censored],
        "oracle": {"weights": w.tolist(), "means": mu.tolist(), "covariances": sigma.tolist(), "logLikelihood": ll,
                   "gradientNorm": float(np.linalg.norm(g)),
                   "standardErrors": dict(zip(NATURAL, np.sqrt(np.diag(cov_theta)).tolist())),
                   "starts": tried, "start": start_node(x, censored), "errors": checks},
    }
    if mlem_file:
        mw, mmu, msigma = canonical(*mlem_start(mlem_file))
        fixture["oracle"]["mlemStart"] = {"weights": mw.tolist(), "means": mmu.tolist(), "covariances": msigma.tolist()}
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
