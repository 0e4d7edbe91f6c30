"""Learning and validation curves of ridge regression over one fixed train/validation split.

Writes curves_sklearn.json, which curves_test.go compares with selection.LearningCurve and
selection.ValidationCurve. scikit-learn computes the curves with

    learning_curve(Ridge(alpha), X, y, cv=[(train, val)], train_sizes=sizes, shuffle=False,
                   scoring="neg_mean_squared_error")
    validation_curve(Ridge(), X, y, param_name="alpha", param_range=alphas, cv=[(train, val)],
                     scoring="neg_mean_squared_error")

one predefined split (cv is a list holding one (train indices, validation indices) pair), the
first `size` training rows for each absolute size (shuffle=False), and the errors negated back
to mean squared errors 1/m·Σ(ŷ − y)² (no ½). Ridge(alpha) minimises ‖y − Xw − b‖² + α‖w‖²
with the intercept b unpenalised, which has the same minimiser as
J = 1/(2m)·(‖Xθ − y‖² + λ·Σⱼ≥₁ θⱼ²) for λ = α.

Cases:
- diabetes.csv (442 × 10, raw units), rows 0–299 training and 300–441 validation;
- "dam": made-up data in the shape of Coursera ML ex5 (12 training and 21 validation points of a
  convex curve y = 2 + 55·u³ with u = (x + 50)/100, x ∈ [−50, 50], plus 𝒩(0, 2²) noise),
  expanded to x¹ … x⁸ and standardised with the training rows' mean and population standard
  deviation; X and y are written into the JSON, training rows first.

Run from the repository root with Debian's python3-sklearn (1.2.1) and python3-numpy (1.24.2):

    /usr/bin/python3 mlkit/selection/testdata/curves_sklearn.py
"""
import csv
import json
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import Ridge
from sklearn.model_selection import learning_curve, validation_curve


def curves(X, y, n_train, sizes, alphas_lc, alphas_vc):
    train = np.arange(n_train)
    val = np.arange(n_train, len(y))
    cv = [(train, val)]
    out = {"learning": [], "validation": {}}
    for alpha in alphas_lc:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ill-conditioned solves at α = 0 warn
            abs_sizes, tr, va = learning_curve(
                Ridge(alpha=alpha), X, y, cv=cv, train_sizes=sizes, shuffle=False,
                scoring="neg_mean_squared_error")
        assert list(abs_sizes) == list(sizes)
        out["learning"].append({"alpha": alpha, "sizes": [int(s) for s in abs_sizes],
                                "train": (-tr[:, 0]).tolist(), "validation": (-va[:, 0]).tolist()})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tr, va = validation_curve(Ridge(), X, y, param_name="alpha", param_range=alphas_vc, cv=cv,
                                  scoring="neg_mean_squared_error")
    out["validation"] = {"alphas": list(alphas_vc), "train": (-tr[:, 0]).tolist(),
                         "validation": (-va[:, 0]).tolist()}
    return out


cases = []

rows = list(csv.reader(open("testdata/datasets/diabetes.csv")))
head, data = rows[0], np.array(rows[1:], dtype=float)
ti = head.index("target")
X, y = np.delete(data, ti, axis=1), data[:, ti]
c = curves(X, y, 300, [1, 2, 5, 10, 11, 20, 50, 100, 200, 300], [0.0, 1.0, 100.0],
           [0.0, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0])
# α = 0 is not determined below 11 rows (10 features and the intercept): keep sizes ≥ 11 there.
c["learning"][0] = {k: (v[4:] if isinstance(v, list) else v) for k, v in c["learning"][0].items()}
cases.append({"name": "diabetes", "dataset": "diabetes.csv", "target": "target", "n_train": 300, **c})

rng = np.random.default_rng(5)
x = rng.uniform(-50, 50, 33)
u = (x + 50) / 100
y = 2 + 55 * u**3 + rng.normal(0, 2, 33)
P = np.column_stack([x**d for d in range(1, 9)])
mu, sd = P[:12].mean(axis=0), P[:12].std(axis=0)
X = (P - mu) / sd
c = curves(X, y, 12, list(range(1, 13)), [1.0, 0.01], [0.0, 0.001, 0.01, 0.1, 1.0, 10.0, 100.0])
lc0 = curves(X, y, 12, list(range(9, 13)), [0.0], [0.0])["learning"][0]
c["learning"].insert(0, lc0)
cases.append({"name": "dam", "n_train": 12, "X": X.tolist(), "y": y.tolist(), **c})

json.dump({"generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; "
           "mlkit/selection/testdata/curves_sklearn.py", "cases": cases},
          open("mlkit/selection/testdata/curves_sklearn.json", "w"), indent=1)
for c in cases:
    for lc in c["learning"]:
        print(c["name"], "α =", lc["alpha"], "train", np.round(lc["train"], 3), "val", np.round(lc["validation"], 3))
    print(c["name"], "validation curve", np.round(c["validation"]["train"], 3), np.round(c["validation"]["validation"], 3))
