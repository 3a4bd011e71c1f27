"""scikit-learn's side of compare.sh: the body of GaussianMixture.fit's loop (one _e_step and one
_m_step per iteration, as fit runs them) a fixed number of times from the given start, then the
final score. Timing covers exactly that (not loading, not initialisation); the same run is then
repeated three more times in this process ("warm", the median, as mlem's Compare does), each
giving the same result. Prints one JSON line.
Usage: sklearn_run.py data.npy init.json iterations"""
import json
import sys
import time

import numpy as np
from sklearn.mixture import GaussianMixture
from sklearn.mixture._gaussian_mixture import _compute_precision_cholesky

x_path, init_path, iterations = sys.argv[1], sys.argv[2], int(sys.argv[3])
x = np.load(x_path)
init = json.load(open(init_path))
cov_type = init["covariance_type"]
k = len(init["weights"])
gm = GaussianMixture(n_components=k, covariance_type=cov_type, reg_covar=init["reg_covar"], tol=0.0,
                     max_iter=iterations)


def timed_fit():
    gm.weights_ = np.asarray(init["weights"], dtype=float)
    gm.means_ = np.asarray(init["means"], dtype=float)
    gm.covariances_ = np.asarray(init["covariances"], dtype=float)
    gm.precisions_cholesky_ = _compute_precision_cholesky(gm.covariances_, cov_type)
    t0 = time.perf_counter()
    for _ in range(iterations):
        _, log_resp = gm._e_step(x)
        gm._m_step(x, log_resp)
    final = gm.score(x)
    return time.perf_counter() - t0, final


seconds, final = timed_fit()
warm = []
for _ in range(3):
    again, again_final = timed_fit()
    assert again_final == final, (again_final, final)
    warm.append(again)
warm_seconds = sorted(warm)[1]
print(json.dumps({"impl": "sklearn", "iterations": iterations, "seconds": seconds,
                  "s_per_iter": seconds / iterations, "warm_s_per_iter": warm_seconds / iterations,
                  "final_mean_ll": repr(float(final))}))
