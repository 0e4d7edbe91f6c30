"""Time one epoch of scikit-learn's MLPClassifier, the work of mlkit/neural's BenchmarkEpoch.

Hidden 64 tanh units, softmax output, solver="sgd", batch_size=32, learning_rate_init=0.01,
momentum=0, alpha=0, shuffle=True: one partial_fit call is one epoch. Shapes: the digits
(1797×64, pixels / 16) and a synthetic 60000×64 standard normal set with 10 classes. One
warm-up epoch, then the median of repetitions.

Run from the repository root with Debian's scikit-learn 1.2.1 / numpy 1.24.2:
    /usr/bin/python3 mlkit/neural/testdata/bench_sklearn.py
"""
import csv
import statistics
import time

import numpy as np
import sklearn
from sklearn.neural_network import MLPClassifier


def epoch_times(X, y, reps):
    clf = MLPClassifier(hidden_layer_sizes=(64,), activation="tanh", solver="sgd", alpha=0.0,
                        batch_size=32, learning_rate="constant", learning_rate_init=0.01,
                        momentum=0.0, nesterovs_momentum=False, shuffle=True, random_state=1)
    classes = np.arange(10)
    clf.partial_fit(X, y, classes=classes)  # warm-up, and the first epoch builds the net
    out = []
    for _ in range(reps):
        t0 = time.perf_counter()
        clf.partial_fit(X, y)
        out.append(time.perf_counter() - t0)
    return out


rows = list(csv.reader(open("testdata/datasets/digits.csv")))
head, data = rows[0], np.array(rows[1:], dtype=float)
ti = head.index("target")
Xd = np.delete(data, ti, axis=1) / 16
yd = data[:, ti].astype(int)

rng = np.random.default_rng(1)
Xs = rng.standard_normal((60000, 64))
ys = np.argmax(Xs @ rng.standard_normal((64, 10)), axis=1)

print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")
for name, X, y, reps in [("digits-1797x64", Xd, yd, 21), ("synthetic-60000x64", Xs, ys, 7)]:
    t = epoch_times(X, y, reps)
    print(f"{name}: median {statistics.median(t) * 1e3:.2f} ms per epoch ({reps} runs)")
