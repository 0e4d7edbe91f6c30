"""Grid search over ridge's penalty by k-fold cross-validation, for search_test.go.

Writes search_sklearn.json, which search_test.go compares with selection.SearchRidge. For each
case scikit-learn runs

    GridSearchCV(Ridge(), {"alpha": alphas}, cv=cv, scoring="neg_mean_squared_error",
                 return_train_score=True, refit=True).fit(X, y)

and the JSON holds, with the scores negated back to mean squared errors 1/m·Σ(ŷ − y)²:
cv_results_'s mean_test_score (the unweighted mean of the fold scores), split{f}_test_score and
mean_train_score for each alpha in the order given, best_index_, and best_estimator_'s coef_
and intercept_ (the refit on all rows). Ridge(alpha) minimises ‖y − Xw − b‖² + α‖w‖² with the
intercept b unpenalised.

Cases (rows of testdata/datasets/diabetes.csv, 442 × 10 in raw units):
- "diabetes": all rows, cv=KFold(5) (unshuffled: folds of 89, 89, 88, 88, 88 contiguous rows),
  alphas in no particular order, 0 included;
- "diabetes-poly2": the first 331 rows as development rows and the last 111 as a test set;
  degree-2 polynomial features (65 columns, scikit-learn's order) standardised with the
  development rows' mean and population standard deviation; cv=KFold(5); the test MSE of the
  refitted model is written too;
- "shuffled": all rows, cv = the splits of KFold(4, shuffle=True, random_state=0), written into
  the JSON as index lists;
- "tie": the first 100 rows with a constant target 3: every alpha predicts 3 exactly, so every
  CV error is 0 and best_index_ is 0, the first alpha.

Run from the repository root with Debian's python3-sklearn (1.2.1) and python3-numpy (1.24.2):

    /usr/bin/python3 mlkit/selection/testdata/search_sklearn.py
"""
import csv
import json

import numpy as np
import sklearn
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.preprocessing import PolynomialFeatures, StandardScaler


def search(X, y, alphas, cv):
    g = GridSearchCV(Ridge(), {"alpha": alphas}, cv=cv, scoring="neg_mean_squared_error",
                     return_train_score=True, refit=True).fit(X, y)
    r = g.cv_results_
    k = len([key for key in r if key.startswith("split") and key.endswith("_test_score")])
    return g, {
        "alphas": [float(a) for a in r["param_alpha"]],
        "cv_error": (-r["mean_test_score"]).tolist(),
        "fold_error": [[-float(r[f"split{f}_test_score"][i]) for f in range(k)] for i in range(len(alphas))],
        "train_error": (-r["mean_train_score"]).tolist(),
        "best_index": int(g.best_index_),
        "coef": g.best_estimator_.coef_.tolist(),
        "intercept": float(g.best_estimator_.intercept_),
    }


rows = list(csv.reader(open("testdata/datasets/diabetes.csv")))
head, data = rows[0], np.array(rows[1:], dtype=float)
ti = head.index("target")
X, y = np.delete(data, ti, axis=1), data[:, ti]
cases = []

_, c = search(X, y, [10.0, 0.01, 1000.0, 0.0, 1.0, 100.0, 0.1], KFold(5))
cases.append({"name": "diabetes", "rows": len(y), "k": 5, **c})

dev, test = np.arange(331), np.arange(331, 442)
P = PolynomialFeatures(2, include_bias=False).fit_transform(X)
sc = StandardScaler().fit(P[dev])
g, c = search(sc.transform(P[dev]), y[dev], [0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0], KFold(5))
c["test_error"] = float(mean_squared_error(y[test], g.predict(sc.transform(P[test]))))
cases.append({"name": "diabetes-poly2", "rows": 331, "k": 5, "test_rows": 111, **c})

splits = list(KFold(4, shuffle=True, random_state=0).split(X))
_, c = search(X, y, [0.1, 1.0, 10.0], splits)
c["folds"] = [{"train": tr.tolist(), "test": te.tolist()} for tr, te in splits]
cases.append({"name": "shuffled", "rows": len(y), **c})

_, c = search(X[:100], np.full(100, 3.0), [1.0, 0.1, 10.0], KFold(5))
cases.append({"name": "tie", "rows": 100, "k": 5, **c})

out = {"generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; "
                    "mlkit/selection/testdata/search_sklearn.py", "cases": cases}
with open("mlkit/selection/testdata/search_sklearn.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
