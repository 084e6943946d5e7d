#!/usr/bin/env bash
# Installs what idcheck needs on Debian, only what is missing: Tesseract 5
# with its English data and training tools, the Leptonica and Tesseract
# headers for cgo, and the OCR-B font. Run as root; safe to run again.
#
#   scripts/setup.sh [more Debian packages...]
#
# Packages named as arguments are installed too, the same way (the photo
# evaluation's wallpapers: scripts/eval-photos.sh).
set -euo pipefail
need=()
for pkg in tesseract-ocr tesseract-ocr-eng libtesseract-dev libleptonica-dev fonts-ocr-b gcc g++ pkg-config "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: run as root (or install ${need[*]} yourself)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v go >/dev/null || { echo "setup: Go is not installed (https://go.dev/dl/)" >&2; exit 1; }
