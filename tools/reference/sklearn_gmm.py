#!/usr/bin/python3
"""scikit-learn reference fixtures for mlem's Gaussian-mixture EM agreement tests.

Run from anywhere:  /usr/bin/python3 tools/reference/sklearn_gmm.py
(needs scikit-learn 1.2.1 and Rscript for R's `faithful` data set).

Writes
  mlem-core/src/test/resources/fixtures/data/{iris,faithful}.csv
  mlem-core/src/test/resources/fixtures/sklearn/gmm_<dataset>_<covariance>.json
for iris (k=3) and faithful (k=2) and each covariance_type full, diag, tied, spherical.

Initial parameters are deterministic: KMeans(k, n_init=10, random_state=0) labels, turned into
one-hot responsibilities and passed through scikit-learn's own M-step helper
(_estimate_gaussian_parameters with reg_covar=1e-6), so they are exactly what one M-step would
produce from those labels. The fits are run on the numbers read back from the CSV files, so the
Java tests see exactly the data the reference saw.
"""
import csv
import json
import subprocess
import tempfile
import warnings
from pathlib import Path

import numpy as np
import sklearn
from scipy.special import logsumexp
from sklearn.cluster import KMeans
from sklearn.datasets import load_iris
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture
from sklearn.mixture._gaussian_mixture import (
    _compute_precision_cholesky,
    _estimate_gaussian_parameters,
)

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FIXTURES = REPO / "mlem-core" / "src" / "test" / "resources" / "fixtures"
SOURCE = "scikit-learn %s GaussianMixture via tools/reference/sklearn_gmm.py" % sklearn.__version__
COVARIANCE_TYPES = ("full", "diag", "tied", "spherical")
REG_COVAR = 1e-6
CONVERGED_TOL = 1e-10
CONVERGED_MAX_ITER = 2000


# ---------------------------------------------------------------- data files

def write_csv(name, columns, rows):
    """Write rows with a header; repr() of a Python float round-trips the double exactly."""
    path = FIXTURES / "data" / (name + ".csv")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="") as out:
        out.write(",".join(columns) + "\n")
        for row in rows:
            out.write(",".join(repr(float(v)) for v in row) + "\n")
    return path


def read_csv(path):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        columns = next(reader)
        rows = [[float(v) for v in row] for row in reader]
    return columns, np.array(rows, dtype=np.float64)


def export_iris():
    iris = load_iris()
    columns = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    return write_csv("iris", columns, iris.data)


def export_faithful():
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "faithful_r.csv"
        subprocess.run(["Rscript", str(HERE / "export_faithful.R"), str(raw)], check=True)
        columns, values = read_csv(raw)
    assert columns == ["eruptions", "waiting"], columns
    assert values.shape == (272, 2), values.shape
    return write_csv("faithful", columns, values)


# ---------------------------------------------------------------- parameters

def initial_parameters(X, k, covariance_type):
    """KMeans labels -> one-hot resp -> sklearn's M-step (reg_covar included)."""
    labels = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X).labels_
    resp = np.zeros((X.shape[0], k))
    resp[np.arange(X.shape[0]), labels] = 1.0
    assert np.all(resp.sum(axis=0) > 0), "an empty KMeans cluster"
    nk, means, covariances = _estimate_gaussian_parameters(X, resp, REG_COVAR, covariance_type)
    weights = nk / nk.sum()
    return weights, means, covariances


def precisions_of(covariances, covariance_type):
    """Inverse covariances in sklearn's precision shape (as GaussianMixture._set_parameters)."""
    chol = _compute_precision_cholesky(covariances, covariance_type)
    if covariance_type == "full":
        return np.array([c @ c.T for c in chol])
    if covariance_type == "tied":
        return chol @ chol.T
    return chol ** 2


def total_log_likelihood(X, k, covariance_type, weights, means, covariances):
    """sum_i log sum_j w_j N(x_i | mu_j, Sigma_j), via a model whose fitted state is set by hand,
    cross-checked against _estimate_weighted_log_prob + logsumexp."""
    gm = GaussianMixture(n_components=k, covariance_type=covariance_type)
    gm.weights_ = np.asarray(weights)
    gm.means_ = np.asarray(means)
    gm.covariances_ = np.asarray(covariances)
    gm.precisions_cholesky_ = _compute_precision_cholesky(gm.covariances_, covariance_type)
    by_score = float(np.sum(gm.score_samples(X)))
    by_logsumexp = float(np.sum(logsumexp(gm._estimate_weighted_log_prob(X), axis=1)))
    assert abs(by_score - by_logsumexp) <= 1e-12 * abs(by_score), (by_score, by_logsumexp)
    return by_score


def fit(X, k, covariance_type, init, max_iter, tol):
    weights, means, covariances = init
    gm = GaussianMixture(
        n_components=k,
        covariance_type=covariance_type,
        reg_covar=REG_COVAR,
        weights_init=weights,
        means_init=means,
        precisions_init=precisions_of(covariances, covariance_type),
        max_iter=max_iter,
        tol=tol,
        random_state=0,
    )
    with warnings.catch_warnings():
        # max_iter=1 with tol=0 never "converges"; that is intended.
        warnings.simplefilter("ignore", ConvergenceWarning)
        gm.fit(X)
    return gm


def summary(X, k, covariance_type, gm):
    return {
        "weights": gm.weights_.tolist(),
        "means": gm.means_.tolist(),
        "covariances": gm.covariances_.tolist(),
        "logLikelihood": total_log_likelihood(
            X, k, covariance_type, gm.weights_, gm.means_, gm.covariances_),
        "lowerBound": float(gm.lower_bound_),
        "iterations": int(gm.n_iter_),
    }


# ---------------------------------------------------------------- fixtures

def make_fixture(dataset, data_path, k, covariance_type):
    columns, X = read_csv(data_path)
    n = X.shape[0]
    init = initial_parameters(X, k, covariance_type)
    init_ll = total_log_likelihood(X, k, covariance_type, *init)

    one = fit(X, k, covariance_type, init, max_iter=1, tol=0.0)
    conv = fit(X, k, covariance_type, init, max_iter=CONVERGED_MAX_ITER, tol=CONVERGED_TOL)
    one_s = summary(X, k, covariance_type, one)
    conv_s = summary(X, k, covariance_type, conv)
    conv_s.update(converged=bool(conv.converged_), tol=CONVERGED_TOL, maxIter=CONVERGED_MAX_ITER)

    # Sanity checks: the E-step of the first iteration evaluates the initial parameters, so
    # lowerBound * n must reproduce our independent init log-likelihood; EM must not decrease
    # the log-likelihood (rounding slack 1e-12 relative); the long run must really converge.
    assert one.n_iter_ == 1
    assert abs(one_s["lowerBound"] * n - init_ll) <= 1e-10 * abs(init_ll), (one_s, init_ll)
    assert one_s["logLikelihood"] >= init_ll - 1e-12 * abs(init_ll), (one_s, init_ll)
    assert conv.converged_, (dataset, covariance_type, conv.n_iter_)
    assert conv.n_iter_ < CONVERGED_MAX_ITER
    assert conv_s["logLikelihood"] >= one_s["logLikelihood"] - 1e-12 * abs(init_ll)
    assert abs(conv_s["logLikelihood"] - conv_s["lowerBound"] * n) <= 1e-6 * abs(init_ll)

    weights, means, covariances = init
    fixture = {
        "source": SOURCE,
        "dataset": dataset,
        "data": "fixtures/data/%s.csv" % dataset,
        "columns": columns,
        "k": k,
        "covariance": covariance_type,
        "regCovar": REG_COVAR,
        "init": {
            "weights": weights.tolist(),
            "means": means.tolist(),
            "covariances": covariances.tolist(),
            "logLikelihood": init_ll,
        },
        "oneIteration": one_s,
        "converged": conv_s,
    }
    out = FIXTURES / "sklearn" / ("gmm_%s_%s.json" % (dataset, covariance_type))
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    return out, init_ll, one_s, conv_s


def main():
    assert sklearn.__version__ == "1.2.1", "fixtures are pinned to scikit-learn 1.2.1"
    datasets = [("iris", export_iris(), 3), ("faithful", export_faithful(), 2)]
    print("%-9s %-9s %18s %18s %18s %5s" % (
        "dataset", "cov", "init logLik", "1-iter logLik", "converged logLik", "iter"))
    for dataset, path, k in datasets:
        for covariance_type in COVARIANCE_TYPES:
            out, init_ll, one_s, conv_s = make_fixture(dataset, path, k, covariance_type)
            print("%-9s %-9s %18.10f %18.10f %18.10f %5d" % (
                dataset, covariance_type, init_ll, one_s["logLikelihood"],
                conv_s["logLikelihood"], conv_s["iterations"]))


if __name__ == "__main__":
    main()
