#!/usr/bin/env bash
# Installs the Python packages named as arguments that cannot be imported yet
# (the tests read workbooks back with an independent reader).
set -euo pipefail
missing=()
for package in "$@"; do
  python3 -c "import $package" 2>/dev/null || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Python packages: ${missing[*]}"
python3 -m pip install -q "${missing[@]}"
