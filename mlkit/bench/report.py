"""Summarise a run of mlkit/bench/run.sh as Markdown: medians, ratios and the
distance of each benchmark from this machine's limits.

Usage: /usr/bin/python3 report.py RESULTS_DIR   (the directory run.sh printed)
"""
import json
import re
import statistics
import sys
from collections import defaultdict

out = sys.argv[1]
go = defaultdict(lambda: defaultdict(list))  # name -> metric -> values
pkg = ""
for line in open(f"{out}/go.txt"):
    if line.startswith("pkg:"):
        pkg = line.split()[1].rsplit("/", 1)[-1]
    m = re.match(r"^(Benchmark\S+?)(-\d+)?\s+\d+\s+(.*)$", line)
    if not m:
        continue
    name = pkg + "." + m.group(1)
    for val, unit in re.findall(r"([\d.e+-]+) (\S+)", m.group(3)):
        go[name][unit].append(float(val))
py = defaultdict(list)
pyinfo = {}
for line in open(f"{out}/py.jsonl"):
    rec = json.loads(line)
    py[rec["name"]] += rec["seconds"]
    pyinfo[rec["name"]] = rec["info"]


def gmed(name, unit="ns/op"):
    v = go.get(name, {}).get(unit)
    return statistics.median(v) if v else None


def pmed(name):
    return statistics.median(py[name]) * 1e9 if py.get(name) else None


def gmin(name, unit="ns/op"):
    v = go.get(name, {}).get(unit)
    return min(v) if v else None


def pmin(name):
    return min(py[name]) * 1e9 if py.get(name) else None


def both(med, best):
    return "–" if med is None else f"{ms(med)} / {ms(best)}"


def ms(ns):
    return "–" if ns is None else (f"{ns / 1e6:.1f}" if ns >= 1e6 else f"{ns / 1e6:.2f}")


def ratio(a, b):
    return "–" if a is None or b is None else f"{a / b:.2f}×"


# Machine limits measured in the same run.
bw1 = max(go.get("bench.BenchmarkMemoryRead/workers=1", {}).get("MB/s", [0])) or None
bw = max(go.get("bench.BenchmarkMemoryRead/workers=2", {}).get("MB/s", [0])) or bw1  # best = least disturbed
gonum_peak = max(go.get("bench.BenchmarkDgemm/n=2048", {}).get("GFLOP/s", [0])) or None
np_dgemm = pmin("numpy dgemm 2048")
blas_peak = 2 * 2048**3 / np_dgemm if np_dgemm else None  # GFLOP/s (flops per ns)

rows = []  # task, go bench, sklearn name, numpy name, bytes, flops
for n, p in [(100_000, 50), (1_000_000, 20)]:
    gram = n * (p + 1) * (p + 2)  # symmetric Gram of [X y] plus Xᵀy: n(p+1)(p+2) flops
    rows.append((f"least squares {n}×{p}", f"linear.BenchmarkRegression/n={n}/p={p}/auto",
                 f"sklearn LinearRegression n={n} p={p}", f"numpy normal equations n={n} p={p}", 8 * n * p, gram))
    rows.append((f"least squares {n}×{p}, SVD path", f"linear.BenchmarkRegression/n={n}/p={p}/svd",
                 f"sklearn LinearRegression n={n} p={p}", None, 8 * n * p, 2 * n * p * p))
    rows.append((f"ridge α=1 {n}×{p}", f"linear.BenchmarkRidge/n={n}/p={p}",
                 f"sklearn Ridge n={n} p={p}", f"numpy normal equations n={n} p={p}", 8 * n * p, gram))
rows.append(("logistic regression 100000×50 (lbfgs, tol 1e-4)", "linear.BenchmarkLogistic/n=100000/p=50",
             "sklearn LogisticRegression n=100000 p=50", None, None, None))
rows.append(("logistic loss+gradient, one pass 100000×50", "linear.BenchmarkLogisticLossGrad",
             None, None, 8 * 100_000 * 50, 4 * 100_000 * 50))
rows.append(("ROC AUC n=1000000", "metrics.BenchmarkROCAUC/n=1000000",
             "sklearn roc_auc_score n=1000000", None, 16 * 1_000_000, None))
rows.append(("SGD epoch 100000×50 (batch 256)", "optim.BenchmarkSGDEpoch",
             None, "go:optim.BenchmarkStreamRead/parallel", 8 * 100_000 * 50, 4 * 100_000 * 50))
rows.append(("one streaming read of X 100000×50 (Go, 2 goroutines)", "optim.BenchmarkStreamRead/parallel",
             None, "numpy X.sum() n=100000 p=50", 8 * 100_000 * 50, None))
rows.append(("k-means assignment 100000×8, k=8 (labels and inertia)", "cluster.BenchmarkAssign",
             "sklearn k-means assign n=100000 p=8 k=8", None, 8 * 100_000 * 8, 3 * 100_000 * 8 * 8))
rows.append(("k-means, one Lloyd iteration 100000×8, k=8 (assign, update, assign)", "cluster.BenchmarkLloydIteration",
             "sklearn KMeans max_iter=1 n=100000 p=8 k=8", None, None, None))
for n in (1797, 60_000):
    # forward and backward: about 3 × 2·n·(64·64 + 64·10) flops
    rows.append((f"MLP epoch {n}×64, 64 tanh hidden, batch 32", f"neural.BenchmarkEpoch/{'digits-1797x64' if n == 1797 else 'synthetic-60000x64'}",
                 f"sklearn MLP epoch n={n} p=64 h=64", None, 8 * n * 64, 6 * n * (64 * 64 + 64 * 10)))

print("## Side by side (medians)\n")
print("Times in ms as median / best over all rounds; ratios of medians (> 1: mlkit is faster).\n")
print("| task | mlkit ms | mlkit CPU ms | allocs/op | scikit-learn ms | sklearn ÷ mlkit | other reference | ref. ms | ref. ÷ mlkit |")
print("|---|---:|---:|---:|---:|---:|---|---:|---:|")
for task, gname, sk, npn, _, _ in rows:
    g = gmed(gname)
    if g is None:
        continue
    s = pmed(sk) if sk else None
    if npn and npn.startswith("go:"):
        nn, nnb, ref = gmed(npn[3:]), gmin(npn[3:]), "Go stream read of X"
    else:
        nn, nnb, ref = (pmed(npn) if npn else None), (pmin(npn) if npn else None), (npn or "").split(" n=")[0]
    allocs = gmed(gname, "allocs/op")
    extra = ""
    if gmed(gname, "iters") is not None:
        extra = f" ({gmed(gname, 'iters'):.0f} it.)"
        if sk and pyinfo.get(sk, {}).get("iters"):
            sk_it = f" ({pyinfo[sk]['iters']} it.)"
        else:
            sk_it = ""
    else:
        sk_it = ""
    print(f"| {task} | {both(g, gmin(gname))}{extra} | {ms(gmed(gname, 'cpu-ns/op'))} | "
          f"{'–' if allocs is None else int(allocs)} | {both(s, pmin(sk) if sk else None)}{sk_it} | {ratio(s, g)} | "
          f"{ref or '–'} | {both(nn, nnb)} | {ratio(nn, g)} |")

print("\n## Machine limits measured in the same run\n")
if bw1 is None and gonum_peak is None and blas_peak is None:
    print("- not measured in this run (run.sh's group `machine`); no floors without them")
else:
    print(f"- best of the run: memory read bandwidth (floats.Sum over 512 MB): {bw1 / 1e3 if bw1 else 0:.1f} GB/s on 1 goroutine, "
          f"{bw / 1e3 if bw else 0:.1f} GB/s on 2")
    print(f"- pure-Go gonum Dgemm 2048³: {gonum_peak or 0:.1f} GFLOP/s; "
          f"numpy/OpenBLAS dgemm 2048³: {blas_peak or 0:.1f} GFLOP/s")
print(f"- BLAS used by numpy: {pyinfo.get('versions', {}).get('blas')}")
print(f"- versions: {json.dumps({k: v for k, v in pyinfo.get('versions', {}).items() if k != 'blas'})}")
if bw is not None or blas_peak is not None:
    print("\nFloors in ms; the last column divides mlkit's best time by max(bytes ÷ bandwidth, flops ÷ OpenBLAS peak);")
    print("the gonum column is what a pure-Go Dgemm-speed kernel would need.\n")
    print("| task | bytes read | flops | floor: bytes ÷ bandwidth | flops ÷ gonum Dgemm peak | floor: flops ÷ OpenBLAS peak | mlkit best ÷ floor |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for task, gname, _, _, nbytes, flops in rows:
        g = gmin(gname)
        if g is None or nbytes is None:
            continue
        fb = nbytes / (bw * 1e6) * 1e9 if bw else None  # ns
        fg = flops / gonum_peak if flops and gonum_peak else None
        fo = flops / blas_peak if flops and blas_peak else None
        floor = max(x for x in (fb, fo) if x is not None)
        print(f"| {task} | {nbytes / 1e6:.0f} MB | {flops / 1e6 if flops else 0:.0f} M | {ms(fb)} | {ms(fg)} | {ms(fo)} | "
              f"{g / floor:.1f}× |")
print()
print("```")
print(open(f"{out}/env").read().strip())
print("```")
