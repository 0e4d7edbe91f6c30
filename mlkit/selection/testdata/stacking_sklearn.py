"""Out-of-fold predictions and two-stage stacking by scikit-learn, for mlkit/selection's tests.

Writes stacking_sklearn.json beside this file: on the diabetes data (testdata/datasets/
diabetes.csv, raw units, 442 rows), the predictions of
  - cross_val_predict(Ridge(alpha), X, y, cv=...) on all rows, and
  - StackingRegressor(estimators=[...], final_estimator=Ridge(...), cv=..., passthrough=True)
    fitted on the first n_train rows, its transform (the final model's input, base predictions
    first, then the raw features) and its predictions on the other rows,
with cv either KFold(k) (contiguous folds, no shuffle) or explicit folds (a seeded random
partition, written into the file so that the Go test uses the same ones).

Run from the repository root with Debian's scikit-learn 1.2.1 / numpy 1.24.2:
    /usr/bin/python3 mlkit/selection/testdata/stacking_sklearn.py
"""
import csv
import json

import numpy as np
import sklearn
from sklearn.ensemble import StackingRegressor
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.model_selection import KFold, cross_val_predict

rows = list(csv.reader(open("testdata/datasets/diabetes.csv")))
head, data = rows[0], np.array(rows[1:], dtype=float)
ti = head.index("target")
X, y = np.delete(data, ti, axis=1), data[:, ti]
m = len(y)


def explicit_folds(n, k, seed):
    """A random partition of 0..n-1 into k folds; each fold's test indices sorted."""
    perm = np.random.default_rng(seed).permutation(n)
    tests = [np.sort(f) for f in np.array_split(perm, k)]
    return [(np.setdiff1d(np.arange(n), t), t) for t in tests]


def folds_json(cv):
    return [sorted(int(i) for i in test) for _, test in cv]


def cv_for(spec, n):
    if spec["kind"] == "kfold":
        return KFold(spec["k"]), None
    cv = explicit_folds(n, spec["k"], spec["seed"])
    return cv, folds_json(cv)


def model(spec):
    if spec["kind"] == "ridge":
        return Ridge(alpha=spec["alpha"])
    return LinearRegression()


out = {"generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; "
       "mlkit/selection/testdata/stacking_sklearn.py",
       "dataset": "diabetes.csv", "target": "target", "oof": [], "stacks": []}

for name, est, cvspec in [
    ("ridge alpha 1, KFold(5)", {"kind": "ridge", "alpha": 1.0}, {"kind": "kfold", "k": 5}),
    ("ridge alpha 10, 3 random folds", {"kind": "ridge", "alpha": 10.0}, {"kind": "explicit", "k": 3, "seed": 7}),
    ("least squares, KFold(7)", {"kind": "ols"}, {"kind": "kfold", "k": 7}),
]:
    cv, folds = cv_for(cvspec, m)
    pred = cross_val_predict(model(est), X, y, cv=cv)
    out["oof"].append({"name": name, "model": est, "cv": cvspec, "folds": folds, "pred": pred.tolist()})

n_train = 350
for name, bases, final, cvspec in [
    ("one ridge base, KFold(5)", [{"kind": "ridge", "alpha": 1.0}], {"kind": "ridge", "alpha": 0.5},
     {"kind": "kfold", "k": 5}),
    ("ridge and least-squares bases, 4 random folds", [{"kind": "ridge", "alpha": 30.0}, {"kind": "ols"}],
     {"kind": "ridge", "alpha": 2.0}, {"kind": "explicit", "k": 4, "seed": 11}),
]:
    cv, folds = cv_for(cvspec, n_train)
    st = StackingRegressor(estimators=[(f"b{i}", model(b)) for i, b in enumerate(bases)],
                           final_estimator=model(final), cv=cv, passthrough=True)
    st.fit(X[:n_train], y[:n_train])
    out["stacks"].append({"name": name, "bases": bases, "final": final, "cv": cvspec, "folds": folds,
                          "n_train": n_train,
                          "features": st.transform(X[n_train:]).tolist(),
                          "pred": st.predict(X[n_train:]).tolist()})

json.dump(out, open("mlkit/selection/testdata/stacking_sklearn.json", "w"), indent=1)
print("wrote", len(out["oof"]), "oof cases and", len(out["stacks"]), "stacks")
