"""The CSV files of the whole-job reading benchmark (docs/benchmarks.md, "Whole job from CSV"), seeded:
W1.csv (bench/workloads.py's W1, 1e5 x 10, %.17g), big.csv (2e6 x 10, three clusters, %.6f) and
glm.csv (1e6 x 20 Gaussian predictors and a 0/1 response from a logistic model, %.8g).
Usage: python3 bench/read_data.py OUT_DIR"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workloads  # noqa: E402

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def write(name, x, fmt, names):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        np.savetxt(path + ".tmp", x, fmt=fmt, delimiter=",", header=",".join(names), comments="")
        os.replace(path + ".tmp", path)


x_path, _ = workloads.generate("W1", out)
x = np.load(x_path)
write("W1.csv", x, "%.17g", [f"x{j + 1}" for j in range(x.shape[1])])

rng = np.random.default_rng(20261206)
n = 2_000_000
centres = rng.normal(0, 5, size=(3, 10))
big = centres[rng.integers(0, 3, n)] + rng.normal(size=(n, 10))
write("big.csv", big, "%.6f", [f"x{j + 1}" for j in range(10)])

n = 1_000_000
xg = rng.normal(size=(n, 20))
beta = rng.normal(0, 0.3, size=20)
y = (rng.random(n) < 1 / (1 + np.exp(-(0.5 + xg @ beta)))).astype(int)
path = os.path.join(out, "glm.csv")
if not os.path.exists(path):
    with open(path + ".tmp", "w") as f:
        f.write(",".join(["y"] + [f"x{j + 1}" for j in range(20)]) + "\n")
        np.savetxt(f, np.column_stack([y, xg]), fmt=["%d"] + ["%.8g"] * 20, delimiter=",")
    os.replace(path + ".tmp", path)
