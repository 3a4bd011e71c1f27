"""numpy's DGEMM rate on this machine (GFLOP/s, best of 5 products of 3000x3000 matrices)."""
import time

import numpy as np

n = 3000
a = np.random.default_rng(1).random((n, n))
b = np.random.default_rng(2).random((n, n))
a @ b
best = min((lambda t: (a @ b, time.perf_counter() - t)[1])(time.perf_counter()) for _ in range(5))
print(f"{2 * n ** 3 / best / 1e9:.2f}")
