"""scikit-learn / numpy side of mlkit's side-by-side benchmark (see run.sh).

Times the same work as the Go benchmarks, on data of the same shape and distribution
(the values differ: numpy cannot reproduce Go's PCG stream), and prints one JSON
object per measurement: {"name": ..., "seconds": [...], "info": {...}}.
scikit-learn and numpy are a measuring stick here, never a dependency of mlkata.

Usage: /usr/bin/python3 compare.py [--repeat N] [--task NAME]...
"""
import argparse
import json
import time
import warnings

import numpy as np
import scipy.linalg
import sklearn
from sklearn.cluster import KMeans
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.metrics import pairwise_distances_argmin_min, roc_auc_score
from sklearn.neural_network import MLPClassifier

warnings.simplefilter("ignore")


def regression_data(n, p, seed):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    y = 1 + X @ rng.standard_normal(p) + 0.1 * rng.standard_normal(n)
    return X, y


def logistic_data(n, p, seed):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    w = rng.standard_normal(p) / np.sqrt(p) * 2
    y = (rng.random(n) < 1 / (1 + np.exp(-(X @ w)))).astype(int)
    return X, y


def normal_equations(X, y):
    """Centred normal equations with Cholesky: the fastest numpy route."""
    mx, my = X.mean(axis=0), y.mean()
    Xc = X - mx
    w = scipy.linalg.cho_solve(scipy.linalg.cho_factor(Xc.T @ Xc), Xc.T @ (y - my))
    return w, my - mx @ w


def timed(name, fn, repeat, info=None):
    fn()  # warm-up
    secs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        secs.append(time.perf_counter() - t0)
    rec = {"name": name, "seconds": secs, "info": info(out) if info else {}}
    print(json.dumps(rec), flush=True)


def run_task(task, r):
    if task == "versions":
        try:
            from threadpoolctl import threadpool_info
            blas = [{k: d.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
                    for d in threadpool_info()]
        except ImportError:
            blas = "threadpoolctl not installed"
        print(json.dumps({"name": "versions", "seconds": [], "info": {
            "sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__, "blas": blas}}))
    elif task in ("ols-1e5", "ols-1e6", "ridge-1e5", "ridge-1e6"):
        n, p = (100_000, 50) if task.endswith("1e5") else (1_000_000, 20)
        X, y = regression_data(n, p, 1)
        if task.startswith("ols"):
            timed(f"sklearn LinearRegression n={n} p={p}", lambda: LinearRegression().fit(X, y), r)
            timed(f"numpy normal equations n={n} p={p}", lambda: normal_equations(X, y), r)
        else:
            timed(f"sklearn Ridge n={n} p={p}", lambda: Ridge(alpha=1.0).fit(X, y), r)
    elif task == "logistic":
        X, y = logistic_data(100_000, 50, 2)
        timed("sklearn LogisticRegression n=100000 p=50", lambda: LogisticRegression().fit(X, y), r,
              info=lambda m: {"iters": int(m.n_iter_[0])})
    elif task == "rocauc":
        rng = np.random.default_rng(3)
        yb = rng.integers(0, 2, 1_000_000)
        s = rng.standard_normal(1_000_000) + yb
        timed("sklearn roc_auc_score n=1000000", lambda: roc_auc_score(yb, s), r)
    elif task == "stream":
        X, _ = regression_data(100_000, 50, 1)
        timed("numpy X.sum() n=100000 p=50", lambda: X.sum(), r)
    elif task == "kmeans":
        # mlkit/cluster's BenchmarkAssign and BenchmarkLloydIteration: 100000×8 N(0,1) rows,
        # the first 8 as centroids. Assign: nearest centroid and the inertia; one Lloyd
        # iteration: assign, update, assign (KMeans with max_iter=1 does the same).
        X = np.random.default_rng(5).standard_normal((100_000, 8))
        C = X[:8].copy()

        def assign():
            labels, d = pairwise_distances_argmin_min(X, C)
            return labels, float((d**2).sum())

        timed("sklearn k-means assign n=100000 p=8 k=8", assign, r)
        timed("sklearn KMeans max_iter=1 n=100000 p=8 k=8",
              lambda: KMeans(n_clusters=8, init=C, n_init=1, max_iter=1, algorithm="lloyd").fit(X), r)
    elif task == "mlp":
        # mlkit/neural's BenchmarkEpoch: one epoch of mini-batch SGD, 64 tanh hidden units,
        # softmax output, batch 32, η = 0.01, no momentum or penalty, shuffled; one partial_fit
        # call is one epoch. Digits-shaped (1797×64) and 60000×64 data, 10 classes.
        rng = np.random.default_rng(6)
        for n in (1797, 60_000):
            X = rng.standard_normal((n, 64))
            y = np.argmax(X @ rng.standard_normal((64, 10)), axis=1)
            clf = MLPClassifier(hidden_layer_sizes=(64,), activation="tanh", solver="sgd", alpha=0.0,
                                batch_size=32, learning_rate="constant", learning_rate_init=0.01,
                                momentum=0.0, nesterovs_momentum=False, shuffle=True, random_state=1)
            clf.partial_fit(X, y, classes=np.arange(10))  # builds the network
            timed(f"sklearn MLP epoch n={n} p=64 h=64", lambda: clf.partial_fit(X, y), r)
    elif task == "dgemm":
        A = np.random.default_rng(4).standard_normal((2048, 2048))
        timed("numpy dgemm 2048", lambda: A @ A, r)
    else:
        raise SystemExit(f"unknown task {task!r}")


TASKS = ["versions", "ols-1e5", "ridge-1e5", "ols-1e6", "ridge-1e6", "logistic", "rocauc", "stream", "kmeans", "mlp",
         "dgemm"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--task", action="append", choices=TASKS, help="run only these (default: all)")
    args = ap.parse_args()
    for task in args.task or TASKS:
        run_task(task, args.repeat)


if __name__ == "__main__":
    main()
