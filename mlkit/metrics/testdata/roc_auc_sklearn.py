"""Times scikit-learn's roc_auc_score on the data of BenchmarkROCAUC (same distribution).

Run with Debian's python3-sklearn and python3-numpy:

    /usr/bin/python3 mlkit/metrics/testdata/roc_auc_sklearn.py

and compare with

    go test -run '^$' -bench 'ROCAUC/n=1000000' -count 7 ./mlkit/metrics
"""
import statistics
import time

import numpy as np
import sklearn
from sklearn.metrics import roc_auc_score

for n in (1_000, 100_000, 1_000_000):
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, n)
    s = rng.normal(size=n) + y
    reps = 7
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        auc = roc_auc_score(y, s)
        times.append(time.perf_counter() - t0)
    print(f"sklearn {sklearn.__version__} roc_auc_score n={n}: median {statistics.median(times) * 1e3:.2f} ms "
          f"(min {min(times) * 1e3:.2f}, {reps} runs), auc={auc:.6f}")
