"""A seeded 1e5 x 10 table for the whole mclust-style selection (bench/whole_job_mclust_select.sh):
a mixture of five Gaussians with differing weights, means and covariances (each Sigma_j = A A^T / d
+ s_j I with its own random A and scale s_j), rows shuffled, written as a CSV with header x1..x10.
Usage: python3 bench/mclust_select_data.py OUT.csv [ROWS]   (skips an existing file)"""
import os
import sys

import numpy as np

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
d, k = 10, 5
if not os.path.exists(out):
    rng = np.random.default_rng(20261207)
    weights = np.array([0.35, 0.25, 0.2, 0.12, 0.08])
    centres = rng.normal(0.0, 2.5, size=(k, d))
    counts = rng.multinomial(n, weights)
    x = np.empty((n, d))
    row = 0
    for j in range(k):
        a = rng.normal(size=(d, d)) / np.sqrt(d)
        sigma = a @ a.T * rng.uniform(0.5, 2.0) + rng.uniform(0.1, 0.6) * np.eye(d)
        x[row:row + counts[j]] = centres[j] + rng.normal(size=(counts[j], d)) @ np.linalg.cholesky(sigma).T
        row += counts[j]
    x = x[rng.permutation(n)]
    np.savetxt(out, x, fmt="%.10g", delimiter=",", header=",".join(f"x{j + 1}" for j in range(d)),
               comments="")
print(out)
