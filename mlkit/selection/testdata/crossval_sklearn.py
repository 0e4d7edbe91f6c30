"""k-fold cross-validation of a scaler + ridge pipeline, as scikit-learn computes it.

Writes crossval_sklearn.json, which crossval_test.go compares with selection.CrossValidate.
For each case scikit-learn computes

    cross_val_score(make_pipeline(Scaler(), Ridge(alpha=alpha)), X, y, cv=KFold(k),
                    scoring="neg_mean_squared_error")

(Scaler is StandardScaler or MinMaxScaler; a case with scaler "none" scores Ridge alone):
unshuffled folds, so that the folds are the ones mlkit's data.KFold cuts (the first n mod k
folds hold ⌊n/k⌋ + 1 consecutive rows, the others ⌊n/k⌋); in each fold the scaler is fitted
on the training rows only and applied to the training and the test rows, Ridge is fitted on
the scaled training rows, and the score is the mean squared error 1/m·Σ(ŷ − y)² on the
scaled test rows (scikit-learn negates it; the JSON holds the error itself). The test indices
of each fold are written too, so that the Go test can check that the folds agree.

Cases (fixtures of testdata/datasets, every column but the target as a feature):
- diabetes.csv (442 × 10, raw units), target "target": k = 5 and 10 (442 mod k = 2), with
  StandardScaler, MinMaxScaler and no scaler;
- quakes.csv (1000 × 4), target "mag": k = 7 (1000 mod 7 = 6), StandardScaler;
- wine.csv (178 × 12, the class column dropped), target "alcohol": k = 4, StandardScaler.

Run from the repository root with Debian's python3-sklearn (1.2.1) and python3-numpy (1.24.2):

    /usr/bin/python3 mlkit/selection/testdata/crossval_sklearn.py
"""
import csv
import json

import numpy as np
import sklearn
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler, StandardScaler

SCALERS = {"standard": StandardScaler, "minmax": MinMaxScaler, "none": None}


def load(name, target, drop=()):
    rows = list(csv.reader(open("testdata/datasets/" + name)))
    head, data = rows[0], np.array(rows[1:], dtype=float)
    features = [h for h in head if h != target and h not in drop]
    X = data[:, [head.index(h) for h in features]]
    y = data[:, head.index(target)]
    return X, y, features


def case(name, target, k, scaler, alpha, drop=()):
    X, y, features = load(name, target, drop)
    steps = [Ridge(alpha=alpha)]
    if SCALERS[scaler] is not None:
        steps.insert(0, SCALERS[scaler]())
    cv = KFold(n_splits=k)
    scores = -cross_val_score(make_pipeline(*steps), X, y, cv=cv, scoring="neg_mean_squared_error")
    return {
        "dataset": name, "target": target, "features": features, "k": k,
        "scaler": scaler, "alpha": alpha,
        "test_folds": [test.tolist() for _, test in cv.split(X)],
        "mse": scores.tolist(),
    }


out = {
    "generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; "
                 "mlkit/selection/testdata/crossval_sklearn.py",
    "cases": [
        case("diabetes.csv", "target", 5, "standard", 1.0),
        case("diabetes.csv", "target", 10, "standard", 10.0),
        case("diabetes.csv", "target", 5, "minmax", 0.1),
        case("diabetes.csv", "target", 5, "none", 1.0),
        case("quakes.csv", "mag", 7, "standard", 0.5),
        case("wine.csv", "alcohol", 4, "standard", 1.0, drop=("target",)),
    ],
}
with open("mlkit/selection/testdata/crossval_sklearn.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
for c in out["cases"]:
    print(c["dataset"], c["k"], c["scaler"], c["alpha"], [round(s, 4) for s in c["mse"]])
