#!/usr/bin/env bash
# Runs the photo-hash robustness evaluation (docs/photo-hashing.md): installs
# the Debian wallpaper packages whose pictures it tiles (only if missing;
# run as root), builds idcheck and runs `idcheck eval-photos` on one core.
# With -cutouts it installs Wesnoth's data instead, whose painted portraits
# it measures on.
#
#   scripts/eval-photos.sh [eval-photos flags, e.g. -n 300 -seed 1]
#   scripts/eval-photos.sh -cutouts /usr/share/games/wesnoth/1.16/data/core/images/portraits
set -euo pipefail
cd "$(dirname "$0")/.."
case " $* " in
*" -cutouts "* | *" -cutouts="* | *" --cutouts"*) scripts/setup.sh wesnoth-1.16-data ;;
*) scripts/setup.sh gnome-backgrounds plasma-workspace-wallpapers ;;
esac
mkdir -p bin
go build -o bin/idcheck ./cmd/idcheck
exec taskset -c "${CORE:-0}" bin/idcheck eval-photos "$@"
