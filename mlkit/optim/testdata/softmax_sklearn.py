"""Reference values for optim.Softmax (softmax_test.go) from scikit-learn.

For each case, a design matrix built from a fixture dataset (a leading column of ones, then
every feature, standardised with the population standard deviation as StandardScaler does, or
raw), a parameter matrix Theta (n x K, row 0 the intercepts, drawn from a seeded numpy
generator) and a penalty lambda, it writes:

  - "loss" and "grad": J(Theta) = 1/m * sum_i [LSE(z_i) - z_i,y_i] + lambda/(2m) * sum_{j>=1,k}
    Theta_jk^2 and its gradient, from scikit-learn's own multinomial loss
    (LinearModelLoss(HalfMultinomialLoss, fit_intercept=True), the objective of
    LogisticRegression(multi_class="multinomial")), which returns m times J with the
    intercepts unpenalised;
  - "log_loss": sklearn.metrics.log_loss of the softmax probabilities (scipy.special.softmax),
    an independent value of the unpenalised term, for the cases whose probabilities are not
    clipped by log_loss's eps;
  - for the case "iris optimum": Theta at the minimiser of J with lambda = 1, found with
    scipy's L-BFGS-B at ftol = 0 (as mlkit/linear/testdata/logistic_tight.py does), and the
    infinity norm of scikit-learn's gradient there.

Run from the repository root with Debian's scikit-learn 1.2.1 / numpy 1.24.2:
    /usr/bin/python3 mlkit/optim/testdata/softmax_sklearn.py
"""
import csv
import json

import numpy as np
import scipy
import sklearn
from scipy.optimize import minimize
from scipy.special import softmax
from sklearn._loss.loss import HalfMultinomialLoss
from sklearn.linear_model._linear_loss import LinearModelLoss
from sklearn.metrics import log_loss
from sklearn.preprocessing import StandardScaler


def load(name, standardize):
    rows = list(csv.reader(open("testdata/datasets/" + name)))
    data = np.array(rows[1:], dtype=float)
    features, y = data[:, :-1], data[:, -1]
    if standardize:
        features = StandardScaler().fit_transform(features)
    return features, np.ascontiguousarray(y)


def to_coef(theta):
    """Theta (n x K, row 0 the intercepts) as scikit-learn's coef (K x (p+1), intercept last)."""
    return np.ascontiguousarray(np.hstack([theta[1:].T, theta[:1].T]))


def sklearn_loss_grad(features, y, theta, lam):
    m, k = len(y), theta.shape[1]
    loss = LinearModelLoss(base_loss=HalfMultinomialLoss(n_classes=k), fit_intercept=True)
    total, g = loss.loss_gradient(to_coef(theta), features, y, np.ones(m), lam)
    grad = np.vstack([g[:, -1:].T, g[:, :-1].T])  # back to n x K
    return total / m, grad / m


rng = np.random.default_rng(17)
iris = load("iris.csv", True)
wine = load("wine.csv", True)
digits = load("digits.csv", False)
theta_iris = rng.normal(0, 1, (5, 3))
steep = 300 * theta_iris
shifted = theta_iris.copy()
shifted[0] += 1000  # the same number added to every logit: the probabilities do not change
cases = [
    ("iris", "iris.csv", True, iris, theta_iris, 0.0),
    ("iris, penalised", "iris.csv", True, iris, theta_iris, 3.0),
    ("iris, logits shifted by 1000", "iris.csv", True, iris, shifted, 0.0),
    ("iris, steep", "iris.csv", True, iris, steep, 0.5),
    ("wine, penalised", "wine.csv", True, wine, rng.normal(0, 0.5, (14, 3)), 0.5),
    ("digits, penalised", "digits.csv", False, digits, rng.normal(0, 0.1, (65, 10)), 1.0),
]
out = {"generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, scipy {scipy.__version__}; "
       "mlkit/optim/testdata/softmax_sklearn.py", "cases": []}
for name, dataset, standardize, (features, y), theta, lam in cases:
    loss, grad = sklearn_loss_grad(features, y, theta, lam)
    case = {"name": name, "dataset": dataset, "standardize": standardize, "classes": theta.shape[1],
            "lambda": lam, "theta": theta.tolist(), "loss": float(loss), "grad": grad.tolist()}
    X = np.hstack([np.ones((len(y), 1)), features])
    p = softmax(X @ theta, axis=1)
    if p.min() > 1e-12:
        case["log_loss"] = float(log_loss(y, p, labels=list(range(theta.shape[1]))))
    out["cases"].append(case)

# The minimiser of J on the standardised iris data with lambda = 1 (scikit-learn's C = 1).
features, y = iris
m, lam = len(y), 1.0
def objective(w):
    loss, grad = sklearn_loss_grad(features, y, w.reshape(5, 3), lam)
    return loss, grad.ravel()


res = minimize(objective, np.zeros(15), jac=True,
               method="L-BFGS-B", options={"ftol": 0.0, "gtol": 1e-14, "maxiter": 100000, "maxcor": 30})
_, g = sklearn_loss_grad(features, y, res.x.reshape(5, 3), lam)
out["optimum"] = {"name": "iris optimum", "dataset": "iris.csv", "standardize": True, "classes": 3,
                  "lambda": lam, "theta": res.x.reshape(5, 3).tolist(), "grad_inf_norm": float(np.abs(g).max())}
json.dump(out, open("mlkit/optim/testdata/softmax_sklearn.json", "w"), indent=1)
print(json.dumps([(c["name"], c["loss"], c.get("log_loss")) for c in out["cases"]]), out["optimum"]["grad_inf_norm"])
