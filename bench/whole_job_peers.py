"""The peers' side of bench/whole_job_gmm_hmm.sh, one whole job a process (CSV to answer):
  gmm FILE.csv K            scikit-learn: pandas.read_csv + GaussianMixture(K) with its defaults
  hmm FILE.csv EMISSION K I pomegranate 0.14: pandas.read_csv + HiddenMarkovModel.from_samples,
                            I Baum-Welch iterations, 2 jobs (EMISSION gaussian|poisson|categorical)
Prints one JSON line: the total log-likelihood of the answer, iterations, and the wall seconds
spent reading and fitting as the process saw them."""
import json
import sys
import time

t0 = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

kind, path = sys.argv[1], sys.argv[2]
if kind == "gmm":
    from sklearn.mixture import GaussianMixture
    k = int(sys.argv[3])
    x = pd.read_csv(path).to_numpy(dtype=float)
    t1 = time.perf_counter()
    gm = GaussianMixture(n_components=k, random_state=0).fit(x)
    ll = float(gm.score(x) * len(x))
    out = {"logLikelihood": ll, "iterations": int(gm.n_iter_), "converged": bool(gm.converged_)}
else:
    import pomegranate as pg
    emission, k, iterations = sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    frame = pd.read_csv(path)
    t1 = time.perf_counter()
    dist = {"gaussian": pg.NormalDistribution, "poisson": pg.PoissonDistribution,
            "categorical": pg.DiscreteDistribution}[emission]
    values = frame["y"].to_numpy(dtype=float if emission == "gaussian" else np.int64)
    if emission == "poisson":
        values = values.astype(float)
    cuts = np.flatnonzero(np.diff(frame["seq"].to_numpy())) + 1
    seqs = np.split(values, cuts)
    model = pg.HiddenMarkovModel.from_samples(dist, n_components=k, X=seqs, max_iterations=iterations,
                                              stop_threshold=0.0, n_jobs=2, random_state=0)
    ll = float(sum(model.log_probability(s) for s in seqs))
    out = {"logLikelihood": ll, "iterations": iterations}
t2 = time.perf_counter()
out.update({"read": t1 - t0, "fit": t2 - t1})
print(json.dumps(out))
