#!/usr/bin/env bash
# Installs the Python packages named as arguments whose module cannot be imported yet.
# An argument is a package name, or MODULE=PACKAGE when they differ (yaml=pyyaml).
set -euo pipefail
missing=()
for argument in "$@"; do
  module=${argument%%=*}
  package=${argument#*=}
  python3 -c "import $module" 2>/dev/null || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Python packages: ${missing[*]}"
python3 -m pip install -q "${missing[@]}"
