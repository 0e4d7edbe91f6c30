"""Writes thresholds_sklearn.json, the expected values of threshold_test.go.

For each case (binary labels and scores, most with deliberate ties), from scikit-learn's own
curves:

- thresholds, tp, fp: roc_curve(drop_intermediate=False) without its first point (the
  threshold max+1 at which nothing is positive); tp = tpr·n₊ and fp = fpr·n₋, rounded to the
  integers they are;
- for several recall targets, the highest threshold of precision_recall_curve whose recall is
  at least the target, with the precision and recall there;
- the threshold of highest F1 = 2·tp/(tp + fp + n₊), compared exactly as fractions, the highest
  threshold among ties, and its F1 as f1_score computes it at that threshold.

Run from the repository root with Debian's scikit-learn 1.2.1 / numpy 1.24.2:

    /usr/bin/python3 mlkit/metrics/testdata/thresholds_sklearn.py
"""
import json
from fractions import Fraction

import numpy as np
import sklearn
from sklearn.metrics import f1_score, precision_recall_curve, roc_curve


def case(note, y, s):
    y = np.asarray(y, dtype=int)
    s = np.asarray(s, dtype=float)
    n_pos, n_neg = int(y.sum()), int((1 - y).sum())
    fpr, tpr, thr = roc_curve(y, s, drop_intermediate=False)
    tps = [int(round(v * n_pos)) for v in tpr[1:]]
    fps = [int(round(v * n_neg)) for v in fpr[1:]]
    thresholds = [float(t) for t in thr[1:]]

    precision, recall, pr_thr = precision_recall_curve(y, s)
    targets = sorted({0.0, 0.1, 0.5, 0.8, 0.9, 0.95, 1.0} | {k / n_pos for k in range(n_pos + 1)})
    for_recall = []
    for target in targets:
        ok = [i for i in range(len(pr_thr)) if recall[i] >= target]
        i = max(ok, key=lambda i: pr_thr[i])
        for_recall.append({"target": target, "threshold": float(pr_thr[i]),
                           "precision": float(precision[i]), "recall": float(recall[i])})

    best, best_t = Fraction(-1), None
    for t, tp, fp in zip(thresholds, tps, fps):  # descending: ">" keeps the highest on ties
        f1 = Fraction(2 * tp, tp + fp + n_pos)
        if f1 > best:
            best, best_t = f1, t
    f1 = f1_score(y, (s >= best_t).astype(int))
    assert abs(f1 - float(best)) < 1e-15, (f1, best)
    return {"note": note, "y": y.tolist(), "score": s.tolist(),
            "thresholds": thresholds, "tp": tps, "fp": fps,
            "for_recall": for_recall, "best_f1": {"threshold": best_t, "f1": float(f1)}}


cases = [
    case("hand example: two tied positive-negative pairs",
         [1, 0, 1, 1, 0, 0, 1, 0], [0.9, 0.8, 0.8, 0.6, 0.6, 0.4, 0.3, 0.1]),
    case("three thresholds tie for the best F1 (2/3)",
         [1, 1, 0, 0, 1, 0, 0, 1, 0, 0], [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]),
    case("every score tied", [0, 1, 0, 1, 1], [0.5] * 5),
    case("one positive", [0, 0, 1, 0, 0, 0], [0.1, 0.7, 0.4, 0.9, 0.2, 0.4]),
    case("negative scores and -0 tied with +0", [1, 0, 1, 0, 1], [-0.0, 0.0, -2.5, -7.25, 3.0]),
]
rng = np.random.default_rng(14)
for n, prevalence, digits in [(60, 0.5, 1), (200, 0.2, 2), (400, 0.05, 2), (1000, 0.05, None), (300, 0.1, 1)]:
    n_pos = max(1, round(n * prevalence))
    y = np.zeros(n, dtype=int)
    y[:n_pos] = 1
    rng.shuffle(y)
    logit = rng.normal(-2, 1, n) + 1.8 * y
    s = 1 / (1 + np.exp(-logit))
    if digits is not None:
        s = np.round(s, digits)
    note = f"synthetic: n={n}, {n_pos} positives, " + (f"scores rounded to {digits} decimals" if digits else "continuous scores")
    cases.append(case(note, y, s))

out = {"generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; mlkit/metrics/testdata/thresholds_sklearn.py",
       "cases": cases}
with open("mlkit/metrics/testdata/thresholds_sklearn.json", "w") as f:  # one case per line
    f.write('{"generator": %s,\n "cases": [\n  ' % json.dumps(out["generator"]))
    f.write(",\n  ".join(json.dumps(c) for c in cases))
    f.write("\n ]}\n")
