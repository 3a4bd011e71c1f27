#!/usr/bin/python3
"""Reference values for mlem's multivariate normal with missing cells (MvnMissingEstimator).

An independent, deliberately plain numpy implementation of EM for a multivariate normal with
values missing at random (Dempster, Laird and Rubin 1977; Little and Rubin 2002, section 11.2):
per row, np.linalg.solve on the observed block; the observed-data log-likelihood is computed
separately with scipy.stats.multivariate_normal on each row's observed cells.

Data: R's airquality (Ozone, Solar.R, Wind, Temp; 153 rows, 44 missing cells), exported with
Rscript. Start: observed column means, diagonal of observed column variances (divisor n).
Writes fixtures/data/airquality.csv and fixtures/missing/mvn_airquality.json.

Run: /usr/bin/python3 tools/reference/mvn_missing_em.py   (numpy, scipy from Debian; R for the data)
"""
import json
import os
import subprocess

import numpy as np
from scipy.stats import multivariate_normal

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..", "..", "mlem-core", "src", "test", "resources", "fixtures")


def export_airquality(path):
    script = ('d <- airquality[, c("Ozone", "Solar.R", "Wind", "Temp")]; '
              'write.csv(d, "%s", row.names = FALSE, na = "")' % path)
    subprocess.run(["Rscript", "-e", script], check=True)


def read_csv(path):
    with open(path) as f:
        header = [h.strip('"') for h in f.readline().strip().split(",")]
        rows = [[float(c) if c not in ("", "NA") else np.nan for c in line.strip().split(",")] for line in f if line.strip()]
    return header, np.array(rows)


def observed_loglik(x, mu, sigma):
    total = 0.0
    for row in x:
        o = ~np.isnan(row)
        total += multivariate_normal(mean=mu[o], cov=sigma[np.ix_(o, o)]).logpdf(row[o])
    return float(total)


def em_step(x, mu, sigma):
    n, d = x.shape
    s1 = np.zeros(d)
    s2 = np.zeros((d, d))
    for row in x:
        o = ~np.isnan(row)
        m = ~o
        xhat = row.copy()
        c = np.zeros((d, d))
        if m.any():
            soo = sigma[np.ix_(o, o)]
            smo = sigma[np.ix_(m, o)]
            b = np.linalg.solve(soo, smo.T).T
            xhat[m] = mu[m] + b @ (row[o] - mu[o])
            c[np.ix_(m, m)] = sigma[np.ix_(m, m)] - b @ smo.T
        s1 += xhat
        s2 += np.outer(xhat, xhat) + c
    mu_new = s1 / n
    sigma_new = s2 / n - np.outer(mu_new, mu_new)
    return mu_new, (sigma_new + sigma_new.T) / 2


def main():
    data_path = os.path.join(FIX, "data", "airquality.csv")
    export_airquality(data_path)
    header, x = read_csv(data_path)
    mu0 = np.nanmean(x, axis=0)
    sigma0 = np.diag(np.nanvar(x, axis=0))
    out = {"source": "independent numpy EM, tools/reference/mvn_missing_em.py (numpy %s)" % np.__version__,
           "data": "fixtures/data/airquality.csv", "columns": header,
           "missingCells": int(np.isnan(x).sum()),
           "start": {"mean": mu0.tolist(), "covariance": sigma0.tolist(), "logLikelihood": observed_loglik(x, mu0, sigma0)}}
    mu, sigma = em_step(x, mu0, sigma0)
    out["oneIteration"] = {"mean": mu.tolist(), "covariance": sigma.tolist(), "logLikelihood": observed_loglik(x, mu, sigma)}
    previous = out["oneIteration"]["logLikelihood"]
    iterations = 300  # far past convergence: parameters stop changing in the 15th digit
    for it in range(2, iterations + 1):
        mu, sigma = em_step(x, mu, sigma)
        ll = observed_loglik(x, mu, sigma)
        assert ll >= previous - 1e-9 * abs(ll), "EM lowered the log-likelihood"
        previous = ll
    out["converged"] = {"mean": mu.tolist(), "covariance": sigma.tolist(), "logLikelihood": ll, "iterations": iterations}
    with open(os.path.join(FIX, "missing", "mvn_airquality.json"), "w") as f:
        json.dump(out, f, indent=1)
    print("missing cells", out["missingCells"], "start ll", out["start"]["logLikelihood"],
          "one", out["oneIteration"]["logLikelihood"], "converged", ll, "after", iterations)


if __name__ == "__main__":
    main()
