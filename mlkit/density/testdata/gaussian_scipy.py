"""Writes gaussian_scipy.json, the expected values of density_test.go.

For each case (a training matrix X, labelled validation rows Xval, yval), from numpy and scipy:

- mean, var: X.mean(axis=0) and X.var(axis=0, ddof=0), the population variance;
- logp: scipy.stats.norm.logpdf(Xval, loc=mean, scale=sqrt(var)).sum(axis=1);
- eps, f1: the threshold of the detector "anomaly when logp <= eps" with the largest F1 among
  the distinct values of logp, the smallest on ties (F1 compared exactly as fractions), and
  sklearn.metrics.f1_score of its flags.

Run from the repository root with Debian's numpy 1.24.2 / scipy 1.10.1 / scikit-learn 1.2.1:

    /usr/bin/python3 mlkit/density/testdata/gaussian_scipy.py
"""
import json
import os
from fractions import Fraction

import numpy as np
import scipy
from scipy.stats import norm
from sklearn.metrics import f1_score


def case(note, X, Xval, yval):
    X = np.asarray(X, dtype=float)
    Xval = np.asarray(Xval, dtype=float)
    yval = np.asarray(yval, dtype=int)
    mean = X.mean(axis=0)
    var = X.var(axis=0, ddof=0)
    logp = norm.logpdf(Xval, loc=mean, scale=np.sqrt(var)).sum(axis=1)
    n_pos = int(yval.sum())
    best, best_eps = Fraction(-1), None
    for eps in sorted(set(logp.tolist())):  # ascending: ">" keeps the smallest on ties
        flags = logp <= eps
        tp = int((flags & (yval == 1)).sum())
        fp = int((flags & (yval == 0)).sum())
        f1 = Fraction(2 * tp, tp + fp + n_pos)
        if f1 > best:
            best, best_eps = f1, eps
    f1 = f1_score(yval, (logp <= best_eps).astype(int))
    assert abs(f1 - float(best)) < 1e-15, (f1, best)
    return {"note": note, "X": X.tolist(), "xval": Xval.tolist(), "yval": yval.tolist(),
            "mean": mean.tolist(), "var": var.tolist(), "logp": logp.tolist(),
            "eps": float(best_eps), "f1": float(f1)}


rng = np.random.default_rng(25)
cases = []

# Hand-sized: one feature, X = 1 2 3 4 → μ = 2.5, σ² = 1.25 (ddof=1 would give 5/3).
cases.append(case("one feature, four rows", [[1], [2], [3], [4]], [[2.5], [0], [6], [3]], [0, 1, 1, 0]))

# Features on very different scales (as in breast cancer: radius ~10, area ~1000, smoothness ~0.1).
scales = np.array([1.0, 300.0, 0.01, 20.0])
locs = np.array([14.0, 650.0, 0.1, -5.0])
X = locs + scales * rng.normal(size=(200, 4))
normal = locs + scales * rng.normal(size=(60, 4))
anom = locs + scales * rng.normal(size=(8, 4)) * 3.5
Xval = np.vstack([normal, anom])
yval = np.array([0] * 60 + [1] * 8)
perm = rng.permutation(len(yval))
cases.append(case("four features on different scales, 8 anomalies of 68", X, Xval[perm], yval[perm]))

# A large mean and a small spread: the two-pass variance keeps its digits.
X = 1e6 + rng.normal(size=(50, 2)) * np.array([1e-3, 1.0])
Xval = 1e6 + rng.normal(size=(20, 2)) * np.array([1e-3, 1.0]) * np.repeat([[1], [4]], 10, axis=0)
cases.append(case("a mean of 1e6 with a spread of 1e-3", X, Xval, [0] * 10 + [1] * 10))

# Many features: the densities' product underflows (each row's logp is near -930, below
# log(5e-324) = -744.4), the sum of logs does not. Rounded to 3 decimals to keep the file small.
X = np.round(10 * rng.normal(size=(20, 250)), 3)
Xval = np.round(10 * rng.normal(size=(8, 250)) * np.repeat([[1.0], [1.3]], 4, axis=0), 3)
cases.append(case("250 features: the product of densities underflows", X, Xval, [0] * 4 + [1] * 4))

# Ties: rounded data whose validation scores repeat, and F1 tied at two thresholds.
X = np.round(rng.normal(size=(40, 1)), 0)
Xval = np.array([[0.0], [0.0], [1.0], [-1.0], [2.0], [3.0], [-3.0], [3.0]])
cases.append(case("tied scores", X, Xval, [0, 0, 1, 0, 0, 1, 1, 0]))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gaussian_scipy.json")
with open(out, "w") as f:
    json.dump({"numpy": np.__version__, "scipy": scipy.__version__, "cases": cases}, f)
    f.write("\n")
print("wrote", out, len(cases), "cases")
