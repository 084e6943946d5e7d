#!/usr/bin/env bash
# Runs the photo-hash robustness evaluation (docs/photo-hashing.md): installs
# the Debian wallpaper packages whose pictures it tiles (only if missing;
# run as root), builds idcheck and runs `idcheck eval-photos` on one core.
#
#   scripts/eval-photos.sh [eval-photos flags, e.g. -n 300 -seed 1]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh gnome-backgrounds plasma-workspace-wallpapers
mkdir -p bin
go build -o bin/idcheck ./cmd/idcheck
exec taskset -c "${CORE:-0}" bin/idcheck eval-photos "$@"
