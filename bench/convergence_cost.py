#!/usr/bin/env python3
"""What the default stopping rule costs: mlem's default fit (Aitken's rule, tolerance 1e-10, SQUAREM)
against the same fit under scikit-learn's rule (tolerance 1e-3 on the mean per-row log-likelihood,
SQUAREM: the default before issue 10), the same fit run to exhaustion (--tol 0), and scikit-learn's
GaussianMixture with its defaults on the same rows, each in a fresh process, in one run.

Usage: bench/convergence_cost.py [W1 W3 ...]  (from the repository root; default W1 and the real data)
Env: DATA_DIR (default bench/data), REPS (default 3; the median time is reported), FULL_ITERS (the
exhaustion run's --max-iter, default 3000; 0 skips it for the large workloads).
Prints one JSON line per job and a Markdown table for docs/benchmarks.md.
"""
import json
import os
import statistics
import subprocess
import sys
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, "bench"))
import workloads  # noqa: E402

DATA_DIR = os.environ.get("DATA_DIR", os.path.join(root, "bench", "data"))
REPS = int(os.environ.get("REPS", "3"))
FULL_ITERS = int(os.environ.get("FULL_ITERS", "3000"))
REAL = {  # name: (file, k, covariance)
    "faithful": ("examples/faithful.csv", 2, "full"),
    "iris": ("mlem-core/src/test/resources/fixtures/data/iris.csv", 3, "full"),
    "faithful-k3-tied": ("examples/faithful.csv", 3, "tied"),
}


def mlem(path, k, cov, *extra):
    t0 = time.perf_counter()
    out = subprocess.run([os.path.join(root, "mlem"), "fit", "gmm", "--k", str(k), "--covariance", cov, "--json",
                          *extra, path], capture_output=True, text=True, check=True).stdout
    wall = time.perf_counter() - t0
    j = json.loads(out)
    return {"ll": j["logLikelihood"], "iterations": j["iterations"], "converged": j["converged"],
            "fit_s": j["seconds"]["fit"] + j["seconds"]["init"], "wall_s": wall}


def sklearn(path, k, cov):
    code = f"""
import json, sys, time, numpy as np
t0 = time.perf_counter()
p = {path!r}
if p.endswith('.npy'):
    x = np.load(p)
else:
    x = np.genfromtxt(p, delimiter=',', skip_header=1)
    x = x[:, ~np.isnan(x).all(axis=0)]
from sklearn.mixture import GaussianMixture
t1 = time.perf_counter()
g = GaussianMixture({k}, covariance_type={cov!r}, random_state=0).fit(x)
t2 = time.perf_counter()
print(json.dumps({{"ll": float(g.score(x) * len(x)), "iterations": int(g.n_iter_), "converged": bool(g.converged_),
                   "fit_s": t2 - t1, "wall_s": t2 - t0}}))
"""
    t0 = time.perf_counter()
    out = subprocess.run(["/usr/bin/python3", "-c", code], capture_output=True, text=True, check=True).stdout
    r = json.loads(out)
    r["wall_s"] = time.perf_counter() - t0
    return r


def median_of(f):
    runs = [f() for _ in range(REPS)]
    best = dict(runs[0])
    for key in ("fit_s", "wall_s"):
        best[key] = statistics.median(r[key] for r in runs)
    return best


def main():
    os.makedirs(DATA_DIR, exist_ok=True)
    names = sys.argv[1:] or ["W1", *REAL]
    rows = []
    for name in names:
        if name in workloads.WORKLOADS:
            path, _ = workloads.generate(name, DATA_DIR)
            n, d, k, cov = workloads.WORKLOADS[name]
        else:
            path, k, cov = REAL[name]
            path = os.path.join(root, path)
        jobs = {
            "default": lambda: mlem(path, k, cov),
            "sklearn-rule": lambda: mlem(path, k, cov, "--convergence", "sklearn", "--acceleration", "squarem"),
            "scikit-learn": lambda: sklearn(path, k, cov),
        }
        result = {tag: median_of(f) for tag, f in jobs.items()}
        if FULL_ITERS > 0:
            result["exhaustion"] = mlem(path, k, cov, "--tol", "0", "--max-iter", str(FULL_ITERS))
        for tag, r in result.items():
            print(json.dumps({"workload": name, "tag": tag, **r}), file=sys.stderr)
        rows.append((name, result))
    print("| data, k, covariance | rule | EM maps | converged | fit s | wall s | log-likelihood | below exhaustion |")
    print("|---|---|---|---|---|---|---|---|")
    for name, result in rows:
        top = result.get("exhaustion", {}).get("ll")
        for tag in ("default", "sklearn-rule", "exhaustion", "scikit-learn"):
            if tag not in result:
                continue
            r = result[tag]
            gap = "" if top is None or tag == "scikit-learn" else f"{top - r['ll']:.2e}"
            print(f"| {name} | {tag} | {r['iterations']} | {r['converged']} | {r['fit_s']:.3f} | {r['wall_s']:.2f} "
                  f"| {r['ll']:.6f} | {gap} |")


if __name__ == "__main__":
    main()
