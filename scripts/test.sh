#!/usr/bin/env bash
# Runs every check: installs what the tests need (Debian packages, only if
# missing; run as root), then gofmt, go vet and all tests.
#
#   scripts/test.sh [go test flags]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# The store's tests run against PostgreSQL as well as SQLite, in CI too.
scripts/postgres.sh
# Tesseract's LSTM is ten times slower with OpenMP's default threads; the
# test binaries also re-execute themselves with this set (ocr.SingleThreaded).
export OMP_THREAD_LIMIT=1
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:" $unformatted >&2
  exit 1
fi
go vet ./...
go test -count=1 -timeout 14m "$@" ./...
# The store's in-memory index is shared by lookups running at once
# (TestCandidatesAtOnce): the race detector checks that none reads
# another's scratch.
go test -race -count=1 -timeout 5m ./store
