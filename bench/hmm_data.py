"""Seeded HMM benchmark tables: 100 sequences of 10,000 steps (1e6 rows), 4 hidden states, as CSV
with columns seq,y: python3 bench/hmm_data.py OUT_DIR [gaussian poisson categorical].
Writes hmm_<emission>.csv; skips a file that exists."""
import os
import sys

import numpy as np

SEQUENCES, STEPS, STATES = 100, 10_000, 4
SEED = 20261206


def generate(emission, out_dir):
    path = os.path.join(out_dir, f"hmm_{emission}.csv")
    if os.path.exists(path):
        return path
    rng = np.random.default_rng(SEED + ["gaussian", "poisson", "categorical"].index(emission))
    trans = np.full((STATES, STATES), 0.02 / (STATES - 1)) + np.eye(STATES) * (0.98 - 0.02 / (STATES - 1))
    z = np.empty((SEQUENCES, STEPS), dtype=np.int64)
    z[:, 0] = rng.integers(STATES, size=SEQUENCES)
    u = rng.random((SEQUENCES, STEPS))
    cum = np.cumsum(trans, axis=1)
    for t in range(1, STEPS):
        z[:, t] = (u[:, t, None] > cum[z[:, t - 1]]).sum(axis=1).clip(max=STATES - 1)
    if emission == "gaussian":
        y = rng.normal(np.array([-3.0, 0.0, 2.5, 6.0])[z], np.array([1.0, 0.7, 1.2, 0.9])[z])
        fmt = "%.10g"
    elif emission == "poisson":
        y = rng.poisson(np.array([1.0, 4.0, 10.0, 20.0])[z])
        fmt = "%d"
    else:
        probs = np.array([[.7, .1, .1, .05, .05], [.1, .6, .1, .1, .1], [.05, .05, .7, .1, .1], [.1, .1, .1, .1, .6]])
        y = (rng.random(z.shape)[..., None] > np.cumsum(probs[z], axis=-1)).sum(axis=-1).clip(max=4)
        fmt = "%d"
    seq = np.repeat(np.arange(SEQUENCES), STEPS)
    np.savetxt(path, np.column_stack([seq, y.ravel()]), fmt=["%d", fmt], delimiter=",", header="seq,y", comments="")
    return path


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for e in sys.argv[2:] or ["gaussian", "poisson", "categorical"]:
        print(generate(e, out))
