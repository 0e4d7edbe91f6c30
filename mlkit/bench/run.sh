#!/bin/sh
# Side-by-side benchmark of mlkit (Go) against scikit-learn / numpy, in one run on
# this machine. Rounds alternate Go and Python so that both see the same background
# load; report.py prints Markdown tables of medians, ratios and distances from the
# machine's limits (memory bandwidth and dgemm peak, measured in the same run).
#
# Usage (from anywhere in the repository): mlkit/bench/run.sh [rounds]   (default 5)
# Needs Debian's python3-sklearn, python3-numpy (and python3-threadpoolctl to name the
# BLAS kernel). The Go benchmarks of mlkit/metrics and mlkit/optim are included when
# those packages have them.
set -eu
rounds=${1:-5}
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"
out=$(mktemp -d)
echo "results in $out" >&2
{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
	echo "go: $(go version | cut -d' ' -f3-)"
	echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/env"

go_bench() { # package, regex, benchtime
	if [ -d "$1" ] && go test -list "${2%%/*}" "$1" 2>/dev/null | grep -q '^Benchmark'; then
		go test -run '^$' -bench "$2" -benchtime "$3" -count 1 "$1" >>"$out/go.txt" 2>&1 || true
	fi
}

i=1
while [ "$i" -le "$rounds" ]; do
	echo "round $i/$rounds" >&2
	go_bench ./mlkit/linear '^Benchmark(Regression|Ridge|Logistic|LogisticLossGrad)$' 5x
	go_bench ./mlkit/metrics '^BenchmarkROCAUC$/^n=1000000$' 5x
	go_bench ./mlkit/optim '^Benchmark(SGDEpoch|StreamRead)$' 20x
	# numpy's OpenBLAS picks its kernel from the CPU unless these are set; measure
	# it as shipped, for this command only, and record which kernel ran.
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 mlkit/bench/compare.py --repeat 3 >>"$out/py.jsonl"
	i=$((i + 1))
done
go test -run '^$' -bench . -benchtime 3x -count 3 ./mlkit/bench >>"$out/go.txt" 2>&1
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/env"
/usr/bin/python3 mlkit/bench/report.py "$out"
