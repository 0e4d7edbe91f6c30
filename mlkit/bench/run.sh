#!/bin/sh
# Side-by-side benchmark of mlkit (Go) against scikit-learn / numpy, in one run on
# this machine. Each round runs every Go benchmark immediately followed by the same
# work in Python, so that the two sides of a row see the same background load;
# report.py prints Markdown tables of medians (and best times), ratios and
# distances from the machine's limits (memory bandwidth and dgemm peak, measured in
# the same rounds).
#
# Usage (from anywhere in the repository): mlkit/bench/run.sh [rounds [group...]]
# rounds defaults to 5; the groups (linear, metrics, optim, cluster, neural, machine) default
# to all of them: `run.sh 3 cluster neural` measures k-means and the MLP only.
# Needs Debian's python3-sklearn, python3-numpy (and python3-threadpoolctl to name the
# BLAS kernel). The benchmarks of mlkit/metrics and mlkit/optim are included when
# those packages have them.
set -eu
rounds=${1:-5}
[ "$#" -gt 0 ] && shift
groups=${*:-linear metrics optim cluster neural machine}
want() { case " $groups " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
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

# Compile each package's tests once; a missing package or benchmark is skipped.
for pkg in linear metrics optim cluster neural bench; do
	if [ -d "mlkit/$pkg" ]; then
		go test -c -o "$out/$pkg.test" "./mlkit/$pkg" 2>>"$out/build.log" || rm -f "$out/$pkg.test"
	fi
done

go_bench() { # package, regex, benchtime
	if [ -x "$out/$1.test" ]; then
		(cd "mlkit/$1" && "$out/$1.test" -test.run '^$' -test.bench "$2" -test.benchtime "$3" -test.count 1) \
			>>"$out/go.txt" 2>&1 || true
	fi
}
py() { # compare.py tasks
	args=""
	for t in "$@"; do args="$args --task $t"; done
	# numpy's OpenBLAS picks its kernel from the CPU unless these are set; measure
	# it as shipped, for this command only; compare.py records the kernel that ran.
	# shellcheck disable=SC2086
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 mlkit/bench/compare.py --repeat 3 $args >>"$out/py.jsonl"
}

py versions
i=1
while [ "$i" -le "$rounds" ]; do
	echo "round $i/$rounds, load $(cut -d' ' -f1 /proc/loadavg)" >&2
	if want linear; then
		go_bench linear '^BenchmarkRegression$/^n=100000$' 3x
		py ols-1e5
		go_bench linear '^BenchmarkRidge$/^n=100000$' 3x
		py ridge-1e5
		go_bench linear '^BenchmarkRegression$/^n=1000000$' 3x
		py ols-1e6
		go_bench linear '^BenchmarkRidge$/^n=1000000$' 3x
		py ridge-1e6
		go_bench linear '^Benchmark(Logistic|LogisticLossGrad)$' 3x
		py logistic
	fi
	if want metrics; then
		go_bench metrics '^BenchmarkROCAUC$/^n=1000000$' 3x
		py rocauc
	fi
	if want optim; then
		go_bench optim '^Benchmark(SGDEpoch|StreamRead)$' 20x
		py stream
	fi
	if want cluster; then
		go_bench cluster '^Benchmark(Assign|LloydIteration)$' 5x
		py kmeans
	fi
	if want neural; then
		go_bench neural '^BenchmarkEpoch$' 3x
		py mlp
	fi
	if want machine; then
		go_bench bench '^Benchmark(MemoryRead|Dgemm)$' 3x
		py dgemm
	fi
	i=$((i + 1))
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/env"
/usr/bin/python3 mlkit/bench/report.py "$out"
