#!/usr/bin/env bash
# build.sh: the steps of the PrairieLearn grader image (see Dockerfile beside it and
# docs/platforms/prairielearn.md). The Dockerfile runs them; so does the Go test
# grader/platform/prairielearn/image_test.go, without Docker, on a temporary layout.
#
#   build.sh build SRC PREFIX BINDIR
#       In SRC (the course repository, without solutions): download the modules, build
#       grade with the hidden checks into BINDIR/grade, and write the learners' template
#       (grade release) to PREFIX/template.
#   build.sh warm PREFIX BINDIR
#       Fill the Go build cache by grading the template once at PREFIX/ws, the folder
#       grade prairielearn grades in (the cache is keyed by the folder's path), then check
#       that the entry point writes a results.json. $MLKATA_WARM_EXERCISES (numbers or
#       names, separated by spaces) limits the warm-up to those exercises; by default it
#       grades them all.
set -euo pipefail

usage() {
	echo "usage: build.sh build SRC PREFIX BINDIR | build.sh warm PREFIX BINDIR" >&2
	exit 2
}

step=${1:-}
case "$step" in
build)
	[ $# -eq 4 ] || usage
	src=$2 prefix=$3 bindir=$4
	cd "$src"
	go mod download
	mkdir -p "$bindir" "$prefix"
	go build -tags hidden -trimpath -o "$bindir/grade" ./cmd/grade
	"$bindir/grade" release --workspace "$src" "$prefix/template"
	;;
warm)
	[ $# -eq 3 ] || usage
	prefix=$2 bindir=$3
	ws=$prefix/ws
	rm -rf "$ws"
	cp -R "$prefix/template" "$ws"
	# Not started is no failure here: --min-score 0 makes grade ci exit 0 on the stubs.
	read -r -a only <<<"${MLKATA_WARM_EXERCISES:-}"
	"$bindir/grade" ci --workspace "$ws" --min-score 0 --no-timings --format json=/dev/null "${only[@]}"
	rm -rf "$ws"

	# The entry point on an empty submission must write a results.json.
	job=$(mktemp -d)
	mkdir -p "$job/student" "$job/data"
	echo '{"params": {}}' >"$job/data/data.json"
	"$bindir/grade" prairielearn --root "$job" --template "$prefix/template" --work "$ws"
	grep -q '"gradable": false' "$job/results/results.json"
	rm -rf "$job" "$ws"
	;;
*)
	usage
	;;
esac
