#!/usr/bin/env bash
# The main job: install what idcheck needs (Debian packages, only if missing;
# run as root), build it, and read the machine-readable zone of documents:
# the files given, or the sample photos in testdata/documents.
#
#   scripts/run.sh [FILE...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p bin
go build -o bin/idcheck ./cmd/idcheck
if [ $# -eq 0 ]; then
  shopt -s nullglob
  set -- testdata/documents/*.jpg testdata/documents/*.png
fi
exec bin/idcheck read "$@"
