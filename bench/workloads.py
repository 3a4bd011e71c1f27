"""Generates the benchmark workloads W1-W4 with a fixed seed: X as a float64 .npy table and the
initial parameters (scikit-learn's shapes) as JSON. Run by compare.sh; skips files that exist."""
import json
import os
import sys

import numpy as np

WORKLOADS = {
    # name: (n, d, k, covariance_type)
    "W1": (100_000, 10, 8, "full"),
    "W2": (1_000_000, 20, 16, "full"),
    "W3": (200_000, 50, 10, "full"),
    "W4": (1_000_000, 50, 32, "diag"),
}
SEED = 20240601


def generate(name, out_dir):
    n, d, k, cov_type = WORKLOADS[name]
    x_path = os.path.join(out_dir, f"{name}.npy")
    init_path = os.path.join(out_dir, f"{name}.init.json")
    if os.path.exists(x_path) and os.path.exists(init_path):
        return x_path, init_path
    rng = np.random.default_rng(SEED + int(name[1:]))
    centres = rng.normal(0.0, 3.0, size=(k, d))
    counts = rng.multinomial(n, np.full(k, 1.0 / k))
    x = np.empty((n, d))
    row = 0
    for j in range(k):
        a = rng.normal(size=(d, d)) / np.sqrt(d)
        chol = np.linalg.cholesky(a @ a.T + 0.5 * np.eye(d))
        x[row:row + counts[j]] = centres[j] + rng.normal(size=(counts[j], d)) @ chol.T
        row += counts[j]
    x = x[rng.permutation(n)]
    np.save(x_path, np.ascontiguousarray(x))
    # Start: k rows drawn at random as means, equal weights, the data's (co)variance for every component.
    means = x[rng.choice(n, size=k, replace=False)]
    if cov_type == "full":
        covariances = np.repeat(np.cov(x.T)[None], k, axis=0).tolist()
    elif cov_type == "tied":
        covariances = np.cov(x.T).tolist()
    elif cov_type == "diag":
        covariances = np.repeat(x.var(axis=0)[None], k, axis=0).tolist()
    else:
        covariances = [float(x.var(axis=0).mean())] * k
    init = {"covariance_type": cov_type, "reg_covar": 1e-6, "weights": [1.0 / k] * k,
            "means": means.tolist(), "covariances": covariances}
    with open(init_path, "w") as f:
        json.dump(init, f)
    return x_path, init_path


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for w in sys.argv[2:]:
        print(*generate(w, out))
