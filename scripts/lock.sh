#!/usr/bin/env bash
# Refresh requirements.lock: the exact versions of every Python package the project and its
# test tools install. scripts/setup.sh installs through it, so a fresh machine next month gets
# the versions the suite last passed with. Run this, run the whole suite, then commit the file.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$python" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
"$tmp/venv/bin/python" -m pip install -q --disable-pip-version-check ".[dev]"
{
  echo "# Exact versions installed by scripts/setup.sh (refresh with scripts/lock.sh, then run the suite)."
  "$tmp/venv/bin/python" -m pip freeze --exclude-editable --all | grep -viE '^(redactor( @|==)|pip==|setuptools==|wheel==)'
} > requirements.lock
echo "wrote requirements.lock ($(grep -vc '^#' requirements.lock) packages)" >&2
