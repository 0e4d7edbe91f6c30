"""Re-solve the logistic cases of testdata/sklearn.json to the floating-point floor.

The coefficients in testdata/sklearn.json for "logistic_binary" and
"logistic_multinomial" come from LogisticRegression(solver="lbfgs", tol=1e-12), which
stops on scipy's relative-decrease test (ftol) long before the gradient is small: the
gradient of the objective at those coefficients is 3e-4 (breast_cancer) and 1.4e-4
(iris), so they are ~1e-4 away from the optimum. This script minimises the same
objective, C·Σ loss_i + ½‖W‖² with sklearn's own loss (LinearModelLoss, intercepts
unpenalised), with L-BFGS-B and ftol=0, then (binary case) polishes with Newton steps
on the exact Hessian, and writes the optimum and its gradient norm to logistic_tight.json.

Run from the repository root with Debian's scikit-learn 1.2.1 / numpy 1.24.2:
    /usr/bin/python3 mlkit/linear/testdata/logistic_tight.py
"""
import csv
import json

import numpy as np
import scipy
import sklearn
from scipy.optimize import minimize
from sklearn._loss.loss import HalfBinomialLoss, HalfMultinomialLoss
from sklearn.linear_model._linear_loss import LinearModelLoss
from sklearn.preprocessing import StandardScaler

cases = json.load(open("testdata/sklearn.json"))["cases"]
out = {"generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, scipy {scipy.__version__}; "
       "mlkit/linear/testdata/logistic_tight.py", "cases": []}
for c in cases:
    if c["kind"] not in ("logistic_binary", "logistic_multinomial"):
        continue
    rows = list(csv.reader(open("testdata/datasets/" + c["dataset"])))
    head, data = rows[0], np.array(rows[1:], dtype=float)
    ti = head.index(c["target"])
    X = StandardScaler().fit_transform(np.delete(data, ti, axis=1))
    y = np.ascontiguousarray(data[:, ti])
    sw = np.ones_like(y)
    binary = c["kind"] == "logistic_binary"
    k = 1 if binary else int(y.max()) + 1
    base = HalfBinomialLoss() if binary else HalfMultinomialLoss(n_classes=k)
    loss = LinearModelLoss(base_loss=base, fit_intercept=True)
    p = X.shape[1]
    w0 = np.zeros((p + 1) * k)
    args = (X, y, sw, 1.0 / c["C"])  # sklearn scales the objective by 1/C
    res = minimize(loss.loss_gradient, w0, method="L-BFGS-B", jac=True, args=args,
                   options={"ftol": 0.0, "gtol": 1e-14, "maxiter": 100000, "maxcor": 30})
    w = res.x
    for _ in range(20 if binary else 0):  # Newton polish on the exact Hessian
        # (sklearn 1.2 has gradient_hessian for the binary loss only)
        g, hess, _ = loss.gradient_hessian(w, X, y, sw, 1.0 / c["C"])
        if np.max(np.abs(g)) < 1e-13:
            break
        w = w - np.linalg.solve(hess, g)
    _, g = loss.loss_gradient(w, X, y, sw, 1.0 / c["C"])
    if binary:
        coef, intercept = w[:p].tolist(), float(w[p])
    else:
        W = w.reshape(k, -1, order="F")
        coef, intercept = W[:, :p].tolist(), W[:, p].tolist()
    out["cases"].append({"kind": c["kind"], "dataset": c["dataset"], "C": c["C"],
                         "coef": coef, "intercept": intercept,
                         "grad_inf_norm": float(np.max(np.abs(g)))})
json.dump(out, open("mlkit/linear/testdata/logistic_tight.json", "w"), indent=1)
print(json.dumps([(c["dataset"], c["grad_inf_norm"]) for c in out["cases"]]))
