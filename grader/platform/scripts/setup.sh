#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image.
# Written by `grade package gradescope` (see docs/platforms/gradescope.md in the course).
#
# It installs Go {{.GoVersion}} (checked against the SHA-256 taken when the zip was made),
# builds grade with the hidden checks from course/, writes the learners' template workspace
# and grades it once so that every submission's build finds a warm build cache.
#
# Environment (for testing the zip outside Gradescope):
#   AUTOGRADER_ROOT  the autograder's folder (default /autograder)
#   GOCACHE, GOMODCACHE  Go's caches (default $AUTOGRADER_ROOT/cache/...), shared by both scripts
#   MLKATA_GOROOT    where Go is or goes (default /usr/local/go); an existing Go is used as is
set -euo pipefail

root="${AUTOGRADER_ROOT:-/autograder}"
goroot="${MLKATA_GOROOT:-/usr/local/go}"
course="$root/source/course"
go_version="{{.GoVersion}}"
go_sha256="{{.GoSHA256}}"

if [[ ! -x "$goroot/bin/go" ]]; then
  if ! command -v curl >/dev/null; then
    apt-get update && apt-get install -y --no-install-recommends curl ca-certificates
  fi
  tarball="$(mktemp)"
  curl -fsSL --retry 3 -o "$tarball" "https://go.dev/dl/$go_version.linux-amd64.tar.gz"
  echo "$go_sha256  $tarball" | sha256sum --check --strict -
  mkdir -p "$goroot"
  tar -C "$goroot" --strip-components=1 -xzf "$tarball"
  rm -f "$tarball"
fi
export PATH="$goroot/bin:$PATH" GOTOOLCHAIN=local CGO_ENABLED=0
export GOCACHE="${GOCACHE:-$root/cache/go-build}" GOMODCACHE="${GOMODCACHE:-$root/cache/mod}"
go version

cd "$course"
go build -tags hidden -trimpath -o "$root/bin/grade" ./cmd/grade
rm -rf "$root/template"
"$root/bin/grade" release --workspace "$course" "$root/template"
# Every exercise of the template is "not started", so grade ci exits 1; any other code is an error.
status=0
"$root/bin/grade" ci --workspace "$root/template" --no-cache --format json=/dev/null || status=$?
if [[ $status -ne 1 ]]; then
  echo "setup.sh: grading the template failed (exit code $status)" >&2
  exit 1
fi
rm -rf "$root/template/.grade"
echo "setup.sh: grade is ready in $root/bin/grade"
