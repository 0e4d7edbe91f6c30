"""Reference values for mlkit/neural from scikit-learn's MLPClassifier.

For the first 300 digits (pixels / 16), a network with 16 tanh hidden units and 10 softmax
outputs, and weights drawn here (numpy, seed 0, normal with sd 0.5), it writes:

- the probabilities predict_proba gives with coefs_ = [W1ᵀ, W2ᵀ], intercepts_ = [b1, b2];
- the loss and the gradient MLPClassifier._backprop gives for alpha = 0 and alpha = 0.7
  (scikit-learn's loss is the mean cross-entropy + 0.5·alpha·(‖W1‖² + ‖W2‖²)/n, biases not
  penalised: the λ/(2m) convention of mlkit/neural);
- the weights after two epochs of partial_fit with solver="sgd", momentum=0,
  learning_rate="constant", learning_rate_init=0.1, batch_size=32, shuffle=False and
  alpha = 0.7, from the same weights (mlkit/neural's Settings.Sequential).

Run from the repository root with Debian's scikit-learn 1.2.1 / numpy 1.24.2:
    /usr/bin/python3 mlkit/neural/testdata/mlp_sklearn.py
"""
import csv
import json

import numpy as np
import sklearn
from sklearn.neural_network import MLPClassifier

rows = list(csv.reader(open("testdata/datasets/digits.csv")))
head, data = rows[0], np.array(rows[1:], dtype=float)
ti = head.index("target")
X = np.delete(data, ti, axis=1)[:300] / 16
y = data[:300, ti].astype(int)
m, p = X.shape
h, c = 16, 10
rng = np.random.default_rng(0)
W1 = rng.normal(0, 0.5, (h, p))
b1 = rng.normal(0, 0.5, h)
W2 = rng.normal(0, 0.5, (c, h))
b2 = rng.normal(0, 0.5, c)


def net(alpha, **kw):
    clf = MLPClassifier(hidden_layer_sizes=(h,), activation="tanh", solver="sgd", alpha=alpha,
                        momentum=0.0, nesterovs_momentum=False, learning_rate="constant",
                        learning_rate_init=0.1, batch_size=32, shuffle=False, random_state=0, **kw)
    clf.partial_fit(X, y, classes=np.arange(c))  # builds the internals; the weights are replaced
    clf.coefs_ = [W1.T.copy(), W2.T.copy()]
    clf.intercepts_ = [b1.copy(), b2.copy()]
    return clf


def backprop(alpha):
    clf = net(alpha)
    Y = clf._label_binarizer.transform(y).astype(float)
    activations = [X] + [None] * 2
    deltas = [None] * 2
    coef_grads = [np.empty_like(w) for w in clf.coefs_]
    intercept_grads = [np.empty_like(b) for b in clf.intercepts_]
    loss, coef_grads, intercept_grads = clf._backprop(X, Y, activations, deltas, coef_grads, intercept_grads)
    return {"alpha": alpha, "loss": loss,
            "gW1": coef_grads[0].T.ravel().tolist(), "gB1": intercept_grads[0].tolist(),
            "gW2": coef_grads[1].T.ravel().tolist(), "gB2": intercept_grads[1].tolist()}


clf = net(0.0)
out = {
    "generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; mlkit/neural/testdata/mlp_sklearn.py",
    "rows": m, "features": p, "hidden": h, "classes": c,
    "X": X.ravel().tolist(), "y": y.tolist(),
    "W1": W1.ravel().tolist(), "B1": b1.tolist(), "W2": W2.ravel().tolist(), "B2": b2.tolist(),
    "proba": clf.predict_proba(X).ravel().tolist(),
    "grads": [backprop(0.0), backprop(0.7)],
}
clf = net(0.7)
clf.partial_fit(X, y)
clf.partial_fit(X, y)
out["train"] = {"alpha": 0.7, "learning_rate": 0.1, "batch": 32, "epochs": 2,
                "W1": clf.coefs_[0].T.ravel().tolist(), "B1": clf.intercepts_[0].tolist(),
                "W2": clf.coefs_[1].T.ravel().tolist(), "B2": clf.intercepts_[1].tolist()}
json.dump(out, open("mlkit/neural/testdata/mlp_sklearn.json", "w"))
